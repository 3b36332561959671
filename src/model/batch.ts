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
import { describeValue } from './encode.js';

/**
 * Views into the Wasm module's memory for one batch shape (zero-copy evaluation): fill `descs`,
 * `hws` (and `pairs`), call {@link BatchEvaluator.run}, read `out`. All workspaces of a model
 * share one region of its memory: a workspace is valid until the next call that uses it
 * (`workspace` with another shape, `evaluate`, and the CostModel's `evaluateLayer` /
 * `evaluateNetwork`, or memory growth); `run` / `exactCounts` on it then throw instead of
 * evaluating what the other call left there. Request the workspace again and refill it.
 */
export interface BatchWorkspace {
  /** Layer descriptors `descs` holds. */
  readonly numDescs: number;
  /** Hardware records `hws` holds. */
  readonly numHw: number;
  /** Pairs evaluated (rows of `out`). */
  readonly n: number;
  /** `numDescs * DESC_SIZE` Int32 slots: the layer descriptors (see {@link encodeLayer}). */
  readonly descs: Int32Array;
  /** `numHw * HW_SIZE` Int32 slots: the hardware records (see {@link encodeHardware}). */
  readonly hws: Int32Array;
  /** `2n` Int32 (descIndex, hwIndex) pairs, or null: pair i = (i, i). */
  readonly pairs: Int32Array | null;
  /** `n * OUT_SIZE` Float64 slots: row i at `i * OUT_SIZE`, written by `run`. */
  readonly out: Float64Array;
}

/** Evaluates batches of encoded descriptors against encoded hardware records. */
export class BatchEvaluator {
  private readonly ex: CostModelExports;
  /** The last workspace handed out by {@link workspace}, kept for a request of the same shape. */
  private last: BatchWorkspace | null = null;
  /** The last workspace of the internal calls (evaluate, and the CostModel's). */
  private lastInternal: BatchWorkspace | null = null;
  /** The workspace whose contents the shared region holds now (the others are invalid). */
  private owner: BatchWorkspace | null = null;
  /** The workspaces of internal calls. */
  private readonly internal = new WeakSet<BatchWorkspace>();
  /** The arrays of every workspace handed out (still known after the memory grew and detached them). */
  private readonly handedOut = new WeakSet<ArrayBufferView>();
  /** Set while the region must not be touched (an onProgress callback): the reason. @internal */
  locked: string | null = null;

  /** Wraps the module's exports as they are (unchecked: see `CostModel.fromExports`); a CostModel has one as `batch`. */
  constructor(exports: CostModelExports) {
    this.ex = exports;
  }

  private checkUnlocked(fn: string): void {
    if (this.locked !== null) throw new Error(`batch.${fn}: ${this.locked}`);
  }

  /**
   * Evaluate pairs of (descriptor, hardware). Copies the inputs into the module's memory, unless
   * they are the arrays of the current {@link workspace} (then evaluated in place; the arrays of a
   * workspace that is no longer valid are refused).
   * @param descs `numDescs * DESC_SIZE` Int32 slots (see {@link encodeLayer}).
   * @param hws `numHw * HW_SIZE` Int32 slots (see {@link encodeHardware}).
   * @param pairs `2n` Int32: pair i = (descIndex, hwIndex); `null`: pair i = (i, i), n = numDescs.
   * @param out optional result buffer of at least `n * OUT_SIZE` Float64 slots.
   * @returns `n * OUT_SIZE` Float64 slots, row i at `i * OUT_SIZE` (see assembly/layout.ts:
   *   status at OUT_STATUS, numeric columns from OUT_COLUMNS in NUMERIC_COLUMN_KEYS order).
   */
  evaluate(descs: Int32Array, hws: Int32Array, pairs: Int32Array | null = null, out?: Float64Array): Float64Array {
    this.checkUnlocked('evaluate');
    checkInts('descs', descs, L.DESC_SIZE, 'DESC_SIZE');
    checkInts('hws', hws, L.HW_SIZE, 'HW_SIZE');
    if (pairs !== null) checkInts('pairs', pairs, 2, '2 (descIndex, hwIndex)');
    if (out !== undefined && !(out instanceof Float64Array)) {
      throw new TypeError(`batch.evaluate: out must be a Float64Array (rows hold 64-bit counts), got ${describeValue(out)}`);
    }
    const own = this.checkViews(descs, hws, pairs, out);
    const numDescs = Math.floor(descs.length / L.DESC_SIZE);
    const numHw = Math.floor(hws.length / L.HW_SIZE);
    const n = pairs === null ? numDescs : pairs.length >> 1;
    const rows = out ?? new Float64Array(n * L.OUT_SIZE);
    if (rows.length < n * L.OUT_SIZE) throw new RangeError(`result buffer too small: ${rows.length} < ${n * L.OUT_SIZE}`);
    if (n === 0) return rows;
    // The arrays of the caller's current workspace: evaluated in place, and the workspace stays
    // valid; else the inputs go into the region as an internal call's.
    const ws = own ?? this.acquire(numDescs, numHw, n, pairs !== null);
    if (!sameView(descs, ws.descs)) ws.descs.set(head(descs, numDescs * L.DESC_SIZE));
    if (!sameView(hws, ws.hws)) ws.hws.set(head(hws, numHw * L.HW_SIZE));
    if (pairs !== null && !sameView(pairs, ws.pairs!)) ws.pairs!.set(head(pairs, 2 * n));
    this.runOwned(ws);
    if (!sameView(rows, ws.out)) rows.set(ws.out);
    return rows;
  }

  /**
   * Zero-copy workspace for `n` pairs over `numDescs` descriptors and `numHw` hardware records
   * (`withPairs` false: pair i = (i, i)). Grows the module's memory if needed.
   */
  workspace(numDescs: number, numHw: number, n: number, withPairs = true): BatchWorkspace {
    this.checkUnlocked('workspace');
    for (const [k, v] of [['numDescs', numDescs], ['numHw', numHw], ['n', n]] as const) {
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`batch.workspace: ${k} must be an integer >= 0, got ${String(v)}`);
    }
    const ws = this.layout(this.last, numDescs, numHw, n, withPairs);
    if (ws !== this.last) for (const a of [ws.descs, ws.hws, ws.pairs, ws.out]) if (a) this.handedOut.add(a);
    return (this.owner = this.last = ws);
  }

  /**
   * The region for an internal call (evaluate, CostModel): a workspace of its own, so that a
   * user's workspace is never handed to it, made the owner (a user's workspace is then invalid).
   * @internal
   */
  acquire(numDescs: number, numHw: number, n: number, withPairs: boolean): BatchWorkspace {
    const ws = this.layout(this.lastInternal, numDescs, numHw, n, withPairs);
    if (ws !== this.lastInternal) this.internal.add(ws);
    return (this.owner = this.lastInternal = ws);
  }

  /** `kept` when it has this shape and the current memory, else new views (memory grown as needed). */
  private layout(kept: BatchWorkspace | null, numDescs: number, numHw: number, n: number, withPairs: boolean): BatchWorkspace {
    // Kept: small batches (one layer per call) ask for the same shape again.
    if (
      kept !== null && kept.numDescs === numDescs && kept.numHw === numHw && kept.n === n &&
      (kept.pairs !== null) === withPairs && !this.stale(kept)
    )
      return kept;
    const base = align8(this.ex.ioBase());
    const descPtr = base;
    const hwPtr = align8(descPtr + numDescs * L.DESC_SIZE * 4);
    const pairsPtr = align8(hwPtr + numHw * L.HW_SIZE * 4);
    const outPtr = align8(pairsPtr + (withPairs ? n * 8 : 0));
    // After the rows: one scratch row and an exact-counts record for exactCounts().
    this.ensure(outPtr + (n + 1) * L.OUT_SIZE * 8 + L.EXACT_SIZE * 8);
    const buf = this.ex.memory.buffer;
    return {
      numDescs,
      numHw,
      n,
      descs: new Int32Array(buf, descPtr, numDescs * L.DESC_SIZE),
      hws: new Int32Array(buf, hwPtr, numHw * L.HW_SIZE),
      pairs: withPairs ? new Int32Array(buf, pairsPtr, 2 * n) : null,
      out: new Float64Array(buf, outPtr, n * L.OUT_SIZE),
    };
  }

  /**
   * Evaluate a workspace in place (results in `ws.out`). Returns the number of rejected rows.
   * @throws Error when the workspace is no longer valid (see {@link BatchWorkspace}).
   */
  run(ws: BatchWorkspace): number {
    this.checkUnlocked('run');
    this.checkOwner(ws);
    return this.runOwned(ws);
  }

  /**
   * Arrays of `evaluate` that are views into the module's memory (or arrays of a workspace handed
   * out before the memory grew) must be the arrays of the current, valid workspace: `descs` and
   * `hws` themselves (and its `pairs`, or null when it has none; `out` its own or an array of the
   * caller's). Anything else (a workspace no longer valid, views mixed with arrays of another shape,
   * whose copy would overwrite them) is an error. Returns that workspace, or null for arrays of the
   * caller's own.
   */
  private checkViews(descs: Int32Array, hws: Int32Array, pairs: Int32Array | null, out: Float64Array | undefined): BatchWorkspace | null {
    const mem = this.ex.memory.buffer;
    const isView = (a: ArrayBufferView | null | undefined): boolean => a != null && (a.buffer === mem || this.handedOut.has(a));
    if (!isView(descs) && !isView(hws) && !isView(pairs) && !isView(out)) return null;
    const o = this.owner;
    if (
      o === null || this.internal.has(o) || this.stale(o) ||
      descs !== o.descs || hws !== o.hws || pairs !== o.pairs || (isView(out) && out !== o.out)
    ) {
      throw new Error(
        'batch.evaluate: its arrays are views into the module\'s memory but not the arrays of the current workspace (a workspace no longer valid: a later call used the memory it shares with them, or the memory grew; or views mixed with other arrays); request the workspace again and pass its descs, hws (and pairs), or pass arrays of your own',
      );
    }
    return o;
  }

  private checkOwner(ws: BatchWorkspace): void {
    if (this.stale(ws)) throw new Error('stale workspace: memory grew; request the workspace again');
    if (ws !== this.owner) {
      throw new Error(
        'workspace no longer valid: a later call (evaluate, evaluateLayer, evaluateNetwork or a workspace of another shape) used the memory it shares with them; request the workspace again and refill it',
      );
    }
  }

  /** `run` for a workspace (or a range of one) the caller owns. @internal */
  runOwned(ws: BatchWorkspace): number {
    return this.ex.evaluateBatch(
      ws.descs.byteOffset,
      ws.numDescs,
      ws.hws.byteOffset,
      ws.numHw,
      ws.pairs === null ? 0 : ws.pairs.byteOffset,
      ws.n,
      ws.out.byteOffset,
    );
  }

  /**
   * MAESTRO's 64-bit integer columns of pair `i` of `ws`, exactly (EXACT_SIZE Int64, see
   * assembly/layout.ts EX_*): the pair is evaluated again (`ws.out` is left as it is). For counts
   * beyond 2^53, which `ws.out` holds only as the nearest double. Null when the pair is rejected.
   */
  exactCounts(ws: BatchWorkspace, i: number): BigInt64Array | null {
    this.checkUnlocked('exactCounts');
    this.checkOwner(ws);
    return this.exactCountsOwned(ws, i);
  }

  /** `exactCounts` for a workspace the caller owns. @internal */
  exactCountsOwned(ws: BatchWorkspace, i: number): BigInt64Array | null {
    if (!(i >= 0 && i < ws.n)) throw new RangeError(`pair ${i} is not in the workspace (0..${ws.n - 1})`);
    const di = ws.pairs === null ? i : ws.pairs[2 * i]!;
    const hi = ws.pairs === null ? i : ws.pairs[2 * i + 1]!;
    if (!(di >= 0 && di < ws.numDescs && hi >= 0 && hi < ws.numHw)) return null;
    const rowPtr = ws.out.byteOffset + ws.n * L.OUT_SIZE * 8;
    const exactPtr = rowPtr + L.OUT_SIZE * 8;
    const status = this.ex.evaluateExact(
      ws.descs.byteOffset + di * L.DESC_SIZE * 4,
      ws.hws.byteOffset + hi * L.HW_SIZE * 4,
      rowPtr,
      exactPtr,
    );
    return status === 0 ? new BigInt64Array(this.ex.memory.buffer, exactPtr, L.EXACT_SIZE).slice() : null;
  }

  /**
   * Do the workspace's views belong to an older buffer of the module's memory (it has grown)? By
   * identity: a wasm2js build's memory replaces its buffer on growth without detaching the old one.
   */
  private stale(ws: BatchWorkspace): boolean {
    return ws.out.buffer !== this.ex.memory.buffer;
  }

  /** Grow linear memory so that `end` bytes are addressable. */
  private ensure(end: number): void {
    const mem = this.ex.memory;
    const have = mem.buffer.byteLength;
    if (end > have) mem.grow(Math.ceil((end - have) / 65536));
  }
}

/**
 * Is `a` the view `b` (same memory)? The offset is compared first: reading `.buffer` of a small
 * JS-heap typed array makes V8 move it off the heap, a cost per call for one-layer batches.
 */
function sameView(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a === b || (a.byteOffset === b.byteOffset && a.buffer === b.buffer);
}

/** The first `len` elements of `a` (`a` itself when it has exactly that many). */
function head<T extends Int32Array | Float64Array>(a: T, len: number): T {
  return a.length === len ? a : (a.subarray(0, len) as T);
}

/** An argument of the batch API: an Int32Array whose length is a multiple of `unit`. */
function checkInts(name: string, a: unknown, unit: number, unitName: string): void {
  if (!(a instanceof Int32Array)) throw new TypeError(`batch.evaluate: ${name} must be an Int32Array, got ${describeValue(a)}`);
  if (a.length % unit !== 0) throw new RangeError(`batch.evaluate: ${name} has ${a.length} slots, not a multiple of ${unitName} = ${unit}`);
}


function align8(x: number): number {
  return (x + 7) & ~7;
}
