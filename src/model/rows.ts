/**
 * Reading result rows (Float64 records of assembly/layout.ts) into typed objects.
 */
import * as L from '../../assembly/layout.js';
import { NUMERIC_COLUMN_KEYS, type LayerMetrics } from './columns.js';

/** Status (ERR_* code) of row `i`; 0 = ok. */
export function rowStatus(rows: Float64Array, i: number): number {
  return rows[i * L.OUT_SIZE + L.OUT_STATUS]!;
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
