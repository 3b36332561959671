/**
 * What a finished search's numbers do not say, from the cost model in-process: why its first
 * infeasible pair has no cost (`result.infeasible.example`: the CSV only says `inf`), and with
 * `--invalid skip` how many layers each partial answer leaves out (`skippedLayers`).
 */
import { proxyId } from '../../accelerators/accelerators.js';
import type { CompiledSpace } from '../../evaluate/compile.js';
import type { RunResult } from '../../search/run.js';
import { ModelArchEvaluator } from '../../search/space-evaluator.js';
import type { SearchSpace } from '../../search/spaces.js';

/**
 * What the cost model can add to a finished run, in-process (one Wasm instance, loaded only when
 * needed): the first infeasible pair explained, and with `--invalid skip` the partial answers.
 */
export function explainResult(result: RunResult, space: SearchSpace, ids: readonly number[], compiled: CompiledSpace, invalid: 'infeasible' | 'skip'): void {
  let ev: ModelArchEvaluator | undefined;
  const evaluator = () => (ev ??= new ModelArchEvaluator({ space: space.name, ids: [...ids], compiled, invalid }));
  explainInfeasible(result, space, evaluator);
  markPartialAnswers(result, evaluator);
}

/**
 * Fill `result.infeasible.example` for the first accelerator (or proxy) with infeasible pairs:
 * its first such architecture, named by its label where the space has them, and its first layer
 * without a result (by position).
 */
function explainInfeasible(result: RunResult, space: SearchSpace, evaluator: () => ModelArchEvaluator): void {
  const at = result.infeasible.where[0];
  if (!at) return;
  const pair = result.accelerators.find((a) => a.id === at.id) ?? result.proxies.find((p) => proxyId(p) === at.id);
  if (!pair) return;
  // (the layer by its position: an unnamed layer's name depends on the file's format, and the
  // results must not)
  const reason = evaluator().whyInfeasible(at.firstArchId, pair.hw, pair.dataflow);
  const label = space.label?.(at.firstArchId);
  result.infeasible.example = { archId: at.firstArchId, ...(label !== undefined && label !== String(at.firstArchId) ? { archLabel: label } : {}), at: at.id, reason };
}

/** With `--invalid skip`: mark each answer whose sums leave out layers (`skippedLayers`), from the count of the rows summed. */
function markPartialAnswers(result: RunResult, evaluator: () => ModelArchEvaluator): void {
  if (result.invalid !== 'skip') return;
  const byId = new Map(result.accelerators.map((a) => [a.id, a]));
  const seen = new Map<string, number>();
  for (const row of result.perThreshold)
    for (const a of [row.semi, row.full, row.certified]) {
      const acc = a ? byId.get(a.accelId) : undefined;
      if (!a || !acc) continue;
      const key = `${a.archId}@${a.accelId}`;
      let skipped = seen.get(key);
      if (skipped === undefined) {
        const { shown, layers } = evaluator().shownLayers(a.archId, acc.hw, acc.dataflow);
        seen.set(key, (skipped = layers - shown));
      }
      if (skipped > 0) a.skippedLayers = skipped;
    }
}
