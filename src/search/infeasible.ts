/**
 * The evaluated (architecture, accelerator) pairs that have no cost, per accelerator and proxy:
 * what the searches saw as infeasible (a layer the cost model rejects there; numbers MAESTRO's
 * arithmetic would wrap; with an evaluator module, whatever it called Infinity). Read from the
 * searches' caches; the certified search's corner hardware (its bounds) is left out.
 */
import { acceleratorKey, proxyId } from '../accelerators/accelerators.js';
import type { Hardware } from '../model/types.js';
import type { EvalCache } from './evalcache.js';

/** One accelerator or proxy with infeasible pairs. */
export interface InfeasibleAt {
  /** The accelerator's id (`hwId/dataflow`), or the proxy's. */
  id: string;
  role: 'accelerator' | 'proxy';
  /** Its evaluated pairs without a cost. */
  infeasible: number;
  /** Its evaluated pairs. */
  evaluated: number;
  /** The first architecture (by id) without a cost there. */
  firstArchId: number;
}

/** Infeasible pairs of a run (see the module doc). */
export interface InfeasiblePairs {
  /** Distinct evaluated pairs on the accelerators and proxies (by any search). */
  evaluated: number;
  /** Of them, the pairs without a cost. */
  infeasible: number;
  /** The accelerators, then the proxies, that have any, in the run's order. */
  where: InfeasibleAt[];
  /** The proxies (`hwId/dataflow`) on which no evaluated architecture has a cost: they cannot choose S. */
  deadProxies: string[];
  /**
   * One of them explained, when the caller could (`codesign search` with the cost model): the
   * first architecture of `where[0]` and why it has no cost there (its first layer without a result).
   */
  example?: { archId: number; archLabel?: string; at: string; reason: string };
}

/**
 * Count the pairs without a cost in `caches` (per search; a pair evaluated by several counts once)
 * on `accelerators` and `proxies`; positions are those of `archIds`.
 */
export function infeasiblePairs(
  caches: Record<string, EvalCache>,
  accelerators: readonly { id: string; hw: Hardware; dataflow: string }[],
  proxies: readonly { hw: Hardware; dataflow: string }[],
  archIds: ArrayLike<number>,
): InfeasiblePairs {
  const tables = Object.values(caches).flatMap((c) => c.tablesList());
  const seen = new Set<string>();
  const out: InfeasiblePairs = { evaluated: 0, infeasible: 0, where: [], deadProxies: [] };
  const count = (key: string, id: string, role: InfeasibleAt['role']): void => {
    const mine = tables.filter((t) => t.key === key);
    if (role === 'proxy') {
      const some = (f: (v: number) => boolean) => mine.some((t) => t.latency.some(f));
      if (some((v) => v === Infinity) && !some((v) => !Number.isNaN(v) && v !== Infinity)) out.deadProxies.push(id);
    }
    if (seen.has(key)) return; // (a proxy that is also an accelerator counts once, as the accelerator)
    seen.add(key);
    let evaluated = 0;
    let infeasible = 0;
    let first = Infinity;
    for (let p = 0; p < archIds.length; p++) {
      const t = mine.find((x) => !Number.isNaN(x.latency[p]!));
      if (!t) continue;
      evaluated++;
      if (t.latency[p] === Infinity) {
        infeasible++;
        first = Math.min(first, archIds[p]!);
      }
    }
    out.evaluated += evaluated;
    out.infeasible += infeasible;
    if (infeasible > 0) out.where.push({ id, role, infeasible, evaluated, firstArchId: first });
  };
  for (const a of accelerators) count(acceleratorKey(a.hw, a.dataflow), a.id, 'accelerator');
  for (const p of proxies) count(acceleratorKey(p.hw, p.dataflow), proxyId(p), 'proxy');
  return out;
}
