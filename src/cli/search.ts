/**
 * `codesign search`: the semi-decoupled co-design search (Lu et al., tinyML 2022), its fully coupled
 * baseline and a certified variant, over an architecture space x accelerators (hardware x dataflows).
 *
 * `codesign search` with no arguments: the paper's NB301 experiment (paper ids, the paper's 50
 * accelerators, dataflows kcp_ws,rs,xp_ws, mode all = semi + full + certified) with quality = FLOPs
 * (announced on stderr: NB301 has no accuracy here) and a short human summary on stderr (also
 * printed whenever stderr is a terminal, or with --summary).
 */
import { refuseEmptyPaths, refuseOutputsOverInputs, type NamedFile } from './inputs-outputs.js';
import { existsSync, readFileSync } from 'node:fs';
import { checkOutPath, INTERRUPT_SIGNALS, STDOUT_PATH, writeFileInChunks, writeFileInChunksInterruptible } from './output-file.js';
import { resolve as resolvePath } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { Option } from 'commander';
import { UserError } from '../errors.js';
import { proxyIdClash } from '../search/check-config.js';
import { SEARCH_DEFAULTS } from '../search/defaults.js';
import { decimalNumber, decimalWhyNot } from './numbers.js';
import { createModuleEvaluator, loadEvaluatorModule, namingModuleErrors } from './evaluator-module.js';
import { acceleratorKey, buildAccelerators, checkDataflowFileName, parseDataflows, parseHardwareSpec, parseProxy, BUILTIN_DATAFLOWS } from '../accelerators/accelerators.js';
import { resolveDataflowSpec } from '../dataflows/resolve.js';
import { loadSearchSpace, parseIds, resolveQuality, type SearchSpace } from '../search/spaces.js';
import { idsFile } from '../spaces/space.js';
import { BUILTIN_SPACES as BUILTIN_SPACE_NAMES } from '../spaces/index.js';
import type { CompiledSpace } from '../evaluate/compile.js';
import { runCodesign, type RunConfig, type RunResult, type ThresholdSpec } from '../search/run.js';
import { checkpointIdentity } from '../search/checkpoint-identity.js';
import { PoolEvaluator, compiledModule } from '../search/pool.js';
import { FallbackEvaluator, ModelArchEvaluator, compileIds, type SpaceEvaluatorSpec } from '../search/space-evaluator.js';
import type { ArchEvaluator, Objective, SearchMode } from '../search/types.js';
import type { SelectionMode } from '../search/pareto.js';
import { PhaseLog, ProgressBar, type Phase } from '../report/progress.js';
import { resultJson } from '../report/json.js';
import { evaluatedPointsCsvChunks } from '../report/csv.js';
import { reportHtml } from '../report/html.js';
import { summaryText } from '../report/summary.js';

/** Parsed `codesign search` options. */
export interface SearchCliOptions {
  space?: string;
  ids: string;
  accelerators: string;
  dataflows: string;
  objective: Objective;
  mode: SearchMode;
  quality?: string;
  proxy?: string;
  thresholds: string;
  /** Phase-1 selection: `pareto` (default) or `per-threshold` (needs explicit --thresholds). */
  select: SelectionMode;
  tolerance: string;
  topK?: string;
  latencyCap?: string;
  energyCap?: string;
  invalid: 'infeasible' | 'skip';
  workers?: string;
  chunk?: string;
  out?: string;
  csv?: string;
  report?: string;
  checkpoint?: string;
  correlations: boolean;
  timings: boolean;
  summary?: boolean;
  progress: boolean;
  evaluator?: string;
  memo: boolean;
}

/**
 * Below this estimated single-thread cost (microseconds) of a full sweep, the default runs
 * in-process: starting workers (a thread, the modules, the Wasm instance and the compiled space
 * each) would cost more than the work they could share.
 */
export const IN_PROCESS_MICROS = 3_000_000;

/**
 * In-process computing time (ms) after which a job run in-process by default (estimated below
 * {@link IN_PROCESS_MICROS}) moves to worker threads: the estimate (from layer counts) was far too
 * low, e.g. for a dataflow with very many iteration cases per layer. Results are identical.
 */
export const FALLBACK_MS = IN_PROCESS_MICROS / 1000;

/**
 * Rough single-thread cost (microseconds) of a full sweep over `accelerators`: memoized, one
 * analysis per distinct shape (~20 us) plus summing every layer of every network (~4 ns); per
 * network (`--no-memo`), every layer analysed (~10 us).
 */
export function estimatedMicros(compiled: CompiledSpace, accelerators: number, memo: boolean): number {
  const layers = compiled.offsets[compiled.count];
  return memo ? (compiled.shapes.length * 20 + layers * 0.004) * accelerators : layers * 10 * accelerators;
}

/** A stream that drops what it is given (`--no-progress`). */
const SILENT = { write: () => true };

/** Line breaks in `text`. */
function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}


/** Spaces shipped with the package (fixed data: no digest needed). */
const BUILTIN_SPACES = new Set<string>(BUILTIN_SPACE_NAMES);

function positiveNumber(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = decimalNumber(v);
  if (n === undefined || n <= 0) throw new UserError(`expected a positive number, got '${v}'${n === undefined ? decimalWhyNot(v) : ''}`, { field: flag });
  return n;
}

function parseThresholds(spec: string): ThresholdSpec {
  if (spec === 'pareto' || spec === 'all') return spec;
  const items = spec.split(',');
  const list = items.map(decimalNumber);
  const bad = items.find((_, i) => list[i] === undefined);
  if (bad !== undefined)
    throw new UserError(`expected pareto, all or comma-separated numbers, got '${spec}'${decimalWhyNot(bad)}`, { field: '--thresholds' });
  return list as number[];
}

/** Most worker threads `--workers` accepts: 4 per available CPU, at most 256. */
export function maxWorkers(): number {
  return Math.min(256, 4 * availableParallelism());
}

/**
 * Worker threads to start: `--workers` (already checked against {@link maxWorkers}) or the default
 * (CPU count; 0 = in-process for a job too small to repay starting workers), never more than the
 * evaluator calls (`tasks`) that could ever run at once.
 */
export function chooseWorkers(explicit: number | undefined, tasks: number, small: boolean): number {
  return Math.max(0, Math.min(tasks, explicit ?? (small ? 0 : availableParallelism())));
}

/**
 * The files a search reads, by flag: the space file (and the model files it names), an `@FILE`
 * id list, the quality CSV, accelerator / proxy / dataflow files, the evaluator module. Keywords
 * (`nb301`, `rs`, `default`, `paper`) are left out: a file of that name is not what they mean.
 */
function searchInputFiles(opts: SearchCliOptions, space: SearchSpace): NamedFile[] {
  const keywords = new Set([...BUILTIN_SPACES, 'paper', 'grid', 'default', 'per-dataflow', 'accuracy', 'flops', 'params', ...BUILTIN_DATAFLOWS]);
  const list = (flag: string, spec: string | undefined) => (spec ?? '').split(',').map((s) => [flag, s.trim()] as const);
  const out: NamedFile[] = [['--space', space.name], ...(space.files ?? []).map((f) => ['--space', f] as const), ['--ids', idsFile(opts.ids)], ['--quality', opts.quality], ['--accelerators', opts.accelerators], ['--evaluator', opts.evaluator]];
  out.push(...list('--dataflows', opts.dataflows));
  // a proxy FILE, or FILE/DATAFLOW (either side may be a file)
  for (const [flag, p] of list('--proxy', opts.proxy)) {
    out.push([flag, p]);
    for (let i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) out.push([flag, p.slice(0, i)], [flag, p.slice(i + 1)]);
  }
  return out.filter(([, f]) => f === undefined || !keywords.has(f));
}

/** The output flags of `codesign search`, in the order they are written. */
const OUTPUT_FLAGS = [
  ['out', '--out'],
  ['csv', '--csv'],
  ['report', '--report'],
  ['checkpoint', '--checkpoint'],
] as const;

/**
 * Fail fast, before any work, when an output file cannot be written (missing or non-directory
 * parent, a directory given as file: `checkOutPath`) or when two output flags name
 * the same file (one would overwrite the other, e.g. the checkpoint).
 */
export function checkOutputPaths(opts: Pick<SearchCliOptions, 'out' | 'csv' | 'report' | 'checkpoint'>): void {
  const seen = new Map<string, string>();
  for (const [key, flag] of OUTPUT_FLAGS) {
    const file = opts[key];
    if (file === undefined) continue;
    if (file === STDOUT_PATH) {
      // '-' = standard output, for one of --out / --csv / --report (a checkpoint must be a file).
      if (key === 'checkpoint') throw new UserError("the checkpoint must be a file, not '-' (standard output)", { field: flag });
      const other = seen.get(STDOUT_PATH);
      if (other) throw new UserError(`standard output is already taken by ${other}: give one of them a file`, { field: flag });
      seen.set(STDOUT_PATH, flag);
      continue;
    }
    checkOutPath(file, flag);
    const abs = resolvePath(file);
    const other = seen.get(abs);
    if (other) throw new UserError(`same file as ${other}: give each output its own file`, { file, field: flag });
    seen.set(abs, flag);
  }
}

/** Write an output file; a failure is one line (`<file>: --out: cannot write file (ENOENT)`), exit 2. */
function writeOutput(file: string, flag: string, text: string): void {
  writeOutputChunks(file, flag, (write) => write(text));
}

/** Write an output file from the chunks `produce` hands to its callback (large outputs); errors as {@link writeOutput}. */
function writeOutputChunks(file: string, flag: string, produce: (write: (chunk: string) => void) => void): void {
  try {
    writeFileInChunks(file, 'w', produce);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e; // not an I/O error
    throw new UserError(`cannot write file (${code})`, { file, field: flag });
  }
}

/**
 * The warning for a run without a single answer (every threshold's answer null in every search):
 * every pair infeasible (layers the cost model rejects, caps) or no architecture reaching the
 * thresholds. The exit code stays 0 (the JSON says the same); the line says it where people look.
 */
export function noAnswerWarning(result: Pick<RunResult, 'perThreshold'>): string | undefined {
  const rows = result.perThreshold;
  if (rows.length === 0 || rows.some((r) => r.semi || r.full || r.certified)) return undefined;
  return (
    `codesign search: warning: no answer at ${rows.length === 1 ? 'the 1 threshold' : `any of the ${rows.length} thresholds`}: ` +
    'every (architecture, accelerator) pair is infeasible (layers the cost model rejects, see --invalid; ' +
    '--latency-cap / --energy-cap) or no architecture reaches the quality threshold\n'
  );
}

/**
 * Name the architecture of every answer (`archLabel`) when the space names its architectures
 * (a JSON network list, the classic networks): answers can then be read without the file's order.
 */
export function labelAnswers(result: Pick<RunResult, 'perThreshold'>, space: Pick<SearchSpace, 'label'>): void {
  const label = space.label;
  if (!label) return;
  for (const row of result.perThreshold)
    for (const a of [row.semi, row.full, row.certified]) {
      if (!a) continue;
      const name = label(a.archId);
      if (name !== String(a.archId)) a.archLabel = name;
    }
}

/** Run `codesign search` with parsed options; returns the exit code. */
export async function runSearchCommand(opts: SearchCliOptions, noArgs: boolean): Promise<number> {
  refuseEmptyPaths([
    ['--space', opts.space], ['--quality', opts.quality], ['--out', opts.out], ['--csv', opts.csv], ['--report', opts.report], ['--checkpoint', opts.checkpoint], ['--evaluator', opts.evaluator],
  ]);
  const spaceSpec = opts.space ?? SEARCH_DEFAULTS.space;
  let qualitySpec = opts.quality;
  if (noArgs && qualitySpec === undefined && spaceSpec === 'nb301') {
    qualitySpec = 'flops';
    process.stderr.write('codesign search: no arguments: the paper\'s NB301 experiment; quality = flops (NB301 has no accuracy here; use --quality to choose)\n');
  }
  // Long phases outside the evaluation (its progress bar) say so on stderr (src/report/progress.ts).
  let bar: ProgressBar | undefined;
  const phases = new PhaseLog({ prefix: 'codesign search', stream: opts.progress ? process.stderr : SILENT, beforeLine: () => bar?.clear() });
  const space = phases.run(`loading space ${spaceSpec}`, () => loadSearchSpace(spaceSpec), (s) => `${s.size} architectures`);
  const ids = phases.run('reading --ids', () => parseIds(opts.ids, space), (list) => `${list.length} architectures`);
  const quality = phases.run('reading --quality', () => resolveQuality(qualitySpec, space, ids));
  const dataflows = parseDataflows(opts.dataflows);
  for (const df of dataflows) checkDataflowFileName(df, resolveDataflowSpec(df, '--dataflows'), '--dataflows'); // validate up front (UserError)
  const hardware = parseHardwareSpec(opts.accelerators);
  const accelerators = buildAccelerators(hardware, dataflows);
  const proxies =
    opts.proxy === 'per-dataflow'
      ? dataflows.map((df) => parseProxy('default', hardware, df))
      : (opts.proxy ?? SEARCH_DEFAULTS.proxy).split(',').map((p) => parseProxy(p.trim(), hardware, dataflows[0]));
  for (const p of proxies) checkDataflowFileName(p.dataflow, resolveDataflowSpec(p.dataflow, '--proxy'), '--proxy');
  const proxyKeys = proxies.map((p) => acceleratorKey(p.hw, p.dataflow));
  if (new Set(proxyKeys).size !== proxyKeys.length) throw new UserError('the same proxy accelerator is listed twice', { field: '--proxy' });
  // Ids name the configurations in the results (the default proxy is `maestro-default`: an
  // accelerator file may use that id for other values).
  const clash = proxyIdClash(proxies, hardware);
  if (clash) {
    const id = proxies[clash.proxy]!.hw.id;
    if ('proxy' in clash.with) throw new UserError(`two proxies with other hardware share the id '${id}' (ids name the configurations in the results): rename one`, { field: '--proxy' });
    throw new UserError(`the proxy's id '${id}' names an accelerator's hardware with other values (ids name the configurations in the results): rename that accelerator, or give it as the proxy (--proxy ${id})`, { field: opts.proxy === undefined ? '--accelerators' : '--proxy' });
  }
  const objective = opts.objective;
  if (!['latency', 'energy', 'edp'].includes(objective)) throw new UserError(`unknown objective '${objective}'`, { field: '--objective' });
  const tolerance = decimalNumber(opts.tolerance) ?? NaN;
  if (!(tolerance >= 0)) throw new UserError(`expected a number >= 0, got '${opts.tolerance}'${decimalWhyNot(opts.tolerance)}`, { field: '--tolerance' });
  const topK = opts.topK !== undefined ? positiveNumber(opts.topK, '--top-k') : undefined;
  if (topK !== undefined && !Number.isInteger(topK)) throw new UserError(`expected a positive integer, got '${opts.topK}'`, { field: '--top-k' });
  const select = opts.select ?? SEARCH_DEFAULTS.select;
  if (select !== 'pareto' && select !== 'per-threshold') throw new UserError(`expected pareto or per-threshold, got '${select}'`, { field: '--select' });
  const thresholds = parseThresholds(opts.thresholds);
  if (select === 'per-threshold' && !Array.isArray(thresholds))
    throw new UserError(`per-threshold selection needs explicit thresholds (--thresholds 70,71,...), got '${opts.thresholds}'`, { field: '--select' });
  const explicitWorkers = opts.workers !== undefined ? Number(opts.workers) : undefined;
  if (explicitWorkers !== undefined && (!/^\s*\d+\s*$/.test(opts.workers!) || !Number.isInteger(explicitWorkers)))
    throw new UserError(`expected an integer >= 0, got '${opts.workers}'`, { field: '--workers' });
  const cap = maxWorkers();
  if (explicitWorkers !== undefined && explicitWorkers > cap)
    throw new UserError(`at most ${cap} worker threads (4 per available CPU, max 256), got ${opts.workers!.trim()}`, { field: '--workers' });
  // Architectures per evaluator call (worker task): memoized evaluation is a cheap sum per network,
  // so one call per accelerator; per-network evaluation (--no-memo) costs ms per network: small tasks
  // keep every worker busy and the checkpoint fine-grained.
  const chunk = positiveNumber(opts.chunk, '--chunk') ?? (opts.memo ? 4096 : 32);
  if (!Number.isInteger(chunk)) throw new UserError(`expected a positive integer, got '${opts.chunk}'`, { field: '--chunk' });

  // Compile once (distinct layer shapes + per-architecture sequences): used here for the analysis
  // counts and by the evaluator, and sent once to each worker (workers never reload the space).
  checkOutputPaths(opts); // before any work
  refuseOutputsOverInputs(
    OUTPUT_FLAGS.map(([key, flag]) => [flag, opts[key]] as const),
    searchInputFiles(opts, space),
    opts.out === undefined || OUTPUT_FLAGS.some(([key]) => opts[key] === STDOUT_PATH),
  );
  const compiled = phases.run(`compiling ${ids.length} architectures`, () => compileIds(space, ids), (c) => `${c.shapes.length} distinct layer shapes`);
  const spec: SpaceEvaluatorSpec = { space: spaceSpec, ids, invalid: opts.invalid, memo: opts.memo, compiled };
  const module = opts.evaluator ? resolvePath(opts.evaluator) : undefined;
  // A user's evaluator module is loaded here first: a bad one is one line, before any worker starts.
  const createEvaluator = module !== undefined ? await loadEvaluatorModule(module) : undefined;
  // Default workers: CPU count, but a job too small to repay starting workers runs in-process
  // (results are identical either way: evaluations are pure functions of their inputs).
  const micros = estimatedMicros(compiled, accelerators.length + proxies.length, opts.memo);
  // Never more workers than evaluator calls could ever run at once (chunks x accelerators).
  const tasks = Math.ceil(ids.length / chunk) * (accelerators.length + proxies.length);
  const workers = chooseWorkers(explicitWorkers, tasks, module === undefined && micros < IN_PROCESS_MICROS);
  bar = opts.progress ? new ProgressBar() : undefined;
  const pool = (threads: number) =>
    new PoolEvaluator({
      module: module ?? compiledModule('space-evaluator'),
      spec: module ? { ...spec, compiled: undefined } : spec,
      workers: threads,
      onRetry: (err, attempt) => {
        bar?.clear();
        process.stderr.write(`codesign search: worker failed (${(err as Error)?.message ?? err}); retrying (attempt ${attempt})\n`);
      },
    });
  let evaluator: ArchEvaluator;
  if (workers > 0) evaluator = pool(workers);
  else if (module && createEvaluator) evaluator = await createModuleEvaluator(module, createEvaluator, spec);
  else {
    // In-process (sliced by the search, so signals and progress get through). A default choice
    // made on the estimate moves to workers when the work turns out far larger.
    const local = new ModelArchEvaluator(spec);
    const threads = chooseWorkers(undefined, tasks, false);
    evaluator =
      explicitWorkers === undefined && threads > 1
        ? new FallbackEvaluator(local, {
            afterMs: FALLBACK_MS,
            start: () => pool(threads),
            onMove: (ms) => {
              if (!bar) return;
              bar.clear();
              process.stderr.write(`codesign search: the evaluation takes longer than estimated (${(ms / 1000).toFixed(1)} s in-process): moving it to ${threads} worker threads\n`);
            },
          })
        : local;
  }
  if (module !== undefined) evaluator = namingModuleErrors(evaluator, module); // its failures name it

  const cfg: RunConfig = {
    space: spaceSpec,
    archIds: Int32Array.from(ids),
    quality: quality.values,
    qualityName: quality.name,
    accelerators,
    proxies,
    problem: {
      objective,
      ...(opts.latencyCap !== undefined ? { latencyCap: positiveNumber(opts.latencyCap, '--latency-cap') } : {}),
      ...(opts.energyCap !== undefined ? { energyCap: positiveNumber(opts.energyCap, '--energy-cap') } : {}),
    },
    selection: { mode: select, tolerance, ...(topK ? { topK } : {}) },
    thresholds,
    mode: opts.mode,
    invalid: opts.invalid,
    // (a module's numbers need not shrink with bandwidth: certified's bounds are not proven for it)
    ...(module !== undefined ? { monotoneInBandwidth: false } : {}),
    checkpoint: opts.checkpoint,
    evaluatorTag:
      opts.checkpoint !== undefined
        ? checkpointIdentity({
            module,
            invalid: opts.invalid,
            space,
            dataflows: [...dataflows, ...proxies.map((p) => p.dataflow)],
            digestSpace: (label, work) => phases.run(label, (phase) => work((done) => phase.tick(`${done} done`))),
          })
        : undefined,
    chunkSize: chunk,
    correlations: opts.correlations,
    shapes: compiled,
    onProgress: bar ? (label, d, t) => bar!.update(label, d, t) : undefined,
    onStep: (step, done) => {
      if (!done) correlationPhase = phases.start('rank correlations');
      else correlationPhase?.end();
    },
  };
  let correlationPhase: Phase | undefined;

  // Ctrl-C / SIGTERM: stop evaluating, shut the pool down, let the run close its checkpoint (every
  // finished batch is already in it, each as one complete line), exit 130. A second signal exits at once.
  const abort = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    bar?.clear();
    abort.abort();
    void evaluator.close?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result;
  // An in-process module whose evaluate() returns a promise that never settles leaves nothing to
  // run: Node would exit 0 without a word. The event loop emptying ends the run with an error instead.
  let stalled = (): void => {};
  const stall = new Promise<never>((_, reject) => {
    stalled = () => {
      abort.abort(); // (the run closes its checkpoint and lock)
      reject(new UserError(`module ${module} never answered: its evaluate() returned a promise that never settles`, { field: '--evaluator' }));
    };
  });
  const run = runCodesign({ ...cfg, signal: abort.signal }, evaluator);
  if (module !== undefined) process.once('beforeExit', stalled);
  try {
    result = await (module !== undefined ? Promise.race([run, stall]) : run);
  } catch (err) {
    if (interrupted) {
      // reported below
    } else throw err;
  } finally {
    process.removeListener('beforeExit', stalled);
    bar?.done();
    await evaluator.close?.();
    // A signal that came during synchronous work (the rank correlations) is delivered only once the
    // event loop turns: let it, before the handlers go (it was lost: exit 0).
    await new Promise<void>((resolve) => setImmediate(resolve));
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  if (interrupted || !result) {
    process.stderr.write(`codesign search: interrupted${cfg.checkpoint ? `; finished evaluations are in ${cfg.checkpoint} (rerun the same command to resume)` : ''}\n`);
    return 130;
  }
  // Ctrl-C / SIGTERM while the outputs are written: the one being written is completed (the CSV,
  // written in chunks, is stopped and left as it was), the others are not started, and one line
  // says which were written (a signal here used to end the process with no word, its outputs mixed).
  let stop: NodeJS.Signals | undefined;
  const onStop = (s: NodeJS.Signals) => {
    stop ??= s;
  };
  for (const s of INTERRUPT_SIGNALS) process.on(s, onStop);
  try {
    return await writeOutputs(result, opts, noArgs, cfg, space, phases, () => stop !== undefined);
  } finally {
    for (const s of INTERRUPT_SIGNALS) process.removeListener(s, onStop);
  }
}

/**
 * The outputs of a finished run (JSON, CSV, report, summary), in that order; `stopped()` is
 * asked after each (a signal is delivered when the event loop turns): then the rest is not
 * written and one line says what was. Returns the exit code (130 when stopped).
 */
async function writeOutputs(result: RunResult, opts: SearchCliOptions, noArgs: boolean, cfg: RunConfig, space: SearchSpace, phases: PhaseLog, stopped: () => boolean): Promise<number> {
  const written: string[] = [];
  const planned = ([['--out', opts.out], ['--csv', opts.csv], ['--report', opts.report]] as const).filter(([, f]) => f !== undefined && f !== STDOUT_PATH);
  // `csv`: how the CSV was left when the signal stopped its write (`left as it was` / `is incomplete`).
  const interrupted = async (csv?: string): Promise<boolean> => {
    await new Promise<void>((resolve) => setImmediate(resolve)); // (a signal is delivered here)
    if (!stopped() && csv === undefined) return false;
    const left = planned.filter(([flag]) => !written.includes(flag) && !(csv && flag === '--csv')).map(([flag, f]) => `${flag} ${f}`);
    const wrote = planned.filter(([flag]) => written.includes(flag)).map(([flag, f]) => `${flag} ${f}`);
    process.stderr.write(
      `codesign search: interrupted while writing ${csv ? `--csv; ${opts.csv} ${csv}` : 'the outputs'}${wrote.length ? `; wrote ${wrote.join(', ')}` : ''}${left.length ? `; not written: ${left.join(', ')}` : ''}\n`,
    );
    return true;
  };
  labelAnswers(result, space);
  const noAnswer = noAnswerWarning(result);
  if (noAnswer) process.stderr.write(noAnswer);
  const json = phases.run('serializing the JSON result', () => resultJson(result, { timings: opts.timings }));
  const stdoutTaken = [opts.csv, opts.report].includes(STDOUT_PATH);
  if (opts.out) phases.run(`writing --out ${opts.out}`, () => writeOutput(opts.out!, '--out', json));
  else if (stdoutTaken) {
    // stdout carries the CSV / report: the JSON only with --out FILE
  } else if (process.stdout.isTTY)
    process.stderr.write('codesign search: JSON result not printed on a terminal: use --out FILE (or pipe stdout)\n');
  else process.stdout.write(json); // (a closed pipe, `| head`, is not an error: see main.ts)
  if (opts.out) written.push('--out');
  if (await interrupted()) return 130;
  if (opts.csv) {
    // The largest output (a line per evaluated point): written so that Ctrl-C / SIGTERM stops it
    // between chunks and leaves the file as it was (see writeFileInChunksInterruptible).
    const csv = opts.csv;
    const phase = phases.start(`writing --csv ${csv}`);
    let lines = 0;
    const counted = function* (chunks: Iterable<string>): Generator<string> {
      for (const chunk of chunks) {
        yield chunk;
        lines += newlines(chunk);
        phase.tick(() => `${lines} lines so far`);
      }
    };
    let w;
    try {
      w = await writeFileInChunksInterruptible(csv, 'w', counted(evaluatedPointsCsvChunks(result, cfg.archIds, cfg.quality)));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === undefined) throw e; // not an I/O error
      throw new UserError(`cannot write file (${code})`, { file: csv, field: '--csv' });
    }
    if (w.interrupted) {
      await interrupted(w.restored ? 'left as it was' : 'is incomplete');
      return 130;
    }
    phase.end(`${lines} lines`);
    written.push('--csv');
    if (await interrupted()) return 130;
  }
  if (opts.report) {
    const report = opts.report;
    phases.run(`writing --report ${report}`, () => writeOutput(report, '--report', reportHtml(result, cfg.archIds, cfg.quality)));
    written.push('--report');
    if (await interrupted()) return 130;
  }
  if (opts.summary ?? (noArgs || Boolean(process.stderr.isTTY))) {
    const wrote = [opts.out, opts.csv, opts.report].filter((f): f is string => f !== undefined).map((f) => (f === STDOUT_PATH ? 'stdout' : f));
    process.stderr.write(summaryText(result) + (wrote.length ? `  wrote ${wrote.join(', ')}\n` : ''));
  }
  return 0;
}

/** Register the `search` command on the program. */
export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('Semi-decoupled HW/SW co-design search (Lu et al. 2022), its fully coupled baseline, and a certified variant')
    .option('--space <space>', 'nb301 | alphanet | classic | FILE (MAESTRO mapping/model file, JSON network list or {"architectures": [...]}; default nb301)')
    .option('--ids <ids>', 'architectures: paper | all | ids/ranges "0-99,120" | names | @FILE', SEARCH_DEFAULTS.ids)
    .option('--accelerators <spec>', 'hardware: paper (50 configs) | grid | random:N:SEED | default | PES:L1:L2:NOC:OFF[,...] | FILE (.json/.csv/.m)', SEARCH_DEFAULTS.accelerators)
    .option('--dataflows <list>', 'comma-separated: kcp_ws, rs, xp_ws, ykp_os or dataflow files', SEARCH_DEFAULTS.dataflows.join(','))
    .addOption(new Option('--objective <o>', 'what to minimise').choices(['latency', 'energy', 'edp']).default(SEARCH_DEFAULTS.objective))
    .addOption(new Option('--mode <m>', 'searches to run: semi-decoupled, fully coupled, both, semi + certified completion, or all three').choices(['semi', 'full', 'both', 'certified', 'all']).default(SEARCH_DEFAULTS.mode))
    .option('--quality <q>', 'accuracy | flops | params | FILE.csv (id,quality); required when the space has no accuracy')
    .option('--proxy <list>', 'phase-1 proxy accelerator(s), comma-separated: default | PES:L1:L2:NOC:OFF | HW_ID | FILE, each optionally /DATAFLOW; or per-dataflow (MAESTRO default hw with each dataflow; S = union). Default: MAESTRO default hw, first dataflow')
    .option('--thresholds <t>', 'quality thresholds: pareto (distinct levels of S) | all | comma list', SEARCH_DEFAULTS.thresholds)
    .addOption(new Option('--select <how>', 'phase-1 selection of S: pareto (the proxy Pareto set, for any threshold) | per-threshold (for each explicit --thresholds value, the best on the proxy among the architectures reaching it, within --tolerance, plus --top-k)').choices(['pareto', 'per-threshold']).default(SEARCH_DEFAULTS.select))
    .option('--tolerance <t>', 'widen S: keep points within a factor (1+t) of the proxy Pareto front (per-threshold: of the best proxy objective)', String(SEARCH_DEFAULTS.tolerance))
    .option('--top-k <k>', 'widen S: also keep the k best per quality level (per-threshold: per threshold) on the proxy')
    .option('--latency-cap <cycles>', 'constraint: latency <= cap')
    .option('--energy-cap <nJ>', 'constraint: energy <= cap')
    .addOption(new Option('--invalid <how>', 'a network with a layer the model rejects: infeasible (MAESTRO gives it no number) | skip (a partial sum of the layers with results: an accelerator that cannot map some layers looks cheaper)').choices(['infeasible', 'skip']).default(SEARCH_DEFAULTS.invalid))
    .option('--workers <n>', 'worker threads; 0 = in-process (default: CPU count, or in-process when the job is too small to repay starting workers)')
    .option('--chunk <n>', 'architectures per evaluator call / worker task (default 4096, or 32 with --no-memo)')
    .option('--out <file>', "write the JSON result here instead of stdout ('-' = stdout)")
    .option('--csv <file>', "CSV of every evaluated point ('-' = stdout, then the JSON only with --out FILE)")
    .option('--report <file>', "self-contained HTML report ('-' = stdout, then the JSON only with --out FILE)")
    .option('--checkpoint <file>', 'append-only record of finished evaluations; rerun the same command to resume')
    .option('--no-correlations', 'skip the rank-correlation matrices')
    .option('--no-timings', 'omit wall-clock timings from the JSON (fully deterministic output)')
    .option('--summary', 'print a short human summary on stderr (default when stderr is a terminal or with no arguments)')
    .option('--no-summary', 'no summary')
    .option('--no-progress', 'no progress bar')
    .option('--no-memo', 'evaluate each network layer by layer (cost of one MAESTRO run per pair, as the paper) instead of memoizing layer shapes')
    .option('--evaluator <module>', 'JS module exporting createEvaluator(spec) to use instead of the Wasm cost model (testing, other models)')
    .action(async (opts: SearchCliOptions, cmd: Command) => {
      const noArgs = Object.keys(opts).every((k) => cmd.getOptionValueSource(k) !== 'cli');
      process.exitCode = await runSearchCommand(opts, noArgs);
    });
}
