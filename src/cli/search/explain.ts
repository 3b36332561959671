/**
 * Why a search's pairs have no cost: the first infeasible pair of a run explained by the cost
 * model, in-process (one architecture on one accelerator), into `result.infeasible.example`, so
 * the JSON and the summary say what the CSV's `inf` does not.
 */
import { proxyId } from '../../accelerators/accelerators.js';
import type { CompiledSpace } from '../../evaluate/compile.js';
import type { RunResult } from '../../search/run.js';
import { ModelArchEvaluator } from '../../search/space-evaluator.js';
import type { SearchSpace } from '../../search/spaces.js';

/**
 * Fill `result.infeasible.example` for the first accelerator (or proxy) with infeasible pairs:
 * its first such architecture, named by its label where the space has them, and its first layer
 * without a result (by position). Only for the Wasm cost model.
 */
export function explainInfeasible(result: RunResult, space: SearchSpace, ids: readonly number[], compiled: CompiledSpace, invalid: 'infeasible' | 'skip'): void {
  const at = result.infeasible.where[0];
  if (!at) return;
  const pair = result.accelerators.find((a) => a.id === at.id) ?? result.proxies.find((p) => proxyId(p) === at.id);
  if (!pair) return;
  const ev = new ModelArchEvaluator({ space: space.name, ids: [...ids], compiled, invalid });
  // (the layer by its position: an unnamed layer's name depends on the file's format, and the
  // results must not)
  const reason = ev.whyInfeasible(at.firstArchId, pair.hw, pair.dataflow);
  const label = space.label?.(at.firstArchId);
  result.infeasible.example = { archId: at.firstArchId, ...(label !== undefined && label !== String(at.firstArchId) ? { archLabel: label } : {}), at: at.id, reason };
}

/**
 * With `--invalid skip`: mark each answer whose sums leave out layers (`skippedLayers`), from an
 * in-process count of the rows summed (the cost model only). Returns how many answers are partial.
 */
export function markPartialAnswers(result: RunResult, ids: readonly number[], compiled: CompiledSpace, space: SearchSpace): number {
  if (result.invalid !== 'skip') return 0;
  const ev = new ModelArchEvaluator({ space: space.name, ids: [...ids], compiled, invalid: 'skip' });
  const byId = new Map(result.accelerators.map((a) => [a.id, a]));
  const seen = new Map<string, number>();
  let partial = 0;
  for (const row of result.perThreshold)
    for (const a of [row.semi, row.full, row.certified]) {
      const acc = a ? byId.get(a.accelId) : undefined;
      if (!a || !acc) continue;
      const key = `${a.archId}@${a.accelId}`;
      let skipped = seen.get(key);
      if (skipped === undefined) {
        const { shown, layers } = ev.shownLayers(a.archId, acc.hw, acc.dataflow);
        seen.set(key, (skipped = layers - shown));
      }
      if (skipped > 0) {
        a.skippedLayers = skipped;
        partial++;
      }
    }
  return partial;
}
