import { describe, expect, it } from 'vitest';
import { paretoPositions, topKPerQuality, selectCandidates } from '../../src/search/pareto.js';
import { averageRanks, correlationMatrix, kendall, kendallMatrix, rankCorrelations, spearman } from '../../src/search/rankcorr.js';
import { objectiveValue, better, feasible } from '../../src/search/objective.js';
import { regret } from '../../src/search/answers.js';

describe('pareto', () => {
  // pos: q, lat, en
  const q = [1, 2, 3, 3, 2, 1];
  const lat = [10, 20, 30, 25, 15, 5];
  const en = [10, 20, 30, 35, 25, 50];
  it('plain Pareto set on (q up, lat down, en down)', () => {
    // 0 (1,10,10): dominated? by 4 (2,15,25)? no (lat worse). by 1 (2,20,20)? no. kept.
    // 1 (2,20,20) kept; 2 (3,30,30) kept; 3 (3,25,35) kept (lat better than 2);
    // 4 (2,15,25) kept (lat better than 1); 5 (1,5,50) kept (lat best).
    expect(paretoPositions(q, lat, en)).toEqual([0, 1, 2, 3, 4, 5]);
    // 5 dominated once 0 has lat 5 too: (1,5,10) dominates (1,5,50).
    expect(paretoPositions(q, [5, 20, 30, 25, 15, 5], en)).toEqual([0, 1, 2, 3, 4]);
  });
  it('equal points both kept; infinite points dropped', () => {
    expect(paretoPositions([1, 1], [5, 5], [5, 5])).toEqual([0, 1]);
    expect(paretoPositions([1, 1], [5, Infinity], [5, 1])).toEqual([0]);
    expect(paretoPositions([1, 2], [5, Infinity], [5, 1])).toEqual([0, 1]);
  });
  it('tolerance band widens the set', () => {
    // 1 is dominated by 0 by a factor 1.1 in both.
    expect(paretoPositions([1, 1], [10, 11], [10, 11])).toEqual([0]);
    expect(paretoPositions([1, 1], [10, 11], [10, 11], 0.2)).toEqual([0, 1]);
    expect(paretoPositions([1, 1], [10, 11], [10, 11], 0.05)).toEqual([0]);
  });
  it('top-k per quality level', () => {
    // quality levels 3,2,1; k=1 by latency: level 3 -> best of {2,3} = 3 (25); level 2 -> best of
    // {1,2,3,4} = 4 (15); level 1 -> 5 (5).
    expect(topKPerQuality(q, lat, en, 1, 'latency')).toEqual([3, 4, 5]);
    // k=2: level 3 -> {3,2}; level 2 -> {4,1}; level 1 -> {5,0}
    expect(topKPerQuality(q, lat, en, 2, 'latency')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(selectCandidates([1, 1, 1], [1, 2, 3], [1, 2, 3], { topK: 2, objective: 'latency' })).toEqual([0, 1]);
  });
  it('ties of the top-k and of the per-threshold ranking go to the smaller architecture id, not the earlier position (S followed the order of --ids)', async () => {
    const { perThresholdPositions } = await import('../../src/search/per-threshold.js');
    // Three architectures the proxy rejects (Infinity ties), ids 7, 3, 5 at positions 0, 1, 2.
    const inf = [Infinity, Infinity, Infinity];
    expect(topKPerQuality([1, 1, 1], inf, inf, 1, 'latency')).toEqual([0]);
    expect(topKPerQuality([1, 1, 1], inf, inf, 1, 'latency', [7, 3, 5])).toEqual([1]); // id 3
    expect(selectCandidates([1, 1, 1], [4, 4, 4], [1, 1, 1], { topK: 2, objective: 'energy', ids: [7, 3, 5] })).toEqual([0, 1, 2]); // (equal points: all on the front)
    expect(topKPerQuality([1, 1, 1], [4, 4, 9], [1, 1, 1], 2, 'energy', [7, 3, 5])).toEqual([1, 2]); // ids 3 and 5
    expect(perThresholdPositions([1, 1, 1], inf, inf, [1], { objective: 'latency', topK: 1, ids: [7, 3, 5] })).toEqual([0, 1, 2]); // (all rejected: all kept)
    expect(perThresholdPositions([1, 1, 1], [9, 4, 4], [1, 1, 1], [1], { objective: 'latency', tolerance: 0, topK: 0, ids: [7, 5, 3] })).toEqual([1, 2]);
    expect(perThresholdPositions([1, 1, 1, 1], [1, Infinity, Infinity, Infinity], [1, 1, 1, 1], [1], { objective: 'latency', topK: 2, ids: [0, 9, 2, 5] })).toEqual([0, 2]); // (the second of the ranking: id 2 among the rejected)
  });
});

describe('rank correlation (hand-worked)', () => {
  it('average ranks with ties', () => {
    expect(Array.from(averageRanks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
  });
  it('spearman', () => {
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
    // d = [0,0,1,-1] (no ties): 1 - 6*2/(4*15) = 0.8
    expect(spearman([1, 2, 3, 4], [1, 2, 4, 3])).toBeCloseTo(0.8, 12);
  });
  it('kendall tau-b', () => {
    // 4 items, one discordant pair of 6: (5-1)/6
    expect(kendall([1, 2, 3, 4], [1, 2, 4, 3])).toBeCloseTo(4 / 6, 12);
    // x=[1,2,3,4,5], y=[5,6,7,8,7]: pairs: C=8, D=1, ties in y: 1 -> (8-1)/sqrt(10*9)
    expect(kendall([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(7 / Math.sqrt(90), 12);
    // ties in both: x=[1,1,2,3], y=[1,2,2,3]: pairs (0,1) tie x, (1,2) tie y, others concordant (4)
    // n0=6, n1=1, n2=1 -> 4/sqrt(5*5) = 0.8
    expect(kendall([1, 1, 2, 3], [1, 2, 2, 3])).toBeCloseTo(0.8, 12);
    expect(kendall([3, 2, 1], [1, 2, 3])).toBe(-1);
  });
  it('kendallMatrix equals pairwise kendall (ties, Infinity)', () => {
    let s = 7;
    const rnd = () => ((s = (s * 16807) % 2147483647) % 9);
    const series = Array.from({ length: 5 }, () => Array.from({ length: 57 }, () => (rnd() === 8 ? Infinity : rnd())));
    const a = kendallMatrix(series);
    const b = correlationMatrix(series, kendall);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(a[i][j]).toBeCloseTo(b[i][j], 12);
  });
  it('rankCorrelations equals pairwise spearman/kendall (duplicates, constants, near-sorted and shuffled series)', () => {
    let s = 11;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const n = 300;
    const base = Array.from({ length: n }, (_, i) => i + (rnd() < 0.1 ? 0 : rnd()));
    const near = base.map((v) => v + (rnd() < 0.05 ? 40 * rnd() : 0)); // few inversions: insertion sort
    const shuffled = base.map(() => Math.floor(rnd() * 50)); // many inversions + ties: merge sort
    const series = [base, near, shuffled, [...near], new Array(n).fill(3), [...base].reverse(), [...shuffled], new Array(n).fill(3), base.map((v) => (v > 100 ? Infinity : v))];
    const r = rankCorrelations(series);
    const sp = correlationMatrix(series, spearman);
    const kd = correlationMatrix(series, kendall);
    for (let i = 0; i < series.length; i++)
      for (let j = 0; j < series.length; j++) {
        if (Number.isNaN(sp[i][j])) expect(r.spearman![i][j]).toBeNaN();
        else expect(r.spearman![i][j]).toBeCloseTo(sp[i][j], 12);
        if (Number.isNaN(kd[i][j])) expect(r.kendall![i][j]).toBeNaN();
        else expect(r.kendall![i][j]).toBeCloseTo(kd[i][j], 12);
      }
    expect(r.kendall![1][3]).toBe(1);
    expect(r.spearman![4][7]).toBeNaN();
    // the diagonal: 1, or NaN for a constant series (its correlation with itself is undefined too)
    expect([r.spearman![0][0], r.kendall![0][0], r.spearman![4][4], r.kendall![4][4], r.kendall![7][7]]).toEqual([1, 1, NaN, NaN, NaN]);
  });
  it('kendall matches the O(n^2) definition on random data', () => {
    let s = 1;
    const rnd = () => ((s = (s * 16807) % 2147483647) % 7);
    for (let rep = 0; rep < 20; rep++) {
      const n = 30;
      const x = Array.from({ length: n }, rnd);
      const y = Array.from({ length: n }, rnd);
      let c = 0, d = 0, tx = 0, ty = 0;
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          const a = Math.sign(x[i] - x[j]), b = Math.sign(y[i] - y[j]);
          if (a === 0 && b === 0) continue;
          if (a === 0) tx++;
          else if (b === 0) ty++;
          else if (a === b) c++;
          else d++;
        }
      const ref = (c - d) / Math.sqrt((c + d + tx) * (c + d + ty));
      expect(kendall(x, y)).toBeCloseTo(ref, 12);
    }
  });
});

describe('objective / regret', () => {
  it('values and feasibility', () => {
    expect(objectiveValue('edp', 3, 4)).toBe(12);
    expect(objectiveValue('energy', 3, 4)).toBe(4);
    expect(objectiveValue('latency', Infinity, 4)).toBe(Infinity);
    expect(feasible({ objective: 'latency', latencyCap: 5 }, 6, 1)).toBe(false);
    expect(feasible({ objective: 'latency', energyCap: 5 }, 1, 5)).toBe(true);
    expect(better(1, 9, 9, 2, 0, 0)).toBe(true);
    expect(better(1, 1, 9, 1, 2, 0)).toBe(true);
    expect(better(1, 1, 1, 1, 1, 2)).toBe(true);
  });
  it('regret', () => {
    const a = (value: number) => ({ pos: 0, archId: 0, quality: 0, accel: 0, accelId: '', latency: 0, energy: 0, value });
    expect(regret(a(11), a(10))).toBeCloseTo(0.1, 12);
    expect(regret(a(10), a(10))).toBe(0);
    expect(regret(null, a(10))).toBe(Infinity);
    expect(regret(null, null)).toBe(0);
  });
});
