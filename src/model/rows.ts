/**
 * Reading result rows (Float64 records of assembly/layout.ts) into typed objects.
 */
import * as L from '../../assembly/layout.js';
import { NUMERIC_COLUMN_KEYS, type ExactCounts, type LayerMetrics, type NumericColumnKey } from './columns.js';

/** Status (ERR_* code) of row `i`; 0 = ok. */
export function rowStatus(rows: Float64Array, i: number): number {
  return rows[i * L.OUT_SIZE + L.OUT_STATUS]!;
}

/** Per-tensor L2 / L1 buffer size requirements of an exact-counts record (assembly/layout.ts EX_*_SIZE_TENSOR). */
export function tensorSizesFrom(counts: BigInt64Array): { l2: [number, number, number]; l1: [number, number, number] } {
  const n = (slot: number): number => Number(counts[slot]!);
  const a = L.EX_L2_SIZE_TENSOR;
  const b = L.EX_L1_SIZE_TENSOR;
  return { l2: [n(a), n(a + 1), n(a + 2)], l1: [n(b), n(b + 1), n(b + 2)] };
}

/** All 50 numeric MAESTRO columns of row `i` as an object keyed by column key. */
export function rowMetrics(rows: Float64Array, i: number): LayerMetrics {
  return readMetrics(rows, i * L.OUT_SIZE + L.OUT_COLUMNS);
}

type MetricsReader = (rows: Float64Array, at: number) => LayerMetrics;

/** The 50 columns from slot `at` on, stored one by one (keys in NUMERIC_COLUMN_KEYS order). */
export function readMetricsByLoop(rows: Float64Array, at: number): LayerMetrics {
  const m = {} as LayerMetrics;
  for (let k = 0; k < NUMERIC_COLUMN_KEYS.length; k++) m[NUMERIC_COLUMN_KEYS[k]!] = rows[at + k]!;
  return m;
}

/**
 * The same object as {@link readMetricsByLoop}, built by one object literal generated from
 * NUMERIC_COLUMN_KEYS (about 10x faster than 50 keyed stores: the object gets its final shape at
 * once); the loop where code generation is not allowed (a browser page's CSP).
 */
const readMetrics: MetricsReader = (() => {
  const fields = NUMERIC_COLUMN_KEYS.map((k, i) => `${JSON.stringify(k)}: r[a + ${i}]`).join(', ');
  try {
    return new Function('r', 'a', `return { ${fields} };`) as MetricsReader;
  } catch {
    return readMetricsByLoop;
  }
})();

/** The columns of an exact-counts record (assembly/layout.ts EX_*), with their slots. */
const EXACT_SLOTS: ReadonlyArray<readonly [NumericColumnKey, number]> = [
  ['runtime', L.EX_RUNTIME],
  ['noc_bw_req', L.EX_NOC_BW_REQ],
  ['peak_bw_req', L.EX_NOC_BW_REQ],
  ['offchip_bw_req', L.EX_OFFCHIP_BW_REQ],
  ['input_pixels', L.EX_INPUT_PIXELS],
  ['weight_pixels', L.EX_WEIGHT_PIXELS],
  ['num_macs', L.EX_NUM_MACS],
  ...(['in', 'w', 'out'] as const).flatMap((t, i) =>
    ([['l1_rd', L.TCOL_L1_RD], ['l1_wr', L.TCOL_L1_WR], ['l2_rd', L.TCOL_L2_RD], ['l2_wr', L.TCOL_L2_WR]] as const).map(
      ([a, tcol]) => [`${t}_${a}` as NumericColumnKey, L.EX_TENSOR + 4 * i + tcol] as const,
    ),
  ),
];

const EXACT_COLUMN_SLOTS = EXACT_SLOTS.map(([key]) => L.OUT_COLUMNS + NUMERIC_COLUMN_KEYS.indexOf(key));

/** Does row `i` hold a 64-bit integer count of 2^53 or more (not exact as a double)? */
export function rowNeedsExactCounts(rows: Float64Array, i: number): boolean {
  const at = i * L.OUT_SIZE;
  for (const slot of EXACT_COLUMN_SLOTS) if (Math.abs(rows[at + slot]!) >= 2 ** 53) return true;
  return false;
}

/**
 * The counts of an exact-counts record ({@link BatchEvaluator.exactCounts}) that are beyond 2^53
 * in magnitude, by column; undefined when there are none.
 */
export function exactCountsFrom(counts: BigInt64Array): ExactCounts | undefined {
  let exact: ExactCounts | undefined;
  for (const [key, slot] of EXACT_SLOTS) {
    const v = counts[slot]!;
    if (v > 2n ** 53n || v < -(2n ** 53n)) (exact ??= {})[key] = v;
  }
  return exact;
}
