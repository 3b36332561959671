/**
 * Reading result rows: rowMetrics (an object literal generated from NUMERIC_COLUMN_KEYS) gives
 * exactly the object of the plain loop: same keys in the same order, same values (NaN, -0 too).
 * Exact counts: the 64-bit columns of a pair evaluated again (BatchEvaluator.exactCounts) equal
 * the row's values, and only those beyond 2^53 are reported.
 */
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { NUMERIC_COLUMN_KEYS } from '../../src/model/columns.js';
import { CostModel } from '../../src/model/costmodel.js';
import { encodeHardware, encodeLayer } from '../../src/model/encode.js';
import { builtinDataflow } from '../../src/dataflows/builtin.js';
import { MAESTRO_DEFAULT_HW } from '../../src/accelerators/paper.js';
import { exactCountsFrom, readMetricsByLoop, rowMetrics, rowNeedsExactCounts, rowStatus, tensorSizesFrom } from '../../src/model/rows.js';

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

describe('exact counts', () => {
  it('exactCounts gives the 64-bit columns of a row exactly; a rejected pair gives null', async () => {
    const cm = await CostModel.load();
    const df = builtinDataflow('kcp_ws');
    const layer = { name: 'L', type: 'CONV' as const, strideX: 1, strideY: 1, dims: { K: 256, C: 128, R: 3, S: 3, Y: 58, X: 58 }, dataflow: df };
    const ws = cm.batch.workspace(1, 2, 2, true);
    encodeLayer(layer, df, {}, ws.descs, 0);
    encodeHardware(MAESTRO_DEFAULT_HW, ws.hws, 0);
    encodeHardware({ ...MAESTRO_DEFAULT_HW, numPes: 32 }, ws.hws, L.HW_SIZE); // Cluster(64, P) on 32 PEs: rejected
    ws.pairs!.set([0, 0, 0, 1]);
    cm.batch.run(ws);
    const before = Float64Array.from(ws.out);
    const m = rowMetrics(ws.out, 0);
    const c = cm.batch.exactCounts(ws, 0)!;
    expect(Array.from(c, Number).slice(0, L.EX_L2_SIZE_TENSOR)).toEqual([
      m.runtime, m.noc_bw_req, m.offchip_bw_req, m.input_pixels, m.weight_pixels, m.num_macs,
      m.in_l1_rd, m.in_l1_wr, m.in_l2_rd, m.in_l2_wr, m.w_l1_rd, m.w_l1_wr, m.w_l2_rd, m.w_l2_wr,
      m.out_l1_rd, m.out_l1_wr, m.out_l2_rd, m.out_l2_wr,
    ]);
    // Then the per-tensor buffer sizes: they add up to the L2 / L1 size columns.
    const sizes = tensorSizesFrom(c);
    expect(sizes.l2.reduce((a, b) => a + b)).toBe(m.l2_size_req);
    expect(sizes.l1.reduce((a, b) => a + b)).toBe(m.l1_size_req);
    expect(c.length).toBe(L.EXACT_SIZE);
    expect(m.num_macs).toBe(256 * 128 * 9 * 56 * 56);
    expect(ws.out).toEqual(before); // the rows are left as they are
    expect(rowNeedsExactCounts(ws.out, 0)).toBe(false);
    expect(exactCountsFrom(c)).toBeUndefined(); // nothing beyond 2^53
    expect(cm.batch.exactCounts(ws, 1)).toBeNull();
    expect(() => cm.batch.exactCounts(ws, 2)).toThrow(RangeError);
  });

  it('exactCountsFrom keeps only counts beyond 2^53, by column', () => {
    const c = new BigInt64Array(L.EXACT_SIZE);
    c[L.EX_NUM_MACS] = 2n ** 53n + 1n;
    c[L.EX_NOC_BW_REQ] = -(2n ** 60n);
    c[L.EX_TENSOR + 4 * 2 + L.TCOL_L2_WR] = 2n ** 53n; // exact as a double
    expect(exactCountsFrom(c)).toEqual({ num_macs: 2n ** 53n + 1n, noc_bw_req: -(2n ** 60n), peak_bw_req: -(2n ** 60n) });
    const rows = new Float64Array(L.OUT_SIZE);
    rows[L.OUT_COLUMNS + NUMERIC_COLUMN_KEYS.indexOf('out_l2_wr')] = 2 ** 53;
    expect(rowNeedsExactCounts(rows, 0)).toBe(true);
  });
});
