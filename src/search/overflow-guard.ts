/**
 * Overflow guard of the search's space evaluator. MAESTRO's 32-bit arithmetic wraps for huge
 * layers or huge `num_pes`, and the exact model can reproduce the garbage (see
 * src/parse/result-check.ts). A layer whose cost-model row fails `resultOverflow` makes the
 * network infeasible on that accelerator, also with `--invalid skip` (src/search/space-evaluator.ts).
 *
 * Cheap: only shapes at risk (`overflowRisk`: MACs, a tensor, or num_pes x a dimension above
 * 2^31-1) are ever checked, each once per (hardware, dataflow), as a one-layer network (the
 * verdict is a property of the shape, so memoized and per-network evaluation agree). For the
 * paper's spaces and accelerators nothing is at risk.
 */
import type { CostModel } from '../model/costmodel.js';
import { hardwareKey, LayerRejectedError } from '../model/encode.js';
import type { Dataflow, Hardware, Layer } from '../model/types.js';
import { overflowRisk, resultOverflow } from '../parse/result-check.js';
import { builtinDataflow } from '../dataflows/builtin.js';
import type { CompiledSpace } from '../evaluate/compile.js';

const MAX_PES = 2147483647;
const DPT = builtinDataflow('dpt');
const NMK = builtinDataflow('nmk');

/** The dataflow a layer of `type` gets when CONV layers get `main` (as the space evaluator). */
export function layerDataflow(type: Layer['type'], main: Dataflow): Dataflow {
  return type === 'DSCONV' ? DPT : type === 'GEMM' ? NMK : main;
}

/**
 * Smallest num_pes at which `overflowRisk(shape, numPes)` holds (it is monotone in num_pes):
 * 1 when the shape itself is at risk, Infinity when no valid num_pes puts it at risk.
 */
export function riskPes(shape: Layer): number {
  if (overflowRisk(shape, 1)) return 1;
  if (!overflowRisk(shape, MAX_PES)) return Infinity;
  let lo = 1; // not at risk
  let hi = MAX_PES; // at risk
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (overflowRisk(shape, mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Per-shape overflow verdicts of one compiled space. */
export class OverflowGuard {
  /** Per shape: smallest num_pes putting it at risk. */
  private readonly shapeRisk: Float64Array;
  /** Per architecture: the smallest shapeRisk of its layers. */
  private readonly archRisk: Float64Array;
  /** (hardware, dataflow) key -> shape -> overflows. */
  private readonly verdicts = new Map<string, Map<number, boolean>>();

  constructor(private readonly space: CompiledSpace) {
    this.shapeRisk = Float64Array.from(space.shapes, riskPes);
    this.archRisk = new Float64Array(space.count);
    for (let a = 0; a < space.count; a++) {
      let r = Infinity;
      for (let i = space.offsets[a]; i < space.offsets[a + 1]; i++) r = Math.min(r, this.shapeRisk[space.seq[i]]);
      this.archRisk[a] = r;
    }
  }

  /** True when architecture (index) `a` has a layer at risk on `numPes` PEs (cheap). */
  atRisk(a: number, numPes: number): boolean {
    return this.archRisk[a] <= numPes;
  }

  /** True when shape `s` is at risk on `hw` and its cost-model row on (hw, dataflow) overflows. */
  shapeOverflows(s: number, hw: Hardware, df: Dataflow, dfKey: string, model: CostModel): boolean {
    if (!(this.shapeRisk[s] <= hw.numPes)) return false;
    const key = `${hardwareKey(hw)}/${dfKey}`;
    let m = this.verdicts.get(key);
    if (!m) this.verdicts.set(key, (m = new Map()));
    let bad = m.get(s);
    if (bad === undefined) {
      const shape = this.space.shapes[s];
      try {
        const metrics = model.evaluateLayer({ ...shape, name: 'L', dataflow: layerDataflow(shape.type, df) }, hw);
        bad = resultOverflow(shape, metrics as unknown as Record<string, unknown>, hw.numPes) !== undefined;
      } catch (e) {
        if (!(e instanceof LayerRejectedError)) throw e;
        bad = false; // rejected by the model itself: the evaluator already treats it as invalid
      }
      m.set(s, bad);
    }
    return bad;
  }

  /** True when architecture `a` has a layer whose row overflows on (hw, dataflow). */
  overflows(a: number, hw: Hardware, df: Dataflow, dfKey: string, model: CostModel): boolean {
    if (!this.atRisk(a, hw.numPes)) return false;
    const { offsets, seq } = this.space;
    for (let i = offsets[a]; i < offsets[a + 1]; i++) if (this.shapeOverflows(seq[i], hw, df, dfKey, model)) return true;
    return false;
  }

  /** Forget the verdicts. */
  clear(): void {
    this.verdicts.clear();
  }
}
