/**
 * Reduce a set of architectures (layer lists) to its DISTINCT layer shapes plus, per
 * architecture, the sequence of shape indices: the input of {@link SpaceEvaluator}.
 *
 * A shape is everything the cost model sees of a layer: type, strides, dimensions, and whether
 * its tensors include N (MAESTRO decides that per layer type from the FIRST layer of that type
 * in the network, see `batchTensorFlags`). Layer names are not part of a shape.
 *
 * A {@link CompiledSpace} is plain data (objects + typed arrays): it can be sent to worker
 * threads with `postMessage` / Piscina (structured clone, typed arrays transferable).
 */
import type { Layer } from '../model/types.js';
import { DIM_NAMES } from '../parse/limits.js';
import { batchTensorFlags } from '../model/network.js';

/** Distinct layer shapes of a set of architectures and each architecture's shape sequence. */
export interface CompiledSpace {
  /** Number of architectures (indices 0..count-1, in the order they were given). */
  count: number;
  /** Distinct shapes; `name` is `s<index>`. */
  shapes: Layer[];
  /** Per shape: 1 if its tensors include the batch dimension N (MAESTRO per-network flag). */
  shapeBatch: Uint8Array;
  /** `count + 1` offsets into `seq`: architecture a has layers seq[offsets[a] .. offsets[a+1]). */
  offsets: Uint32Array;
  /** Shape index of every layer of every architecture, concatenated. */
  seq: Uint32Array;
  /**
   * Distinct (previous shape, shape) transitions, 2 Int32 each; previous = -1 for a first layer.
   * A layer's network energy depends only on its transition (see SpaceEvaluator).
   */
  pairs: Int32Array;
  /** Transition index of every layer, parallel to `seq`. */
  pairSeq: Uint32Array;
}

/** Key of a layer shape (equal keys <=> identical cost-model input for any dataflow). */
export function shapeKey(layer: Layer, batch: boolean): string {
  let k = `${layer.type}|${layer.strideX ?? 1},${layer.strideY ?? 1}|${batch ? 1 : 0}|`;
  for (const d of DIM_NAMES) {
    const v = layer.dims[d];
    if (v !== undefined) k += `${d}${v},`;
  }
  return k;
}

/**
 * Check architecture ids against a space of `size` architectures (ids 0..size-1), before its
 * layers are asked for (a space's `layers(id)` of an unknown id fails inside the space's data).
 * @param space the space's name, for the message
 * @param name how the id list is named in messages (default `ids`)
 * @throws TypeError when `ids` is not an array; RangeError naming the first bad id, e.g.
 *   `ids[0]: architecture 99999 is not in space nb301 (ids 0..9999)`.
 */
export function checkArchitectureIds(ids: ArrayLike<number>, size: number, space: string, name = 'ids'): void {
  if (!Array.isArray(ids) && !(ArrayBuffer.isView(ids) && !(ids instanceof DataView)))
    throw new TypeError(`${name}: expected an array of architecture ids, got ${ids === null ? 'null' : typeof ids}`);
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (!Number.isInteger(id) || id < 0 || id >= size)
      throw new RangeError(`${name}[${k}]: architecture ${typeof id === 'string' ? JSON.stringify(id) : String(id)} is not in space ${space} (ids 0..${size - 1})`);
  }
}

/**
 * Compile architectures into distinct shapes + sequences.
 * @param count number of architectures
 * @param layersOf layers of architecture `i` (0 <= i < count), called once each
 * @param onProgress optional callback (done, count), called every 256 architectures
 * @throws RangeError when `count` is not an integer >= 0; TypeError when `layersOf` returns
 *   something other than an array.
 */
export function compileSpace(
  count: number,
  layersOf: (i: number) => readonly Layer[],
  onProgress?: (done: number, count: number) => void,
): CompiledSpace {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`compileSpace: count must be an integer >= 0, got ${String(count)}`);
  // Shapes are found by a numeric hash of their fields, then compared field by field (no key
  // strings: this runs for every layer of every architecture).
  const byHash = new Map<number, number[]>();
  const shapes: Layer[] = [];
  const fields: Float64Array[] = []; // per shape: strideX, strideY, then DIM_NAMES values (NaN = absent)
  const cur = new Float64Array(2 + DIM_NAMES.length);
  const batch: number[] = [];
  const offsets = new Uint32Array(count + 1);
  let seq = new Uint32Array(Math.max(1024, count * 64));
  let pairSeq = new Uint32Array(seq.length);
  const pairRows: number[][] = []; // pairRows[prev + 1][s] = transition index
  const pairs: number[] = [];
  let n = 0;
  for (let a = 0; a < count; a++) {
    const layers = layersOf(a);
    if (!Array.isArray(layers)) throw new TypeError(`compileSpace: the layers of architecture ${a} are not an array (got ${layers === null ? 'null' : typeof layers})`);
    const flags = batchTensorFlags(layers);
    if (n + layers.length > seq.length) {
      const size = Math.max(seq.length * 2, n + layers.length);
      const bigger = new Uint32Array(size);
      bigger.set(seq.subarray(0, n));
      seq = bigger;
      const biggerP = new Uint32Array(size);
      biggerP.set(pairSeq.subarray(0, n));
      pairSeq = biggerP;
    }
    let prev = -1;
    for (let i = 0; i < layers.length; i++) {
      const l = layers[i];
      const b = flags[i];
      const h = shapeHash(l, b, cur);
      let list = byHash.get(h);
      let s = -1;
      if (list) for (const c of list) if (batch[c] === (b ? 1 : 0) && shapes[c].type === l.type && sameFields(fields[c], cur)) { s = c; break; }
      if (s < 0) {
        s = shapes.length;
        if (list) list.push(s);
        else byHash.set(h, (list = [s]));
        shapes.push({ name: `s${s}`, type: l.type, strideX: l.strideX ?? 1, strideY: l.strideY ?? 1, dims: { ...l.dims } });
        fields.push(cur.slice());
        batch.push(b ? 1 : 0);
      }
      const row = pairRows[prev + 1] ?? (pairRows[prev + 1] = []);
      let p = row[s];
      if (p === undefined) {
        p = row[s] = pairs.length >> 1;
        pairs.push(prev, s);
      }
      pairSeq[n] = p;
      seq[n++] = s;
      prev = s;
    }
    offsets[a + 1] = n;
    if (onProgress && ((a + 1) % 256 === 0 || a + 1 === count)) onProgress(a + 1, count);
  }
  return {
    count,
    shapes,
    shapeBatch: Uint8Array.from(batch),
    offsets,
    seq: seq.slice(0, n),
    pairs: Int32Array.from(pairs),
    pairSeq: pairSeq.slice(0, n),
  };
}

/** 32-bit hash of what {@link shapeKey} encodes; the numeric fields are also stored into `out`. */
function shapeHash(l: Layer, batch: boolean, out: Float64Array): number {
  let h = 0x811c9dc5;
  const t = l.type;
  for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
  out[0] = l.strideX ?? 1;
  out[1] = l.strideY ?? 1;
  h = Math.imul(h ^ (batch ? 1 : 0), 0x01000193);
  const d = l.dims;
  for (let i = 0; i < DIM_NAMES.length; i++) {
    const v = d[DIM_NAMES[i]];
    out[i + 2] = v === undefined ? NaN : v;
  }
  for (let i = 0; i < out.length; i++) h = Math.imul(h ^ (out[i] === out[i] ? out[i] : -1), 0x01000193);
  return h;
}

/** Equal stored fields (NaN = absent equals absent). */
function sameFields(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(a[i] !== a[i] && b[i] !== b[i])) return false;
  return true;
}

/** Total number of layers over all architectures of a compiled space. */
export function totalLayers(space: CompiledSpace): number {
  return space.offsets[space.count];
}
