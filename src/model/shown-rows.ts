/**
 * Which rows of a whole-network result are shown as MAESTRO's numbers (by `codesign maestro` and
 * the browser example): a layer the cost model rejected has none; a row whose counts overflow what
 * a double holds exactly is refused (src/parse/result-check.ts); and a layer with cluster levels
 * right after a layer without a result is refused too, since its energy takes that layer's L1
 * counts (MAESTRO prints nothing, or numbers from wrapped / uninitialised counts, for such a
 * network). Not in isolated mode, where no layer uses another's counts.
 */
import type { MappedLayer } from './types.js';
import type { NetworkResult } from './costmodel.js';
import { resultOverflow } from '../parse/result-check.js';

/** Why a layer's row is not shown: its own rejection, an overflow, or the layer before it. */
export type HiddenRow =
  | { kind: 'rejected'; error: string }
  | { kind: 'overflow'; reason: string }
  | { kind: 'after-rejected'; before: string; reason: string };

/** True for a dataflow with cluster levels: a layer mapped with it takes the L1 counts of the layer before it. */
export function hasClusterLevels(dataflow: Pick<MappedLayer['dataflow'], 'directives'>): boolean {
  return dataflow.directives.some((d) => d.kind === 'Cluster');
}

/**
 * The rule for a layer that has a result of its own: it still gets no row when the layer before it
 * has none and its dataflow has cluster levels (not in isolated mode). One place for `hiddenRows`
 * and the search's `--invalid skip` sums (src/search/space-evaluator.ts).
 */
export function hiddenAfterNoResult(previousHasResult: boolean, clusterLevels: boolean, isolated = false): boolean {
  return !previousHasResult && clusterLevels && !isolated;
}

/** Per layer of `result` (rows of `layers`, in order): undefined when its row is shown, else why not. */
export function hiddenRows(layers: readonly MappedLayer[], result: Pick<NetworkResult, 'rows'>, numPes: number, isolated: boolean): (HiddenRow | undefined)[] {
  let before: string | undefined; // the layer before, when it has no row
  return result.rows.map((r, i) => {
    const layer = layers[i];
    const previous = before;
    before = r.layer;
    if (!('metrics' in r)) return { kind: 'rejected', error: r.error };
    const overflow = layer ? resultOverflow(layer, r.metrics, numPes, true) : undefined;
    if (overflow !== undefined) return { kind: 'overflow', reason: overflow };
    before = undefined; // its own counts are sound: the next layer may use them
    if (previous !== undefined && layer && hiddenAfterNoResult(false, hasClusterLevels(layer.dataflow), isolated)) {
      return { kind: 'after-rejected', before: previous, reason: `its energy uses the L1 counts of the layer before it (${previous}), which has no result` };
    }
    return undefined;
  });
}
