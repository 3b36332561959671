/**
 * Objective value, feasibility and the total order used to pick a unique best pair.
 */
import type { Objective, Problem } from './types.js';

/** Objective value of a (latency, energy) point; Infinity when either is not finite. */
export function objectiveValue(objective: Objective, latency: number, energy: number): number {
  if (!Number.isFinite(latency) || !Number.isFinite(energy)) return Infinity;
  switch (objective) {
    case 'latency':
      return latency;
    case 'energy':
      return energy;
    case 'edp':
      return latency * energy;
  }
}

/** True when the point is finite and within the problem's caps. */
export function feasible(problem: Problem, latency: number, energy: number): boolean {
  if (!Number.isFinite(latency) || !Number.isFinite(energy)) return false;
  if (problem.latencyCap !== undefined && latency > problem.latencyCap) return false;
  if (problem.energyCap !== undefined && energy > problem.energyCap) return false;
  return true;
}

/**
 * Strict total order on candidate pairs: smaller value first, then smaller architecture id, then
 * smaller accelerator index. Returns true when (v1, a1, h1) comes before (v2, a2, h2).
 */
export function better(v1: number, a1: number, h1: number, v2: number, a2: number, h2: number): boolean {
  if (v1 !== v2) return v1 < v2;
  if (a1 !== a2) return a1 < a2;
  return h1 < h2;
}
