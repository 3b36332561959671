/**
 * Phase-1 selection keyed on explicit quality thresholds (the paper's use: given an accuracy
 * constraint, keep the few (near-)optimal architectures on the proxy accelerator, then search
 * accelerators only for them).
 *
 * For each threshold q, among the architectures with quality >= q, rank by
 * (infeasible on the proxy under the caps ? 1 : 0, proxy objective, architecture id). The best-ranked
 * one sets the band: every architecture of the same feasibility class with objective
 * <= (1 + tolerance) x its objective is kept, plus the first `topK` of the ranking.
 * S = the union over the thresholds (ascending positions).
 *
 * Caps: an architecture over a cap on the proxy may still meet it on faster hardware, but it is
 * not preferred: it is kept only when no architecture of the threshold meets the caps on the proxy
 * (then the ranking is by objective alone), or through `topK` once the feasible ones run out.
 * An architecture the cost model rejects on the proxy (non-finite latency/energy) ranks last;
 * when every architecture of a threshold is rejected, all of them are kept (the proxy says
 * nothing about them).
 */
import { feasible, objectiveValue } from './objective.js';
import type { Objective, Problem } from './types.js';

/** Options of {@link perThresholdPositions}. */
export interface PerThresholdOptions {
  /** What the proxy ranks by. */
  objective: Objective;
  /** Band t >= 0: keep objective <= (1 + t) x the threshold's best (default 0: the best and its ties). */
  tolerance?: number;
  /** Also keep the k best-ranked architectures of each threshold. */
  topK?: number;
  /** Caps, checked on the proxy's latency/energy (see the module comment). */
  caps?: Pick<Problem, 'latencyCap' | 'energyCap'>;
  /** The architecture id of each position: ranking ties broken by id (default: by position). */
  ids?: ArrayLike<number>;
}

/**
 * Positions selected on one proxy for explicit `thresholds` (any order), ascending. A threshold
 * no architecture reaches adds nothing.
 */
export function perThresholdPositions(
  quality: ArrayLike<number>,
  latency: ArrayLike<number>,
  energy: ArrayLike<number>,
  thresholds: readonly number[],
  opts: PerThresholdOptions,
): number[] {
  const n = quality.length;
  const f = 1 + (opts.tolerance ?? 0);
  const k = opts.topK ?? 0;
  const problem: Problem = { objective: opts.objective, ...opts.caps };
  const value = Float64Array.from({ length: n }, (_, p) => objectiveValue(opts.objective, latency[p], energy[p]));
  // Class: 0 within the caps on the proxy, 1 over a cap, 2 rejected by the cost model.
  const cls = Uint8Array.from({ length: n }, (_, p) => (!Number.isFinite(value[p]) ? 2 : feasible(problem, latency[p], energy[p]) ? 0 : 1));
  // Ranking key (class, value, id); value differences inside class 2 are Infinity - Infinity = NaN.
  const id = (p: number) => (opts.ids ? opts.ids[p]! : p);
  const ranked = Array.from({ length: n }, (_, p) => p).sort((a, b) => cls[a] - cls[b] || value[a] - value[b] || id(a) - id(b));
  const out = new Set<number>();
  for (const q of thresholds) {
    const members = ranked.filter((p) => quality[p] >= q);
    if (members.length === 0) continue;
    const best = members[0];
    const limit = f * value[best];
    for (const p of members) {
      if (cls[p] !== cls[best]) break;
      if (value[p] > limit) break;
      out.add(p);
    }
    for (let i = 0; i < Math.min(k, members.length); i++) out.add(members[i]);
  }
  return [...out].sort((a, b) => a - b);
}
