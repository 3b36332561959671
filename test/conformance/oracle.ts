/**
 * Loading MAESTRO's reference results (../shared/oracle) and rebuilding each row's inputs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataflow, DimName, Hardware, Layer, LayerType, MappedLayer } from '../../src/model/types.js';
import { parseDataflowText } from './dataflow-text.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ORACLE_DIR = path.resolve(PROJECT_ROOT, '../shared/oracle');

/** Output columns the oracle CSVs carry (after the input columns). */
export const ORACLE_OUTPUT_COLUMNS = [
  'runtime', 'energy_nj', 'throughput', 'noc_bw_req', 'avg_bw_req', 'peak_bw_req', 'offchip_bw_req',
  'l2_size_req', 'l1_size_req', 'mc_weight', 'mc_input', 'num_macs', 'in_l1_rd', 'in_l1_wr', 'in_l2_rd',
  'in_l2_wr', 'w_l1_rd', 'w_l1_wr', 'w_l2_rd', 'w_l2_wr', 'out_l1_rd', 'out_l1_wr', 'out_l2_rd', 'out_l2_wr',
  'ingress_avg', 'egress_avg', 'compute_avg', 'util_pes', 'arith_intensity',
] as const;

export type OracleRow = Record<string, string>;

/** Parse a simple CSV (no quoted commas in these files). */
export function readCsv(file: string): OracleRow[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    const row: OracleRow = {};
    header.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row;
  });
}

export interface SpecHw {
  id: string;
  num_pes: number;
  l1: number;
  l2: number;
  noc_bw: number;
  offchip_bw: number;
}

export function toHardware(h: SpecHw): Hardware {
  return { id: h.id, numPes: h.num_pes, l1Size: h.l1, l2Size: h.l2, nocBw: h.noc_bw, offchipBw: h.offchip_bw };
}

/** Parse the `dims` cell (`K=40 C=72 ...`). */
export function parseDims(s: string): Partial<Record<DimName, number>> {
  const dims: Partial<Record<DimName, number>> = {};
  for (const kv of s.trim().split(/\s+/)) {
    const [k, v] = kv.split('=');
    dims[k as DimName] = Number(v);
  }
  return dims;
}

/** Dataflows of a spec, parsed, by name. */
export function specDataflows(spec: { dataflows: Record<string, string> }): Map<string, Dataflow> {
  const m = new Map<string, Dataflow>();
  for (const [name, text] of Object.entries(spec.dataflows)) m.set(name, parseDataflowText(text, name));
  return m;
}

/** The dataflow a row was really run with: DSCONV -> dpt, GEMM -> nmk (oracle README). */
export function effectiveDataflowName(type: string, dataflow: string): string {
  if (type === 'DSCONV') return 'dpt';
  if (type === 'GEMM') return 'nmk';
  return dataflow;
}

/** Rebuild a row's layer. */
export function rowLayer(row: OracleRow, dataflows: Map<string, Dataflow>): MappedLayer {
  const name = effectiveDataflowName(row['type']!, row['dataflow']!);
  const dataflow = dataflows.get(name);
  if (!dataflow) throw new Error(`unknown dataflow ${name}`);
  const layer: Layer = {
    name: row['layer']!,
    type: row['type'] as LayerType,
    strideX: Number(row['stride_x']),
    strideY: Number(row['stride_y']),
    dims: parseDims(row['dims']!),
  };
  return { ...layer, dataflow };
}

/** Rebuild a row's hardware. */
export function rowHardware(row: OracleRow): Hardware {
  return {
    id: row['hw_id'],
    numPes: Number(row['num_pes']),
    l1Size: Number(row['l1_size']),
    l2Size: Number(row['l2_size']),
    nocBw: Number(row['noc_bw']),
    offchipBw: Number(row['offchip_bw']),
  };
}

/** MAESTRO prints 6 significant digits: equal within relative 1e-5 (or both NaN / inf). */
export function matches(expected: string, actual: number, rel = 1e-5): boolean {
  const e = expected.trim();
  if (e === 'nan' || e === '-nan') return Number.isNaN(actual);
  if (e === 'inf') return actual === Infinity;
  if (e === '-inf') return actual === -Infinity;
  const x = Number(e);
  if (Number.isNaN(x)) return false;
  if (x === actual) return true;
  return Math.abs(x - actual) <= rel * Math.max(Math.abs(x), Math.abs(actual));
}

/** Match-rate bookkeeping per column and per group (e.g. dataflow). */
export class MatchStats {
  readonly perColumn = new Map<string, { ok: number; n: number }>();
  readonly perGroup = new Map<string, { ok: number; n: number }>();
  readonly failures: string[] = [];

  add(group: string, column: string, ok: boolean, detail: string): void {
    const c = this.perColumn.get(column) ?? { ok: 0, n: 0 };
    c.n++;
    if (ok) c.ok++;
    this.perColumn.set(column, c);
    if (!ok && this.failures.length < 40) this.failures.push(detail);
  }

  addRow(group: string, ok: boolean): void {
    const g = this.perGroup.get(group) ?? { ok: 0, n: 0 };
    g.n++;
    if (ok) g.ok++;
    this.perGroup.set(group, g);
  }

  rate(column: string): number {
    const c = this.perColumn.get(column);
    return c ? c.ok / c.n : 1;
  }

  report(title: string): string {
    const lines = [`${title}: match rate per column`];
    for (const [k, v] of this.perColumn) lines.push(`  ${k.padEnd(16)} ${((100 * v.ok) / v.n).toFixed(2)}% (${v.ok}/${v.n})`);
    lines.push(`${title}: rows matching on all columns, per group`);
    for (const [k, v] of this.perGroup) lines.push(`  ${k.padEnd(24)} ${((100 * v.ok) / v.n).toFixed(2)}% (${v.ok}/${v.n})`);
    if (this.failures.length) lines.push('first mismatches:', ...this.failures.slice(0, 20).map((f) => '  ' + f));
    return lines.join('\n');
  }
}
