/**
 * The MAESTRO-exact cost model: high-level API over the WebAssembly kernel.
 *
 * ```ts
 * const cm = await CostModel.load();
 * const m = cm.evaluateLayer(mappedLayer, hw);       // isolated (one-layer network) figures
 * const r = cm.evaluateNetwork(mappedNetwork, hw);    // MAESTRO whole-network figures
 * ```
 */
import * as L from '../../assembly/layout.js';
import { BatchEvaluator, type BatchWorkspace } from './batch.js';
import type { ExactCounts, LayerMetrics } from './columns.js';
import { UserError } from '../errors.js';
import { describeValue, encodeHardware, encodeLayer, errorMessage, LayerRejectedError, layerRejectedMessage } from './encode.js';
import { applyNetworkSemantics, batchTensorFlags, DistinctDescriptors, spreadDistinctRows } from './network.js';
import { meaninglessResult } from '../parse/result-check.js';
import { exactCountsFrom, rowMetrics, rowNeedsExactCounts, rowStatus, tensorSizesFrom } from './rows.js';
import type { Hardware, MappedLayer, MappedNetwork } from './types.js';
import { checkExports, compileWasm, compileWasmSync, instantiate, type CostModelExports, type WasmSource } from './wasm.js';

/**
 * An evaluated layer: its metrics; `exact` is there only when an integer count is beyond 2^53
 * (its metrics value is then the nearest double); `noCost` only when the row, though MAESTRO
 * prints it, is no cost of the layer (why: a mapping that computes nothing, 0 MACs, runtime 0 and
 * a negative energy; see {@link meaninglessResult}).
 */
export type LayerResult = { layer: string; metrics: LayerMetrics; exact?: ExactCounts; tensorSizes?: TensorSizes; noCost?: string };

/**
 * Buffer size requirements of each tensor (input, weight, output): L2 (the top level's) and L1
 * (the innermost level's); the CSV columns are their sums. MAESTRO prints them with --print_res.
 */
export interface TensorSizes {
  /** L2 size requirement of the input, weight and output tensors (sum: the `l2_size_req` column). */
  l2: [number, number, number];
  /** L1 size requirement of the input, weight and output tensors (sum: the `l1_size_req` column). */
  l1: [number, number, number];
}

/** A layer's row: its result, or why it has none (`status`: the cost model's `ERR_*` code; none for a layer refused while encoding). */
export type NetworkRow = LayerResult | { layer: string; error: string; status?: number };

/** Result of {@link CostModel.evaluateNetwork}. */
export interface NetworkResult {
  /** The network's name (`net.name`). */
  name: string;
  /** One row per layer, in network order. */
  rows: NetworkRow[];
  /**
   * Number of rows with an `error`. MAESTRO prints nothing at all for a network with a rejected
   * layer; totals here cover only the evaluated layers, so treat `rejected > 0` as an invalid network.
   */
  rejected: number;
  /**
   * Number of rows with metrics that are no cost (`noCost`: e.g. a mapping that computes nothing,
   * runtime 0 and a negative energy, as MAESTRO prints it). Their metrics are in the totals, as
   * MAESTRO's rows; treat `noCost > 0` as a network without a cost (`codesign evaluate` and the
   * search do).
   */
  noCost: number;
  /** Sums over the layers that have metrics: runtime (cycles), energy (nJ), MACs. */
  totals: { runtime: number; energy_nj: number; num_macs: number };
}

/** Options of {@link CostModel.evaluateNetwork}. */
export interface NetworkOptions {
  /** Evaluate each layer as a one-layer network (no cross-layer effects). Default false. */
  isolated?: boolean;
  /** Also give each layer's per-tensor buffer sizes (`tensorSizes`). Default false. */
  tensorSizes?: boolean;
  /**
   * Told how far the evaluation is: `done` of the `total` layers of the network have their rows
   * (layers identical to an earlier one come with it). Called after each chunk of layers (a chunk
   * takes about 50 ms; a single slow layer, longer), the last time with `done === total`; not at
   * all for an empty network. It follows the analysis only: encoding the layers before the first
   * call and building the result rows after the last are not reported (for hundreds of thousands
   * of layers with few distinct shapes those take most of the time). Without it the network is
   * evaluated in one call. The results are the same either way. The callback must not evaluate
   * with the same CostModel (its workspace is in use): `evaluateLayer` / `evaluateNetwork` and the
   * `batch` API called from it throw.
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * Analyse every layer, identical ones too (the work of running MAESTRO on the network: what
   * `codesign search --no-memo` and the benchmarks' "no memoization" measure). The results are
   * the same. Default false: identical layers are analysed once.
   */
  everyLayer?: boolean;
}

/** Most distinct layers evaluated in one chunk when progress is reported. */
const CHUNK_MAX = 4096;

/** The workspace's pairs `start..end-1` (rows at the same places of `ws.out`) as a workspace of their own. */
function pairRange(ws: BatchWorkspace, start: number, end: number): BatchWorkspace {
  return { ...ws, n: end - start, pairs: ws.pairs!.subarray(2 * start, 2 * end), out: ws.out.subarray(start * L.OUT_SIZE, end * L.OUT_SIZE) };
}

/** MAESTRO's analytical cost model (CONV, DSCONV, GEMM; any dataflow; any hardware). */
export class CostModel {
  /** Low-level batch API (encoded descriptors -> Float64 rows). */
  readonly batch: BatchEvaluator;

  /** Inside an `onProgress` callback of {@link evaluateNetwork} (the workspace is in use). */
  private inProgressCallback = false;

  /** Why the shared memory region may not be used now (also locks `batch`). */
  private static readonly IN_CALLBACK = 'called from an onProgress callback of evaluateNetwork on the same CostModel (its workspace is in use)';

  private constructor(batch: BatchEvaluator) {
    this.batch = batch;
  }

  /** Refuse an evaluation from an `onProgress` callback: it would overwrite the workspace in use. */
  private checkNotInCallback(fn: string): void {
    if (this.inProgressCallback) throw new Error(`${fn}: ${CostModel.IN_CALLBACK}`);
  }

  /** Load the model; default: build/costmodel.wasm of this package. */
  static async load(wasm?: WasmSource): Promise<CostModel> {
    return new CostModel(new BatchEvaluator(instantiate(await compileWasm(wasm))));
  }

  /** Load synchronously (Node; e.g. in worker threads). */
  static loadSync(wasm?: WasmSource): CostModel {
    return new CostModel(new BatchEvaluator(instantiate(compileWasmSync(wasm))));
  }

  /**
   * Wrap an already instantiated module's exports (e.g. from `@assemblyscript/loader`, see
   * {@link instantiateWithLoader}, or a wasm2js build).
   */
  static fromExports(exports: CostModelExports): CostModel {
    return new CostModel(new BatchEvaluator(checkExports(exports)));
  }

  /**
   * Evaluate one layer with its dataflow on `hw`, as a one-layer network. Integer counts beyond
   * 2^53 (only in absurdly large layers) are the nearest double here; for their exact values use
   * `evaluateNetwork({ name, layers: [layer] }, hw, { isolated: true })`, whose row carries `exact`.
   * The metrics are MAESTRO's row, also where that row is no cost of the layer (a mapping that
   * computes nothing: 0 MACs, runtime 0, a negative energy): `meaninglessResult(m.runtime,
   * m.energy_nj, m.num_macs)` says why, or undefined for a meaningful row.
   * @throws LayerRejectedError when MAESTRO would print no result for it; TypeError when `layer`
   *   or `hw` is not an object; UserError naming the field for a layer without `dims` / `dataflow`
   *   or bad hardware (`hw.numPes: expected an integer in 1..2147483647, got 1.5`; see `checkHardware`).
   */
  evaluateLayer(layer: MappedLayer, hw: Hardware): LayerMetrics {
    this.checkNotInCallback('evaluateLayer');
    if (layer === null || typeof layer !== 'object' || Array.isArray(layer))
      throw new TypeError(`layer: expected a MappedLayer object { name, type, dims, dataflow }, got ${describeValue(layer)}`);
    checkMappedLayer(layer, 'layer', 'evaluateLayer');
    // Encoded straight into the module's memory and read from there: no per-call buffers.
    const ws = this.batch.acquire(1, 1, 1, false);
    encodeHardware(hw, ws.hws, 0); // checks hw (once per call)
    encodeLayer(layer, layer.dataflow, {}, ws.descs, 0);
    this.batch.runOwned(ws);
    const status = rowStatus(ws.out, 0);
    if (status !== 0) throw new LayerRejectedError(errorMessage(status), status, layer.name);
    return rowMetrics(ws.out, 0);
  }

  /**
   * Evaluate a whole network on `hw`: MAESTRO's figures for each layer when it runs the network
   * (default), or each layer alone (`isolated`). Layers MAESTRO rejects get an `error` row.
   * Identical layers (the same encoded descriptor: type, dimensions, strides, dataflow, batch flag)
   * are analysed once and share the figures (each row its own objects); `opts.onProgress` follows
   * a long evaluation.
   * @throws TypeError when `net` or `hw` is not an object; UserError naming the field for
   *   malformed input: `net.layers`, a layer without `dims` or `dataflow`
   *   (`net.layers[2].dataflow: layer C3 has no dataflow ...`), or bad hardware
   *   (`hw.l1Size: expected an integer in 0..2147483647, got -5`; see `checkHardware`).
   */
  evaluateNetwork(net: MappedNetwork, hw: Hardware, opts: NetworkOptions = {}): NetworkResult {
    this.checkNotInCallback('evaluateNetwork');
    if (net === null || typeof net !== 'object' || Array.isArray(net))
      throw new TypeError(`net: expected a MappedNetwork object { name, layers: [...] }, got ${describeValue(net)}`);
    if (!Array.isArray(net.layers)) throw new UserError(`expected an array of layers, got ${describeValue(net.layers)}`, { field: 'net.layers' });
    for (let i = 0; i < net.layers.length; i++) checkMappedLayer(net.layers[i]!, `net.layers[${i}]`, 'evaluateNetwork');
    opts ??= {};
    if (opts.onProgress !== undefined && typeof opts.onProgress !== 'function')
      throw new TypeError(`opts.onProgress: expected a function (done, total) => void, got ${describeValue(opts.onProgress)}`);
    const n = net.layers.length;
    const flags = opts.isolated ? null : batchTensorFlags(net.layers);
    // Encoded straight into the module's memory, each distinct descriptor once (identical layers,
    // e.g. a repeated block, are analysed once); the rows are spread to the layers and given
    // network semantics there.
    const ws = this.batch.acquire(n, 1, n, true);
    encodeHardware(hw, ws.hws, 0); // checks hw (once per call), before any layer is encoded
    const encodeErrors: (string | undefined)[] = new Array(n);
    const distinct = new DistinctDescriptors(ws.descs);
    const distinctOf = new Int32Array(n);
    net.layers.forEach((layer, i) => {
      const at = distinct.count * L.DESC_SIZE; // the next free slot
      try {
        encodeLayer(layer, layer.dataflow, flags ? { batchTensors: flags[i]! } : {}, ws.descs, at);
      } catch (e) {
        if (!(e instanceof LayerRejectedError)) throw e;
        encodeErrors[i] = e.message;
        ws.descs[at + L.DESC_TYPE] = -1; // evaluates to ERR_BAD_LAYER
      }
      distinctOf[i] = opts.everyLayer ? distinct.keep() : distinct.add();
    });
    const counts = this.evaluateDistinct(ws, distinct.count, distinctOf, opts);
    const rows = ws.out;
    spreadDistinctRows(rows, distinctOf);
    if (!opts.isolated) applyNetworkSemantics(rows, n);
    const out: NetworkRow[] = [];
    const totals = { runtime: 0, energy_nj: 0, num_macs: 0 };
    net.layers.forEach((layer, i) => {
      const status = rowStatus(rows, i);
      if (encodeErrors[i] !== undefined) {
        out.push({ layer: layer.name, error: encodeErrors[i]! });
      } else if (status !== 0) {
        out.push({ layer: layer.name, error: layerRejectedMessage(errorMessage(status), layer.name), status });
      } else {
        const metrics = rowMetrics(rows, i);
        totals.runtime += metrics.runtime;
        totals.energy_nj += metrics.energy_nj;
        totals.num_macs += metrics.num_macs;
        // Counts beyond 2^53 (rare) and the per-tensor sizes (on request): each row its own objects.
        const k = distinctOf[i]!;
        const big = counts.exact.get(k);
        const exact = big ? exactCountsFrom(big) : undefined;
        const row: LayerResult = exact ? { layer: layer.name, metrics, exact } : { layer: layer.name, metrics };
        const why = meaninglessResult(metrics.runtime, metrics.energy_nj, metrics.num_macs);
        if (why !== undefined) row.noCost = why;
        const s = counts.sizes;
        const a = k * 6;
        if (opts.tensorSizes && s && !Number.isNaN(s[a])) {
          row.tensorSizes = { l2: [s[a]!, s[a + 1]!, s[a + 2]!], l1: [s[a + 3]!, s[a + 4]!, s[a + 5]!] };
        }
        out.push(row);
      }
    });
    return { name: net.name, rows: out, rejected: out.filter((r) => 'error' in r).length, noCost: out.filter((r) => 'noCost' in r).length, totals };
  }

  /**
   * Evaluate the first `count` descriptors of `ws` (pair k = (k, 0)) into the first rows of
   * `ws.out`, with what only a second evaluation gives: the exact counts of rows with a count
   * beyond 2^53, and (`opts.tensorSizes`) every row's per-tensor sizes, 6 numbers per descriptor
   * (L2 then L1, input / weight / output). With `opts.onProgress`, in chunks of about 50 ms,
   * reporting the network layers (`distinctOf`) whose rows are done.
   */
  private evaluateDistinct(
    ws: BatchWorkspace,
    count: number,
    distinctOf: Int32Array,
    opts: NetworkOptions,
  ): { exact: Map<number, BigInt64Array>; sizes: Float64Array | null } {
    const exact = new Map<number, BigInt64Array>();
    const sizes = opts.tensorSizes ? new Float64Array(count * 6).fill(NaN) : null; // NaN: no counts (rejected)
    const pairs = ws.pairs!;
    for (let k = 0; k < count; k++) {
      pairs[2 * k] = k;
      pairs[2 * k + 1] = 0;
    }
    const runChunk = (start: number, end: number): void => {
      this.batch.runOwned(start === 0 && end === ws.n ? ws : pairRange(ws, start, end));
      for (let k = start; k < end; k++) {
        if (rowStatus(ws.out, k) !== 0 || !(sizes || rowNeedsExactCounts(ws.out, k))) continue;
        const c = this.batch.exactCountsOwned(ws, k); // evaluates pair k again; ws.out stays as it is
        if (c === null) continue;
        if (exactCountsFrom(c) !== undefined) exact.set(k, c);
        if (sizes) {
          const t = tensorSizesFrom(c);
          sizes.set([...t.l2, ...t.l1], k * 6);
        }
      }
    };
    const onProgress = opts.onProgress;
    if (onProgress === undefined) {
      if (count > 0) runChunk(0, count);
      return { exact, sizes };
    }
    const n = distinctOf.length;
    const uses = new Int32Array(count); // layers per distinct descriptor
    for (let i = 0; i < n; i++) uses[distinctOf[i]!]!++;
    let done = 0;
    let size = 1;
    for (let start = 0; start < count; ) {
      const end = Math.min(count, start + size);
      const t = performance.now();
      runChunk(start, end);
      const ms = performance.now() - t;
      // About 50 ms per chunk: often enough for progress, few enough calls for speed.
      if (ms < 25 && size < CHUNK_MAX) size *= 2;
      else if (ms > 100 && size > 1) size >>= 1;
      for (let k = start; k < end; k++) done += uses[k]!;
      start = end;
      this.inProgressCallback = true;
      this.batch.locked = CostModel.IN_CALLBACK;
      try {
        onProgress(done, n);
      } finally {
        this.inProgressCallback = false;
        this.batch.locked = null;
      }
    }
    return { exact, sizes };
  }
}

/**
 * The shape of a layer given to `evaluateLayer` / `evaluateNetwork` (an object with `dims` and a
 * `dataflow`), checked once per call; MAESTRO's own rules are the encoder's ({@link encodeLayer}).
 */
function checkMappedLayer(layer: MappedLayer, path: string, fn: string): void {
  if (layer === null || typeof layer !== 'object' || Array.isArray(layer))
    throw new UserError(`expected a layer object { name, type, dims, dataflow }, got ${describeValue(layer)}`, { field: path });
  const dims: unknown = layer.dims;
  if (dims === null || typeof dims !== 'object' || Array.isArray(dims))
    throw new UserError(`expected the layer's dimensions as an object (e.g. { K: 64, C: 3, R: 3, S: 3, Y: 32, X: 32 }), got ${describeValue(dims)}`, { field: `${path}.dims` });
  const df: unknown = layer.dataflow;
  if (df !== null && typeof df === 'object' && Array.isArray((df as { directives?: unknown }).directives)) return;
  const hint =
    typeof df === 'string'
      ? ` (a dataflow name: use builtinDataflow(${JSON.stringify(df)}) or resolveDataflowSpec(${JSON.stringify(df)}))`
      : `: ${fn === 'evaluateLayer' ? 'evaluateLayer needs a layer mapped with its dataflow' : 'evaluateNetwork needs every layer mapped with its dataflow'} (parseMapping gives such layers; map a model's layers with applyDataflow(model, dataflow))`;
  const got = df === undefined ? `layer ${layer.name} has no dataflow` : `expected a Dataflow object { directives: [...] } for layer ${layer.name}, got ${describeValue(df)}`;
  throw new UserError(got + hint, { field: `${path}.dataflow` });
}
