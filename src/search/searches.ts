/**
 * The three searches over (architecture, accelerator) pairs:
 * - semi-decoupled (the paper): all architectures on the proxy accelerator(s) -> candidate set S;
 *   then S x accelerators only;
 * - fully coupled (baseline): all architectures x all accelerators;
 * - certified (beyond the paper): the semi-decoupled search, then a proof that no excluded
 *   architecture beats its answers, evaluating exactly only the pairs a lower bound cannot exclude.
 */
import type { Accelerator } from '../accelerators/accelerators.js';
import type { Hardware } from '../model/types.js';
import type { EvalCache } from './evalcache.js';
import { selectCandidates, type SelectionOptions } from './pareto.js';
import { perThresholdPositions } from './per-threshold.js';
import { answerThresholds } from './answers.js';
import { acceleratorGroups } from './bounds.js';
import { better, feasible, objectiveValue } from './objective.js';
import type { Answer, Problem } from './types.js';

/** Inputs shared by every search. */
export interface SearchInput {
  /** Quality of each architecture position (higher is better). */
  quality: Float64Array;
  accelerators: Accelerator[];
  /** Proxy accelerator(s) of phase 1 (S = union of the selections on each). */
  proxies: { hw: Hardware; dataflow: string }[];
  problem: Problem;
  selection: SelectionOptions;
  thresholds: number[];
}

/** Result of one search. */
export interface SearchOutcome {
  /** Best pair per threshold (in the thresholds' order); null where no pair is feasible. */
  answers: (Answer | null)[];
  /** Distinct (architecture, accelerator) pairs evaluated (MAESTRO network runs). */
  evaluations: number;
}

/** Result of the semi-decoupled search. */
export interface SemiOutcome extends SearchOutcome {
  /** Positions of the candidate set S (ascending). */
  selected: number[];
  /** Distinct pairs evaluated in phase 1 (every architecture on the proxies). */
  phase1Evaluations: number;
  /** Distinct pairs phase 2 added (S on the accelerators). */
  phase2Evaluations: number;
}

/** Result of the certified search. */
export interface CertifiedOutcome extends SearchOutcome {
  /** Positions of its semi-decoupled search's candidate set S (ascending). */
  selected: number[];
  /** Distinct pairs its semi-decoupled search evaluated (both phases). */
  semiEvaluations: number;
  /** Evaluations on bound ("corner") hardware. */
  boundEvaluations: number;
  /** Exact evaluations of excluded pairs the bound could not exclude. */
  exactExtraEvaluations: number;
  /** Pairs (excluded architecture x accelerator) proved unable to win without exact evaluation. */
  prunedPairs: number;
  /** Number of times an exact value fell below its bound (0 = bound held; >0 voids pruning: full fallback). */
  boundViolations: number;
  /**
   * True when the bounds are proven for the evaluator (the cost model: delays never grow with
   * bandwidth, energy does not depend on it); false for an evaluator not known to be (the answers
   * are then those the bounds imply, not a proof).
   */
  certified: boolean;
}

function allPositions(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Phase 1 only: evaluate all architectures on the proxies and select S (the union over the
 * proxies). `per-threshold` selection uses `input.thresholds` (must be the explicit list).
 */
export async function phase1(input: SearchInput, cache: EvalCache): Promise<number[]> {
  const n = input.quality.length;
  const all = allPositions(n);
  await cache.ensure(input.proxies.map((p) => ({ positions: all, hw: p.hw, dataflow: p.dataflow })));
  const set = new Set<number>();
  const objective = input.selection.objective ?? input.problem.objective;
  const { latencyCap, energyCap } = input.problem;
  for (const p of input.proxies) {
    const t = cache.table(p.hw, p.dataflow);
    const picked =
      input.selection.mode === 'per-threshold'
        ? perThresholdPositions(input.quality, t.latency, t.energy, input.thresholds, {
            objective,
            tolerance: input.selection.tolerance,
            topK: input.selection.topK,
            caps: { latencyCap, energyCap },
            ids: cache.archIds, // (ties by id, whatever the order of the ids)
          })
        : selectCandidates(input.quality, t.latency, t.energy, { ...input.selection, objective, ids: cache.archIds });
    for (const pos of picked) set.add(pos);
  }
  return [...set].sort((a, b) => a - b);
}

/** The semi-decoupled search. */
export async function semiSearch(
  input: SearchInput,
  cache: EvalCache,
  thresholdsFrom?: (selected: number[]) => number[],
): Promise<SemiOutcome> {
  const selected = await phase1(input, cache);
  if (thresholdsFrom) input.thresholds = thresholdsFrom(selected);
  const p1 = cache.evaluations;
  await cache.ensure(input.accelerators.map((h) => ({ positions: selected, hw: h.hw, dataflow: h.dataflow })));
  const answers = answerThresholds(cache, input.quality, selected, input.accelerators, input.problem, input.thresholds);
  return { answers, selected, evaluations: cache.evaluations, phase1Evaluations: p1, phase2Evaluations: cache.evaluations - p1 };
}

/** The fully coupled search. */
export async function fullSearch(input: SearchInput, cache: EvalCache): Promise<SearchOutcome> {
  const all = allPositions(input.quality.length);
  await cache.ensure(input.accelerators.map((h) => ({ positions: all, hw: h.hw, dataflow: h.dataflow })));
  const answers = answerThresholds(cache, input.quality, all, input.accelerators, input.problem, input.thresholds);
  return { answers, evaluations: cache.evaluations };
}

/** Best evaluated pair per threshold among ALL positions, using only pairs already in the cache. */
function bestEvaluated(
  cache: EvalCache,
  input: SearchInput,
): ({ value: number; archId: number; accel: number } | null)[] {
  const { quality, problem, thresholds } = input;
  const n = quality.length;
  const perArch: ({ value: number; accel: number } | null)[] = new Array(n).fill(null);
  for (const h of input.accelerators) {
    const t = cache.table(h.hw, h.dataflow);
    for (let p = 0; p < n; p++) {
      const lat = t.latency[p];
      if (Number.isNaN(lat) || !feasible(problem, lat, t.energy[p])) continue;
      const v = objectiveValue(problem.objective, lat, t.energy[p]);
      const b = perArch[p];
      if (!b || better(v, 0, h.index, b.value, 0, b.accel)) perArch[p] = { value: v, accel: h.index };
    }
  }
  // A threshold's best is the best over the architectures of at least its quality: one sweep down
  // the qualities with a running best (better() is a total order, so the order of the sweep does
  // not matter), O(n log n + thresholds) instead of n per threshold. (NaNs qualify, as with `<`.)
  const desc = (x: number, y: number): number => (x > y ? -1 : x < y ? 1 : 0);
  const candidates: number[] = [];
  for (let p = 0; p < n; p++) if (perArch[p]) candidates.push(p);
  const qKey = (p: number): number => (Number.isNaN(quality[p]!) ? Infinity : quality[p]!);
  candidates.sort((a, b) => desc(qKey(a), qKey(b)));
  const tKey = (i: number): number => (Number.isNaN(thresholds[i]!) ? -Infinity : thresholds[i]!);
  const order = thresholds.map((_, i) => i).sort((a, b) => desc(tKey(a), tKey(b)));
  const out: ({ value: number; archId: number; accel: number } | null)[] = new Array(thresholds.length).fill(null);
  let best: { value: number; archId: number; accel: number } | null = null;
  let k = 0;
  for (const ti of order) {
    const q = thresholds[ti]!;
    for (; k < candidates.length && !(quality[candidates[k]!]! < q); k++) {
      const p = candidates[k]!;
      const b = perArch[p]!;
      const id = cache.archIds[p]!;
      if (!best || better(b.value, id, b.accel, best.value, best.archId, best.accel)) best = { value: b.value, archId: id, accel: b.accel };
    }
    out[ti] = best;
  }
  return out;
}

/**
 * The certified search. Lower bound used (see bounds.ts): for a group of accelerators sharing
 * PEs, L1, L2, hops and dataflow, the architecture's latency/energy on the group's "corner"
 * hardware (largest NoC and off-chip bandwidth of the group) is <= its latency/energy on every
 * member, because MAESTRO's delays are non-increasing in bandwidth and its energy does not depend on
 * bandwidth. The objective is monotone in (latency, energy), so objective(corner) bounds every member.
 * An infeasible corner (a layer rejected) proves every member infeasible: rejection does not depend on
 * bandwidth.
 * Every exact evaluation is checked against its bound; a violation voids pruning and the search
 * falls back to evaluating every remaining pair, so the result always equals the full search.
 */
export async function certifiedSearch(
  input: SearchInput,
  cache: EvalCache,
  opts: { batchPairs?: number; proven?: boolean } = {},
): Promise<CertifiedOutcome> {
  const semi = await semiSearch(input, cache);
  const semiEvaluations = cache.evaluations;
  const { quality, problem, thresholds, accelerators } = input;
  const n = quality.length;
  const inS = new Uint8Array(n);
  for (const p of semi.selected) inS[p] = 1;
  const qMin = thresholds.reduce((a, b) => Math.min(a, b), Infinity); // (no spread: thresholds may be many)
  const excluded = allPositions(n).filter((p) => !inS[p] && quality[p] >= qMin);
  const groups = acceleratorGroups(accelerators);

  // 1. Bounds: every excluded (relevant) architecture on every group's corner.
  await cache.ensure(groups.map((g) => ({ positions: excluded, hw: g.corner, dataflow: g.dataflow })));
  const boundEvaluations = cache.evaluations - semiEvaluations;

  // Objective lower bound of (position, group), or -Infinity when unusable; +Infinity when the
  // corner proves every member infeasible under the caps.
  const corners = groups.map((g) => cache.table(g.corner, g.dataflow));
  const lb = (p: number, gi: number): number => {
    const t = corners[gi]!;
    const lat = t.latency[p];
    const en = t.energy[p];
    // Infeasible corner (a layer the model rejects): rejection depends on PEs, buffers and the
    // mapping, never on bandwidth, so every member rejects it too.
    if (!Number.isFinite(lat) || !Number.isFinite(en)) return Infinity;
    if ((problem.latencyCap !== undefined && lat > problem.latencyCap) || (problem.energyCap !== undefined && en > problem.energyCap))
      return Infinity;
    return objectiveValue(problem.objective, lat, en);
  };

  // Members of each group that dominate member mi in bandwidth (NoC and off-chip both >=).
  const dominators = groups.map((g) =>
    g.members.map((h, mi) =>
      g.members.map((_, k) => k).filter((k) => k !== mi && g.members[k].hw.nocBw >= h.hw.nocBw && g.members[k].hw.offchipBw >= h.hw.offchipBw),
    ),
  );
  const tables = groups.map((g) => g.members.map((h) => cache.table(h.hw, h.dataflow)));

  let violations = 0;
  // Objective lower bound of member mi of group gi for position p: the corner's value and every
  // exactly evaluated bandwidth-dominating member's value (latency/energy of a member are >= those
  // of any member with more bandwidth). Infinity when a bound proves it infeasible under the caps.
  const memberBound = (p: number, gi: number, mi: number): number => {
    if (violations > 0) return -Infinity;
    let bound = lb(p, gi);
    for (const k of dominators[gi][mi]) {
      const t = tables[gi][k];
      const lat = t.latency[p];
      const en = t.energy[p];
      if (Number.isNaN(lat) || !Number.isFinite(lat) || !Number.isFinite(en)) continue;
      if ((problem.latencyCap !== undefined && lat > problem.latencyCap) || (problem.energyCap !== undefined && en > problem.energyCap))
        return Infinity;
      bound = Math.max(bound, objectiveValue(problem.objective, lat, en));
    }
    return bound;
  };
  // Every exact value must respect its bounds (else pruning is void: exhaustive fallback).
  const check = (p: number, gi: number, mi: number) => {
    const t = tables[gi][mi];
    const c = corners[gi];
    if (!Number.isFinite(c.latency[p]) && Number.isFinite(t.latency[p])) violations++;
    if (Number.isFinite(c.latency[p]) && Number.isFinite(t.latency[p]) && (t.latency[p] < c.latency[p] || t.energy[p] < c.energy[p])) violations++;
    for (const k of dominators[gi][mi]) {
      const d = tables[gi][k];
      if (Number.isFinite(d.latency[p]) && Number.isFinite(t.latency[p]) && (t.latency[p] < d.latency[p] || t.energy[p] < d.energy[p])) violations++;
    }
  };

  const batchPairs = opts.batchPairs ?? 256;
  let pruned = 0;
  const tDesc = thresholds.map((_, i) => i).sort((a, b) => thresholds[b] - thresholds[a]);
  for (;;) {
    const best = bestEvaluated(cache, input);
    // An arch qualifies for every threshold <= its quality; the best value is non-increasing as the
    // threshold drops, so the binding (largest) best value is at the highest qualifying threshold
    // (the first of tDesc at or below its quality: a binary search, thresholds may be thousands).
    const bindingValue = (p: number): number | undefined => {
      let lo = 0;
      let hi = tDesc.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (thresholds[tDesc[mid]!]! <= quality[p]!) hi = mid;
        else lo = mid + 1;
      }
      if (lo === tDesc.length) return undefined; // qualifies for no threshold
      const b = best[tDesc[lo]!];
      return b ? b.value : Infinity;
    };
    const need: { p: number; g: number; m: number; lb: number }[] = [];
    for (const p of excluded) {
      const bv = bindingValue(p);
      if (bv === undefined) continue;
      for (let gi = 0; gi < groups.length; gi++) {
        // A member's bound is at least its corner's: a corner above the binding value (or
        // infeasible) excludes the whole group at once (while no bound has been violated).
        if (violations === 0 && !(lb(p, gi) <= bv)) continue;
        // Open members: not evaluated and not excluded by their bound.
        const open: number[] = [];
        const bounds: number[] = [];
        for (let mi = 0; mi < groups[gi].members.length; mi++) {
          if (!Number.isNaN(tables[gi][mi].latency[p])) continue;
          const b = memberBound(p, gi, mi);
          if (b !== Infinity && b <= bv) {
            open.push(mi);
            bounds.push(b);
          }
        }
        // Evaluate only open members not dominated by another open member: their exact values may
        // exclude the dominated ones.
        open.forEach((mi, k) => {
          if (violations === 0 && dominators[gi][mi].some((d) => open.includes(d))) return;
          need.push({ p, g: gi, m: mi, lb: bounds[k] });
        });
      }
    }
    if (need.length === 0) break;
    need.sort((a, b) => a.lb - b.lb || a.p - b.p || a.g - b.g || a.m - b.m);
    const take = need.slice(0, Math.max(batchPairs, Math.ceil(need.length / 4)));
    const byAccel = new Map<string, { gi: number; mi: number; ps: number[] }>();
    for (const { p, g, m } of take) {
      const k = `${g}/${m}`;
      let e = byAccel.get(k);
      if (!e) byAccel.set(k, (e = { gi: g, mi: m, ps: [] }));
      e.ps.push(p);
    }
    await cache.ensure([...byAccel.values()].map((e) => ({ positions: e.ps, hw: groups[e.gi].members[e.mi].hw, dataflow: groups[e.gi].dataflow })));
    for (const e of byAccel.values()) for (const p of e.ps) check(p, e.gi, e.mi);
  }
  for (const p of excluded)
    for (let gi = 0; gi < groups.length; gi++)
      for (let mi = 0; mi < groups[gi].members.length; mi++) if (Number.isNaN(tables[gi][mi].latency[p])) pruned++;
  const all = allPositions(n);
  // Answer from every evaluated pair (unevaluated excluded pairs are proved not to win).
  const answers = answerFromEvaluated(cache, input, all);
  return {
    answers,
    selected: semi.selected,
    evaluations: cache.evaluations,
    semiEvaluations,
    boundEvaluations,
    exactExtraEvaluations: cache.evaluations - semiEvaluations - boundEvaluations,
    prunedPairs: pruned,
    boundViolations: violations,
    certified: opts.proven !== false,
  };
}

/** Answers over positions using only evaluated pairs (unevaluated pairs are skipped). */
function answerFromEvaluated(cache: EvalCache, input: SearchInput, positions: number[]): (Answer | null)[] {
  const best = bestEvaluated(cache, input);
  return best.map((b) => {
    if (!b) return null;
    const pos = positions.find((p) => cache.archIds[p] === b.archId)!;
    const h = input.accelerators.find((a) => a.index === b.accel)!;
    const t = cache.table(h.hw, h.dataflow);
    return {
      pos,
      archId: b.archId,
      quality: input.quality[pos],
      accel: h.index,
      accelId: h.id,
      latency: t.latency[pos],
      energy: t.energy[pos],
      value: b.value,
    };
  });
}
