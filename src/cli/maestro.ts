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
 * jobs failed (each bad job line names jobs-file:line; an empty jobs file is exit 2).
 *
 * Differences from the MAESTRO binary, on purpose: the default CSV name is the mapping file's
 * base name up to its first dot (MAESTRO strips the first two path components instead, which
 * gives the same name for `data/mapping/x.m` and a path into a missing directory otherwise);
 * `--print_res` defaults to false (MAESTRO prints its analysis to stdout by default); hardware
 * flags (`--num_pes` ...) override the hardware file (MAESTRO ignores them when one is given);
 * `--noc_hops` is the NoC latency itself, like NoC_NumHops (MAESTRO multiplies its `--noc_hops` by
 * `--noc_hop_latency`, 0 by default, so without a hardware file its NoC latency is 0: so is ours;
 * given `--noc_hop_latency`, ours is that product too, with or without a hardware file);
 * `--num_simd_lanes` is the PEs' vector width, as in MAESTRO (with or without a hardware file).
 * MAESTRO's options that change none of its results (`--noc_mc_support`, `--do_dse`, ...) are
 * accepted and have no effect here either; its NoC bandwidth sweep (`--bw_sweep` with
 * `--top_bw_only`) is refused. Long options may be abbreviated as MAESTRO allows (`--noc_bw`).
 * Anything else is an unknown option (exit 2), never silently ignored.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { closeSync, existsSync, openSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UserError, formatLocation } from '../errors.js';
import type { Dataflow, Hardware, MappedNetwork } from '../model/types.js';
import type { LayerResult, NetworkRow } from '../model/costmodel.js';
import {
  applyDataflow,
  checkMappedLayer,
  loadDataflow,
  loadHardware,
  loadMapping,
  loadModel,
  locationOf,
  readInputFile,
  looksLikeJson,
  HARDWARE_DEFAULTS,
  HARDWARE_MIN,
  MAX_INT,
} from '../parse/index.js';
import { formatMaestroRow, maestroCsvHeaderLine } from '../report/maestro-csv.js';
import { formatCppDouble } from '../report/format-number.js';
import { checkIntText } from '../parse/token-stream.js';
import { resultOverflow } from '../parse/result-check.js';

/** A network result row, as the cost model returns it. */
export type EngineRow = NetworkRow;

/** What `codesign maestro` needs from the cost model (src/model/costmodel.ts `CostModel`). */
export interface MaestroEngine {
  evaluateNetwork(net: MappedNetwork, hw: Hardware, opts?: { isolated?: boolean }): { rows: EngineRow[] };
}

/** Hardware values given on the command line (override the hardware file). */
export type HardwareOverrides = Partial<Pick<Hardware, 'numPes' | 'l1Size' | 'l2Size' | 'nocBw' | 'offchipBw' | 'nocHops' | 'vectorWidth'>>;

/** One MAESTRO run. Paths are used as given (relative to the process cwd). */
export interface MaestroJob {
  hwFile?: string;
  mappingFile?: string;
  modelFile?: string;
  dataflowFile?: string;
  dsconvDataflowFile?: string;
  /** CSV path, or '-' for stdout. Default: MAESTRO's `<mapping base name>.csv` in the cwd. */
  out?: string;
  overwrite?: boolean;
  fullNames?: boolean;
  isolated?: boolean;
  hw?: HardwareOverrides;
  /** Write the CSV at all (MAESTRO's --print_res_csv_file). Default true. */
  csv?: boolean;
}

/** A rejected layer. */
export interface RejectedLayer {
  layer: string;
  message: string;
}

/** What a job produced. */
export interface MaestroJobResult {
  network: MappedNetwork;
  hardware: Hardware;
  /** Output path ('-' = stdout), or undefined when no CSV was requested. */
  out?: string;
  rows: LayerResult[];
  rejected: RejectedLayer[];
}

/**
 * Caches parsed inputs across the jobs of a batch (same file parsed once). With `networkUses`
 * (how many jobs name each mapping / model file), a network is kept only until its last job:
 * a batch of distinct networks then holds one at a time (holding them all made the garbage
 * collector copy them over and over: a quarter of a 100-network batch).
 */
export class InputCache {
  private readonly hw = new Map<string, Hardware>();
  private readonly nets = new Map<string, MappedNetwork>();
  private readonly models = new Map<string, ReturnType<typeof loadModel>>();
  private readonly dfs = new Map<string, Dataflow>();

  constructor(private readonly networkUses?: Map<string, number>) {}

  hardware(file: string): Hardware {
    return memo(this.hw, file, loadHardware);
  }
  mapping(file: string): MappedNetwork {
    return this.network(this.nets, file, loadMapping);
  }
  model(file: string): ReturnType<typeof loadModel> {
    return this.network(this.models, file, loadModel);
  }
  private network<T>(m: Map<string, T>, file: string, load: (f: string) => T): T {
    const uses = this.networkUses;
    const left = uses?.get(file);
    if (uses === undefined || left === undefined) return memo(m, file, load);
    const v = m.get(file) ?? load(file);
    if (left > 1) {
      uses.set(file, left - 1);
      m.set(file, v);
    } else {
      uses.delete(file);
      m.delete(file);
    }
    return v;
  }
  dataflow(file: string): Dataflow {
    return memo(this.dfs, file, loadDataflow);
  }
}

function memo<T>(m: Map<string, T>, key: string, f: (k: string) => T): T {
  let v = m.get(key);
  if (v === undefined) {
    v = f(key);
    m.set(key, v);
  }
  return v;
}

/**
 * MAESTRO's default hardware when no hardware file is given (its command-line defaults). Its NoC
 * latency is then its `--noc_hop_latency` (default 0) x `--noc_hops` (default 1) = 0 cycles; a
 * hardware file's NoC_NumHops (default 1) replaces that product.
 */
const NO_HW_FILE_DEFAULTS: Hardware = {
  numPes: 7,
  l1Size: HARDWARE_DEFAULTS.l1Size,
  l2Size: HARDWARE_DEFAULTS.l2Size,
  nocBw: HARDWARE_DEFAULTS.nocBw,
  offchipBw: 70000,
  nocHops: 0,
};

/** `dir/net.v2.m` -> `net.csv` (MAESTRO keeps the base name up to its first dot). */
export function defaultCsvName(inputFile: string): string {
  const base = path.basename(inputFile);
  const dot = base.indexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base) + '.csv';
}

/** Resolve the job's hardware and network (parse errors throw UserError). */
export function loadJobInputs(job: MaestroJob, cache = new InputCache()): { hardware: Hardware; network: MappedNetwork } {
  // Without --HW_file, a combined JSON mapping ({"hardware", "network"}) supplies the hardware.
  const hwFile = job.hwFile ?? (job.mappingFile && hasJsonHardware(job.mappingFile) ? job.mappingFile : undefined);
  const hardware = jobHardware(hwFile ? cache.hardware(hwFile) : undefined, job.hw);
  let network: MappedNetwork;
  if (job.mappingFile) {
    if (job.modelFile || job.dataflowFile) throw new UserError('give either --Mapping_file or --Model_file with --Dataflow_file, not both');
    network = cache.mapping(job.mappingFile);
  } else if (job.modelFile) {
    if (!job.dataflowFile) throw new UserError('--Model_file needs --Dataflow_file');
    const dsconv = job.dsconvDataflowFile ? cache.dataflow(job.dsconvDataflowFile) : undefined;
    network = applyDataflow(cache.model(job.modelFile), cache.dataflow(job.dataflowFile), { dsconv });
  } else {
    throw new UserError('missing --Mapping_file (or --Model_file with --Dataflow_file)');
  }
  return { hardware, network };
}

/** True if `file` is a JSON document with a top-level "hardware" key. */
function hasJsonHardware(file: string): boolean {
  let text: string;
  try {
    text = readInputFile(file);
  } catch {
    return false; // reported when the mapping itself is read
  }
  if (!looksLikeJson(file, text)) return false;
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) && 'hardware' in v;
  } catch {
    return false;
  }
}

/** The CSV path a job writes to. */
export function jobOutputPath(job: MaestroJob): string {
  if (job.out !== undefined) return job.out;
  if (job.mappingFile) return defaultCsvName(job.mappingFile);
  const model = defaultCsvName(job.modelFile ?? 'out').replace(/\.csv$/, '');
  const df = job.dataflowFile ? defaultCsvName(job.dataflowFile).replace(/\.csv$/, '') : 'dataflow';
  return `${model}_${df}.csv`;
}

/**
 * Run one job: parse, evaluate, write the CSV (append unless `overwrite`). Rejected layers get
 * no row (MAESTRO prints nothing for them) and are returned with a located message.
 */
export function runMaestroJob(
  job: MaestroJob,
  engine: MaestroEngine,
  cache = new InputCache(),
  progress?: (stage: string) => void,
): MaestroJobResult {
  const { hardware, network } = loadJobInputs(job, cache);
  const t0 = Date.now();
  const result = engine.evaluateNetwork(network, hardware, { isolated: job.isolated === true });
  progress?.(`${network.layers.length} layers evaluated (${seconds(t0)}); writing the CSV`);
  const rows: LayerResult[] = [];
  const rejected: RejectedLayer[] = [];
  result.rows.forEach((r, i) => {
    const layer = network.layers[i];
    const overflow = 'metrics' in r && layer ? resultOverflow(layer, r.metrics, hardware.numPes, true) : undefined;
    if ('metrics' in r && overflow === undefined) {
      rows.push(r);
      return;
    }
    if (overflow !== undefined) {
      // MAESTRO's int arithmetic wrapped: refuse the garbage row (src/parse/result-check.ts).
      const where = locationOf(layer!);
      rejected.push({ layer: r.layer, message: `${where ? formatLocation({ file: where.file, line: where.line, column: where.column }) : ''}layer ${r.layer}: ${overflow}` });
      return;
    }
    if (!('error' in r)) return;
    // Prefer the parser's located explanation (file:line:col of the directive) when there is one.
    const located = layer ? checkMappedLayer(layer) : undefined;
    const where = layer ? locationOf(layer) : undefined;
    const message = located
      ? located.message
      : `${where ? formatLocation({ file: where.file, line: where.line, column: where.column }) : ''}` +
        (r.error.startsWith(`layer ${r.layer}: `) ? r.error : `layer ${r.layer}: ${r.error}`);
    rejected.push({ layer: r.layer, message });
  });
  let out: string | undefined;
  if (job.csv !== false) {
    out = jobOutputPath(job);
    const fresh = out === '-' || job.overwrite === true || !existsSync(out);
    const t1 = Date.now();
    writeCsv(out, fresh, network.name, rows, job.fullNames);
    progress?.(`${rows.length} CSV rows written to ${out === '-' ? 'stdout' : out} (${seconds(t1)})`);
  }
  return { network, hardware, out, rows, rejected };
}

/** Seconds since `t0` (Date.now()), for progress lines. */
function seconds(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}

/** A network at least this large gets progress lines on stderr (`codesign maestro` without --batch). */
const PROGRESS_LAYERS = 20000;

/** Rows formatted and written at a time: a large network's CSV is never one string. */
const CSV_CHUNK_ROWS = 2048;

/** Write the rows as MAESTRO's CSV to `out` ('-' = stdout), after the header when `fresh` (else appended). */
function writeCsv(out: string, fresh: boolean, net: string, rows: readonly LayerResult[], fullNames: boolean | undefined): void {
  const failed = (e: unknown): UserError =>
    new UserError(`cannot write CSV (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: out });
  let fd: number | undefined;
  if (out !== '-') {
    try {
      fd = openSync(out, fresh ? 'w' : 'a');
    } catch (e) {
      throw failed(e);
    }
  }
  const write = (s: string): void => {
    if (fd === undefined) {
      process.stdout.write(s);
      return;
    }
    try {
      writeSync(fd, s);
    } catch (e) {
      throw failed(e);
    }
  };
  try {
    let chunk = fresh ? maestroCsvHeaderLine() : '';
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      chunk += formatMaestroRow(net, r.layer, r.metrics, { fullNames }, r.exact);
      if ((i + 1) % CSV_CHUNK_ROWS === 0) {
        write(chunk);
        chunk = '';
      }
    }
    if (chunk !== '') write(chunk);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A readable summary of a job (MAESTRO's --print_res=true). */
export function formatSummary(res: MaestroJobResult): string {
  const hw = res.hardware;
  const lines: string[] = [];
  lines.push(`Network ${res.network.name} (${res.network.layers.length} layers)`);
  lines.push(
    `Hardware: ${hw.numPes} PEs, L1 ${hw.l1Size} B, L2 ${hw.l2Size} B, NoC BW ${hw.nocBw}, off-chip BW ${hw.offchipBw}, NoC hops ${hw.nocHops ?? 1}${(hw.vectorWidth ?? 1) === 1 ? '' : `, vector width ${hw.vectorWidth}`}`,
  );
  const w = Math.max(5, ...res.rows.map((r) => r.layer.length));
  lines.push(
    `${'Layer'.padEnd(w)}  ${'Runtime (cycles)'.padStart(16)}  ${'Energy (nJ)'.padStart(12)}  ${'MACs/cycle'.padStart(10)}  ${'L1 req (B)'.padStart(10)}  ${'L2 req (B)'.padStart(10)}  ${'NoC BW req'.padStart(10)}`,
  );
  // Cycles and MACs are exact integers (also beyond 2^53: a row's `exact` counts).
  let runtime = 0n;
  let energy = 0;
  let macs = 0n;
  let maxL1 = 0;
  let maxL2 = 0;
  let maxNoc = 0;
  let maxOff = 0;
  for (const { layer, metrics: m, exact } of res.rows) {
    const cycles = exact?.runtime ?? BigInt(m.runtime);
    runtime += cycles;
    energy += m.energy_nj;
    macs += exact?.num_macs ?? BigInt(m.num_macs);
    maxL1 = Math.max(maxL1, m.l1_size_req);
    maxL2 = Math.max(maxL2, m.l2_size_req);
    maxNoc = Math.max(maxNoc, m.noc_bw_req);
    maxOff = Math.max(maxOff, m.offchip_bw_req);
    lines.push(
      `${layer.padEnd(w)}  ${String(cycles).padStart(16)}  ${formatCppDouble(m.energy_nj).padStart(12)}  ${formatCppDouble(m.throughput).padStart(10)}  ${String(m.l1_size_req).padStart(10)}  ${String(m.l2_size_req).padStart(10)}  ${String(exact?.noc_bw_req ?? m.noc_bw_req).padStart(10)}`,
    );
  }
  for (const r of res.rejected) lines.push(`${r.layer.padEnd(w)}  rejected: ${r.message}`);
  lines.push(`Total: ${runtime} cycles, ${formatCppDouble(energy)} nJ, ${macs} MACs over ${res.rows.length} layers`);
  const warn: string[] = [];
  if (maxL1 > hw.l1Size) warn.push(`per-layer L1 size requirement ${maxL1} B exceeds the given L1 size ${hw.l1Size} B`);
  if (maxL2 > hw.l2Size) warn.push(`per-layer L2 size requirement ${maxL2} B exceeds the given L2 size ${hw.l2Size} B`);
  if (maxNoc > hw.nocBw) warn.push(`per-layer NoC BW requirement ${maxNoc} exceeds the given NoC BW ${hw.nocBw}`);
  if (maxOff > hw.offchipBw) warn.push(`per-layer off-chip BW requirement ${maxOff} exceeds the given off-chip BW ${hw.offchipBw}`);
  for (const x of warn) lines.push(`Warning: ${x}`);
  if (warn.length === 0) lines.push('Buffer and bandwidth constraints: pass');
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Batch mode

/** Keys a batch job line may have. */
const JOB_KEYS = ['HW_file', 'Mapping_file', 'Model_file', 'Dataflow_file', 'DSCONV_dataflow_file', 'out', 'overwrite', 'isolated'];

/** Parse one JSONL job line; paths are made relative to `baseDir`. */
export function parseJobLine(line: string, baseDir: string, where: { file: string; line: number }): MaestroJob {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    throw new UserError(`invalid JSON job: ${(e as Error).message}`, where);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new UserError('a job must be a JSON object', where);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!JOB_KEYS.includes(k)) throw new UserError(`unknown job key "${k}" (expected ${JOB_KEYS.join(', ')})`, where);
  }
  const p = (k: string): string | undefined => {
    const x = o[k];
    if (x === undefined) return undefined;
    if (typeof x !== 'string' || x === '') throw new UserError(`"${k}" must be a non-empty string`, where);
    return path.resolve(baseDir, x);
  };
  const b = (k: string): boolean | undefined => {
    const x = o[k];
    if (x === undefined) return undefined;
    if (typeof x !== 'boolean') throw new UserError(`"${k}" must be true or false`, where);
    return x;
  };
  const job: MaestroJob = {
    hwFile: p('HW_file'),
    mappingFile: p('Mapping_file'),
    modelFile: p('Model_file'),
    dataflowFile: p('Dataflow_file'),
    dsconvDataflowFile: p('DSCONV_dataflow_file'),
    overwrite: b('overwrite'),
    isolated: b('isolated'),
  };
  if (job.mappingFile === undefined && job.modelFile === undefined) {
    throw new UserError('a job needs "Mapping_file" (or "Model_file" with "Dataflow_file")', { ...where, field: 'Mapping_file' });
  }
  if (job.mappingFile !== undefined && (job.modelFile !== undefined || job.dataflowFile !== undefined)) {
    throw new UserError('give either "Mapping_file" or "Model_file" with "Dataflow_file", not both', { ...where, field: 'Mapping_file' });
  }
  if (job.modelFile !== undefined && job.dataflowFile === undefined) {
    throw new UserError('"Model_file" needs "Dataflow_file"', { ...where, field: 'Dataflow_file' });
  }
  const out = p('out');
  job.out = out ?? path.resolve(baseDir, jobOutputPath(job));
  return job;
}

/** Summary of a batch run. */
export interface BatchSummary {
  jobs: number;
  failed: number;
}

/**
 * Run a JSONL batch: each non-blank line is a job; a failing job writes `{"error": ...}` to
 * `<out>.err` (a stale one is deleted when the job succeeds) and the batch goes on.
 */
export function runBatch(
  jobsFile: string,
  engine: MaestroEngine,
  defaults: Pick<MaestroJob, 'overwrite' | 'fullNames' | 'isolated' | 'hw'>,
  log: (s: string) => void = (s) => process.stderr.write(s),
): BatchSummary {
  const text = readInputFile(jobsFile);
  const baseDir = path.dirname(path.resolve(jobsFile));
  const lines = text.split('\n');
  const jobLines = lines.map((l, i) => ({ text: l.trim(), line: i + 1 })).filter((l) => l.text !== '');
  if (jobLines.length === 0) throw new UserError('the jobs file has no jobs (one JSON object per line)', { file: jobsFile });
  const cache = new InputCache(networkUses(jobLines, baseDir, jobsFile));
  let failed = 0;
  let lastProgress = Date.now();
  const showProgress = jobLines.length >= 20;
  jobLines.forEach((jl, idx) => {
    let errPath: string | undefined;
    try {
      const job = parseJobLine(jl.text, baseDir, { file: jobsFile, line: jl.line });
      job.overwrite = job.overwrite ?? defaults.overwrite;
      job.fullNames = defaults.fullNames;
      job.isolated = job.isolated ?? defaults.isolated;
      job.hw = defaults.hw;
      errPath = job.out + '.err';
      const res = runMaestroJob(job, engine, cache);
      if (res.rejected.length > 0) {
        failed++;
        writeErr(errPath, { error: `${res.rejected.length} layer(s) rejected`, layers: res.rejected });
        log(`codesign maestro: job ${idx + 1} (${jobsFile}:${jl.line}): ${res.rejected.length} layer(s) rejected, see ${errPath}\n`);
      } else if (existsSync(errPath)) {
        unlinkSync(errPath); // stale error file from an earlier run of this job
      }
    } catch (e) {
      failed++;
      const msg = e instanceof UserError ? e.message : `internal error: ${(e as Error)?.stack ?? String(e)}`;
      if (errPath) writeErr(errPath, { error: msg });
      log(`codesign maestro: job ${idx + 1} (${jobsFile}:${jl.line}) failed: ${msg.split('\n')[0]}\n`);
    }
    if (showProgress && (Date.now() - lastProgress > 1000 || idx === jobLines.length - 1)) {
      lastProgress = Date.now();
      log(`codesign maestro: ${idx + 1}/${jobLines.length} jobs done, ${failed} failed\n`);
    }
  });
  return { jobs: jobLines.length, failed };
}

/** How many jobs name each mapping / model file (lines that do not parse are left out here). */
function networkUses(jobLines: ReadonlyArray<{ text: string; line: number }>, baseDir: string, jobsFile: string): Map<string, number> {
  const uses = new Map<string, number>();
  for (const jl of jobLines) {
    let job: MaestroJob;
    try {
      job = parseJobLine(jl.text, baseDir, { file: jobsFile, line: jl.line });
    } catch {
      continue; // reported when the job runs
    }
    const f = job.mappingFile ?? job.modelFile;
    if (f !== undefined) uses.set(f, (uses.get(f) ?? 0) + 1);
  }
  return uses;
}

function writeErr(file: string, obj: unknown): void {
  try {
    writeFileSync(file, JSON.stringify(obj) + '\n');
  } catch {
    // the job's error was already logged on stderr
  }
}

// ---------------------------------------------------------------------------------------------
// Command-line wiring

function parseBool(v: string): boolean {
  const s = v.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  throw new InvalidArgumentError(`expected true or false, got '${v}'`);
}

function intArg(min: number) {
  return (v: string): number => {
    try {
      return checkIntText(v.trim(), min, {});
    } catch (e) {
      throw new InvalidArgumentError(e instanceof UserError ? e.reason : String(e));
    }
  };
}

/**
 * MAESTRO's options that change none of its results in a normal run (its main program reads them
 * only for its NoC bandwidth sweep, or not at all; checked by running MAESTRO with and without
 * them): accepted with a value of their type, so MAESTRO's run scripts work unchanged.
 */
const MAESTRO_NO_EFFECT: readonly (readonly [name: string, parse: (v: string) => unknown])[] = [
  ['noc_mc_support', parseBool], ['top_bw_only', parseBool], ['bw_sweep', parseBool],
  ['do_implicit_reduction', parseBool], ['do_fg_sync', parseBool], ['do_reduction_op', parseBool],
  ['do_dse', parseBool], ['full_buffer', parseBool], ['verbose', parseBool], ['print_design_space', parseBool], ['print_space', parseBool],
  ['min_num_PEs', anyIntArg], ['max_num_PEs', anyIntArg], ['min_noc_bw', anyIntArg], ['max_noc_bw', anyIntArg], ['pe_tick', anyIntArg], ['bw_tick', anyIntArg],
  ['area_constraint', numberArg], ['power_constraint', numberArg], ['optimization_target', String],
  // MAESTRO's older inputs: it reads the network and dataflows from --Mapping_file only (a note says so).
  ['dataflow_file', String], ['layer_file', String],
];

/** Files MAESTRO takes but does not read (a one-line note on stderr). */
const IGNORED_FILES = ['dataflow_file', 'layer_file'];

function anyIntArg(v: string): number {
  const n = Number(v.trim());
  if (!/^\s*[-+]?\d+\s*$/.test(v) || n < -MAX_INT - 1 || n > MAX_INT) throw new InvalidArgumentError(`expected an integer, got '${v}'`);
  return n;
}

function numberArg(v: string): number {
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got '${v}'`);
  return n;
}


/** MAESTRO's NoC latency from its flags: `--noc_hop_latency` x `--noc_hops` (an int there; beyond it, an error here). */
export function nocLatency(hopLatency: number, hops: number): number {
  const l = hopLatency * hops;
  if (l > MAX_INT) throw new UserError(`--noc_hop_latency x --noc_hops = ${l} is above ${MAX_INT} (MAESTRO's int would wrap)`);
  return l;
}

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

/** MAESTRO's hardware flags, as the command line gives them (values already checked integers). */
export interface HardwareFlags {
  num_pes?: number;
  l1_size_cstr?: number;
  l2_size_cstr?: number;
  noc_bw_cstr?: number;
  offchip_bw_cstr?: number;
  noc_hops?: number;
  noc_hop_latency?: number;
  num_simd_lanes?: number;
}

/**
 * The hardware values the flags set (they override the hardware file). `--noc_hop_latency` makes
 * the NoC latency MAESTRO's product `--noc_hop_latency` x `--noc_hops` (default 1); without it
 * `--noc_hops` is the latency itself, like a hardware file's NoC_NumHops.
 */
export function hardwareOverrides(f: HardwareFlags): HardwareOverrides {
  const hw: HardwareOverrides = {};
  if (f.num_pes !== undefined) hw.numPes = f.num_pes;
  if (f.l1_size_cstr !== undefined) hw.l1Size = f.l1_size_cstr;
  if (f.l2_size_cstr !== undefined) hw.l2Size = f.l2_size_cstr;
  if (f.noc_bw_cstr !== undefined) hw.nocBw = f.noc_bw_cstr;
  if (f.offchip_bw_cstr !== undefined) hw.offchipBw = f.offchip_bw_cstr;
  if (f.noc_hops !== undefined) hw.nocHops = f.noc_hops;
  if (f.noc_hop_latency !== undefined) hw.nocHops = nocLatency(f.noc_hop_latency, f.noc_hops ?? 1);
  if (f.num_simd_lanes !== undefined) hw.vectorWidth = f.num_simd_lanes;
  return hw;
}

/** A job's hardware: the hardware file's (or MAESTRO's defaults without one), then the flags. */
export function jobHardware(fileHw: Hardware | undefined, overrides?: HardwareOverrides): Hardware {
  const hw: Hardware = fileHw ? { ...fileHw } : { ...NO_HW_FILE_DEFAULTS };
  return overrides ? { ...hw, ...overrides } : hw;
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
  print_res: boolean;
  print_res_csv_file: boolean;
  print_log_file?: boolean;
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
    .option('--out <file>', "CSV path ('-' = stdout); default <mapping base name>.csv in the current directory")
    .option('--overwrite', 'replace an existing CSV instead of appending to it (MAESTRO appends)')
    .option('--full_names', "print layer/network names as written (MAESTRO prints the last '-'-separated piece)")
    .option('--isolated', 'evaluate each layer as its own one-layer network')
    .option('--batch <jobs.jsonl>', 'run a JSONL file of jobs {"HW_file","Mapping_file","out"} in one process')
    .addOption(new Option('--print_res <bool>', 'print a readable summary to stdout').argParser(parseBool).default(false))
    .addOption(new Option('--print_res_csv_file <bool>', 'write the CSV').argParser(parseBool).default(true))
    .addOption(new Option('--print_log_file <bool>', "accepted for compatibility (MAESTRO's detailed log; ignored)").argParser(parseBool))
    .addOption(new Option('--msg_print_lv <n>', 'accepted for compatibility (ignored)'))
    .addOption(new Option('--num_pes <n>', 'override num_pes').argParser(intArg(HARDWARE_MIN.numPes)))
    .addOption(new Option('--l1_size_cstr <bytes>', 'override l1_size_cstr').argParser(intArg(HARDWARE_MIN.l1Size)))
    .addOption(new Option('--l2_size_cstr <bytes>', 'override l2_size_cstr').argParser(intArg(HARDWARE_MIN.l2Size)))
    .addOption(new Option('--noc_bw_cstr <n>', 'override noc_bw_cstr').argParser(intArg(HARDWARE_MIN.nocBw)))
    .addOption(new Option('--offchip_bw_cstr <n>', 'override offchip_bw_cstr').argParser(intArg(HARDWARE_MIN.offchipBw)))
    .addOption(new Option('--noc_hops <n>', 'override NoC_NumHops').argParser(intArg(HARDWARE_MIN.nocHops)))
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
hardware file; --noc_hops alone sets the NoC latency like NoC_NumHops.
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
    readInputFile(opts.batch); // fail early (exit 2) on a missing jobs file
    const engine = await engineProvider();
    const s = runBatch(opts.batch, engine, { overwrite: opts.overwrite, fullNames: opts.full_names, isolated: opts.isolated, hw });
    process.stderr.write(`codesign maestro: batch done: ${s.jobs} jobs, ${s.failed} failed\n`);
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
  };
  const cache = new InputCache();
  const t0 = Date.now();
  const { network } = loadJobInputs(job, cache); // parse everything before loading the model: input errors exit 2 fast
  // A large network takes seconds: say where the time goes.
  const progress =
    network.layers.length >= PROGRESS_LAYERS ? (stage: string) => process.stderr.write(`codesign maestro: ${stage}\n`) : undefined;
  progress?.(`${network.layers.length} layers parsed (${seconds(t0)}); evaluating`);
  const engine = await engineProvider();
  const res = runMaestroJob(job, engine, cache, progress);
  if (opts.print_res) {
    const s = formatSummary(res);
    if (res.out === '-') process.stderr.write(s);
    else process.stdout.write(s);
  }
  for (const r of res.rejected) process.stderr.write(`codesign: ${r.message} (layer skipped: no CSV row)\n`);
  return res.rejected.length > 0 ? 3 : 0;
}
