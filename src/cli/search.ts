/**
 * `codesign search`: the semi-decoupled co-design search (Lu et al., tinyML 2022), its fully coupled
 * baseline and a certified variant, over an architecture space x accelerators (hardware x dataflows).
 *
 * `codesign search` with no arguments: the paper's NB301 experiment (paper ids, the paper's 50
 * accelerators, dataflows kcp_ws,rs,xp_ws, mode all = semi + full + certified) with quality = FLOPs
 * (announced on stderr: NB301 has no accuracy here) and a short human summary on stderr (also
 * printed whenever stderr is a terminal, or with --summary).
 *
 * This module wires the command and writes its outputs; the pieces are in src/cli/search/:
 * `options` (the parsed flags), `progress` (phase lines and the progress bar), `inputs` (the
 * flags read and checked into the search's inputs), `output-paths` (the output flags checked
 * before any work), `evaluator` (workers, in-process or an --evaluator module), `run-config`
 * (the RunConfig) and `run` (the run, with its signal and stall handling).
 */
import { STDOUT_PATH, INTERRUPT_SIGNALS, writeFileInChunks, writeFileInChunksInterruptible } from './output-file.js';
import type { Command } from 'commander';
import { Option } from 'commander';
import { UserError } from '../errors.js';
import { SEARCH_DEFAULTS } from '../search/defaults.js';
import type { SearchSpace } from '../search/spaces.js';
import { compileIds } from '../search/space-evaluator.js';
import type { RunConfig, RunResult } from '../search/run.js';
import type { PhaseLog } from '../report/progress.js';
import { resultJson } from '../report/json.js';
import { evaluatedPointsCsvChunks } from '../report/csv.js';
import { reportHtml } from '../report/html.js';
import { summaryText } from '../report/summary.js';
import { grouped, num, unanswered } from '../report/words.js';
import type { SearchCliOptions } from './search/options.js';
import { SearchProgress } from './search/progress.js';
import { readSearchInputs } from './search/inputs.js';
import { checkSearchOutputs } from './search/output-paths.js';
import { loadUserEvaluator, searchEvaluator } from './search/evaluator.js';
import { searchRunConfig } from './search/run-config.js';
import { runInterruptibly } from './search/run.js';
import { explainResult } from './search/explain.js';

export type { SearchCliOptions } from './search/options.js';
export { maxWorkers } from './search/inputs.js';
export { checkOutputPaths } from './search/output-paths.js';
export { chooseWorkers, estimatedMicros, FALLBACK_MS, IN_PROCESS_MICROS } from './search/evaluator.js';

/** Line breaks in `text`. */
function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
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
 * The warning for thresholds without any answer (null in every search), or undefined: which, and
 * why where it is known: above the best quality of the searched architectures (`quality`: theirs),
 * or every pair of the architectures reaching them infeasible (layers the cost model rejects, the
 * caps), with the run's explained example (`result.infeasible.example`). The exit code stays 0
 * (the JSON says the same); the line says it where people look.
 */
export function noAnswerWarning(result: Pick<RunResult, 'perThreshold' | 'quality' | 'infeasible' | 'problem'>, quality: ArrayLike<number>): string | undefined {
  const rows = result.perThreshold;
  const none = rows.filter(unanswered);
  if (none.length === 0) return undefined;
  let best = -Infinity;
  for (let i = 0; i < quality.length; i++) best = Math.max(best, quality[i]!);
  const above = none.filter((r) => r.threshold > best);
  const rest = none.filter((r) => !above.includes(r));
  const list = (rs: typeof rows) => (rs.length > 5 ? `${rs.slice(0, 5).map((r) => r.threshold).join(', ')}, ...` : rs.map((r) => r.threshold).join(', '));
  const which = none.length === rows.length ? (rows.length === 1 ? 'the 1 threshold' : `any of the ${rows.length} thresholds`) : `${none.length} of ${rows.length} thresholds (${list(none)})`;
  // (the pairs of the answers' searches: on the accelerators, not on the phase-1 proxies)
  const onAccelerators = result.infeasible.where.filter((w) => w.role === 'accelerator');
  const e = result.infeasible.example;
  const example = e && onAccelerators.some((w) => w.id === e.at) ? `; e.g. architecture ${e.archLabel ?? e.archId} on ${e.at}: ${e.reason}` : '';
  const parts: string[] = [];
  if (above.length > 0)
    parts.push(`${above.length === none.length ? '' : `${list(above)}: `}no architecture reaches ${above.length === 1 ? 'it' : 'them'} (the best ${result.quality} is ${num(best)})`);
  if (rest.length > 0) {
    // With a cap, a pair over it is out too: the cap is named first, and the pairs without a cost
    // (with their example) only when there are any.
    const caps = [
      ...(Number.isFinite(result.problem.latencyCap ?? Infinity) ? [`--latency-cap ${result.problem.latencyCap}`] : []),
      ...(Number.isFinite(result.problem.energyCap ?? Infinity) ? [`--energy-cap ${result.problem.energyCap}`] : []),
    ];
    const costlessPairs = onAccelerators.reduce((sum, w) => sum + w.infeasible, 0);
    const costless = costlessPairs > 0;
    const rejected = 'layers the cost model rejects, see --invalid';
    const why =
      caps.length === 0
        ? `every (architecture, accelerator) pair is infeasible (${rejected})`
        : `every (architecture, accelerator) pair that reaches ${rest.length === 1 ? 'it' : 'them'} is over ${caps.join(' or ')}${costless ? ` or has no cost (${rejected}: ${grouped(costlessPairs)} evaluated pair${costlessPairs === 1 ? '' : 's'} on the accelerators ${costlessPairs === 1 ? 'has' : 'have'} none)` : ''}`;
    parts.push(`${above.length > 0 ? `${list(rest)}: ` : ''}${why}${costless ? example : ''}`);
  }
  return `codesign search: warning: no answer at ${which}: ${parts.join('; ')}\n`;
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

/**
 * Run `codesign search` with parsed options (`noArgs`: none given on the command line); returns
 * the exit code: flags read and checked, the space compiled, the evaluator chosen, the run (exit
 * 130 when interrupted), then its outputs.
 */
export async function runSearchCommand(opts: SearchCliOptions, noArgs: boolean): Promise<number> {
  const progress = new SearchProgress(opts.progress);
  const inputs = readSearchInputs(opts, noArgs, progress.phases);
  checkSearchOutputs(opts, inputs.space); // before any work
  // Compile once (distinct layer shapes + per-architecture sequences): used here for the analysis
  // counts and by the evaluator, and sent once to each worker (workers never reload the space).
  const compiled = progress.phases.run(`compiling ${inputs.ids.length} architectures`, () => compileIds(inputs.space, inputs.ids), (c) => `${c.shapes.length} distinct layer shapes`);
  const user = await loadUserEvaluator(opts.evaluator);
  const bar = progress.startBar();
  const evaluator = await searchEvaluator(opts, inputs, compiled, user, bar);
  const cfg = searchRunConfig(opts, inputs, compiled, user?.path, progress);
  const result = await runInterruptibly(cfg, evaluator, user?.path, bar);
  if (!result) return 130;
  if (user === undefined) explainResult(result, inputs.space, inputs.ids, compiled, opts.invalid); // (the cost model's reasons)
  // Ctrl-C / SIGTERM while the outputs are written: the one being written is completed (the CSV,
  // written in chunks, is stopped and left as it was), the others are not started, and one line
  // says which were written (a signal here used to end the process with no word, its outputs mixed).
  let stop: NodeJS.Signals | undefined;
  const onStop = (s: NodeJS.Signals) => {
    stop ??= s;
  };
  for (const s of INTERRUPT_SIGNALS) process.on(s, onStop);
  try {
    return await writeOutputs(result, opts, noArgs, cfg, inputs.space, progress.phases, () => stop !== undefined);
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
  const noAnswer = noAnswerWarning(result, cfg.quality);
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
