/**
 * Running one `codesign maestro` job: inputs, evaluation, rejected layers, the CSV (at once, or
 * interruptibly for the single-job command).
 */
import { refuseOutputsOverInputs, type NamedFile } from '../inputs-outputs.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatLocation } from '../../errors.js';
import type { LayerResult } from '../../model/costmodel.js';
import { checkMappedLayer, locationOf } from '../../parse/index.js';
import { hiddenRows } from '../../model/shown-rows.js';
import { writeCsv, writeCsvInterruptible } from './csv-writer.js';
import type { InterruptibleWrite } from '../output-file.js';
import { InputCache, loadJobInputs } from './inputs.js';
import type { MaestroEngine, MaestroJob, MaestroJobResult, RejectedLayer } from './types.js';

/** `dir/net.v2.m` -> `net.csv` (MAESTRO keeps the base name up to its first dot). */
export function defaultCsvName(inputFile: string): string {
  const base = path.basename(inputFile);
  const dot = base.indexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base) + '.csv';
}

/**
 * Refuse a job whose CSV would overwrite one of its input files (also via another path, a link);
 * `flags`: the names of the fields in messages (`--out` on the command line, `out` in a batch),
 * `stdout`: the run also writes to standard output. `extraInputs`: e.g. the batch's jobs file.
 */
export function refuseJobOverInputs(job: MaestroJob, flags: { out: string; prefix: string }, stdout = false, extraInputs: NamedFile[] = []): void {
  const p = flags.prefix;
  refuseOutputsOverInputs(
    job.csv === false ? [] : [[flags.out, jobOutputPath(job)]],
    [[`${p}HW_file`, job.hwFile], [`${p}Mapping_file`, job.mappingFile], [`${p}Model_file`, job.modelFile], [`${p}Dataflow_file`, job.dataflowFile], [`${p}DSCONV_dataflow_file`, job.dsconvDataflowFile], ...extraInputs],
    stdout,
  );
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
 * no row (MAESTRO prints nothing for them) and are returned with a located message. `progress`
 * gets the phase lines of a large network, `onLayers` the evaluation's progress (see
 * {@link evaluateMaestroJob}).
 */
export function runMaestroJob(
  job: MaestroJob,
  engine: MaestroEngine,
  cache = new InputCache(),
  progress?: (stage: string) => void,
  onLayers?: (done: number, total: number) => void,
): MaestroJobResult {
  const res = evaluateMaestroJob(job, engine, cache, progress, onLayers);
  if (job.csv !== false) {
    const { out, fresh } = csvTarget(job);
    const t1 = Date.now();
    writeCsv(out, fresh, res.network.name, res.rows, job.fullNames);
    progress?.(csvWrittenStage(res.rows.length, out, t1));
    res.out = out;
  }
  return res;
}

/**
 * {@link runMaestroJob}'s CSV for a job evaluated with {@link evaluateMaestroJob}, written so that
 * Ctrl-C (SIGINT) or SIGTERM stops it between chunks with the file as it was (see
 * `writeCsvInterruptible`): the result says so (`interrupted`), the caller reports it. Sets
 * `res.out`. Nothing to write (MAESTRO's `--print_res_csv_file=false`): not interrupted.
 */
export async function writeJobCsvInterruptible(
  job: MaestroJob,
  res: MaestroJobResult,
  progress?: (stage: string) => void,
): Promise<InterruptibleWrite> {
  if (job.csv === false) return { interrupted: false };
  const { out, fresh } = csvTarget(job);
  const t1 = Date.now();
  res.out = out;
  const w = await writeCsvInterruptible(out, fresh, res.network.name, res.rows, job.fullNames);
  if (!w.interrupted) progress?.(csvWrittenStage(res.rows.length, out, t1));
  return w;
}

/** Where a job's CSV goes, and whether it starts with MAESTRO's header (stdout, --overwrite, a new file) or is appended. */
function csvTarget(job: MaestroJob): { out: string; fresh: boolean } {
  const out = jobOutputPath(job);
  return { out, fresh: out === '-' || job.overwrite === true || !existsSync(out) };
}

/** The phase line once the CSV is written. */
function csvWrittenStage(rows: number, out: string, t1: number): string {
  return `${rows} CSV rows written to ${out === '-' ? 'stdout' : out} (${seconds(t1)})`;
}

/**
 * Parse and evaluate a job (no CSV written: `out` is undefined). `onLayers` is told how many of the
 * network's layers are evaluated, as the evaluation goes (`CostModel.evaluateNetwork`'s
 * `onProgress`); `progress` gets the phase line when it is done.
 */
export function evaluateMaestroJob(
  job: MaestroJob,
  engine: MaestroEngine,
  cache = new InputCache(),
  progress?: (stage: string) => void,
  onLayers?: (done: number, total: number) => void,
): MaestroJobResult {
  const { hardware, network, hardwareFile } = loadJobInputs(job, cache);
  const t0 = Date.now();
  const opts = { isolated: job.isolated === true, tensorSizes: job.tensorSizes === true };
  const result = engine.evaluateNetwork(network, hardware, onLayers ? { ...opts, onProgress: onLayers } : opts);
  progress?.(`${network.layers.length} layers evaluated (${seconds(t0)}); writing the CSV`);
  const rows: LayerResult[] = [];
  const rejected: RejectedLayer[] = [];
  const hidden = hiddenRows(network.layers, result, hardware.numPes, opts.isolated);
  result.rows.forEach((r, i) => {
    const layer = network.layers[i];
    const h = hidden[i];
    if (h === undefined) {
      if ('metrics' in r) rows.push(r);
      return;
    }
    const where = layer ? locationOf(layer) : undefined;
    const at = where ? formatLocation({ file: where.file, line: where.line, column: where.column }) : '';
    if (h.kind !== 'rejected') {
      // MAESTRO's int arithmetic wrapped (src/parse/result-check.ts), or the energy rests on the
      // counts of a layer without a result (src/model/shown-rows.ts): no row.
      rejected.push({ layer: r.layer, message: `${at}layer ${r.layer}: ${h.reason}` });
      return;
    }
    // Prefer the parser's located explanation (file:line:col of the directive) when there is one.
    const located = layer ? checkMappedLayer(layer) : undefined;
    // (a directive of a dataflow file applied to every layer, --Dataflow_file: its location names no layer)
    const message = located
      ? located.message.includes(`Layer ${r.layer}.`)
        ? located.message
        : `${formatLocation({ ...located.location, field: undefined })}layer ${r.layer}: ${formatLocation({ field: located.location.field })}${located.reason}`
      : at + (h.error.startsWith(`layer ${r.layer}: `) ? h.error : `layer ${r.layer}: ${h.error}`);
    rejected.push({ layer: r.layer, message });
  });
  return { network, hardware, ...(hardwareFile !== undefined ? { hardwareFile } : {}), out: undefined, rows, rejected };
}

/** Seconds since `t0` (Date.now()), for progress lines. */
export function seconds(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}
