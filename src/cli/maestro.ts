/**
 * `codesign maestro`: a drop-in for the MAESTRO binary.
 *
 *     codesign maestro --HW_file=hw.m --Mapping_file=net.m
 *
 * writes `net.csv` in the current directory with MAESTRO's header and one row per layer, byte
 * for byte as MAESTRO prints them. Like MAESTRO it APPENDS to an existing CSV (header only when
 * the file is new); `--overwrite` replaces it, `--out FILE` / `--out -` choose another target.
 * `--batch jobs.jsonl` runs many jobs in one process. See `codesign maestro --help`.
 *
 * Exit codes: 0 ok; 2 bad input or flags (one line on stderr, nothing written); 3 some layers
 * rejected (MAESTRO would abort, or its 32-bit arithmetic would wrap: see src/parse/result-check.ts;
 * the CSV gets rows for the other layers, each rejected layer a line on stderr); 1 some batch
 * jobs failed (each bad job line names jobs-file:line; an empty jobs file is exit 2); 130 Ctrl-C
 * (SIGINT) or SIGTERM while the CSV is written: the file is left as it was (a replacement is
 * written to a temporary file renamed at the end, appended rows are taken back) and one line
 * `codesign maestro: interrupted; <file> left as it was` says so.
 *
 * Progress on stderr: a run that lasts (10 s; 1 s on a terminal) gets a line
 * `codesign maestro: <done>/<total> layers evaluated (<s> s)` at most every 10 s (0.5 s); a network
 * of 20,000 layers or more also gets a line per phase (parsed, evaluated, written).
 *
 * Differences from the MAESTRO binary, on purpose: the default CSV name is the mapping file's
 * base name up to its first dot (MAESTRO strips the first two path components instead, which
 * gives the same name for `data/mapping/x.m` and a path into a missing directory otherwise);
 * without `--print_res` nothing is printed (MAESTRO prints its analysis to stdout by default, and its
 * bandwidth check whenever it writes the CSV; `--print_res=true` prints that report byte for byte,
 * src/report/maestro-stdout.ts, `--print_res=false` what MAESTRO prints then, both on stderr when
 * the CSV goes to stdout); hardware
 * flags (`--num_pes` ...) override the hardware file (MAESTRO ignores them when one is given);
 * `--noc_hops` alone replaces a hardware file's NoC_NumHops (MAESTRO multiplies its `--noc_hops`
 * by `--noc_hop_latency`, 0 by default, so without a hardware file its NoC latency is 0 whatever
 * `--noc_hops` says: so is ours; given `--noc_hop_latency`, ours is that product, with or without
 * a hardware file);
 * `--num_simd_lanes` is the PEs' vector width, as in MAESTRO (with or without a hardware file).
 * MAESTRO's options that change none of its results (`--noc_mc_support`, `--do_dse`, ...) are
 * accepted and have no effect here either; its NoC bandwidth sweep (`--bw_sweep` with
 * `--top_bw_only`) is refused. Long options may be abbreviated as MAESTRO allows (`--noc_bw`).
 * Anything else is an unknown option (exit 2), never silently ignored.
 *
 * This module wires the command; the pieces are in src/cli/maestro/: `types` (the job model),
 * `inputs` (parsed files, cached across a batch), `job` (one run), `csv-writer`, `summary`
 * (--summary), `batch` (--batch) and `flags` (MAESTRO's flags and hardware overrides).
 */
import { existsSync, statSync } from 'node:fs';
import { refuseEmptyPaths } from './inputs-outputs.js';
import { Command, Option } from 'commander';
import { oneLine, UserError } from '../errors.js';
import { readInputFile, HARDWARE_MIN, MAX_INT } from '../parse/index.js';
import { hardwareOverrides, IGNORED_FILES, intArg, MAESTRO_NO_EFFECT, parseBool, type HardwareFlags } from './maestro/flags.js';
import { ignoredNocHopsNote, InputCache, loadJobInputs } from './maestro/inputs.js';
import { evaluateMaestroJob, jobOutputPath, refuseJobOverInputs, seconds, writeJobCsvInterruptible } from './maestro/job.js';
import { checkOutPath } from './output-file.js';
import { layerProgress } from './maestro/progress.js';
import type { MaestroEngine, MaestroJob } from './maestro/types.js';
import type { ReportRow } from '../report/maestro-stdout.js';

/**
 * A network at least this large gets phase lines on stderr (`codesign maestro` without --batch):
 * parsed, evaluated, written. Any run that lasts gets time-based lines (src/cli/maestro/progress.ts).
 */
const PROGRESS_LAYERS = 20000;

/** How the command gets its cost model (tests may inject one). */
let engineProvider: () => Promise<MaestroEngine> = async () => {
  const { CostModel } = await import('../model/costmodel.js');
  return CostModel.load();
};

/** Replace the cost model used by `codesign maestro` (tests); returns the previous provider. */
export function setMaestroEngineProvider(p: () => Promise<MaestroEngine>): () => Promise<MaestroEngine> {
  const prev = engineProvider;
  engineProvider = p;
  return prev;
}

interface CliOptions extends HardwareFlags {
  HW_file?: string;
  Mapping_file?: string;
  Model_file?: string;
  Dataflow_file?: string;
  DSCONV_dataflow_file?: string;
  out?: string;
  overwrite?: boolean;
  full_names?: boolean;
  isolated?: boolean;
  batch?: string;
  /** undefined: not given (print nothing); false: MAESTRO's --print_res=false output; true: its whole report. */
  print_res?: boolean;
  summary?: boolean;
  print_res_csv_file: boolean;
  print_log_file?: boolean;
  /** false with --no-progress: no progress lines on stderr. */
  progress: boolean;
  bw_sweep?: boolean;
  top_bw_only?: boolean;
}

/** Register the `maestro` command on the program. */
export function registerMaestroCommand(program: Command): void {
  const cmd = program
    .command('maestro')
    .showHelpAfterError(false) // usage errors stay one line (exit code 2)
    .description(
      "Drop-in for the MAESTRO binary: evaluate a mapping on a hardware file and write MAESTRO's per-layer CSV " +
        '(<mapping base name>.csv in the current directory, appended to like MAESTRO does).',
    )
    .option('--HW_file <file>', 'hardware file (MAESTRO .m or JSON); default: the "hardware" of a combined JSON mapping, else MAESTRO\'s defaults')
    .option('--Mapping_file <file>', 'mapping file: network with dataflows (MAESTRO .m or JSON)')
    .option('--Model_file <file>', 'model file (network without dataflows), used with --Dataflow_file')
    .option('--Dataflow_file <file>', 'dataflow file applied to every layer of --Model_file')
    .option('--DSCONV_dataflow_file <file>', 'dataflow for DSCONV layers of --Model_file (e.g. dpt.m)')
    .option('--out <file>', "CSV path ('-' = stdout); default <mapping base name>.csv in the current directory (with --Model_file: <model>_<dataflow>.csv)")
    .option('--overwrite', 'replace an existing CSV instead of appending to it (MAESTRO appends)')
    .option('--full_names', "print layer/network names as written (MAESTRO prints the last '-'-separated piece)")
    .option('--isolated', 'evaluate each layer as its own one-layer network')
    .option('--batch <jobs.jsonl>', 'run a JSONL file of jobs {"HW_file","Mapping_file","out"} in one process')
    .addOption(
      new Option('--print_res <bool>', "true: print MAESTRO's analysis report to stdout as MAESTRO does; false: what MAESTRO prints then (its bandwidth check); not given: nothing (stderr when the CSV goes to stdout)")
        .argParser(parseBool),
    )
    .option('--summary', 'print a short per-layer summary table to stdout (stderr when the CSV goes to stdout)')
    .option('--no-progress', 'no progress lines on stderr (a long run prints them: layers evaluated, batch jobs done)')
    .addOption(new Option('--print_res_csv_file <bool>', 'write the CSV').argParser(parseBool).default(true))
    .addOption(new Option('--print_log_file <bool>', "accepted for compatibility (MAESTRO's detailed log; ignored)").argParser(parseBool))
    .addOption(new Option('--msg_print_lv <n>', 'accepted for compatibility (ignored)'))
    .addOption(new Option('--num_pes <n>', 'override num_pes').argParser(intArg(HARDWARE_MIN.numPes)))
    .addOption(new Option('--l1_size_cstr <bytes>', 'override l1_size_cstr').argParser(intArg(HARDWARE_MIN.l1Size)))
    .addOption(new Option('--l2_size_cstr <bytes>', 'override l2_size_cstr').argParser(intArg(HARDWARE_MIN.l2Size)))
    .addOption(new Option('--noc_bw_cstr <n>', 'override noc_bw_cstr').argParser(intArg(HARDWARE_MIN.nocBw)))
    .addOption(new Option('--offchip_bw_cstr <n>', 'override offchip_bw_cstr').argParser(intArg(HARDWARE_MIN.offchipBw)))
    .addOption(
      new Option('--noc_hops <n>', "override a hardware file's NoC_NumHops (without one, as in MAESTRO, only with --noc_hop_latency)").argParser(
        intArg(HARDWARE_MIN.nocHops),
      ),
    )
    .addOption(
      new Option('--noc_hop_latency <cycles>', 'NoC latency per hop: the NoC latency becomes this x --noc_hops (default 1), as in MAESTRO').argParser(
        intArg(0),
      ),
    )
    .addOption(new Option('--num_simd_lanes <n>', 'ALUs per PE (vector width; default 1)').argParser(intArg(HARDWARE_MIN.vectorWidth)));
  for (const [name, parse] of MAESTRO_NO_EFFECT) {
    cmd.addOption(new Option(`--${name} <${parse === parseBool ? 'bool' : 'value'}>`, 'MAESTRO option without effect on its results').argParser(parse).hideHelp());
  }
  cmd
    .addHelpText(
      'after',
      `
Hardware without --HW_file: MAESTRO's defaults (num_pes 7, unconstrained L1/L2/NoC, off-chip BW 70000,
NoC latency 0 = --noc_hop_latency 0 x --noc_hops 1, vector width 1). Hardware flags override the
hardware file; --noc_hops alone replaces a hardware file's NoC_NumHops (without a hardware file it
changes nothing, as in MAESTRO: 0 cycles per hop unless --noc_hop_latency).
MAESTRO's options that change none of its results (--noc_mc_support, --do_implicit_reduction,
--do_fg_sync, --do_reduction_op, --do_dse, ...) are accepted, without effect; its NoC bandwidth
sweep (--bw_sweep=true with --top_bw_only=true) is not supported. As in MAESTRO, a long option
may be shortened to any start that is its own (--noc_bw = --noc_bw_cstr, --l1_size = --l1_size_cstr).
Integers are limited to 1..${MAX_INT} (L1/L2 sizes, NoC hops and hop latency may be 0). Exit codes: 0 ok, 2 bad
input, 3 some layers rejected (no row for them; MAESTRO would abort), 1 some batch jobs failed (each
writes <out>.err).`,
    )
    .action(async (opts: CliOptions) => {
      process.exitCode = await runMaestroCli(opts);
    });
}

async function runMaestroCli(opts: CliOptions): Promise<number> {
  refuseEmptyPaths(([['--HW_file', opts.HW_file], ['--Mapping_file', opts.Mapping_file], ['--Model_file', opts.Model_file], ['--Dataflow_file', opts.Dataflow_file], ['--DSCONV_dataflow_file', opts.DSCONV_dataflow_file], ['--out', opts.out], ['--batch', opts.batch]] as const));
  if (opts.bw_sweep === true && opts.top_bw_only === true) {
    throw new UserError("MAESTRO's NoC bandwidth sweep (--bw_sweep=true with --top_bw_only=true) is not supported", { field: '--bw_sweep' });
  }
  for (const name of IGNORED_FILES) {
    if ((opts as unknown as Record<string, unknown>)[name] !== undefined) {
      process.stderr.write(`codesign maestro: --${name} is ignored, as by MAESTRO (the network and its dataflows come from --Mapping_file, or --Model_file with --Dataflow_file)\n`);
    }
  }
  const hw = hardwareOverrides(opts);

  if (opts.batch !== undefined) {
    if (opts.HW_file || opts.Mapping_file || opts.Model_file || opts.out) {
      throw new UserError('--batch takes its files from the jobs file: do not combine it with --HW_file/--Mapping_file/--Model_file/--out');
    }
    // One run's stdout report: a batch has many runs, each with its CSV.
    if (opts.print_res === true) throw new UserError('not supported with --batch (each job writes its CSV)', { field: '--print_res' });
    if (opts.summary) throw new UserError('not supported with --batch (each job writes its CSV)', { field: '--summary' });
    // fail early (exit 2) on a missing jobs file; a pipe (/dev/stdin) is read once, by runBatch
    if (!existsSync(opts.batch) || statSync(opts.batch).isFile()) readInputFile(opts.batch);
    const { runBatch } = await import('./maestro/batch.js'); // (loaded only for --batch: start-up time)
    const engine = await engineProvider();
    const s = runBatch(opts.batch, engine, { overwrite: opts.overwrite, fullNames: opts.full_names, isolated: opts.isolated, hw, progress: opts.progress });
    // The closing count: always after a failure; after a clean batch, not with --no-progress (quiet).
    if (s.failed > 0 || opts.progress !== false) process.stderr.write(`codesign maestro: batch done: ${s.jobs} jobs, ${s.failed} failed\n`);
    return s.failed > 0 ? 1 : 0;
  }

  const job: MaestroJob = {
    hwFile: opts.HW_file,
    mappingFile: opts.Mapping_file,
    modelFile: opts.Model_file,
    dataflowFile: opts.Dataflow_file,
    dsconvDataflowFile: opts.DSCONV_dataflow_file,
    out: opts.out,
    overwrite: opts.overwrite,
    fullNames: opts.full_names,
    isolated: opts.isolated,
    hw,
    csv: opts.print_res_csv_file,
    tensorSizes: opts.print_res === true,
  };
  const cache = new InputCache();
  const t0 = Date.now();
  refuseJobOverInputs(job, { out: '--out', prefix: '--' }, opts.out === '-' || opts.print_res !== undefined || opts.summary === true);
  if (job.csv !== false && opts.out !== '-') checkOutPath(jobOutputPath(job)); // (a missing directory: said before any work)
  const { network } = loadJobInputs(job, cache); // parse everything before loading the model: input errors exit 2 fast
  const note = ignoredNocHopsNote(job);
  if (note) process.stderr.write(`codesign maestro: ${note}\n`);
  // A large network takes seconds: say where the time goes.
  const phases = opts.progress && network.layers.length >= PROGRESS_LAYERS;
  const progress = phases ? (stage: string) => process.stderr.write(`codesign maestro: ${stage}\n`) : undefined;
  progress?.(`${network.layers.length} layers parsed (${seconds(t0)}); evaluating`);
  // Any run that lasts (slow layers): layers evaluated so far (the phase line says when all are).
  const onLayers = opts.progress ? layerProgress({ start: t0, final: !phases }) : undefined;
  const engine = await engineProvider();
  const res = evaluateMaestroJob(job, engine, cache, progress, onLayers);
  const written = await writeJobCsvInterruptible(job, res, progress);
  if (written.interrupted) {
    const file = res.out!;
    process.stderr.write(`codesign maestro: interrupted; ${written.restored ? `${file} left as it was` : `${file} is incomplete`}\n`);
    return 130;
  }
  // Reports go to stdout, or to stderr when the CSV itself goes to stdout.
  const report = (s: string): boolean => (res.out === '-' ? process.stderr.write(s) : process.stdout.write(s));
  if (opts.print_res !== undefined) {
    // As MAESTRO: the whole report, or with --print_res=false what it prints anyway.
    const { maestroHardwareBlankLines, maestroQuietReport, writeMaestroReport } = await import('../report/maestro-stdout.js');
    const blankLines = maestroHardwareBlankLines(opts.HW_file !== undefined ? cache.hardware(opts.HW_file) : undefined);
    const ropts = { csv: opts.print_res_csv_file, blankLines };
    if (opts.print_res) writeMaestroReport(res.rows as ReportRow[], res.hardware, ropts, report); // in chunks: large networks
    else report(maestroQuietReport(res.rows, res.hardware, ropts));
  }
  if (opts.summary) {
    const { formatSummary } = await import('./maestro/summary.js');
    report(formatSummary(res));
  }
  for (const r of res.rejected) process.stderr.write(`codesign: ${oneLine(r.message)} (layer skipped: no CSV row)\n`);
  if (res.rejected.length > 1) process.stderr.write(`codesign maestro: ${rejectedSummary(res.rejected.length, res.network.layers.length, res.hardwareFile === undefined && hw.numPes === undefined ? res.hardware.numPes : undefined)}\n`);
  return res.rejected.length > 0 ? 3 : 0;
}

/**
 * The closing line after several rejected layers: how many of the network's layers have no row,
 * and, without a hardware file, that MAESTRO's command-line default hardware was used (`numPes`
 * PEs: most layers of a real network need more, and each then gets a line of its own).
 */
export function rejectedSummary(rejected: number, layers: number, defaultHwPes?: number): string {
  const hw = defaultHwPes !== undefined ? `; no --HW_file or --num_pes: MAESTRO's command-line default of ${defaultHwPes} PEs was used` : '';
  return `${rejected} of ${layers} layers rejected (no row), ${layers - rejected} evaluated${hw}`;
}
