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
  const at = i * L.OUT_SIZE + L.OUT_COLUMNS;
  const m = {} as LayerMetrics;
  for (let k = 0; k < NUMERIC_COLUMN_KEYS.length; k++) m[NUMERIC_COLUMN_KEYS[k]!] = rows[at + k]!;
  return m;
}
