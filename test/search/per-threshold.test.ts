import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAccelerators } from '../../src/accelerators/accelerators.js';
import { perThresholdPositions } from '../../src/search/per-threshold.js';
import { runCodesign, type RunConfig } from '../../src/search/run.js';
import { archIdsArb, FakeEvaluator, monotoneCost, PROPERTY_GRID, qualityOf } from './fixtures/fake.js';
import { toyConfig, toyEvaluator } from './fixtures/toy.js';

// pos:        0    1    2    3    4    5
const Q = [70, 71, 72, 72, 69, 73];
const LAT = [100, 120, 150, 105, 90, 300];
const EN = [5, 4, 3, 9, 1, 2];
const sel = (t: number[], o: Partial<Parameters<typeof perThresholdPositions>[4]> = {}) =>
  perThresholdPositions(Q, LAT, EN, t, { objective: 'latency', ...o });

describe('perThresholdPositions (worked by hand)', () => {
  it('the best on the proxy per threshold; the union over thresholds', () => {
    // quality >= 72: {2: 150, 3: 105, 5: 300} -> 3
    expect(sel([72])).toEqual([3]);
    // quality >= 70: {0: 100, 1: 120, 2: 150, 3: 105, 5: 300} -> 0
    expect(sel([70])).toEqual([0]);
    expect(sel([72, 70])).toEqual([0, 3]);
    expect(sel([69])).toEqual([4]);
    // No architecture reaches 74: nothing.
    expect(sel([74])).toEqual([]);
    expect(sel([74, 72])).toEqual([3]);
  });

  it('tolerance band and top-k', () => {
    // >= 72: best 105, band 1.5 x 105 = 157.5 -> {3, 2}
    expect(sel([72], { tolerance: 0.5 })).toEqual([2, 3]);
    // >= 70: best 100, band 105 -> {0, 3} (105 <= 105 is kept)
    expect(sel([70], { tolerance: 0.05 })).toEqual([0, 3]);
    // top-2 of >= 72 by latency: 3 (105), 2 (150)
    expect(sel([72], { topK: 2 })).toEqual([2, 3]);
    // top-3 of >= 70: 0, 3, 1
    expect(sel([70], { topK: 3 })).toEqual([0, 1, 3]);
    // top-k larger than the set: all of it
    expect(sel([73], { topK: 5 })).toEqual([5]);
  });

  it('energy and EDP objectives', () => {
    // >= 72 energies {2: 3, 3: 9, 5: 2} -> 5; band 1.5 x 2 = 3 -> {2, 5}
    expect(sel([72], { objective: 'energy' })).toEqual([5]);
    expect(sel([72], { objective: 'energy', tolerance: 0.5 })).toEqual([2, 5]);
    // >= 71 EDP {1: 480, 2: 450, 3: 945, 5: 600} -> 2; band 495 -> {1, 2}
    expect(sel([71], { objective: 'edp' })).toEqual([2]);
    expect(sel([71], { objective: 'edp', tolerance: 0.1 })).toEqual([1, 2]);
  });

  it('ties at the best are all kept', () => {
    expect(perThresholdPositions([1, 1, 1], [5, 3, 3], [1, 1, 1], [1], { objective: 'latency' })).toEqual([1, 2]);
  });

  it('caps: over-cap points on the proxy are not preferred', () => {
    // latency cap 102, >= 70: only 0 (100) within; 3 (105) over the cap stays out of the band...
    expect(sel([70], { caps: { latencyCap: 102 }, tolerance: 0.1 })).toEqual([0]);
    // ...but top-k reaches it after the feasible ones: ranking 0 | 3, 1, 2, 5
    expect(sel([70], { caps: { latencyCap: 102 }, topK: 2 })).toEqual([0, 3]);
    // Nothing within the cap on the proxy: ranked by objective alone (may be feasible elsewhere).
    expect(sel([70], { caps: { latencyCap: 95 } })).toEqual([0]);
    // Energy cap 2.5 with latency objective: only 5 (energy 2) meets it among >= 70.
    expect(sel([70], { caps: { energyCap: 2.5 } })).toEqual([5]);
  });

  it('points the model rejects on the proxy rank last; all kept when all are rejected', () => {
    const q = [75, 73, 73];
    const lat = [Infinity, 300, Infinity];
    const en = [Infinity, 2, NaN];
    expect(perThresholdPositions(q, lat, en, [75], { objective: 'latency' })).toEqual([0]);
    expect(perThresholdPositions(q, lat, en, [73], { objective: 'latency' })).toEqual([1]);
    expect(perThresholdPositions(q, lat, en, [73], { objective: 'latency', topK: 2 })).toEqual([0, 1]);
    expect(perThresholdPositions([1, 1], [Infinity, Infinity], [1, 1], [1], { objective: 'energy' })).toEqual([0, 1]);
  });
});

const config = (over: Partial<RunConfig> = {}): RunConfig =>
  toyConfig({ selection: { mode: 'per-threshold' }, thresholds: [3, 1], ...over });
const tableEval = toyEvaluator;

describe('runCodesign with per-threshold selection', () => {
  it('S, answers and evaluations on a hand-made table', async () => {
    const r = await runCodesign(config(), tableEval());
    // >= 3: {0: 40, 1: 30} -> 1; >= 1: all, proxy latency 40, 30, 35, 50 -> 1. S = {1}.
    expect(r.selected).toEqual({ count: 1, archIds: [1] });
    expect(r.selection).toEqual({ mode: 'per-threshold', tolerance: 0 });
    const pick = (a: any) => a && [a.archId, a.accelId, a.value];
    expect(r.perThreshold.map((t) => pick(t.semi))).toEqual([[1, 'P/kcp_ws', 30], [1, 'P/kcp_ws', 30]]);
    // Full: >= 1 is arch 3 on H2 (10): the proxy misses it; certified finds it.
    expect(r.perThreshold.map((t) => pick(t.full))).toEqual([[1, 'P/kcp_ws', 30], [3, 'H2/kcp_ws', 10]]);
    expect(r.agreement).toEqual({ thresholds: 2, semiOptimal: 1, samePair: 1, maxRegret: 2, certifiedAgrees: 2 });
    // semi: 4 on the proxy (= P) + 1 on H2.
    expect(r.searches.semi!.evaluations).toBe(5);
    // top-k 4 keeps everything for threshold 1: semi = full.
    const k = await runCodesign(config({ selection: { mode: 'per-threshold', topK: 4 } }), tableEval());
    expect(k.selected!.count).toBe(4);
    expect(k.agreement.samePair).toBe(2);
    expect(k.selection).toEqual({ mode: 'per-threshold', tolerance: 0, topK: 4 });
  });

  it('the default selection is recorded as pareto', async () => {
    const r = await runCodesign(config({ selection: {}, thresholds: 'all' }), tableEval());
    expect(r.selection).toEqual({ mode: 'pareto', tolerance: 0 });
    expect(r.selected!.count).toBe(3);
  });

  it('needs explicit thresholds', async () => {
    for (const thresholds of ['pareto', 'all', []] as const)
      await expect(runCodesign(config({ thresholds: thresholds as RunConfig['thresholds'] }), tableEval())).rejects.toThrow(
        /per-threshold selection needs explicit thresholds/,
      );
  });

  it('certified always equals full (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        archIdsArb,
        fc.subarray(PROPERTY_GRID, { minLength: 1 }),
        fc.constantFrom('latency', 'energy', 'edp'),
        fc.uniqueArray(fc.integer({ min: 0, max: 17 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(0, 0.05),
        fc.constantFrom(undefined, 1, 3),
        async (ids, hw, objective, thresholds, tolerance, topK) => {
          const r = await runCodesign(
            config({
              archIds: Int32Array.from(ids),
              quality: qualityOf(ids),
              accelerators: buildAccelerators(hw, ['kcp_ws', 'rs']),
              problem: { objective: objective as 'latency' },
              selection: { mode: 'per-threshold', tolerance, ...(topK ? { topK } : {}) },
              thresholds,
            }),
            new FakeEvaluator(monotoneCost),
          );
          expect(r.agreement.certifiedAgrees).toBe(r.thresholds.length);
          expect(r.searches.certified!.boundViolations).toBe(0);
          // Where no pair is feasible, both say so.
          for (const t of r.perThreshold) expect(t.full === null).toBe(t.certified === null);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});
