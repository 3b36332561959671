/**
 * Low-level batch evaluation: N (layer descriptor, hardware record) pairs in ONE Wasm call.
 *
 * Rows are ISOLATED and position-independent: each is the layer's result as a one-layer
 * network (MAESTRO's per-layer figures). A network's rows are obtained from them with
 * {@link applyNetworkSemantics} (src/model/network.ts), so a cache of distinct
 * (descriptor, hardware) rows plus that cheap step reproduces a whole-network MAESTRO run.
 */
import * as L from '../../assembly/layout.js';
import type { CostModelExports } from './wasm.js';

/** Evaluates batches of encoded descriptors against encoded hardware records. */
export class BatchEvaluator {
  private readonly ex: CostModelExports;

  constructor(exports: CostModelExports) {
    this.ex = exports;
  }

  /**
   * Evaluate pairs of (descriptor, hardware).
   * @param descs `numDescs * DESC_SIZE` Int32 slots (see {@link encodeLayer}).
   * @param hws `numHw * HW_SIZE` Int32 slots (see {@link encodeHardware}).
   * @param pairs `2n` Int32: pair i = (descIndex, hwIndex); `null`: pair i = (i, i), n = numDescs.
   * @param out optional result buffer of at least `n * OUT_SIZE` Float64 slots.
   * @returns `n * OUT_SIZE` Float64 slots, row i at `i * OUT_SIZE` (see assembly/layout.ts:
   *   status at OUT_STATUS, numeric columns from OUT_COLUMNS in NUMERIC_COLUMN_KEYS order).
   */
  evaluate(descs: Int32Array, hws: Int32Array, pairs: Int32Array | null = null, out?: Float64Array): Float64Array {
    const numDescs = Math.floor(descs.length / L.DESC_SIZE);
    const numHw = Math.floor(hws.length / L.HW_SIZE);
    const n = pairs === null ? numDescs : pairs.length >> 1;
    const rows = out ?? new Float64Array(n * L.OUT_SIZE);
    if (rows.length < n * L.OUT_SIZE) throw new RangeError(`result buffer too small: ${rows.length} < ${n * L.OUT_SIZE}`);
    if (n === 0) return rows;
    const descBytes = numDescs * L.DESC_SIZE * 4;
    const hwBytes = numHw * L.HW_SIZE * 4;
    const pairBytes = pairs === null ? 0 : n * 8;
    const outBytes = n * L.OUT_SIZE * 8;
    const base = align8(this.ex.ioBase());
    const descPtr = base;
    const hwPtr = align8(descPtr + descBytes);
    const pairsPtr = align8(hwPtr + hwBytes);
    const outPtr = align8(pairsPtr + pairBytes);
    this.ensure(outPtr + outBytes);
    const buf = this.ex.memory.buffer;
    new Int32Array(buf, descPtr, numDescs * L.DESC_SIZE).set(descs.subarray(0, numDescs * L.DESC_SIZE));
    new Int32Array(buf, hwPtr, numHw * L.HW_SIZE).set(hws.subarray(0, numHw * L.HW_SIZE));
    if (pairs !== null) new Int32Array(buf, pairsPtr, 2 * n).set(pairs.subarray(0, 2 * n));
    this.ex.evaluateBatch(descPtr, numDescs, hwPtr, numHw, pairs === null ? 0 : pairsPtr, n, outPtr);
    rows.set(new Float64Array(this.ex.memory.buffer, outPtr, n * L.OUT_SIZE));
    return rows;
  }

  /** Grow linear memory so that `end` bytes are addressable. */
  private ensure(end: number): void {
    const mem = this.ex.memory;
    const have = mem.buffer.byteLength;
    if (end > have) mem.grow(Math.ceil((end - have) / 65536));
  }
}

function align8(x: number): number {
  return (x + 7) & ~7;
}
