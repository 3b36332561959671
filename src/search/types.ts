/**
 * Types of the co-design search: the evaluator it drives, the problem it answers, and its results.
 */
import type { Hardware } from '../model/types.js';

/** Latency (cycles) and energy (nJ) of a batch of architectures on one accelerator. */
export interface EvalBatch {
  /** Latency per architecture, cycles (Infinity or NaN: infeasible). */
  latency: Float64Array;
  /** Energy per architecture, nJ (Infinity or NaN: infeasible). */
  energy: Float64Array;
}

/**
 * Evaluates architectures (ids into the space) on one (hardware, dataflow). Results must be a pure
 * function of (archId, hw, dataflow). A pair the cost model rejects is reported as `Infinity`
 * (or NaN, treated the same): infeasible. The Wasm cost model's is `ModelArchEvaluator` (what
 * `runCodesign` uses when given none); `PoolEvaluator` runs one per worker thread.
 */
export interface ArchEvaluator {
  /**
   * Latency and energy of the architectures `archIds` (in that order) on `hw` with `dataflow`
   * (a built-in dataflow name or a dataflow file).
   */
  evaluate(archIds: Int32Array, hw: Hardware, dataflow: string): EvalBatch | Promise<EvalBatch>;
  /** Forget internal memo tables (so the next search is timed from a cold start). Optional. */
  reset?(): void | Promise<void>;
  /** Release resources (workers). Optional. */
  close?(): Promise<void>;
  /**
   * How many `evaluate` calls the search keeps in flight at once (an evaluator that is not
   * in-process; default 16; a PoolEvaluator: 2 per worker thread). An abort lets the calls in
   * flight finish and starts no more. Optional.
   */
  readonly concurrency?: number;
  /**
   * Architectures per `evaluate` call that suit it: `runCodesign`'s default when `cfg.chunkSize` is
   * not given (else 32). ModelArchEvaluator: 4096 memoized, 32 per network. Optional.
   */
  readonly chunkSize?: number;
  /**
   * True when latency and energy never fall as the NoC / off-chip bandwidth grows and energy does
   * not depend on it, as in MAESTRO's model (ModelArchEvaluator, a PoolEvaluator of the built-in
   * module): the certified search's bounds are then proven. Absent: not known (the certified
   * search runs, but says `certified: false`). Optional.
   */
  readonly monotoneInBandwidth?: boolean;
}

/** What to minimise. `edp` = latency x energy. */
export type Objective = 'latency' | 'energy' | 'edp';

/** The co-design problem: minimise `objective` s.t. quality >= threshold (and optional caps). */
export interface Problem {
  /** `latency`, `energy` or `edp`. */
  objective: Objective;
  /** Pairs with latency (cycles) above this are infeasible. A number > 0 (Infinity: no cap). */
  latencyCap?: number;
  /** Pairs with energy (nJ) above this are infeasible. A number > 0 (Infinity: no cap). */
  energyCap?: number;
}

/**
 * Search modes: `semi` (the paper's semi-decoupled search), `full` (every architecture on every
 * accelerator), `both` = semi + full, `certified` = semi + certified completion, `all` = all three.
 */
export type SearchMode = 'semi' | 'full' | 'both' | 'certified' | 'all';

/** The best (architecture, accelerator) pair for one threshold, or null when nothing is feasible. */
export interface Answer {
  /** Position of the architecture in the run's architecture list. */
  pos: number;
  /** The architecture's id in its space. */
  archId: number;
  /** The space's name for the architecture, where the space names them (`codesign search` sets it; reports only). */
  archLabel?: string;
  /** The architecture's quality. */
  quality: number;
  /** Accelerator index. */
  accel: number;
  /** The accelerator's id (`Accelerator.id`, e.g. `accelerator_7/kcp_ws`). */
  accelId: string;
  /** Latency of the pair, cycles. */
  latency: number;
  /** Energy of the pair, nJ. */
  energy: number;
  /** Objective value of the pair: latency, energy, or latency x energy (`edp`). */
  value: number;
  /**
   * With `--invalid skip`: how many of the architecture's layers its sums leave out on that
   * accelerator (a partial sum; `codesign search` sets it, absent when none are left out).
   */
  skippedLayers?: number;
}
