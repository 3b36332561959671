/**
 * Reading result rows: rowMetrics (an object literal generated from NUMERIC_COLUMN_KEYS) gives
 * exactly the object of the plain loop: same keys in the same order, same values (NaN, -0 too).
 */
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { NUMERIC_COLUMN_KEYS } from '../../src/model/columns.js';
import { readMetricsByLoop, rowMetrics, rowStatus } from '../../src/model/rows.js';

describe('rowMetrics', () => {
  it('equals the key-by-key reading of the row, in column order', () => {
    const rows = new Float64Array(3 * L.OUT_SIZE);
    for (let i = 0; i < rows.length; i++) rows[i] = i * 1.25 - 7;
    const col = (k: string) => NUMERIC_COLUMN_KEYS.indexOf(k as never);
    rows[2 * L.OUT_SIZE + L.OUT_COLUMNS + col('throughput')] = NaN;
    rows[2 * L.OUT_SIZE + L.OUT_COLUMNS + col('area')] = -0;
    for (let r = 0; r < 3; r++) {
      const m = rowMetrics(rows, r);
      const ref = readMetricsByLoop(rows, r * L.OUT_SIZE + L.OUT_COLUMNS);
      expect(Object.keys(m)).toEqual([...NUMERIC_COLUMN_KEYS]);
      for (const k of NUMERIC_COLUMN_KEYS) expect(Object.is(m[k], ref[k])).toBe(true);
      expect(m.num_pes).toBe(rows[r * L.OUT_SIZE + L.OUT_COLUMNS]);
      expect(m.arith_intensity).toBe(rows[r * L.OUT_SIZE + L.OUT_COLUMNS + NUMERIC_COLUMN_KEYS.length - 1]);
    }
    expect(Object.is(rowMetrics(rows, 2).throughput, NaN)).toBe(true);
    expect(Object.is(rowMetrics(rows, 2).area, -0)).toBe(true);
    expect(rowStatus(rows, 1)).toBe(rows[L.OUT_SIZE + L.OUT_STATUS]);
  });
});
