/**
 * Phase-1 selection: the Pareto set on (quality up, latency down, energy down), optionally widened
 * by a tolerance band (epsilon-dominance) and/or the top-k per quality level.
 */
import { objectiveValue } from './objective.js';
import type { Objective } from './types.js';

/**
 * How phase 1 selects S: `pareto` = the Pareto set above (independent of the thresholds: right for
 * a sweep over every quality level); `per-threshold` = for each explicit threshold, the
 * near-best architectures by proxy objective among those reaching it (see per-threshold.ts).
 */
export type SelectionMode = 'pareto' | 'per-threshold';

/** Options of the phase-1 selection (widening the Pareto set, or the per-threshold band). */
export interface SelectionOptions {
  /** Selection mode (default `pareto`). `per-threshold` needs explicit thresholds. */
  mode?: SelectionMode;
  /**
   * Tolerance band t >= 0: a point is dropped only when another point has quality >= its quality and
   * latency and energy both at least (1 + t) times smaller-or-equal. t = 0 is the plain Pareto set.
   * With `per-threshold`: keep objective <= (1 + t) x the threshold's best on the proxy.
   */
  tolerance?: number;
  /**
   * Also keep, for every quality level q, the k best points (by objective) with quality >= q
   * (`per-threshold`: for every threshold q).
   */
  topK?: number;
  /** Objective ranking the top-k (and the `per-threshold` band); default `latency` (in a run: the problem's). */
  objective?: Objective;
  /**
   * The architecture id of each position: ties of the top-k are broken by id (default: by
   * position), so that S does not depend on the order the ids were listed in.
   */
  ids?: ArrayLike<number>;
}

/**
 * Positions of the non-dominated points (ascending). Point b dominates a when
 * q[b] >= q[a], lat[b] <= lat[a], en[b] <= en[a] and one of them strictly; with tolerance t the
 * latency/energy comparisons use (1 + t) * lat[b] <= lat[a] and (1 + t) * en[b] <= en[a].
 * Non-finite latency/energy counts as worse than any finite value.
 */
export function paretoPositions(
  quality: ArrayLike<number>,
  latency: ArrayLike<number>,
  energy: ArrayLike<number>,
  tolerance = 0,
): number[] {
  const n = quality.length;
  const f = 1 + tolerance;
  // Sort by quality descending so dominators of a are among the points before it (or tied in quality).
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => quality[b] - quality[a] || a - b);
  const keep: number[] = [];
  for (let ia = 0; ia < n; ia++) {
    const a = order[ia];
    const la = latency[a];
    const ea = energy[a];
    let dominated = false;
    for (let ib = 0; ib < n && !dominated; ib++) {
      const b = order[ib];
      if (b === a) continue;
      if (quality[b] < quality[a]) break;
      const lb = latency[b];
      const eb = energy[b];
      if (!Number.isFinite(lb) || !Number.isFinite(eb)) continue;
      if (!Number.isFinite(la) || !Number.isFinite(ea)) {
        dominated = true;
        break;
      }
      if (f * lb <= la && f * eb <= ea && (quality[b] > quality[a] || lb < la || eb < ea || tolerance > 0))
        dominated = true;
    }
    if (!dominated) keep.push(a);
  }
  return keep.sort((x, y) => x - y);
}

/**
 * For every distinct quality level q, the k best positions (by objective value, then id: `ids[p]`,
 * default the position) among those with quality >= q; the union, ascending.
 */
export function topKPerQuality(
  quality: ArrayLike<number>,
  latency: ArrayLike<number>,
  energy: ArrayLike<number>,
  k: number,
  objective: Objective,
  ids?: ArrayLike<number>,
): number[] {
  const n = quality.length;
  const id = (p: number) => (ids ? ids[p]! : p);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => quality[b] - quality[a] || id(a) - id(b));
  const val = (p: number) => objectiveValue(objective, latency[p], energy[p]);
  // (Infinity === Infinity: rejected architectures tie, and are ordered by id too)
  const top: number[] = []; // sorted by (value, id), at most k
  const out = new Set<number>();
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && quality[order[j]] === quality[order[i]]) {
      const p = order[j];
      const v = val(p);
      let at = top.length;
      while (at > 0 && (val(top[at - 1]) > v || (val(top[at - 1]) === v && id(top[at - 1]) > id(p)))) at--;
      if (at < k) {
        top.splice(at, 0, p);
        if (top.length > k) top.pop();
      }
      j++;
    }
    for (const p of top) out.add(p);
    i = j;
  }
  return [...out].sort((x, y) => x - y);
}

/** Phase-1 selected set S: Pareto (with tolerance) united with the optional top-k per quality level. */
export function selectCandidates(
  quality: ArrayLike<number>,
  latency: ArrayLike<number>,
  energy: ArrayLike<number>,
  opts: SelectionOptions = {},
): number[] {
  const set = new Set(paretoPositions(quality, latency, energy, opts.tolerance ?? 0));
  if (opts.topK && opts.topK > 0)
    for (const p of topKPerQuality(quality, latency, energy, opts.topK, opts.objective ?? 'latency', opts.ids)) set.add(p);
  return [...set].sort((x, y) => x - y);
}
