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

const DIM_ORDER = ['N', 'G', 'K', 'C', 'R', 'S', 'Y', 'X', "Y'", "X'", 'M'] as const;

/** Key of a layer shape (equal keys <=> identical cost-model input for any dataflow). */
export function shapeKey(layer: Layer, batch: boolean): string {
  let k = `${layer.type}|${layer.strideX ?? 1},${layer.strideY ?? 1}|${batch ? 1 : 0}|`;
  for (const d of DIM_ORDER) {
    const v = layer.dims[d];
    if (v !== undefined) k += `${d}${v},`;
  }
  return k;
}

/**
 * Compile architectures into distinct shapes + sequences.
 * @param count number of architectures
 * @param layersOf layers of architecture `i` (0 <= i < count), called once each
 * @param onProgress optional callback (done, count), called every 256 architectures
 */
export function compileSpace(
  count: number,
  layersOf: (i: number) => readonly Layer[],
  onProgress?: (done: number, count: number) => void,
): CompiledSpace {
  const index = new Map<string, number>();
  const shapes: Layer[] = [];
  const batch: number[] = [];
  const offsets = new Uint32Array(count + 1);
  let seq = new Uint32Array(Math.max(1024, count * 64));
  let pairSeq = new Uint32Array(seq.length);
  const pairIndex = new Map<number, number>();
  const pairs: number[] = [];
  let n = 0;
  for (let a = 0; a < count; a++) {
    const layers = layersOf(a);
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
      const key = shapeKey(l, flags[i]);
      let s = index.get(key);
      if (s === undefined) {
        s = shapes.length;
        index.set(key, s);
        shapes.push({ name: `s${s}`, type: l.type, strideX: l.strideX ?? 1, strideY: l.strideY ?? 1, dims: { ...l.dims } });
        batch.push(flags[i] ? 1 : 0);
      }
      const pk = (prev + 1) * 0x100000 + s; // exact in a double for < 2^20 shapes
      let p = pairIndex.get(pk);
      if (p === undefined) {
        p = pairs.length >> 1;
        pairIndex.set(pk, p);
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

/** Total number of layers over all architectures of a compiled space. */
export function totalLayers(space: CompiledSpace): number {
  return space.offsets[space.count];
}
