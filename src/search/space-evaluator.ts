/**
 * The real ArchEvaluator: architectures of a space evaluated by the Wasm cost model through the
 * memoizing SpaceEvaluator (each distinct layer shape analysed once per accelerator).
 * `createEvaluator(spec)` is what pool workers call (one Wasm instance per worker, loaded synchronously).
 *
 * A network with a layer the cost model rejects on an accelerator is infeasible there (Infinity),
 * unless `invalid: 'skip'`: then its latency/energy are a partial sum of the rows `codesign
 * maestro` shows (MAESTRO itself stops at a rejected layer and writes no CSV for the network): not
 * the layers without a result, nor a layer
 * with cluster levels right after one (src/model/shown-rows.ts); a network with no such row
 * stays infeasible (a sum of nothing is no latency of 0). A layer whose numbers MAESTRO's
 * arithmetic would wrap (src/search/overflow-guard.ts, only shapes at risk checked; the model's
 * wrap codes, `isWrapStatus`) makes the network infeasible in both modes: MAESTRO prints wrong
 * numbers or aborts there, not "no row", so there is no sum to take; and such a layer can appear
 * as bandwidth shrinks (a runtime beyond 2^53 or 2^62), so skipping it would make a slower
 * accelerator cheaper and void the certified search's bounds.
 */
import { CostModel } from '../model/costmodel.js';
import type { Hardware } from '../model/types.js';
import { checkArchitectureIds, compileSpace, type CompiledSpace } from '../evaluate/compile.js';
import { SpaceEvaluator } from '../evaluate/evaluator.js';
import { resolveDataflowSpec } from '../dataflows/resolve.js';
import type { Dataflow, MappedLayer } from '../model/types.js';
import { loadSearchSpace, type SearchSpace } from './spaces.js';
import { layerDataflow, OverflowGuard } from './overflow-guard.js';
import type { ArchEvaluator, EvalBatch } from './types.js';
import type { InProcess } from './evalcache.js';
import { hasClusterLevels, hiddenAfterNoResult } from '../model/shown-rows.js';
import { isWrapStatus } from '../model/encode.js';
import { meaninglessResult } from '../parse/result-check.js';

/** Serializable description of the evaluator (sent to workers). */
export interface SpaceEvaluatorSpec {
  /** Space name: `nb301`, `alphanet`, `classic` or a space file. */
  space: string;
  /** The architecture ids that will be asked for (compiled once). */
  ids: number[];
  /** A network with a rejected layer: `infeasible` (default) or `skip` (a partial sum; see the module doc). */
  invalid?: 'infeasible' | 'skip';
  /**
   * false: evaluate every network layer by layer with `CostModel.evaluateNetwork` (what running
   * MAESTRO once per (architecture, accelerator) costs, as the paper did); same numbers, no
   * cross-network memo. Default true (each distinct layer shape analysed once per accelerator).
   */
  memo?: boolean;
  /**
   * The compiled architectures (`ids` in order), when the caller has compiled them already: sent
   * once to each worker so that no worker loads the space or compiles it again.
   */
  compiled?: CompiledSpace;
}

/**
 * ArchEvaluator over a compiled subset of a space. It computes synchronously in this thread
 * (`inProcess`): a search (`EvalCache`) evaluates its chunks in short slices and lets the event
 * loop (signals, progress) run between them.
 */
export class ModelArchEvaluator implements ArchEvaluator, InProcess {
  /** Computes in this thread ({@link InProcess}). */
  readonly inProcess = true;
  /** The cost model's numbers: monotone in bandwidth ({@link ArchEvaluator.monotoneInBandwidth}). */
  readonly monotoneInBandwidth = true;
  private readonly ev: SpaceEvaluator | undefined;
  private explainEv: SpaceEvaluator | undefined;
  private readonly index = new Map<number, number>();
  private readonly dataflows = new Map<string, Dataflow>();
  private readonly compiled: CompiledSpace;
  private guard_: OverflowGuard | undefined;
  /** Per-network evaluation (no memo): each shape as a mapped layer, per dataflow key, made once. */
  private readonly shapeLayers = new Map<string, MappedLayer[]>();

  /** Architectures per call that suit it: 4096 memoized (one call per accelerator), 32 per network. */
  get chunkSize(): number {
    return this.spec.memo === false ? 32 : 4096;
  }

  /**
   * Compiles the architectures `spec.ids` of `spec.space` (unless given as `spec.compiled`);
   * `model` defaults to this package's cost model, loaded synchronously.
   */
  constructor(private readonly spec: SpaceEvaluatorSpec, private readonly model: CostModel = CostModel.loadSync()) {
    if (spec === null || typeof spec !== 'object') throw new TypeError(`ModelArchEvaluator: expected a spec { space, ids, invalid?, memo? }, got ${spec === null ? 'null' : typeof spec}`);
    if (!Array.isArray(spec.ids) && !ArrayBuffer.isView(spec.ids)) throw new TypeError(`ModelArchEvaluator: spec.ids must be the architecture ids (an array), got ${spec.ids === null ? 'null' : typeof spec.ids}`);
    spec.ids.forEach((id, i) => this.index.set(id, i));
    if (spec.compiled && spec.compiled.count !== spec.ids.length)
      throw new RangeError(`compiled space has ${spec.compiled.count} architectures, spec lists ${spec.ids.length}`);
    this.compiled = spec.compiled ?? compileIds(loadSearchSpace(spec.space), spec.ids);
    if (spec.memo !== false) this.ev = new SpaceEvaluator(model, this.compiled);
  }

  /**
   * Why architecture `archId` has no cost on (hw, dataflow), where {@link evaluate} gave Infinity:
   * its first layer without a result (`layer 3 (CONV): <the model's reason>`), or else numbers
   * MAESTRO's arithmetic would wrap.
   * @throws RangeError for an id not in `spec.ids`
   */
  whyInfeasible(archId: number, hw: Hardware, dataflow: string): string {
    const f = this.memo.failures(this.position(archId), hw, { main: this.resolved(dataflow) })[0];
    if (f) return `layer ${f.position} (${f.shape.type}): ${f.reason}`;
    return "a layer's numbers would wrap MAESTRO's 64-bit arithmetic (or exceed 2^53): MAESTRO prints wrong numbers there";
  }

  /**
   * How many of architecture `archId`'s layers have rows summed on (hw, dataflow) (`--invalid
   * skip`: the rows `codesign maestro` shows), of how many.
   * @throws RangeError for an id not in `spec.ids`
   */
  shownLayers(archId: number, hw: Hardware, dataflow: string): { shown: number; layers: number } {
    const i = this.position(archId);
    const t = this.memo.shownTotals([i], hw, { main: this.resolved(dataflow) });
    return { shown: t.shown[0]!, layers: this.compiled.offsets[i + 1]! - this.compiled.offsets[i]! };
  }

  /** The compiled position of architecture `id`. @throws RangeError for an id not compiled */
  private position(id: number): number {
    const i = this.index.get(id);
    if (i === undefined) throw new RangeError(`architecture ${id} was not compiled`);
    return i;
  }

  /** `dataflow` (a built-in name or a file), resolved once. */
  private resolved(dataflow: string): Dataflow {
    let df = this.dataflows.get(dataflow);
    if (!df) this.dataflows.set(dataflow, (df = resolveDataflowSpec(dataflow, '--dataflows')));
    return df;
  }

  /** The memoizing evaluator: the one evaluate() uses, or per network (memo off) one made once for the explanations above. */
  private get memo(): SpaceEvaluator {
    return this.ev ?? (this.explainEv ??= new SpaceEvaluator(this.model, this.compiled));
  }

  /** The overflow guard (built on first use). */
  private get guard(): OverflowGuard {
    return (this.guard_ ??= new OverflowGuard(this.compiled));
  }

  /**
   * Latency (cycles) and energy (nJ) of `archIds` (ids of `spec.ids`) on `hw` with `dataflow`;
   * Infinity where infeasible.
   * @throws RangeError for an id not in `spec.ids`
   */
  evaluate(archIds: Int32Array, hw: Hardware, dataflow: string): EvalBatch {
    const df = this.resolved(dataflow);
    if (!this.ev) return this.evaluateNetworks(archIds, hw, df, dataflow);
    const at = Int32Array.from(archIds, (id) => this.position(id));
    const m = this.ev.evaluate(hw, { main: df }, at);
    const guard = this.guard;
    const skipped: number[] = []; // (positions in `at` summed as --invalid skip sums them: below, in one call)
    for (let k = 0; k < at.length; k++) {
      // Layers without a result (m.invalid), or whose numbers MAESTRO's arithmetic would wrap (only
      // architectures with a shape at risk are checked): the latter infeasible in both modes (see
      // the module comment).
      const wraps = guard.atRisk(at[k], hw.numPes) && guard.overflows(at[k], hw, df, dataflow, this.model);
      if (m.invalid[k] === 0 && !wraps) continue;
      if (this.spec.invalid !== 'skip' || wraps) {
        m.latency[k] = Infinity;
        m.energy[k] = Infinity;
        continue;
      }
      skipped.push(k);
    }
    if (skipped.length > 0) {
      // --invalid skip: the sums of the rows codesign maestro shows (also without a layer with cluster
      // levels right after one without a result); none, or a row that is no cost: infeasible.
      const t = this.ev.shownTotals(skipped.map((k) => at[k]!), hw, { main: df });
      skipped.forEach((k, j) => {
        const infeasible = t.shown[j] === 0 || t.wraps[j] === 1;
        m.latency[k] = infeasible ? Infinity : t.latency[j]!;
        m.energy[k] = infeasible ? Infinity : t.energy[j]!;
      });
    }
    return inexactInfeasible({ latency: m.latency, energy: m.energy });
  }

  /** Per-network evaluation (no memo). */
  private evaluateNetworks(archIds: Int32Array, hw: Hardware, df: Dataflow, dfKey: string): EvalBatch {
    const latency = new Float64Array(archIds.length);
    const energy = new Float64Array(archIds.length);
    const { offsets, seq, shapes } = this.compiled;
    const guard = this.guard;
    let perShape = this.shapeLayers.get(dfKey);
    if (!perShape) this.shapeLayers.set(dfKey, (perShape = []));
    archIds.forEach((id, k) => {
      const a = this.position(id);
      // The network's layers, from its shape sequence (a shape is all the model sees of a layer;
      // each shape's mapped layer is made once, named by the shape: the rows' names are not used).
      const layers: MappedLayer[] = [];
      for (let i = offsets[a]; i < offsets[a + 1]; i++) {
        const s = seq[i];
        layers.push((perShape[s] ??= { ...shapes[s], name: `s${s}`, dataflow: layerDataflow(shapes[s].type, df) }));
      }
      // Every layer analysed, as MAESTRO runs a network (--no-memo: the paper pipeline's work).
      const r = this.model.evaluateNetwork({ name: `a${id}`, layers }, hw, { everyLayer: true });
      const risky = guard.atRisk(a, hw.numPes);
      // Rows MAESTRO prints wrong numbers in (its arithmetic would wrap: the guard, the model's wrap
      // codes; a row that is no cost: 0 MACs, a negative energy): infeasible in both modes.
      const wraps = r.rows.some((row, j) =>
        'error' in row
          ? row.status !== undefined && isWrapStatus(row.status)
          : meaninglessResult(row.metrics.runtime, row.metrics.energy_nj, row.metrics.num_macs) !== undefined || (risky && guard.shapeOverflows(seq[offsets[a] + j], hw, df, dfKey, this.model)),
      );
      const noResult = r.rows.map((row) => 'error' in row);
      if (!wraps && !noResult.includes(true)) {
        latency[k] = r.totals.runtime;
        energy[k] = r.totals.energy_nj;
        return;
      }
      if (this.spec.invalid !== 'skip' || wraps) {
        latency[k] = energy[k] = Infinity;
        return;
      }
      // --invalid skip: the rows codesign maestro shows, summed in layer order (as shownTotals).
      let lat = 0, en = 0, shown = 0;
      r.rows.forEach((row, j) => {
        if (!('metrics' in row) || hiddenAfterNoResult(j === 0 || !noResult[j - 1], hasClusterLevels(layers[j]!.dataflow))) return;
        lat += row.metrics.runtime;
        en += row.metrics.energy_nj;
        shown++;
      });
      latency[k] = shown === 0 ? Infinity : lat;
      energy[k] = shown === 0 ? Infinity : en;
    });
    return inexactInfeasible({ latency, energy });
  }

  /** Forget the memoized rows and overflow checks (the next search starts cold). */
  reset(): void {
    this.ev?.clearCache();
    this.explainEv?.clearCache();
    this.guard_?.clear();
  }
}

/** Compile the architectures `ids` of a search space (index i = ids[i]). */
export function compileIds(space: SearchSpace, ids: readonly number[]): CompiledSpace {
  checkArchitectureIds(ids, space.size, space.name);
  return compileSpace(ids.length, (i) => space.layersOf(ids[i]));
}

/**
 * A network latency of 2^53 cycles or more is not exact in a double (its layers' runtimes were
 * summed in doubles; e.g. a NoC latency of 2^31 cycles makes every send that long): such a pair is
 * infeasible, never ranked on an inexact number (as `codesign evaluate` refuses such totals).
 */
export function inexactInfeasible(b: EvalBatch): EvalBatch {
  for (let k = 0; k < b.latency.length; k++)
    if (b.latency[k]! >= 2 ** 53 && b.latency[k] !== Infinity) {
      b.latency[k] = Infinity;
      b.energy[k] = Infinity;
    }
  return b;
}

/** Options of a {@link FallbackEvaluator}. */
export interface FallbackOptions {
  /** In-process computing time (ms) after which the work moves to `start()`. */
  afterMs: number;
  /** The evaluator taking over, e.g. a `PoolEvaluator` (started once, when the work moves). */
  start: () => ArchEvaluator;
  /** Called once when the work moves, with the in-process time spent (ms). */
  onMove?: (spentMs: number) => void;
  /** Clock (ms); default `performance.now`. */
  now?: () => number;
}

/**
 * An in-process evaluator (`local`, e.g. a {@link ModelArchEvaluator}) for a job estimated small,
 * which moves the work to another evaluator (worker threads) once `local` has computed for
 * {@link FallbackOptions.afterMs} in total: a job far above its estimate then runs in parallel.
 * Both compute the same numbers (pure functions of each pair), so results are identical.
 * `inProcess` is true until the move.
 */
export class FallbackEvaluator implements ArchEvaluator, InProcess {
  private spentMs = 0;
  private moved: ArchEvaluator | undefined;
  private readonly now: () => number;

  constructor(
    private readonly local: ArchEvaluator,
    private readonly opts: FallbackOptions,
  ) {
    this.now = opts.now ?? (() => performance.now());
  }

  /** True until the work moved. */
  get inProcess(): boolean {
    return this.moved === undefined;
  }

  /** The evaluator now doing the work, once moved. */
  get movedTo(): ArchEvaluator | undefined {
    return this.moved;
  }

  /** Monotone in bandwidth when both the local evaluator and the one taking over are. */
  get monotoneInBandwidth(): boolean {
    return this.local.monotoneInBandwidth === true && (this.moved === undefined || this.moved.monotoneInBandwidth === true);
  }

  /** Calls in flight the evaluator doing the work takes (once moved: the pool's). */
  get concurrency(): number | undefined {
    return (this.moved ?? this.local).concurrency;
  }

  evaluate(archIds: Int32Array, hw: Hardware, dataflow: string): EvalBatch | Promise<EvalBatch> {
    if (this.moved) return this.moved.evaluate(archIds, hw, dataflow);
    const t0 = this.now();
    const r = this.local.evaluate(archIds, hw, dataflow);
    if (!(r instanceof Promise)) {
      this.spent(this.now() - t0);
      return r;
    }
    return r.then((b) => {
      this.spent(this.now() - t0);
      return b;
    });
  }

  private spent(ms: number): void {
    this.spentMs += ms;
    if (this.moved || this.spentMs < this.opts.afterMs) return;
    this.moved = this.opts.start();
    this.opts.onMove?.(this.spentMs);
  }

  async reset(): Promise<void> {
    await this.local.reset?.();
    await this.moved?.reset?.();
  }

  async close(): Promise<void> {
    await this.moved?.close?.();
    await this.local.close?.();
  }
}

/** Worker entry: build the evaluator for `spec`. */
export function createEvaluator(spec: SpaceEvaluatorSpec): ArchEvaluator {
  return new ModelArchEvaluator(spec);
}
