/** assembly/layout.ts agrees with src/model/columns.ts (the one column order of the project). */
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { NUMERIC_COLUMN_KEYS, NUM_NUMERIC_COLUMNS } from '../../src/model/columns.js';
import { DIM_INDEX, DIM_NAMES } from '../../src/model/encode.js';

const NAMED: Record<string, number> = {
  num_pes: L.COL_NUM_PES, runtime: L.COL_RUNTIME, energy_nj: L.COL_ENERGY, throughput: L.COL_THROUGHPUT,
  perf_per_energy: L.COL_PERF_PER_ENERGY, area: L.COL_AREA, power: L.COL_POWER, noc_bw_req: L.COL_NOC_BW_REQ,
  avg_bw_req: L.COL_AVG_BW_REQ, peak_bw_req: L.COL_PEAK_BW_REQ, vector_width: L.COL_VECTOR_WIDTH,
  offchip_bw_req: L.COL_OFFCHIP_BW_REQ, l2_size_req: L.COL_L2_SIZE_REQ, l1_size_req: L.COL_L1_SIZE_REQ,
  mc_weight: L.COL_MC_WEIGHT, mc_input: L.COL_MC_INPUT, input_pixels: L.COL_INPUT_PIXELS,
  weight_pixels: L.COL_WEIGHT_PIXELS, ops_per_joule: L.COL_OPS_PER_JOULE, num_macs: L.COL_NUM_MACS,
  pe_power: L.COL_PE_POWER, l1_power: L.COL_L1_POWER, l2_power: L.COL_L2_POWER, noc_power: L.COL_NOC_POWER,
  in_l1_rd: L.COL_TENSOR + L.TCOL_L1_RD, in_l1_wr: L.COL_TENSOR + L.TCOL_L1_WR, in_l2_rd: L.COL_TENSOR + L.TCOL_L2_RD,
  in_l2_wr: L.COL_TENSOR + L.TCOL_L2_WR, in_reuse: L.COL_TENSOR + L.TCOL_REUSE,
  w_l1_rd: L.COL_TENSOR + 5 + L.TCOL_L1_RD, w_l1_wr: L.COL_TENSOR + 5 + L.TCOL_L1_WR,
  w_l2_rd: L.COL_TENSOR + 5 + L.TCOL_L2_RD, w_l2_wr: L.COL_TENSOR + 5 + L.TCOL_L2_WR, w_reuse: L.COL_TENSOR + 5 + L.TCOL_REUSE,
  out_l1_rd: L.COL_TENSOR + 10 + L.TCOL_L1_RD, out_l1_wr: L.COL_TENSOR + 10 + L.TCOL_L1_WR,
  out_l2_rd: L.COL_TENSOR + 10 + L.TCOL_L2_RD, out_l2_wr: L.COL_TENSOR + 10 + L.TCOL_L2_WR,
  out_reuse: L.COL_TENSOR + 10 + L.TCOL_REUSE,
  ingress_min: L.COL_INGRESS_MIN, ingress_max: L.COL_INGRESS_MAX, ingress_avg: L.COL_INGRESS_AVG,
  egress_min: L.COL_EGRESS_MIN, egress_max: L.COL_EGRESS_MAX, egress_avg: L.COL_EGRESS_AVG,
  compute_min: L.COL_COMPUTE_MIN, compute_max: L.COL_COMPUTE_MAX, compute_avg: L.COL_COMPUTE_AVG,
  util_pes: L.COL_UTIL_PES, arith_intensity: L.COL_ARITH_INTENSITY,
};

describe('layout', () => {
  it('names every numeric column at OUT_COLUMNS + its index in NUMERIC_COLUMN_KEYS', () => {
    expect(L.NUM_OUT_COLUMNS).toBe(NUM_NUMERIC_COLUMNS);
    NUMERIC_COLUMN_KEYS.forEach((key, k) => expect([key, NAMED[key]]).toEqual([key, L.OUT_COLUMNS + k]));
    expect(L.OUT_MULTI_LEVEL).toBe(L.OUT_COLUMNS + L.NUM_OUT_COLUMNS);
    expect(L.OUT_SIZE).toBeGreaterThan(L.OUT_MULTI_LEVEL);
  });

  it('fits the directives in the descriptor and orders dimensions alphabetically', () => {
    expect(L.DESC_DIRECTIVES + L.MAX_DIRECTIVES * L.DIRECTIVE_SLOTS).toBeLessThanOrEqual(L.DESC_SIZE);
    expect(L.DESC_DIM_STRIDE).toBe(L.DESC_DIM_SIZE + L.NUM_DIMS);
    expect(L.DESC_DIRECTIVES).toBeGreaterThanOrEqual(L.DESC_DIM_STRIDE + L.NUM_DIMS);
    expect([...DIM_NAMES].sort()).toEqual(DIM_NAMES);
    DIM_NAMES.forEach((n, i) => expect(DIM_INDEX[n]).toBe(i));
  });
});
