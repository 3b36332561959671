/**
 * Evaluate a whole architecture set on accelerators (hardware + dataflow) with layer-shape
 * memoization: each distinct (shape, dataflow, hardware) is analysed ONCE (one Wasm batch call
 * per hardware list), then every architecture's totals are summed from the cached rows.
 *
 * Network semantics (see src/model/network.ts): a layer's runtime and MACs do not depend on
 * its position, but for dataflows with more than one cluster level its ENERGY uses the previous
 * layer's top-level L1 access counts. The cached isolated rows keep those counts, so the energy
 * of such a layer is recomputed per position with `layerEnergy`, exactly as `evaluateNetwork`
 * does; the totals are summed in layer order, so they equal `evaluateNetwork`'s bit for bit.
 *
 * Dataflow per layer type: CONV (and NGCONV/TRCONV) -> the main dataflow; DSCONV -> `dsconv`
 * (default `dpt`, as the paper); GEMM -> `gemm` (default `nmk`).
 */
import * as L from '../../assembly/layout.js';
import type { CostModel } from '../model/costmodel.js';
import { encodeHardware, encodeLayer, errorMessage, LayerRejectedError } from '../model/encode.js';
import { layerEnergy } from '../model/network.js';
import type { Dataflow, Hardware, Layer } from '../model/types.js';
import { builtinDataflow, dataflowKey } from '../dataflows/builtin.js';
import type { CompiledSpace } from './compile.js';

/** Which dataflow each layer type gets. */
export interface DataflowChoice {
  /** For CONV layers (and any type without its own entry). */
  main: Dataflow;
  /** For DSCONV layers; default `dpt`. */
  dsconv?: Dataflow;
  /** For GEMM layers; default `nmk`. */
  gemm?: Dataflow;
}

/** Per-architecture totals of one (hardware, dataflow) evaluation, aligned with the archs asked for. */
export interface SpaceMetrics {
  /** Sum of runtimes (cycles) over the layers MAESTRO analyses. */
  latency: Float64Array;
  /** Sum of network energies (nJ), MAESTRO whole-network semantics. */
  energy: Float64Array;
  /** Sum of MACs. */
  macs: Float64Array;
  /** Number of layers MAESTRO rejects (0 = the architecture is valid on this accelerator). */
  invalid: Uint32Array;
}

/** Why a layer of an architecture has no result. */
export interface LayerFailure {
  /** Layer position in the architecture. */
  position: number;
  shape: Layer;
  reason: string;
}

interface EncodedShapes {
  descs: Int32Array;
  /** Encoding error message per shape (undefined = encoded). */
  errors: (string | undefined)[];
}

/** Memoizing evaluator of one compiled architecture set. */
export class SpaceEvaluator {
  readonly space: CompiledSpace;
  private readonly model: CostModel;
  private readonly encoded = new Map<string, EncodedShapes>();
  private readonly rowCache = new Map<string, Float64Array>();
  private readonly maxCachedRows: number;
  /** Number of (shape, hardware, dataflow) analyses run so far (for tests / statistics). */
  analyses = 0;

  /**
   * @param model the cost model
   * @param space the compiled architecture set
   * @param opts `maxCachedAccelerators`: how many (hardware, dataflow) row sets to keep (default 128)
   */
  constructor(model: CostModel, space: CompiledSpace, opts: { maxCachedAccelerators?: number } = {}) {
    this.model = model;
    this.space = space;
    this.maxCachedRows = opts.maxCachedAccelerators ?? 128;
  }

  /** Evaluate architectures (`archs`, default all) on one hardware + dataflow. */
  evaluate(hw: Hardware, df: DataflowChoice, archs?: ArrayLike<number>): SpaceMetrics {
    return this.sum(this.shapeRows([hw], df)[0], archs);
  }

  /** Evaluate on several hardware configurations with the same dataflow (one Wasm call). */
  evaluateMany(hws: readonly Hardware[], df: DataflowChoice, archs?: ArrayLike<number>): SpaceMetrics[] {
    return this.shapeRows(hws, df).map((rows) => this.sum(rows, archs));
  }

  /**
   * The isolated cost-model rows of every distinct shape (`shapes.length * OUT_SIZE` Float64,
   * see assembly/layout.ts) for each hardware, computed once and cached.
   */
  shapeRows(hws: readonly Hardware[], df: DataflowChoice): Float64Array[] {
    const dfKey = choiceKey(df);
    const enc = this.encode(df, dfKey);
    const out: Float64Array[] = new Array(hws.length);
    const missing: number[] = [];
    const keys = hws.map((hw) => `${hwKey(hw)}/${dfKey}`);
    keys.forEach((k, i) => {
      const r = this.rowCache.get(k);
      if (r) out[i] = r;
      else if (!missing.some((j) => keys[j] === k)) missing.push(i);
    });
    if (missing.length > 0) {
      const nShapes = this.space.shapes.length;
      const hwRecs = new Int32Array(missing.length * L.HW_SIZE);
      missing.forEach((i, j) => encodeHardware(hws[i], hwRecs, j * L.HW_SIZE));
      const pairs = new Int32Array(2 * nShapes * missing.length);
      for (let j = 0; j < missing.length; j++) {
        for (let s = 0; s < nShapes; s++) {
          const p = 2 * (j * nShapes + s);
          pairs[p] = s;
          pairs[p + 1] = j;
        }
      }
      const rows = this.model.batch.evaluate(enc.descs, hwRecs, pairs);
      this.analyses += nShapes * missing.length;
      missing.forEach((i, j) => {
        const r = rows.slice(j * nShapes * L.OUT_SIZE, (j + 1) * nShapes * L.OUT_SIZE);
        this.remember(keys[i], r);
        out[i] = r;
      });
    }
    keys.forEach((k, i) => {
      if (!out[i]) out[i] = this.rowCache.get(k)!;
    });
    return out;
  }

  /**
   * Sum cached shape rows into per-architecture totals (MAESTRO network semantics).
   * Per shape: status, runtime, MACs; per (previous shape, shape) transition: the layer's network
   * energy (`layerEnergy` with the previous layer's L1 counts for multi-level dataflows, else the
   * row's own energy). Then each architecture is a sum of lookups, in layer order.
   */
  sum(rows: Float64Array, archs?: ArrayLike<number>): SpaceMetrics {
    const { offsets, seq, pairs, pairSeq, shapes } = this.space;
    const W = L.OUT_SIZE;
    const nShapes = shapes.length;
    const ok = new Uint8Array(nShapes);
    const runtime = new Float64Array(nShapes);
    const shapeMacs = new Float64Array(nShapes);
    for (let s = 0; s < nShapes; s++) {
      const at = s * W;
      ok[s] = rows[at + L.OUT_STATUS] === 0 ? 1 : 0;
      runtime[s] = rows[at + L.COL_RUNTIME];
      shapeMacs[s] = rows[at + L.COL_NUM_MACS];
    }
    const nPairs = pairs.length >> 1;
    const pairEnergy = new Float64Array(nPairs);
    for (let p = 0; p < nPairs; p++) {
      const prev = pairs[2 * p];
      const s = pairs[2 * p + 1];
      if (!ok[s]) continue;
      const at = s * W;
      if (rows[at + L.OUT_MULTI_LEVEL] === 1) {
        const prevOk = prev >= 0 && ok[prev] === 1;
        pairEnergy[p] = layerEnergy(rows, at, prevOk ? rows : null, prevOk ? prev * W : 0, true);
      } else {
        pairEnergy[p] = rows[at + L.COL_ENERGY];
      }
    }
    const n = archs ? archs.length : this.space.count;
    const latency = new Float64Array(n);
    const energy = new Float64Array(n);
    const macs = new Float64Array(n);
    const invalid = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      const a = archs ? archs[k] : k;
      if (!(a >= 0 && a < this.space.count)) throw new RangeError(`architecture index ${a} out of range 0..${this.space.count - 1}`);
      let rt = 0;
      let en = 0;
      let mc = 0;
      let bad = 0;
      const end = offsets[a + 1];
      for (let i = offsets[a]; i < end; i++) {
        const s = seq[i];
        if (ok[s] === 0) {
          bad++;
          continue;
        }
        rt += runtime[s];
        en += pairEnergy[pairSeq[i]];
        mc += shapeMacs[s];
      }
      latency[k] = rt;
      energy[k] = en;
      macs[k] = mc;
      invalid[k] = bad;
    }
    return { latency, energy, macs, invalid };
  }

  /** The layers of architecture `arch` that have no result on (hw, df), with reasons. */
  failures(arch: number, hw: Hardware, df: DataflowChoice): LayerFailure[] {
    const dfKey = choiceKey(df);
    const enc = this.encode(df, dfKey);
    const rows = this.shapeRows([hw], df)[0];
    const out: LayerFailure[] = [];
    const { offsets, seq, shapes } = this.space;
    for (let i = offsets[arch]; i < offsets[arch + 1]; i++) {
      const s = seq[i];
      const status = rows[s * L.OUT_SIZE + L.OUT_STATUS];
      if (status === 0) continue;
      out.push({ position: i - offsets[arch], shape: shapes[s], reason: enc.errors[s] ?? errorMessage(status) });
    }
    return out;
  }

  /** Drop all cached rows. */
  clearCache(): void {
    this.rowCache.clear();
  }

  private remember(key: string, rows: Float64Array): void {
    if (this.rowCache.size >= this.maxCachedRows) {
      const first = this.rowCache.keys().next().value;
      if (first !== undefined) this.rowCache.delete(first);
    }
    this.rowCache.set(key, rows);
  }

  private encode(df: DataflowChoice, key: string): EncodedShapes {
    let e = this.encoded.get(key);
    if (e) return e;
    const { shapes, shapeBatch } = this.space;
    const descs = new Int32Array(shapes.length * L.DESC_SIZE);
    const errors: (string | undefined)[] = new Array(shapes.length);
    const dsconv = df.dsconv ?? DPT;
    const gemm = df.gemm ?? NMK;
    shapes.forEach((shape, s) => {
      const flow = shape.type === 'DSCONV' ? dsconv : shape.type === 'GEMM' ? gemm : df.main;
      try {
        encodeLayer(shape, flow, { batchTensors: shapeBatch[s] === 1 }, descs, s * L.DESC_SIZE);
      } catch (err) {
        if (!(err instanceof LayerRejectedError)) throw err;
        errors[s] = err.reason;
        descs[s * L.DESC_SIZE + L.DESC_TYPE] = -1; // evaluates to ERR_BAD_LAYER
      }
    });
    e = { descs, errors };
    this.encoded.set(key, e);
    return e;
  }
}

const DPT = builtinDataflow('dpt');
const NMK = builtinDataflow('nmk');

function choiceKey(df: DataflowChoice): string {
  return `${dataflowKey(df.main)}#${dataflowKey(df.dsconv ?? DPT)}#${dataflowKey(df.gemm ?? NMK)}`;
}

/** Key of the hardware fields the cost model reads. */
export function hwKey(hw: Hardware): string {
  return `${hw.numPes}:${hw.l1Size}:${hw.l2Size}:${hw.nocBw}:${hw.offchipBw}:${hw.nocHops ?? 1}`;
}
