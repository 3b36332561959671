/**
 * `codesign evaluate`: evaluate a whole architecture set on one accelerator.
 *
 *     codesign evaluate --space nb301|alphanet|classic|FILE [--ids paper|all|1,2,3]
 *                       [--dataflow kcp_ws|rs|xp_ws|ykp_os|FILE] [--HW_file hw.m | --hw SPEC]
 *                       [--dsconv-dataflow dpt|...] [--gemm-dataflow nmk|...]
 *                       [--format csv|json|jsonl] [--out FILE]
 *
 * One row per architecture: id, layers, latency_cycles, energy_nj, macs, then accuracy, flops,
 * params where the space has them. A MAESTRO mapping file as the space is evaluated with its own
 * dataflows (as `codesign maestro` does) unless a dataflow flag is given. `--out -` is stdout.
 * Progress lines on stderr only for runs that last (as `search`'s bar: 1 s on a terminal, 10 s
 * otherwise; `--no-progress`: never). An architecture with a layer MAESTRO gives no result for (or
 * whose totals MAESTRO's 32-bit arithmetic would wrap: `guardOverflow`) has empty (csv) / null
 * (json) totals, and a warning on stderr names the first such layer. Bad flags or inputs: one
 * line on stderr, exit 2, checked before any work (including an unwritable `--out`).
 */
import { refuseEmptyPaths, refuseOutputsOverInputs } from './inputs-outputs.js';
import { checkOutPath, writeFileInChunks } from './output-file.js';
import { LinePace, type ProgressStream } from '../report/progress.js';
import type { Command } from 'commander';
import { echoInput, oneLine, UserError, withField } from '../errors.js';
import type { Hardware, Layer } from '../model/types.js';
import { CostModel } from '../model/costmodel.js';
import { checkMappedLayer, looksLikeJson, parseHardware, parseHardwareJson, readInputFile } from '../parse/index.js';
import { refuseHardwareList } from '../parse/load.js';
import { hardwareShortcut, readHardwareFile } from '../accelerators/hwfile.js';
import { expectedMacs, MAX_EXACT, overflowRisk } from '../parse/result-check.js';
import { idsFile, type ArchitectureSpace } from '../spaces/space.js';
import { isBuiltinDataflow } from '../dataflows/builtin.js';
import { MAESTRO_DEFAULT_HW, paperHardware } from '../accelerators/paper.js';
import { resolveDataflowSpec } from '../dataflows/resolve.js';
import { BUILTIN_SPACES, getSpace, parseIds } from '../spaces/index.js';
import { evaluateArchitectures, type ArchitectureResult, type ProgressFn } from '../evaluate/index.js';
import { csvCell } from '../parse/csv-cells.js';


/** Options of the evaluate command (as commander gives them). */
export interface EvaluateCliOptions {
  space: string;
  ids?: string;
  dataflow: string;
  dsconvDataflow: string;
  gemmDataflow: string;
  HW_file?: string;
  hw?: string;
  /** `--hw-id`: a configuration of a list by its id (of `HW_file`, else of the paper's accelerators). */
  hwId?: string;
  format: string;
  out?: string;
  progress?: boolean;
  /**
   * Evaluate a space that carries its own dataflows (a MAESTRO mapping file) with them, as
   * `codesign maestro` does, instead of `dataflow` / `dsconvDataflow` / `gemmDataflow`. The CLI
   * sets it when none of `--dataflow`, `--dsconv-dataflow`, `--gemm-dataflow` is given.
   */
  fileDataflows?: boolean;
}

/** Parse `--hw default|PES:L1:L2:NOC:OFFCHIP`. */
export function parseHwShortcut(spec: string): Hardware {
  if (spec === 'default') return { ...MAESTRO_DEFAULT_HW };
  const hw = hardwareShortcut(spec.trim(), '--hw');
  if (!hw) throw new UserError(`expected default or PES:L1:L2:NOC:OFFCHIP (e.g. 256:100:3000:1000:50), got '${spec}'`, { field: '--hw' });
  return hw;
}

/**
 * `--hw-id ID`: the configuration `id` of a list: `file` (a CSV or JSON list of configurations, as
 * `search --accelerators FILE` reads it), or without a file the paper's 50 accelerators (`search
 * --accelerators paper`), so that a search's answer can be evaluated by its accelerator's id.
 */
export function pickHardware(file: string | undefined, id: string): Hardware {
  let list: Hardware[];
  try {
    list = file === undefined ? paperHardware() : readHardwareFile(file);
  } catch (e) {
    throw withField(e, '--HW_file');
  }
  const hw = list.find((h) => h.id === id);
  if (hw) return hw;
  const ids = list.map((h) => h.id ?? '');
  // A search's accelerator id is `hardware/dataflow`: say how to give it here (a dataflow file is
  // named by its file name there: --dataflow needs its path).
  const slash = id.lastIndexOf('/');
  let hint = '';
  if (slash > 0 && ids.includes(id.slice(0, slash))) {
    const df = id.slice(slash + 1);
    hint = ` (a search's accelerator id is hardware/dataflow: give --hw-id ${id.slice(0, slash)} ${isBuiltinDataflow(df) ? `--dataflow ${df}` : `--dataflow with the path of the dataflow file ${df}`})`;
  }
  const shown = ids.slice(0, 5).map((i) => `'${echoInput(i)}'`).join(', ') + (ids.length > 5 ? `, ... (${ids.length} in all)` : '');
  throw new UserError(`no configuration '${echoInput(id)}' in ${file === undefined ? "the paper's accelerators" : file}${hint}; its ids: ${shown}`, { field: '--hw-id' });
}

function readHw(opts: EvaluateCliOptions): Hardware {
  if (opts.HW_file !== undefined && opts.hw !== undefined) throw new UserError('give either --HW_file or --hw, not both', { field: '--hw' });
  if (opts.hwId !== undefined) {
    if (opts.hw !== undefined) throw new UserError('give either --hw or --hw-id, not both', { field: '--hw-id' });
    return pickHardware(opts.HW_file, opts.hwId);
  }
  if (opts.HW_file !== undefined) {
    const file = opts.HW_file;
    refuseHardwareList(file, '--HW_file', ' (or pick one of its configurations with --hw-id ID)');
    let text: string;
    try {
      text = readInputFile(file); // one-line errors for missing files, directories, huge files
    } catch (e) {
      throw withField(e, '--HW_file');
    }
    return looksLikeJson(file, text) ? parseHardwareJson(text, file) : parseHardware(text, file); // MAESTRO .m or JSON
  }
  return parseHwShortcut(opts.hw ?? 'default');
}


/**
 * Overflow guard on architecture totals: MAESTRO's 32-bit arithmetic wraps on huge layers and
 * the exact model reproduces the garbage (see src/parse/result-check.ts). A result whose totals
 * are negative, not finite, beyond 2^53, or whose MAC count is off from the true MAC count of
 * its layers by more than MAESTRO's edge effects explain gets null totals and a failure. Only
 * architectures with a layer at risk (`overflowRisk`) are checked. This is a check on totals:
 * the per-layer check belongs in src/evaluate (it has the per-shape rows).
 */
export function guardOverflow(results: ArchitectureResult[], space: ArchitectureSpace, numPes: number): void {
  for (const r of results) {
    if (r.latency_cycles === null || r.energy_nj === null || r.macs === null) continue;
    const layers = space.layers(r.id);
    // Totals at 2^53 or beyond are not exact in a double, whatever made them that large (also a
    // huge NoC latency on small layers); below, only layers at risk can be off.
    const inexact = r.latency_cycles >= MAX_EXACT || r.macs >= MAX_EXACT;
    if (!inexact && !layers.some((l) => overflowRisk(l, numPes))) continue; // small layers: MAESTRO's numbers as they are
    let want = 0;
    let biggest = 0;
    layers.forEach((l, i) => {
      const m = expectedMacs(l);
      want += m;
      if (m > expectedMacs(layers[biggest])) biggest = i;
    });
    // The kernel rejects every wrap of MAESTRO's integer arithmetic; this is a backstop for
    // totals that are no longer exact: negative or non-finite values, integer counts above 2^53.
    const badCount = (v: number) => !(v >= 0) || v >= MAX_EXACT;
    const badEnergy = (v: number) => !(v >= 0) || !Number.isFinite(v);
    if (badCount(r.latency_cycles) || badCount(r.macs) || badEnergy(r.energy_nj)) {
      r.failures = [
        {
          position: biggest,
          shape: layers[biggest],
          reason:
            r.latency_cycles >= MAX_EXACT && r.macs >= 0 && r.macs < MAX_EXACT
              ? `network too large: its latency of about ${r.latency_cycles.toExponential(4)} cycles is beyond 2^53, not exact as a double`
              : r.macs >= MAX_EXACT && r.latency_cycles >= 0 && Number.isFinite(r.energy_nj)
                ? `network too large: its MAC count of about ${r.macs.toExponential(4)} is beyond 2^53, not exact as a double (codesign maestro prints each layer's count exactly)`
                : `network too large: its totals are not exact (${r.macs} MACs counted, the layers have ${want}; latency ${r.latency_cycles} cycles)`,
        },
      ];
      r.latency_cycles = null;
      r.energy_nj = null;
      r.macs = null;
    }
  }
}

const num = (v: number | null): string => (v === null ? '' : String(v));

/** Format results as csv, json or jsonl. */
export function formatResults(results: ArchitectureResult[], figureNames: string[], format: string): string {
  const cols = ['id', 'layers', 'latency_cycles', 'energy_nj', 'macs', ...figureNames];
  const record = (r: ArchitectureResult): Record<string, string | number | null> => {
    const o: Record<string, string | number | null> = {
      id: r.label === String(r.id) ? r.id : r.label, // a name stays a string, also `007` or `5` naming id 2
      layers: r.layers,
      latency_cycles: r.latency_cycles,
      energy_nj: r.energy_nj,
      macs: r.macs,
    };
    for (const f of figureNames) o[f] = r.figures[f];
    return o;
  };
  switch (format) {
    case 'csv': {
      const lines = [cols.join(',')];
      for (const r of results) {
        const o = record(r);
        lines.push(cols.map((c) => (typeof o[c] === 'string' ? csvCell(o[c] as string) : num(o[c] as number | null))).join(','));
      }
      return lines.join('\n') + '\n';
    }
    case 'json':
      return JSON.stringify(results.map(record), null, 1) + '\n';
    case 'jsonl':
      return results.map((r) => JSON.stringify(record(r))).join('\n') + '\n';
    default:
      throw new UserError(`expected csv, json or jsonl, got '${format}'`, { field: '--format' });
  }
}

export type { ProgressStream };

/**
 * Progress of `codesign evaluate`: {@link ProgressFn}'s phases, and `evaluating` (layers of
 * file-mapped networks evaluated so far, {@link evaluateFileMappings}).
 */
export type EvaluateProgressFn = (phase: Parameters<ProgressFn>[0] | 'evaluating', done: number, total: number) => void;

/**
 * Progress lines on `stream`, shown as `search` shows its progress bar (src/report/progress.ts):
 * only once the run has lasted 1 s on a terminal, 10 s otherwise (a log, a pipe), so a short run
 * prints none; then the layer count (building, or evaluating a mapping file's network) at most
 * every 0.5 s (terminal) / 10 s, the analysis, and the final count.
 */
export function stderrProgress(label: string, stream: ProgressStream = process.stderr, now: () => number = Date.now): EvaluateProgressFn {
  const pace = new LinePace(Boolean(stream.isTTY), now);
  return (phase, done, total) => {
    const counting = phase === 'layers' || phase === 'evaluating';
    const t = pace.due(!(counting && done < total));
    if (t === undefined) return;
    const s = pace.elapsed(t);
    if (phase === 'layers') stream.write(`codesign evaluate: ${label}: building layers ${done}/${total} (${s})\n`);
    else if (phase === 'evaluating') stream.write(`codesign evaluate: ${label}: evaluating layers ${done}/${total} (${s})\n`);
    else if (phase === 'analysis' && done === 0) stream.write(`codesign evaluate: ${label}: analysing ${total} distinct layer shapes\n`);
    else if (phase === 'done') stream.write(`codesign evaluate: ${label}: ${total} architectures evaluated in ${s}\n`);
  };
}

/**
 * Evaluate architectures `ids` of a space with the dataflows its file gives each layer
 * ({@link ArchitectureSpace.mapping}: a MAESTRO mapping file), each as ONE network with
 * `evaluateNetwork`, as `codesign maestro` evaluates the file: the same totals. `progress` gets
 * the layers evaluated so far (`evaluating`, of all the networks' layers) as the evaluation goes,
 * then `done`.
 */
export function evaluateFileMappings(
  model: CostModel,
  space: ArchitectureSpace,
  ids: readonly number[],
  hw: Hardware,
  progress?: EvaluateProgressFn,
): ArchitectureResult[] {
  // Layers evaluated so far, of all the networks (reported as the evaluation goes: slow layers).
  const total = progress ? ids.reduce((sum, id) => sum + space.mapping!(id).layers.length, 0) : 0;
  let before = 0;
  const out = ids.map((id): ArchitectureResult => {
    const net = space.mapping!(id);
    const r = model.evaluateNetwork(net, hw, progress ? { onProgress: (done) => progress('evaluating', before + done, total) } : {});
    before += net.layers.length;
    // No result: a rejected layer, or a row MAESTRO prints that is no cost (`noCost`), as with --dataflow.
    const failures = r.rows.flatMap((row, i) => {
      if (!('error' in row) && row.noCost === undefined) return [];
      const layer = net.layers[i];
      const shape: Layer = { name: layer.name, type: layer.type, strideX: layer.strideX, strideY: layer.strideY, dims: { ...layer.dims } };
      const reason = 'error' in row ? (checkMappedLayer(layer)?.reason ?? row.error.replace(`layer ${layer.name}: `, '')) : row.noCost!;
      return [{ position: i, shape, reason }];
    });
    const valid = failures.length === 0;
    const figures: Record<string, number> = {};
    for (const c of space.columns) figures[c.name] = c.values[id];
    return {
      id,
      label: space.label(id),
      layers: net.layers.length,
      latency_cycles: valid ? r.totals.runtime : null,
      energy_nj: valid ? r.totals.energy_nj : null,
      macs: valid ? r.totals.num_macs : null,
      figures,
      failures,
    };
  });
  progress?.('done', ids.length, ids.length);
  return out;
}

/** Run `codesign evaluate` with parsed options; returns the output text (also written). */
export async function runEvaluate(opts: EvaluateCliOptions): Promise<string> {
  refuseEmptyPaths([['--space', opts.space], ['--HW_file', opts.HW_file], ['--out', opts.out]]);
  const space = getSpace(opts.space, '--space');
  const ids = parseIds(opts.ids ?? (space.paperIds ? 'paper' : 'all'), space);
  if (ids.length === 0) throw new UserError('no architectures selected', { field: '--ids' });
  if (!['csv', 'json', 'jsonl'].includes(opts.format)) throw new UserError(`expected csv, json or jsonl, got '${opts.format}'`, { field: '--format' });
  const main = resolveDataflowSpec(opts.dataflow, '--dataflow');
  const dsconv = resolveDataflowSpec(opts.dsconvDataflow, '--dsconv-dataflow');
  const gemm = resolveDataflowSpec(opts.gemmDataflow, '--gemm-dataflow');
  const hw = readHw(opts);
  const out = opts.out === '-' ? undefined : opts.out; // `--out -`: stdout, as `codesign maestro`
  if (out !== undefined) checkOutPath(out);
  refuseOutputsOverInputs(
    [['--out', out]],
    [
      ['--space', (BUILTIN_SPACES as readonly string[]).includes(opts.space) ? undefined : opts.space], // (a built-in space is no file)
      ...(space.files ?? []).map((f) => ['--space', f] as const), ['--ids', idsFile(opts.ids)], ['--HW_file', opts.HW_file],
      ...([['--dataflow', opts.dataflow], ['--dsconv-dataflow', opts.dsconvDataflow], ['--gemm-dataflow', opts.gemmDataflow]] as const).filter(([, df]) => !isBuiltinDataflow(df)),
    ],
    out === undefined,
  );
  const model = await CostModel.load();
  const progress = opts.progress === false ? undefined : stderrProgress(space.name);
  const results =
    opts.fileDataflows && space.mapping
      ? evaluateFileMappings(model, space, ids, hw, progress)
      : evaluateArchitectures(model, space, ids, hw, { main, dsconv, gemm }, progress);
  guardOverflow(results, space, hw.numPes);
  const bad = results.filter((r) => r.failures.length > 0);
  if (bad.length > 0) {
    const f = bad[0].failures[0];
    // (the layer's own name: a failure's shape is shared by all the layers of that shape)
    const name = space.layers(bad[0].id)[f.position]?.name ?? f.shape.name;
    process.stderr.write(
      `codesign evaluate: warning: ${bad.length} of ${results.length} architectures have layers without a MAESTRO result ` +
        oneLine(`(empty totals); first: ${space.name} id ${bad[0].label}, layer ${f.position}${name ? ` ${name}` : ''} (${f.shape.type}): ${f.reason}`) + '\n',
    );
  }
  const text = formatResults(results, space.columns.map((c) => c.name), opts.format);
  if (out !== undefined) {
    try {
      writeFileInChunks(out, 'w', (write) => write(text)); // replaced only once complete
    } catch (e) {
      throw new UserError(`cannot write file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { file: out, field: '--out' });
    }
  } else {
    process.stdout.write(text); // (a closed pipe, `| head`, is not an error: see main.ts)
  }
  return text;
}

/** Register the `evaluate` command on the program. */
export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description('Evaluate an architecture set (nb301, alphanet, classic, or a MAESTRO/JSON network file) on one accelerator')
    // (required, but checked in the action: commander's own check came before its unknown-option
    // check, so `--spa nb301` said "--space not specified" instead of naming --spa)
    .option('--space <space>', 'nb301 | alphanet | classic | FILE (MAESTRO mapping/model file, JSON network list or {"architectures": [...]}) (required)')
    .option('--ids <ids>', 'paper | all | list of ids, ranges A-B or network names | @FILE (default: paper if the space has it, else all)')
    .option('--dataflow <dataflow>', 'dataflow for CONV layers: kcp_ws | rs | xp_ws | ykp_os | dpt | nmk | FILE (a dataflow file: one Dataflow block, or JSON) (default: kcp_ws; a MAESTRO mapping file as --space keeps its own dataflows unless one of the three dataflow flags is given)')
    .option('--dsconv-dataflow <dataflow>', 'dataflow for DSCONV (depthwise) layers (default: dpt, as the paper)')
    .option('--gemm-dataflow <dataflow>', 'dataflow for GEMM layers (default: nmk, as the paper)')
    .option('--HW_file <file>', 'hardware file: MAESTRO .m or a JSON object; with --hw-id, a list (CSV or JSON) to pick from')
    .option('--hw <spec>', 'hardware shortcut: default (256 PEs, L1 100, L2 3000, NoC 1000, off-chip 50) or PES:L1:L2:NOC:OFFCHIP')
    .option('--hw-id <id>', "a configuration of a list by its id: of --HW_file FILE (a CSV or JSON list, as search --accelerators reads it), else of the paper's 50 accelerators (accelerator_1 ... accelerator_51, no accelerator_11: search --accelerators paper)")
    .option('--format <format>', 'csv | json | jsonl', 'csv')
    .option('--out <file>', 'write the results to FILE instead of stdout (- = stdout)')
    .option('--no-progress', 'no progress lines on stderr')
    .action(async (opts: EvaluateCliOptions, cmd: Command) => {
      if (opts.space === undefined) throw new UserError("required option '--space <space>' not specified");
      const given = (k: string) => ![undefined, 'default'].includes(cmd.getOptionValueSource(k));
      // (the defaults are in the help's words, not commander's: a mapping file keeps its own dataflows)
      await runEvaluate({
        ...opts,
        dataflow: opts.dataflow ?? 'kcp_ws',
        dsconvDataflow: opts.dsconvDataflow ?? 'dpt',
        gemmDataflow: opts.gemmDataflow ?? 'nmk',
        fileDataflows: !['dataflow', 'dsconvDataflow', 'gemmDataflow'].some(given),
      });
    });
}
