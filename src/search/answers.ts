/**
 * Answer the co-design problem for a sweep of quality thresholds from evaluated pairs.
 */
import type { Accelerator } from '../accelerators/accelerators.js';
import type { EvalCache } from './evalcache.js';
import { better, feasible, objectiveValue } from './objective.js';
import type { Answer, Problem } from './types.js';

/** Best feasible accelerator of each candidate position (null when none). */
export interface ArchBest {
  pos: number;
  accel: number;
  value: number;
}

/**
 * The best (value, accelerator) of each candidate position over `accels`, from the cache.
 * Every (candidate, accel) pair must have been evaluated.
 */
export function bestPerArch(
  cache: EvalCache,
  candidates: readonly number[],
  accels: readonly Accelerator[],
  problem: Problem,
): (ArchBest | null)[] {
  const best: (ArchBest | null)[] = candidates.map(() => null);
  const archIds = cache.archIds;
  for (const h of accels) {
    const t = cache.table(h.hw, h.dataflow);
    candidates.forEach((p, i) => {
      const lat = t.latency[p];
      const en = t.energy[p];
      if (Number.isNaN(lat)) throw new Error(`internal: pair (${p}, ${h.id}) not evaluated`);
      if (!feasible(problem, lat, en)) return;
      const v = objectiveValue(problem.objective, lat, en);
      const b = best[i];
      if (!b || better(v, archIds[p], h.index, b.value, archIds[p], b.accel)) best[i] = { pos: p, accel: h.index, value: v };
    });
  }
  return best;
}

/**
 * For each threshold, the best pair among candidates with quality >= threshold (null if none).
 * `thresholds` in any order; result aligned with it.
 */
export function answerThresholds(
  cache: EvalCache,
  quality: ArrayLike<number>,
  candidates: readonly number[],
  accels: readonly Accelerator[],
  problem: Problem,
  thresholds: readonly number[],
): (Answer | null)[] {
  const perArch = bestPerArch(cache, candidates, accels, problem);
  const archIds = cache.archIds;
  const items = perArch.filter((b): b is ArchBest => b !== null).sort((a, b) => quality[b.pos] - quality[a.pos]);
  const tOrder = thresholds.map((_, i) => i).sort((a, b) => thresholds[b] - thresholds[a]);
  const out: (Answer | null)[] = thresholds.map(() => null);
  let run: ArchBest | null = null;
  let k = 0;
  for (const ti of tOrder) {
    const q = thresholds[ti];
    while (k < items.length && quality[items[k].pos] >= q) {
      const it = items[k++];
      if (!run || better(it.value, archIds[it.pos], it.accel, run.value, archIds[run.pos], run.accel)) run = it;
    }
    out[ti] = run ? toAnswer(cache, quality, accels, run) : null;
  }
  return out;
}

function toAnswer(cache: EvalCache, quality: ArrayLike<number>, accels: readonly Accelerator[], b: ArchBest): Answer {
  const h = accels.find((a) => a.index === b.accel)!;
  const t = cache.table(h.hw, h.dataflow);
  return {
    pos: b.pos,
    archId: cache.archIds[b.pos],
    quality: quality[b.pos],
    accel: h.index,
    accelId: h.id,
    latency: t.latency[b.pos],
    energy: t.energy[b.pos],
    value: b.value,
  };
}

/** Relative regret of `got` against the optimum `best`: (got - best) / best; 0 when equal; null if undefined. */
export function regret(got: Answer | null, best: Answer | null): number | null {
  if (!best) return got ? null : 0;
  if (!got) return Infinity;
  if (got.value === best.value) return 0;
  return best.value === 0 ? Infinity : (got.value - best.value) / best.value;
}

/** Default threshold sweep: every distinct quality level among `positions`, descending. */
export function distinctLevels(quality: ArrayLike<number>, positions: readonly number[]): number[] {
  return [...new Set(positions.map((p) => quality[p]))].sort((a, b) => b - a);
}
