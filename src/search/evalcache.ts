/**
 * Evaluation cache of one search: which (architecture, accelerator) pairs it has evaluated, with
 * their latency/energy. Missing pairs are taken from the checkpoint when present, otherwise computed
 * by the evaluator in chunks (run concurrently, so a pool stays busy) and appended to the checkpoint.
 *
 * `evaluations` counts the distinct pairs this search needed (a deterministic, logical count);
 * `computed` counts those actually computed in this process (differs when resuming a checkpoint).
 */
import type { Hardware } from '../model/types.js';
import { acceleratorKey } from '../accelerators/accelerators.js';
import type { ArchEvaluator } from './types.js';
import type { Checkpoint } from './checkpoint.js';

/** One table: results of every architecture position on one (hardware, dataflow). NaN = unknown. */
export interface EvalTable {
  key: string;
  hw: Hardware;
  dataflow: string;
  latency: Float64Array;
  energy: Float64Array;
}

/** A request: these positions on this (hardware, dataflow). */
export interface EvalRequest {
  positions: ArrayLike<number>;
  hw: Hardware;
  dataflow: string;
}

/** Progress callback: pairs finished so far and pairs requested so far. */
export type ProgressFn = (done: number, total: number) => void;

/** Options of an {@link EvalCache}. */
export interface EvalCacheOptions {
  checkpoint?: Checkpoint;
  /** Architectures per evaluator call (default 32). */
  chunkSize?: number;
  onProgress?: ProgressFn;
  /** When aborted, chunks not yet started reject (with the signal's reason) instead of running. */
  signal?: AbortSignal;
}

/** The error a chunk rejects with once the run was aborted. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/** Let the event loop run (signals, I/O) at most every this many ms during in-process work. */
const YIELD_MS = 50;
let lastYield = Date.now();

/** The (architecture, accelerator) pairs one search has evaluated, and how to get the missing ones. */
export class EvalCache {
  private readonly tables = new Map<string, EvalTable>();
  evaluations = 0;
  computed = 0;
  private requested = 0;
  private done = 0;

  constructor(
    /** Space ids of the run's architectures (position -> id). */
    readonly archIds: Int32Array,
    private readonly evaluator: ArchEvaluator,
    private readonly options: EvalCacheOptions = {},
  ) {}

  /** The table of (hw, dataflow), created empty (all NaN) on first use. */
  table(hw: Hardware, dataflow: string): EvalTable {
    const key = acceleratorKey(hw, dataflow);
    let t = this.tables.get(key);
    if (!t) {
      const n = this.archIds.length;
      t = { key, hw, dataflow, latency: new Float64Array(n).fill(NaN), energy: new Float64Array(n).fill(NaN) };
      this.tables.set(key, t);
    }
    return t;
  }

  /** Every table of this cache, in creation order. */
  tablesList(): EvalTable[] {
    return [...this.tables.values()];
  }

  /** True when (pos, hw, dataflow) has been evaluated by this search. */
  has(pos: number, hw: Hardware, dataflow: string): boolean {
    return !Number.isNaN(this.table(hw, dataflow).latency[pos]);
  }

  /** Evaluate every requested pair not yet known; resolves when all are known. */
  async ensure(requests: readonly EvalRequest[]): Promise<void> {
    const chunk = this.options.chunkSize ?? 32;
    const jobs: Promise<void>[] = [];
    for (const req of requests) {
      const t = this.table(req.hw, req.dataflow);
      const missing: number[] = [];
      const seen = new Set<number>();
      for (let i = 0; i < req.positions.length; i++) {
        const p = req.positions[i];
        if (!Number.isNaN(t.latency[p]) || seen.has(p)) continue;
        seen.add(p);
        const hit = this.options.checkpoint?.lookup(t.key, this.archIds[p]);
        if (hit) {
          t.latency[p] = hit[0];
          t.energy[p] = hit[1];
          this.evaluations++;
        } else missing.push(p);
      }
      this.requested += missing.length;
      for (let s = 0; s < missing.length; s += chunk) jobs.push(this.run(t, missing.slice(s, s + chunk)));
    }
    this.report();
    // Settle every job before rethrowing, so no chunk is still writing when the caller gives up.
    const results = await Promise.allSettled(jobs);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) throw failed.reason;
  }

  private async run(t: EvalTable, positions: number[]): Promise<void> {
    if (Date.now() - lastYield > YIELD_MS) {
      lastYield = Date.now();
      await new Promise((r) => setImmediate(r));
    }
    if (this.options.signal?.aborted) throw new AbortedError();
    const ids = new Int32Array(positions.length);
    for (let i = 0; i < positions.length; i++) ids[i] = this.archIds[positions[i]];
    const idsCopy = Array.from(ids); // `ids` may be transferred to a worker
    const r = await this.evaluator.evaluate(ids, t.hw, t.dataflow);
    if (r.latency.length !== positions.length || r.energy.length !== positions.length)
      throw new Error(`evaluator returned ${r.latency.length} results for ${positions.length} architectures`);
    const lat = new Float64Array(positions.length);
    const en = new Float64Array(positions.length);
    for (let i = 0; i < positions.length; i++) {
      const l = r.latency[i];
      const e = r.energy[i];
      const ok = Number.isFinite(l) && Number.isFinite(e);
      lat[i] = ok ? l : Infinity;
      en[i] = ok ? e : Infinity;
      t.latency[positions[i]] = lat[i];
      t.energy[positions[i]] = en[i];
    }
    this.options.checkpoint?.append(t.key, idsCopy, lat, en);
    this.evaluations += positions.length;
    this.computed += positions.length;
    this.done += positions.length;
    this.report();
  }

  private report(): void {
    this.options.onProgress?.(this.done, this.requested);
  }
}
