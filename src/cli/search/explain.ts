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
