/**
 * Evaluation cache of one search: which (architecture, accelerator) pairs it has evaluated, with
 * their latency/energy. Missing pairs are taken from the checkpoint when present, otherwise computed
 * by the evaluator in chunks (run concurrently, so a pool stays busy) and appended to the checkpoint.
 * An evaluator computing in this thread ({@link InProcess}) gets its chunks one after another, in
 * slices of about {@link SLICE_MS}, with the event loop running between them: a signal handler or
 * a progress line never waits for more than a slice (one architecture at the least).
 *
 * `evaluations` counts the distinct pairs this search needed (a deterministic, logical count);
 * `computed` counts those actually computed in this process (differs when resuming a checkpoint).
 */
import { describeValue } from '../model/encode.js';
import type { Hardware } from '../model/types.js';
import { acceleratorKey } from '../accelerators/accelerators.js';
import type { ArchEvaluator, EvalBatch } from './types.js';
import type { Checkpoint } from './checkpoint.js';

/** One table: results of every architecture position on one (hardware, dataflow). NaN = unknown. */
export interface EvalTable {
  /** The accelerator's key (`acceleratorKey(hw, dataflow)`). */
  key: string;
  /** The hardware. */
  hw: Hardware;
  /** The dataflow (a built-in name or a file). */
  dataflow: string;
  /** Latency per position, cycles (Infinity: infeasible; NaN: not evaluated). */
  latency: Float64Array;
  /** Energy per position, nJ (Infinity: infeasible; NaN: not evaluated). */
  energy: Float64Array;
}

/** A request: these positions on this (hardware, dataflow). */
export interface EvalRequest {
  /** Positions in the cache's `archIds`. */
  positions: ArrayLike<number>;
  /** The hardware. */
  hw: Hardware;
  /** The dataflow (a built-in name or a file). */
  dataflow: string;
}

/** Progress callback: pairs finished so far and pairs requested so far. */
export type ProgressFn = (done: number, total: number) => void;

/** Options of an {@link EvalCache}. */
export interface EvalCacheOptions {
  /** Checkpoint to read known pairs from and append computed ones to; none by default. */
  checkpoint?: Checkpoint;
  /** Architectures per evaluator call (default 32). */
  chunkSize?: number;
  /** Told the pairs done and requested so far: at each `ensure` and after each evaluator call. */
  onProgress?: ProgressFn;
  /** When aborted, chunks (and in-process slices) not yet started reject with an {@link AbortedError} instead of running. */
  signal?: AbortSignal;
  /** Target duration (ms) of one slice of an in-process evaluator ({@link InProcess}); default {@link SLICE_MS}. */
  sliceMs?: number;
  /** Clock (ms) timing slices and turns; default `performance.now`. */
  now?: () => number;
}

/** The error a chunk rejects with once the run was aborted. */
export class AbortedError extends Error {
  /** @param reason the signal's `reason`, kept as the error's `cause`. */
  constructor(reason?: unknown) {
    super(reason instanceof Error && reason.name !== 'AbortError' ? `aborted: ${reason.message}` : 'aborted', reason === undefined ? undefined : { cause: reason });
    this.name = 'AbortedError';
  }
}

/** Calls of an evaluator that is not in-process kept in flight at once, unless it says (`concurrency`). */
export const DEFAULT_IN_FLIGHT = 16;

/** Let the event loop run (signals, progress, I/O) at least every this many ms of in-process work. */
export const YIELD_MS = 50;
/** Target duration (ms) of one slice of in-process evaluation: what a signal may have to wait. */
export const SLICE_MS = 50;

/**
 * An evaluator that computes in this thread (`inProcess` true), e.g. `ModelArchEvaluator`: while
 * it computes, nothing else runs, not even a signal handler. {@link EvalCache} therefore runs its
 * chunks one after another, each in slices of about {@link SLICE_MS} (at least one architecture),
 * and lets the event loop run between slices. Results are the same: an evaluator's result is a
 * pure function of each (architecture, accelerator) pair. `inProcess` may turn false (the work
 * moved to workers): the rest of each chunk is then one call.
 */
export interface InProcess {
  /** True while the evaluator computes in this thread. */
  readonly inProcess: boolean;
}

/** True when `ev` says it computes in this thread ({@link InProcess}). */
export function isInProcess(ev: ArchEvaluator): boolean {
  return (ev as Partial<InProcess>).inProcess === true;
}

/**
 * Turns of in-process work with the event loop: `await turns.next()` resolves in call order and,
 * when the event loop last ran `everyMs` or more ago (by `now`), first lets it run once
 * (`setImmediate`: pending signals, timers and I/O are handled). A caller's synchronous work after
 * its turn runs before the next caller's turn is decided.
 */
export class EventLoopTurns {
  private tail: Promise<void> = Promise.resolve();
  private last: number;

  constructor(
    private readonly everyMs = YIELD_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = now();
  }

  /** Resolves when it is this caller's turn. */
  next(): Promise<void> {
    const turn = this.tail.then(() => this.pause());
    this.tail = turn;
    return turn;
  }

  private async pause(): Promise<void> {
    if (this.now() - this.last < this.everyMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = this.now();
  }
}

/**
 * Check an evaluator's answer for `n` architectures: `{ latency, energy }`, two array-likes of `n`
 * values (in-process here, in a worker thread by src/search/worker.ts); a TypeError / Error saying
 * what came back otherwise.
 */
export function checkEvalBatch(r: unknown, n: number): asserts r is EvalBatch {
  const b = r as Partial<EvalBatch> | null;
  if (b === null || typeof b !== 'object' || b.latency?.length === undefined || b.energy?.length === undefined)
    throw new TypeError(`the evaluator's evaluate() returned ${describeValue(r)}, not { latency, energy } arrays (one value per architecture)`);
  if (b.latency.length !== n || b.energy.length !== n) throw new Error(`evaluator returned ${b.latency.length} results for ${n} architectures`);
}

/**
 * One architecture's answer from an evaluator, as the search keeps it: `[latency, energy]`, both
 * Infinity when the pair is infeasible (either value Infinity, NaN or null). Anything else is an
 * error naming the architecture: a value that is not a number (a string, a bigint: they used to
 * count as infeasible without a word), or a negative cost (-Infinity included). In-process here,
 * and in worker threads (src/search/worker.ts), alike.
 */
export function answerPair(l: unknown, e: unknown, archId: number, where: string): [number, number] {
  for (const [what, v] of [['latency', l], ['energy', e]] as const) {
    if (v !== null && typeof v !== 'number') {
      throw new TypeError(`the evaluator gave architecture ${archId} ${where}${what === 'energy' ? 'an' : 'a'} ${what} of ${describeValue(v)}: expected a number (Infinity, NaN or null: infeasible)`);
    }
    if (typeof v === 'number' && v < 0) {
      throw new RangeError(`the evaluator gave architecture ${archId} ${where}a negative ${what} (${v}): costs are >= 0 (Infinity, NaN or null: infeasible)`);
    }
  }
  const ok = Number.isFinite(l) && Number.isFinite(e);
  return ok ? [l as number, e as number] : [Infinity, Infinity];
}

/** The (architecture, accelerator) pairs one search has evaluated, and how to get the missing ones. */
export class EvalCache {
  private readonly tables = new Map<string, EvalTable>();
  /** Distinct pairs this search has needed so far (checkpoint hits included). */
  evaluations = 0;
  /** Pairs the evaluator computed in this process (checkpoint hits excluded). */
  computed = 0;
  private requested = 0;
  private done = 0;
  private readonly now: () => number;
  private readonly turns: EventLoopTurns;
  /**
   * Set when `ensure` gave up (abort, failure) with calls still in flight: their answers, whenever
   * they come, are dropped (the run is over; its checkpoint may be closed).
   */
  private abandoned = false;
  /** In-process: architectures per slice, per table (adapted to the time slices take). */
  private readonly sliceSize = new Map<string, number>();

  /** An empty cache over the architectures `archIds`; `evaluator` computes the missing pairs. */
  constructor(
    /** Space ids of the run's architectures (position -> id). */
    readonly archIds: Int32Array,
    private readonly evaluator: ArchEvaluator,
    private readonly options: EvalCacheOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.turns = new EventLoopTurns(YIELD_MS, this.now);
  }

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

  /** The run's abort, as an error (with the signal's reason). */
  private aborted(): AbortedError {
    return new AbortedError(this.options.signal?.reason);
  }

  /**
   * Evaluate every requested pair not yet known; resolves when all are known. Rejects at once with
   * an AbortedError when the signal aborts, or with the first call's error (the abort wins once
   * seen): no new call starts then, and the answers of calls still in flight are dropped when they
   * come (an evaluator that is not in-process has at most its `concurrency` calls in flight).
   */
  async ensure(requests: readonly EvalRequest[]): Promise<void> {
    if (this.options.signal?.aborted) throw this.aborted();
    const chunk = this.options.chunkSize ?? 32;
    const jobs: (() => Promise<void>)[] = [];
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
      for (let s = 0; s < missing.length; s += chunk) {
        const slice = missing.slice(s, s + chunk);
        jobs.push(() => this.run(t, slice));
      }
    }
    this.report();
    // In-process chunks run one after another (each checks the signal per slice); other
    // evaluators get at most their `concurrency` calls in flight (read at each start: a
    // FallbackEvaluator stops being in-process midway), so an abort or a failure stops the rest.
    const signal = this.options.signal;
    let failure: { reason: unknown } | undefined;
    let active = 0;
    let next = 0;
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const limit = (): number => {
      if (isInProcess(this.evaluator)) return 1;
      const c = (this.evaluator as { concurrency?: unknown }).concurrency;
      return typeof c === 'number' && c >= 1 ? Math.floor(c) : DEFAULT_IN_FLIGHT;
    };
    const pump = (): void => {
      while (next < jobs.length && failure === undefined && !signal?.aborted && active < limit()) {
        const job = jobs[next++]!;
        active++;
        job().then(
          () => {
            active--;
            pump();
          },
          (e: unknown) => {
            active--;
            failure ??= { reason: e };
            stop();
          },
        );
      }
      if (active === 0 && (next >= jobs.length || failure !== undefined || signal?.aborted)) stop();
    };
    const onAbort = (): void => stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      pump();
      await stopped;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    // An abort, or a failure, does not wait for the calls still in flight (one may never return):
    // their late answers are dropped (`abandoned`), never recorded or checkpointed. Once the signal
    // is seen the abort wins over a call's error (kept as its cause when there is no reason).
    if (failure !== undefined || signal?.aborted) {
      if (active > 0) this.abandoned = true;
      if (signal?.aborted) throw this.aborted();
      throw failure!.reason;
    }
  }

  /** One chunk: one evaluator call, or in slices for an in-process evaluator. */
  private async run(t: EvalTable, positions: number[]): Promise<void> {
    if (isInProcess(this.evaluator)) return this.runInProcess(t, positions);
    await this.turns.next(); // (a synchronous evaluator that does not say so still lets the event loop run between chunks)
    if (this.options.signal?.aborted) throw this.aborted();
    await this.evaluate(t, positions);
  }

  /**
   * A chunk on an in-process evaluator (`ensure` runs such chunks one at a time, in order: the
   * evaluator's memo tables stay warm), in slices, letting the event loop run between them; each
   * slice is recorded (checkpoint, progress) as it finishes. Once the evaluator no longer computes
   * in-process, the rest of the chunk is one call.
   */
  private async runInProcess(t: EvalTable, positions: number[]): Promise<void> {
    let rest: number[] | undefined;
    for (let s = 0; s < positions.length; ) {
      await this.turns.next();
      if (this.options.signal?.aborted) throw this.aborted();
      if (this.abandoned) return;
      if (!isInProcess(this.evaluator)) {
        rest = positions.slice(s);
        break;
      }
      const k = Math.min(positions.length - s, this.sliceSize.get(t.key) ?? 1);
      const t0 = this.now();
      await this.evaluate(t, positions.slice(s, s + k));
      this.adaptSlice(t.key, k, this.now() - t0);
      s += k;
    }
    if (rest) await this.evaluate(t, rest);
  }

  /**
   * Architectures in the next slice on table `key` after `k` took `ms`: about
   * {@link EvalCacheOptions.sliceMs} worth at the rate just seen, at least 1, growing at most 4-fold
   * (the first slices of an accelerator analyse its layer shapes: the later ones are cheaper).
   */
  private adaptSlice(key: string, k: number, ms: number): void {
    const target = this.options.sliceMs ?? SLICE_MS;
    const current = this.sliceSize.get(key) ?? 1;
    const byRate = ms > 0 ? Math.floor((k * target) / ms) : Infinity;
    this.sliceSize.set(key, Math.max(1, Math.min(Math.max(current, 4 * k), byRate)));
  }

  /** One evaluator call for `positions` of table `t`: results recorded, checkpointed, reported. */
  private async evaluate(t: EvalTable, positions: number[]): Promise<void> {
    const ids = new Int32Array(positions.length);
    for (let i = 0; i < positions.length; i++) ids[i] = this.archIds[positions[i]];
    const idsCopy = Array.from(ids); // `ids` may be transferred to a worker
    const r = await this.evaluator.evaluate(ids, t.hw, t.dataflow);
    if (this.abandoned) return; // the run gave up on this call (see ensure)
    checkEvalBatch(r, positions.length);
    const lat = new Float64Array(positions.length);
    const en = new Float64Array(positions.length);
    for (let i = 0; i < positions.length; i++) {
      [lat[i], en[i]] = answerPair(r.latency[i], r.energy[i], idsCopy[i]!, `on ${t.key} `);
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
