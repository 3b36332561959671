/**
 * MAESTRO's integer wraps are detected, not reproduced: layers for which MAESTRO's 32-bit `int`
 * (or 64-bit `long`) arithmetic wraps get an error status (ERR_INT_OVERFLOW, ERR_SIZE_OVERFLOW,
 * ERR_LONG_OVERFLOW) instead of MAESTRO's garbage; layers just below the limits still match
 * MAESTRO on all 50 numeric columns. Expected rows: /tmp/maestro/maestro (CSV rows verbatim).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { NUMERIC_COLUMN_KEYS } from '../../src/model/columns.js';
import { CostModel } from '../../src/model/costmodel.js';
import { encodeHardware, encodeLayer, errorMessage } from '../../src/model/encode.js';
import { rowMetrics, rowStatus } from '../../src/model/rows.js';
import type { Dataflow, DimName, Hardware, LayerType, MappedLayer } from '../../src/model/types.js';
import { compileWasmSync, instantiate } from '../../src/model/wasm.js';
import { parseDataflowText } from '../conformance/dataflow-text.js';
import { matches } from '../conformance/oracle.js';

const HW: Hardware = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 };

/** All-temporal K, C (steps 1) + a unit SpatialMap: occurrences = (K-1) x (C-1) in one case. */
const KC_STEPS = `Dataflow {
  TemporalMap(1,1) K;
  TemporalMap(1,1) C;
  SpatialMap(1,1) Y;
  TemporalMap(1,1) X;
  TemporalMap(1,1) R;
  TemporalMap(1,1) S;
}`;
/** Whole Y x X plane in one step: the L1 / L2 size requirement is ~4 x Y x X. */
const WHOLE_PLANE = `Dataflow {
  SpatialMap(1,1) K;
  TemporalMap(1,1) C;
  TemporalMap(Sz(Y),Sz(Y)) Y;
  TemporalMap(Sz(X),Sz(X)) X;
  TemporalMap(1,1) R;
  TemporalMap(1,1) S;
}`;
/** Everything unrolled: one case computes all K x C x Y x X MACs. */
const UNROLLED = `Dataflow {
  TemporalMap(Sz(K),Sz(K)) K;
  TemporalMap(Sz(C),Sz(C)) C;
  TemporalMap(Sz(Y),Sz(Y)) Y;
  TemporalMap(Sz(X),Sz(X)) X;
  SpatialMap(1,1) R;
  TemporalMap(1,1) S;
}`;
/** K, C unrolled, Y, X stepped by 1: ~2^31 occurrences of 2^28 MACs. */
const KC_UNROLLED_YX_STEPS = `Dataflow {
  TemporalMap(Sz(K),Sz(K)) K;
  TemporalMap(Sz(C),Sz(C)) C;
  TemporalMap(1,1) Y;
  TemporalMap(1,1) X;
  SpatialMap(1,1) R;
  TemporalMap(1,1) S;
}`;
const KCP_WS = `Dataflow {
  SpatialMap(1,1) K;
  TemporalMap(64,64) C;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  Cluster(64, P);
  SpatialMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}`;
const XP_WS = `Dataflow {
  TemporalMap (1,1) K;
  TemporalMap (1,1) C;
  TemporalMap (Sz(R),1) Y;
  SpatialMap (Sz(S),1) X;
  TemporalMap (Sz(R),Sz(R)) R;
  TemporalMap (Sz(S),Sz(S)) S;
}`;

function conv(dims: Partial<Record<DimName, number>>, df: string): MappedLayer {
  return { name: 'L', type: 'CONV' as LayerType, strideX: 1, strideY: 1, dims, dataflow: parseDataflowText(df) as Dataflow };
}

/** Evaluate one layer on one hardware: [status, row]. */
function run(cm: CostModel, layer: MappedLayer, hw: Hardware = HW): { status: number; out: Float64Array } {
  const desc = encodeLayer(layer, layer.dataflow);
  const hws = new Int32Array(L.HW_SIZE);
  encodeHardware(hw, hws, 0);
  const out = cm.batch.evaluate(desc, hws, null);
  return { status: rowStatus(out, 0), out };
}

/** Compare all 50 numeric columns with a MAESTRO CSV row; returns the mismatching columns. */
function mismatches(out: Float64Array, maestroRow: string): string[] {
  const cells = maestroRow.split(',').map((c) => c.trim()).slice(2);
  const m = rowMetrics(out, 0);
  return NUMERIC_COLUMN_KEYS.filter((key, k) => !matches(cells[k]!, m[key])).map((key, k) => `${key}: ${cells[k]} vs ${m[key]}`);
}

describe('integer overflow: detected instead of wrapped', () => {
  let cm: CostModel;
  beforeAll(async () => {
    cm = await CostModel.load();
  });

  it('occurrence count just below 2^31: exact (MAESTRO: 2147395600 MACs)', () => {
    const r = run(cm, conv({ K: 46340, C: 46340, R: 1, S: 1, Y: 1, X: 1 }, KC_STEPS));
    expect(r.status).toBe(0);
    expect(rowMetrics(r.out, 0).num_macs).toBe(2147395600);
    expect(mismatches(r.out, 'n,L,256,2147395601,4.17445e+07,1,23.9553,4.19047e+08,3373.31,2,1.99998,2,1,2,6,6,1,1,46340,2147395600,5.14414e+10,2147395600,312.909,5.2992,0.0207,3055.08,2147395600, 2147349261, 2147349261, 46340, 1.00002, 2147395600, 2147395600, 2147395600, 2147395600, 1, 2147395600, 2147395600, 46340, 2147395600, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5')).toEqual([]);
  });

  it('C = 2^31-1 (largest int dimension): exact, MACs beyond 2^32 kept in 64 bits', () => {
    const r = run(cm, conv({ K: 2, C: 2147483647, R: 1, S: 1, Y: 1, X: 1 }, KC_STEPS));
    expect(r.status).toBe(0);
    expect(rowMetrics(r.out, 0).num_macs).toBe(4294967294);
    expect(mismatches(r.out, 'n,L,256,4294967295,9.26843e+07,1,10.7893,4.19047e+08,3373.31,2,2,2,1,2,6,6,1,1,2147483647,4294967294,4.63397e+10,4294967294,312.909,5.2992,0.0207,3055.08,4294967294, 4294967293, 4294967293, 2147483647, 1, 4294967294, 4294967294, 4294967294, 4294967294, 1, 4294967294, 4294967294, 2, 4294967294, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5')).toEqual([]);
  });

  it('occurrence count wrapping to a negative int: rejected (MAESTRO: assertion fails)', () => {
    const r = run(cm, conv({ K: 46342, C: 46342, R: 1, S: 1, Y: 1, X: 1 }, KC_STEPS));
    expect(r.status).toBe(L.ERR_INT_OVERFLOW);
  });

  it('occurrence count wrapping to a positive int: rejected (MAESTRO prints 262148 MACs for 4295229444)', () => {
    const r = run(cm, conv({ K: 65538, C: 65538, R: 1, S: 1, Y: 1, X: 1 }, KC_STEPS));
    expect(r.status).toBe(L.ERR_INT_OVERFLOW);
  });

  it('H9 reproducer c2 (kcp_ws K2729 C6 R6 S4 Y3110 X75608): rejected (MAESTRO prints 718158228048 MACs)', () => {
    const r = run(cm, conv({ K: 2729, C: 6, R: 6, S: 4, Y: 3110, X: 75608 }, KCP_WS));
    expect(r.status).toBe(L.ERR_INT_OVERFLOW);
    expect(errorMessage(r.status)).toMatch(/32-bit int/);
  });

  it('H9 reproducer c5 (xp_ws on num_pes 2^31-1: spatial coverage S + num_pes - 1 wraps): rejected', () => {
    const layer = conv({ K: 69, C: 2, R: 5, S: 2, Y: 9, X: 21 }, XP_WS);
    expect(run(cm, layer, { ...HW, numPes: 2147483647 }).status).toBe(L.ERR_INT_OVERFLOW);
    // One PE less: coverage 2 + (2^31-3) = 2^31-1 fits; X' (20 columns) is unrolled exactly as on 4096 PEs.
    const near = run(cm, layer, { ...HW, numPes: 2147483646 });
    const small = run(cm, layer, { ...HW, numPes: 4096 });
    expect(near.status).toBe(0);
    expect(small.status).toBe(0);
    for (const key of ['runtime', 'num_macs', 'l1_size_req', 'l2_size_req', 'util_pes'] as const) {
      expect(rowMetrics(near.out, 0)[key]).toBe(rowMetrics(small.out, 0)[key]);
    }
    expect(rowMetrics(near.out, 0).num_macs).toBe(138000);
  });

  it("X' + S - 1 beyond 2^31-1 (MAESTRO's int completion of X): rejected; at 2^31-1: evaluated", () => {
    const df = `Dataflow {
  SpatialMap(1,1) K;
  TemporalMap(1,1) C;
  TemporalMap(Sz(R),Sz(R)) Y;
  TemporalMap(Sz(S),Sz(S)) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}`;
    expect(run(cm, conv({ K: 1, C: 1, R: 1, S: 3, "Y'": 1, "X'": 2147483646 }, df)).status).toBe(L.ERR_INT_OVERFLOW);
    expect(run(cm, conv({ K: 1, C: 1, R: 1, S: 2, "Y'": 1, "X'": 2147483646 }, df)).status).not.toBe(L.ERR_INT_OVERFLOW);
  });

  it('L2 size requirement just below 2^31: exact (MAESTRO: 2147395602)', () => {
    const r = run(cm, conv({ K: 1, C: 1, R: 1, S: 1, Y: 23170, X: 23170 }, WHOLE_PLANE));
    expect(r.status).toBe(0);
    expect(rowMetrics(r.out, 0).l2_size_req).toBe(2147395602);
    expect(mismatches(r.out, 'n,L,256,537385749,7.93082e+06,0.999001,125.964,5.78146e+10,1.90399e+09,1,1,1,1,1,2147395602,2147395602,1,1,536848900,1,6.76915e+10,536848900,312.909,1.89658e+09,7.40851e+06,3055.08,536848900, 536848900, 536848900, 536848900, 1, 536848900, 1, 1, 1, 5.36849e+08, 536848900, 536848900, 536848900, 536848900, 1, 536849, 536849, 536849, 536849, 536849, 536849, 536848900, 536848900, 536848900, 1, 1')).toEqual([]);
  });

  it('L2 size requirement beyond 2^31-1: rejected (MAESTRO prints -2147386330 bytes, negative area)', () => {
    const r = run(cm, conv({ K: 1, C: 1, R: 1, S: 1, Y: 23171, X: 23171 }, WHOLE_PLANE));
    expect(r.status).toBe(L.ERR_SIZE_OVERFLOW);
    expect(errorMessage(r.status)).toMatch(/L1 or L2 size/);
  });

  it('5.8e17 MACs (2^31 occurrences x 2^28 MACs): exact (64-bit counts, no wrap)', () => {
    const r = run(cm, conv({ K: 16384, C: 16384, R: 1, S: 1, Y: 46340, X: 46340 }, KC_UNROLLED_YX_STEPS));
    expect(r.status).toBe(0);
    expect(rowMetrics(r.out, 0).num_macs).toBe(576437117098393600);
    expect(mismatches(r.out, 'n,L,256,576437117098662052,8.91407e+14,1,1.12182e-06,1.47703e+10,4.76078e+08,1,6.10344e-05,1,1,1,536936448,536936448,1,1,35182929510400,268435456,6.4666e+11,576437117098393600,312.909,4.74222e+08,1.85243e+06,3055.08,576437117098393600, 35182929510400, 35182929510400, 35182929510400, 16384, 576437117098393600, 268435456, 268435456, 268435456, 2.1474e+09, 576437117098393600, 576437117098393600, 35182929510400, 35182929510400, 1, 17, 268452, 17, 17, 17, 17, 268435456, 268435456, 268435456, 1, 16384')).toEqual([]);
  });

  it('2^64 MACs in one case: rejected (MAESTRO prints runtime 0 and 0 MACs)', () => {
    const r = run(cm, conv({ K: 1048576, C: 1048576, R: 1, S: 1, Y: 4096, X: 4096 }, UNROLLED));
    expect(r.status).toBe(L.ERR_LONG_OVERFLOW);
    expect(errorMessage(r.status)).toMatch(/2\^62/);
  });

  it('the same with 2^59 MACs: MAESTRO computes them, but its int L1/L2 size wraps to 0: rejected', () => {
    const r = run(cm, conv({ K: 1048576, C: 1048576, R: 1, S: 1, Y: 1024, X: 512 }, UNROLLED));
    expect(r.status).toBe(L.ERR_SIZE_OVERFLOW);
  });

  it('checks 64-bit sums at run time when the static bound is too coarse (differential s2-1910, 9.6e14 MACs)', () => {
    // Double SpatialMap (K and C) at one level: MAESTRO's counts are ~1e5 x the true MACs.
    const ex = instantiate(compileWasmSync());
    const local = CostModel.fromExports(ex);
    const df = `Dataflow {
  SpatialMap(1,1) K;
  TemporalMap(64,64) C;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  SpatialMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}`;
    const layer = { ...conv({ K: 560, C: 48, R: 7, S: 7, Y: 300, X: 300 }, df), strideX: 3, strideY: 3 };
    const before = ex.longCheckedAnalyses!();
    const m = local.evaluateLayer(layer, { numPes: 201, l1Size: 1, l2Size: 100, nocBw: 16, offchipBw: 47 });
    expect(ex.longCheckedAnalyses!()).toBeGreaterThan(before);
    expect(m.num_macs).toBe(962095871025828);
    expect(m.runtime).toBe(26226053698482);
  });
});

describe('fixture data: the wrapped MAESTRO rows are real', () => {
  it('maestro-big fixtures listed as MAESTRO_WRAPPED print far fewer MACs than the layer has', () => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
    const d = JSON.parse(readFileSync(path.join(dir, 'maestro-big-1.json'), 'utf8'));
    const b56 = d.cases.find((c: { id: string }) => c.id === 'b56');
    expect(b56.layers[0].dims).toEqual({ M: 1024, N: 20000, K: 50000 });
    expect(Number(b56.rows[0][19])).toBe(165006540800); // num_macs column; true: 1024e9
  });
});
