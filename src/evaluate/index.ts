/**
 * Evaluating whole architecture sets on an accelerator (hardware + dataflow), memoized by
 * distinct layer shape. Low level: {@link compileSpace} + {@link SpaceEvaluator} (typed arrays,
 * for search workers); high level: {@link evaluateArchitectures} (rows with labels and figures).
 */
import type { CostModel } from '../model/costmodel.js';
import type { Hardware } from '../model/types.js';
import type { ArchitectureSpace } from '../spaces/space.js';
import { checkArchitectureIds, compileSpace, type CompiledSpace } from './compile.js';
import { SpaceEvaluator, type DataflowChoice, type LayerFailure } from './evaluator.js';

export { compileSpace, shapeKey, totalLayers, type CompiledSpace } from './compile.js';
export { SpaceEvaluator, hwKey, type DataflowChoice, type SpaceMetrics, type LayerFailure } from './evaluator.js';

/** One evaluated architecture. */
export interface ArchitectureResult {
  /** Architecture id in its space. */
  id: number;
  /** Its label (the id, or the network name). */
  label: string;
  /** Number of layers. */
  layers: number;
  /** Total latency (cycles); null when some layer has no result. */
  latency_cycles: number | null;
  /** Total energy (nJ); null when some layer has no result. */
  energy_nj: number | null;
  /** Total MACs; null when some layer has no result. */
  macs: number | null;
  /** Space figures (accuracy, flops, params) where the space has them. */
  figures: Record<string, number>;
  /** Layers without a MAESTRO result (empty when valid). */
  failures: LayerFailure[];
}

/** Progress callback: phase name, done, total. */
export type ProgressFn = (phase: 'layers' | 'analysis' | 'done', done: number, total: number) => void;

/** Compile the architectures `ids` of a space (index i of the result = ids[i]). */
export function compileArchitectures(space: ArchitectureSpace, ids: readonly number[], onProgress?: ProgressFn): CompiledSpace {
  if (space === null || typeof space !== 'object' || typeof space.layers !== 'function')
    throw new TypeError(`compileArchitectures: space must be an ArchitectureSpace (getSpace('nb301')), got ${space === null ? 'null' : typeof space}`);
  checkArchitectureIds(ids, space.size, space.name);
  return compileSpace(ids.length, (i) => space.layers(ids[i]), onProgress && ((d, n) => onProgress('layers', d, n)));
}

/** Evaluate architectures `ids` of `space` on one hardware + dataflow. */
export function evaluateArchitectures(
  model: CostModel,
  space: ArchitectureSpace,
  ids: readonly number[],
  hw: Hardware,
  df: DataflowChoice,
  onProgress?: ProgressFn,
): ArchitectureResult[] {
  const compiled = compileArchitectures(space, ids, onProgress);
  const ev = new SpaceEvaluator(model, compiled);
  onProgress?.('analysis', 0, compiled.shapes.length);
  const m = ev.evaluate(hw, df);
  onProgress?.('analysis', compiled.shapes.length, compiled.shapes.length);
  const out = ids.map((id, i): ArchitectureResult => {
    const valid = m.invalid[i] === 0;
    const figures: Record<string, number> = {};
    for (const c of space.columns) figures[c.name] = c.values[id];
    return {
      id,
      label: space.label(id),
      layers: compiled.offsets[i + 1] - compiled.offsets[i],
      latency_cycles: valid ? m.latency[i] : null,
      energy_nj: valid ? m.energy[i] : null,
      macs: valid ? m.macs[i] : null,
      figures,
      failures: valid ? [] : ev.failures(i, hw, df),
    };
  });
  onProgress?.('done', ids.length, ids.length);
  return out;
}
