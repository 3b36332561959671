/** Running one `codesign maestro` job: inputs, evaluation, rejected layers, the CSV. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatLocation } from '../../errors.js';
import type { LayerResult } from '../../model/costmodel.js';
import { checkMappedLayer, locationOf } from '../../parse/index.js';
import { resultOverflow } from '../../parse/result-check.js';
import { writeCsv } from './csv-writer.js';
import { InputCache, loadJobInputs } from './inputs.js';
import type { MaestroEngine, MaestroJob, MaestroJobResult, RejectedLayer } from './types.js';

/** `dir/net.v2.m` -> `net.csv` (MAESTRO keeps the base name up to its first dot). */
export function defaultCsvName(inputFile: string): string {
  const base = path.basename(inputFile);
  const dot = base.indexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base) + '.csv';
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
  const result = engine.evaluateNetwork(network, hardware, { isolated: job.isolated === true, tensorSizes: job.tensorSizes === true });
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
export function seconds(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}
