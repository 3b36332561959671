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
import { checkHardware, describeValue, encodeHardware, encodeLayer, errorMessage, hardwareKey, isWrapStatus, LayerRejectedError } from '../model/encode.js';
import { layerEnergy } from '../model/network.js';
import { hasClusterLevels, hiddenAfterNoResult } from '../model/shown-rows.js';
import { meaninglessResult } from '../parse/result-check.js';
import type { Dataflow, Hardware, Layer } from '../model/types.js';
import { builtinDataflow, dataflowKey } from '../dataflows/builtin.js';
import { isDataflow } from '../parse/mapping.js';
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
  /**
   * Number of layers without a result (0 = the architecture is valid on this accelerator): those
   * MAESTRO rejects, and those whose row is no cost (`meaninglessResult`: 0 MACs, a negative energy).
   */
  invalid: Uint32Array;
}

/** Why a layer of an architecture has no result. */
export interface LayerFailure {
  /** Layer position in the architecture. */
  position: number;
  /** The layer's shape (named `s<index>`, not by the network's layer name). */
  shape: Layer;
  /** Why: the encoder's or the cost model's message, or why the row is no cost. */
  reason: string;
}

interface EncodedShapes {
  descs: Int32Array;
  /** Encoding error message per shape (undefined = encoded). */
  errors: (string | undefined)[];
}

/**
 * What is known of one (hardware, dataflow choice): the isolated rows of the shapes analysed so far
 * and the per-shape / per-transition figures derived from them (filled in lazily).
 */
interface AccelState {
  /** `shapes.length * OUT_SIZE` Float64; rows of shapes not yet analysed are zero. */
  rows: Float64Array;
  /** 1 once shape s has been analysed. */
  done: Uint8Array;
  /** Shapes analysed so far. */
  doneCount: number;
  ok: Uint8Array;
  runtime: Float64Array;
  macs: Float64Array;
  /** Network energy of each transition; NaN until computed. */
  pairEnergy: Float64Array;
}

/** Memoizing evaluator of one compiled architecture set. */
export class SpaceEvaluator {
  /** The compiled architecture set it evaluates. */
  readonly space: CompiledSpace;
  private readonly model: CostModel;
  private readonly encoded = new Map<string, EncodedShapes>();
  private readonly states = new Map<string, AccelState>();
  private readonly maxCachedRows: number;
  private counts: { offsets: Uint32Array; shape: Uint32Array; count: Uint32Array; maxLayers: number } | undefined;
  /** Number of (shape, hardware, dataflow) analyses run so far (for tests / statistics). */
  analyses = 0;

  /**
   * @param model the cost model
   * @param space the compiled architecture set
   * @param opts `maxCachedAccelerators`: how many (hardware, dataflow) row sets to keep (default 128)
   */
  constructor(model: CostModel, space: CompiledSpace, opts: { maxCachedAccelerators?: number } = {}) {
    if (model === null || typeof model !== 'object' || typeof (model as Partial<CostModel>).batch !== 'object')
      throw new TypeError(`SpaceEvaluator: model must be a CostModel (CostModel.load()), got ${describeValue(model)}`);
    if (space === null || typeof space !== 'object' || !(space.offsets instanceof Uint32Array) || !Array.isArray(space.shapes))
      throw new TypeError(`SpaceEvaluator: space must be a CompiledSpace (compileSpace / compileArchitectures), got ${describeValue(space)}`);
    this.model = model;
    this.space = space;
    this.maxCachedRows = opts.maxCachedAccelerators ?? 128;
  }

  /**
   * Evaluate architectures (`archs`, default all) on one hardware + dataflow. Only the shapes of
   * `archs` not analysed before on (hw, df) are analysed (subset-aware memo).
   */
  evaluate(hw: Hardware, df: DataflowChoice, archs?: ArrayLike<number>): SpaceMetrics {
    this.checkArgs([hw], df, archs);
    return this.sumState(this.states_([hw], df, archs)[0], archs);
  }

  /** Evaluate on several hardware configurations with the same dataflow (one Wasm call). */
  evaluateMany(hws: readonly Hardware[], df: DataflowChoice, archs?: ArrayLike<number>): SpaceMetrics[] {
    if (!Array.isArray(hws)) throw new TypeError(`hws: expected an array of Hardware objects, got ${describeValue(hws)}`);
    this.checkArgs(hws, df, archs);
    return this.states_(hws, df, archs).map((st) => this.sumState(st, archs));
  }

  /**
   * The arguments of a call, checked once (never per layer): every hardware object
   * (`checkHardware`), the dataflows (`{ main, dsconv?, gemm? }` of Dataflow objects, e.g.
   * `{ main: builtinDataflow('kcp_ws') }`), and the architecture indices: integers in
   * 0..count-1 (a fraction or a string would read as an empty architecture).
   */
  private checkArgs(hws: readonly Hardware[], df: DataflowChoice, archs: ArrayLike<number> | undefined): void {
    hws.forEach((hw, i) => checkHardware(hw, hws.length === 1 ? 'hw' : `hws[${i}]`));
    if (df === null || typeof df !== 'object' || !isDataflow(df.main))
      throw new TypeError(`df: expected { main: Dataflow, dsconv?, gemm? } (e.g. { main: builtinDataflow('kcp_ws') }), got ${describeValue(df)}${df && typeof df === 'object' ? ` with main ${describeValue((df as DataflowChoice).main)}` : ''}`);
    for (const k of ['dsconv', 'gemm'] as const)
      if (df[k] !== undefined && !isDataflow(df[k])) throw new TypeError(`df.${k}: expected a Dataflow (e.g. builtinDataflow('dpt')), got ${describeValue(df[k])}`);
    if (archs === undefined) return;
    if (archs === null || typeof archs !== 'object' || typeof archs.length !== 'number')
      throw new TypeError(`archs: expected an array of architecture indices, got ${describeValue(archs)}`);
    for (let k = 0; k < archs.length; k++) {
      const a = archs[k];
      if (!Number.isInteger(a) || a < 0 || a >= this.space.count)
        throw new RangeError(`archs[${k}]: architecture index ${describeValue(a)} out of range: expected an integer in 0..${this.space.count - 1}`);
    }
  }

  /**
   * The isolated cost-model rows of every distinct shape (`shapes.length * OUT_SIZE` Float64,
   * see assembly/layout.ts) for each hardware, computed once and cached.
   */
  shapeRows(hws: readonly Hardware[], df: DataflowChoice): Float64Array[] {
    return this.states_(hws, df, undefined).map((st) => st.rows);
  }

  /** Shapes needed by `archs` (all when undefined), ascending. */
  private shapesOf(archs: ArrayLike<number> | undefined): ArrayLike<number> | undefined {
    const nShapes = this.space.shapes.length;
    if (!archs) return undefined;
    const { offsets, seq } = this.space;
    const mark = new Uint8Array(nShapes);
    let count = 0;
    for (let k = 0; k < archs.length; k++) {
      const a = archs[k];
      if (!(a >= 0 && a < this.space.count)) throw new RangeError(`architecture index ${a} out of range 0..${this.space.count - 1}`);
      for (let i = offsets[a]; i < offsets[a + 1]; i++)
        if (!mark[seq[i]]) {
          mark[seq[i]] = 1;
          if (++count === nShapes) return undefined;
        }
    }
    const out = new Uint32Array(count);
    for (let s = 0, j = 0; s < nShapes; s++) if (mark[s]) out[j++] = s;
    return out;
  }

  /** States of (hws, df) with at least the shapes of `archs` analysed (one Wasm call for all). */
  private states_(hws: readonly Hardware[], df: DataflowChoice, archs: ArrayLike<number> | undefined): AccelState[] {
    const dfKey = choiceKey(df);
    const enc = this.encode(df, dfKey);
    const nShapes = this.space.shapes.length;
    const needed = this.shapesOf(archs);
    const keys = hws.map((hw) => `${hwKey(hw)}/${dfKey}`);
    const out: AccelState[] = keys.map((k) => {
      let st = this.states.get(k);
      if (!st) st = this.remember(k, newState(nShapes, this.space.pairs.length >> 1));
      return st;
    });
    // (shape, hardware) work list over distinct states.
    const work: number[] = [];
    const jobs: { st: AccelState; hw: Hardware }[] = [];
    const seen = new Set<AccelState>();
    out.forEach((st, i) => {
      if (seen.has(st) || st.doneCount === nShapes) return;
      seen.add(st);
      const j = jobs.length;
      let any = false;
      const add = (s: number) => {
        if (st.done[s]) return;
        work.push(s, j);
        any = true;
      };
      if (needed) for (let k = 0; k < needed.length; k++) add(needed[k]);
      else for (let s = 0; s < nShapes; s++) add(s);
      if (any) jobs.push({ st, hw: hws[i] });
    });
    if (jobs.length > 0) {
      const hwRecs = new Int32Array(jobs.length * L.HW_SIZE);
      jobs.forEach((j, k) => encodeHardware(j.hw, hwRecs, k * L.HW_SIZE));
      const pairs = Int32Array.from(work);
      const rows = this.model.batch.evaluate(enc.descs, hwRecs, pairs);
      const W = L.OUT_SIZE;
      for (let t = 0; t < pairs.length >> 1; t++) {
        const s = pairs[2 * t];
        const st = jobs[pairs[2 * t + 1]].st;
        st.rows.set(rows.subarray(t * W, (t + 1) * W), s * W);
        st.done[s] = 1;
        st.doneCount++;
        setShape(st, s);
      }
      this.analyses += pairs.length >> 1;
    }
    return out;
  }

  /** Network energy of transition p (prev, s) on a state whose shape s (and prev) are analysed. */
  private pairEnergy(st: AccelState, p: number): number {
    let e = st.pairEnergy[p];
    if (e === e) return e;
    const { pairs } = this.space;
    const prev = pairs[2 * p];
    const s = pairs[2 * p + 1];
    const W = L.OUT_SIZE;
    const at = s * W;
    if (!st.ok[s]) e = 0;
    else if (st.rows[at + L.OUT_MULTI_LEVEL] === 1) {
      const prevOk = prev >= 0 && st.ok[prev] === 1;
      e = layerEnergy(st.rows, at, prevOk ? st.rows : null, prevOk ? prev * W : 0, true);
    } else e = st.rows[at + L.COL_ENERGY];
    st.pairEnergy[p] = e;
    return e;
  }

  /** Per architecture: its distinct shapes and how often each occurs (built on first use). */
  private shapeCounts(): { offsets: Uint32Array; shape: Uint32Array; count: Uint32Array; maxLayers: number } {
    if (this.counts) return this.counts;
    const { offsets, seq, count: nArch } = this.space;
    const nShapes = this.space.shapes.length;
    const tally = new Uint32Array(nShapes);
    const co = new Uint32Array(nArch + 1);
    const cs: number[] = [];
    const cn: number[] = [];
    let maxLayers = 0;
    for (let a = 0; a < nArch; a++) {
      const start = cs.length;
      maxLayers = Math.max(maxLayers, offsets[a + 1] - offsets[a]);
      for (let i = offsets[a]; i < offsets[a + 1]; i++) if (tally[seq[i]]++ === 0) cs.push(seq[i]);
      for (let j = start; j < cs.length; j++) {
        cn.push(tally[cs[j]]);
        tally[cs[j]] = 0;
      }
      co[a + 1] = cs.length;
    }
    return (this.counts = { offsets: co, shape: Uint32Array.from(cs), count: Uint32Array.from(cn), maxLayers });
  }

  private sumState(st: AccelState, archs?: ArrayLike<number>): SpaceMetrics {
    const { offsets, pairSeq } = this.space;
    const n = archs ? archs.length : this.space.count;
    const latency = new Float64Array(n);
    const energy = new Float64Array(n);
    const macs = new Float64Array(n);
    const invalid = new Uint32Array(n);
    const { ok, runtime, macs: shapeMacs, done } = st;
    // Energies of every transition whose shapes are analysed (a few dozen; 0 for a rejected layer,
    // which adds nothing), then one lookup per layer, summed in layer order as MAESTRO does.
    const { pairs } = this.space;
    const pe = st.pairEnergy;
    for (let p = 0; p < pe.length; p++) if (pe[p] !== pe[p] && done[pairs[2 * p + 1]] && (pairs[2 * p] < 0 || done[pairs[2 * p]])) this.pairEnergy(st, p);
    // Runtime and MACs: when every analysed value is an integer and no total can reach 2^53, the
    // sum is exact in any order, so count x value per distinct shape gives the same bits as the
    // layer-order sum; else fall back to summing layer by layer.
    const c = this.shapeCounts();
    let maxRt = 0;
    let maxMc = 0;
    let integral = true;
    for (let s = 0; s < done.length && integral; s++)
      if (done[s] && ok[s]) {
        integral = Number.isInteger(runtime[s]) && Number.isInteger(shapeMacs[s]) && runtime[s] >= 0 && shapeMacs[s] >= 0;
        maxRt = Math.max(maxRt, runtime[s]);
        maxMc = Math.max(maxMc, shapeMacs[s]);
      }
    const byCount = integral && maxRt * c.maxLayers < 2 ** 53 && maxMc * c.maxLayers < 2 ** 53;
    const { seq } = this.space;
    for (let k = 0; k < n; k++) {
      const a = archs ? archs[k] : k;
      if (!(a >= 0 && a < this.space.count)) throw new RangeError(`architecture index ${a} out of range 0..${this.space.count - 1}`);
      let rt = 0;
      let en = 0;
      let mc = 0;
      let bad = 0;
      const end = offsets[a + 1];
      if (byCount) {
        for (let i = offsets[a]; i < end; i++) en += pe[pairSeq[i]];
        for (let j = c.offsets[a]; j < c.offsets[a + 1]; j++) {
          const s = c.shape[j];
          if (ok[s] === 0) bad += c.count[j];
          else {
            rt += c.count[j] * runtime[s];
            mc += c.count[j] * shapeMacs[s];
          }
        }
      } else
        for (let i = offsets[a]; i < end; i++) {
          const s = seq[i];
          if (ok[s] === 0) {
            bad++;
            continue;
          }
          rt += runtime[s];
          en += pe[pairSeq[i]];
          mc += shapeMacs[s];
        }
      latency[k] = rt;
      energy[k] = en;
      macs[k] = mc;
      invalid[k] = bad;
    }
    return { latency, energy, macs, invalid };
  }

  /**
   * Sum cached shape rows into per-architecture totals (MAESTRO network semantics).
   * Per shape: status, runtime, MACs; per (previous shape, shape) transition: the layer's network
   * energy (`layerEnergy` with the previous layer's L1 counts for multi-level dataflows, else the
   * row's own energy). Then each architecture is a sum of lookups, in layer order.
   */
  sum(rows: Float64Array, archs?: ArrayLike<number>): SpaceMetrics {
    const nShapes = this.space.shapes.length;
    const st = newState(nShapes, this.space.pairs.length >> 1);
    st.rows = rows;
    for (let s = 0; s < nShapes; s++) setShape(st, s);
    return this.sumState(st, archs);
  }

  /**
   * Totals of architectures `archs` on (hw, df) over the rows `codesign maestro` shows
   * (src/model/shown-rows.ts): without the layers the model rejects and a layer
   * with cluster levels right after one of those (its energy would take that layer's L1 counts).
   * Per architecture: `shown`, how many layers are summed; `wraps` 1 when some layer has a row
   * MAESTRO prints wrong numbers in (its arithmetic would wrap, {@link isWrapStatus}, or the row is
   * no cost, `meaninglessResult`). Uses the cached rows (analysed if needed).
   */
  shownTotals(archs: ArrayLike<number>, hw: Hardware, df: DataflowChoice): { latency: Float64Array; energy: Float64Array; macs: Float64Array; shown: Uint32Array; wraps: Uint8Array } {
    this.checkArgs([hw], df, archs);
    const st = this.states_([hw], df, archs)[0];
    const { offsets, seq, shapes, pairSeq } = this.space;
    const flows = { main: df.main, dsconv: df.dsconv ?? DPT, gemm: df.gemm ?? NMK };
    const clusters = new Map<string, boolean>();
    const clusterLevels = (type: Layer['type']) => {
      const flow = type === 'DSCONV' ? flows.dsconv : type === 'GEMM' ? flows.gemm : flows.main;
      let c = clusters.get(type);
      if (c === undefined) clusters.set(type, (c = hasClusterLevels(flow)));
      return c;
    };
    const n = archs.length;
    const out = { latency: new Float64Array(n), energy: new Float64Array(n), macs: new Float64Array(n), shown: new Uint32Array(n), wraps: new Uint8Array(n) };
    for (let k = 0; k < n; k++) {
      const arch = archs[k]!;
      let previous = true; // (the first layer has no layer before it)
      for (let i = offsets[arch]; i < offsets[arch + 1]; i++) {
        const s = seq[i];
        const status = st.rows[s * L.OUT_SIZE + L.OUT_STATUS]!;
        if (isWrapStatus(status) || (status === 0 && st.ok[s] === 0)) out.wraps[k] = 1; // (a wrap, or a row that is no cost)
        const result = st.ok[s] === 1;
        const hidden = !result || hiddenAfterNoResult(previous, clusterLevels(shapes[s].type));
        previous = result;
        if (hidden) continue;
        out.latency[k] += st.runtime[s];
        out.energy[k] += this.pairEnergy(st, pairSeq[i]);
        out.macs[k] += st.macs[s];
        out.shown[k]++;
      }
    }
    return out;
  }

  /** The layers of architecture `arch` that have no result on (hw, df), with reasons. */
  failures(arch: number, hw: Hardware, df: DataflowChoice): LayerFailure[] {
    const dfKey = choiceKey(df);
    const enc = this.encode(df, dfKey);
    const rows = this.states_([hw], df, [arch])[0].rows;
    const out: LayerFailure[] = [];
    const { offsets, seq, shapes } = this.space;
    for (let i = offsets[arch]; i < offsets[arch + 1]; i++) {
      const s = seq[i];
      const at = s * L.OUT_SIZE;
      const status = rows[at + L.OUT_STATUS];
      const meaningless = status === 0 ? meaninglessResult(rows[at + L.COL_RUNTIME]!, rows[at + L.COL_ENERGY]!, rows[at + L.COL_NUM_MACS]!) : undefined;
      if (status === 0 && meaningless === undefined) continue;
      out.push({ position: i - offsets[arch], shape: shapes[s], reason: meaningless ?? enc.errors[s] ?? errorMessage(status) });
    }
    return out;
  }

  /** Drop all cached rows. */
  clearCache(): void {
    this.states.clear();
  }

  private remember(key: string, st: AccelState): AccelState {
    if (this.states.size >= this.maxCachedRows) {
      const first = this.states.keys().next().value;
      if (first !== undefined) this.states.delete(first);
    }
    this.states.set(key, st);
    return st;
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

/**
 * Shape s's figures from its row: a result counts (`ok`) when the model gave one and it is a cost
 * (`meaninglessResult`: a mapping that computes nothing, a negative energy, is no result).
 */
function setShape(st: AccelState, s: number): void {
  const at = s * L.OUT_SIZE;
  const r = st.rows;
  st.ok[s] = r[at + L.OUT_STATUS] === 0 && meaninglessResult(r[at + L.COL_RUNTIME]!, r[at + L.COL_ENERGY]!, r[at + L.COL_NUM_MACS]!) === undefined ? 1 : 0;
  st.runtime[s] = r[at + L.COL_RUNTIME]!;
  st.macs[s] = r[at + L.COL_NUM_MACS]!;
}

function newState(nShapes: number, nPairs: number): AccelState {
  return {
    rows: new Float64Array(nShapes * L.OUT_SIZE),
    done: new Uint8Array(nShapes),
    doneCount: 0,
    ok: new Uint8Array(nShapes),
    runtime: new Float64Array(nShapes),
    macs: new Float64Array(nShapes),
    pairEnergy: new Float64Array(nPairs).fill(NaN),
  };
}

const DPT = builtinDataflow('dpt');
const NMK = builtinDataflow('nmk');

function choiceKey(df: DataflowChoice): string {
  return `${dataflowKey(df.main)}#${dataflowKey(df.dsconv ?? DPT)}#${dataflowKey(df.gemm ?? NMK)}`;
}

/** Key of the hardware fields the cost model reads (`hardwareKey`, src/model/encode.ts). */
export const hwKey: (hw: Hardware) => string = hardwareKey;
