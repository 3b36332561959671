/**
 * A Piscina pool evaluating architecture batches in worker threads (one evaluator, i.e. one Wasm
 * instance, per worker). Results are a pure function of the inputs, so they are identical for any
 * number of workers. A task whose worker dies is retried (Piscina replaces dead workers); an
 * evaluator that throws fails the task at once (it would throw again).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Hardware } from '../model/types.js';
import type { ArchEvaluator, EvalBatch } from './types.js';
import type { WorkerFailure, WorkerSetup, WorkerTask } from './worker.js';
import { setMaxListeners } from 'node:events';

/** Options of a {@link PoolEvaluator}. */
export interface PoolOptions {
  /** URL (or path) of the evaluator module the workers load (`createEvaluator(spec)`). */
  module: string;
  /** Serializable spec passed to `createEvaluator`. */
  spec: unknown;
  /** Worker threads (default: CPU count). */
  workers?: number;
  /** Attempts per task after its worker died (default 3; an evaluator's exception is not retried). */
  retries?: number;
  /** Called when a task's worker died and the task is retried. */
  onRetry?: (err: unknown, attempt: number) => void;
}

/**
 * Path of a compiled sibling module (`name.js`): next to this file when running compiled, else under
 * the project's `dist/src/search/` (when this file runs from TypeScript sources, e.g. under vitest).
 */
export function compiledModule(name: string, ext = '.js'): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = join(dirname(here), `${name}${ext}`);
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  let dir = dirname(here);
  while (dir !== dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const p = join(dir, 'dist', 'src', 'search', `${name}${ext}`);
      if (existsSync(p)) return p;
      throw new Error(`compiled ${name}${ext} not found at ${p}: run \`npm run tsbuild\` first`);
    }
    dir = dirname(dir);
  }
  throw new Error(`compiled ${name}${ext} not found`);
}

function toUrl(m: string): string {
  return /^[a-z]+:/i.test(m) && !/^[a-z]:[\\/]/i.test(m) ? m : pathToFileURL(m).href;
}

/** An ArchEvaluator running on a Piscina pool. */
export class PoolEvaluator implements ArchEvaluator {
  private pool_: Piscina | undefined;
  private readonly module: string;
  private readonly n: number;
  private gen = 0;
  private closed = false;
  /** A pool-level error to report on the next evaluate(). */
  private poolError: unknown;
  /** Aborts in-flight tasks on close, so no worker answers a destroyed pool. */
  private readonly inflight = new AbortController();
  /** Tasks retried after their worker died. */
  retried = 0;

  /**
   * A pool of `opts.workers` threads, started on the first `evaluate`.
   * @throws TypeError / RangeError for bad options
   */
  constructor(private readonly opts: PoolOptions) {
    if (opts === null || typeof opts !== 'object') throw new TypeError(`PoolEvaluator: expected options { module, spec, workers? }, got ${opts === null ? 'null' : typeof opts}`);
    if (typeof (opts.module as unknown) !== 'string' && !((opts.module as unknown) instanceof URL)) throw new TypeError(`PoolEvaluator: options.module must be the evaluator module's path or URL, got ${typeof opts.module}`);
    if (opts.workers !== undefined && !(Number.isInteger(opts.workers) && opts.workers >= 1)) {
      throw new RangeError(`PoolEvaluator: options.workers must be an integer >= 1, got ${String(opts.workers)}`);
    }
    this.n = Math.max(1, opts.workers ?? availableParallelism());
    this.module = toUrl(String(opts.module));
    // Every in-flight task listens on this one signal (one per worker task in flight).
    setMaxListeners(0, this.inflight.signal);
  }

  /** The pool, started on first use (the spec, e.g. a compiled space, is sent once per worker). */
  private get pool(): Piscina {
    if (!this.pool_) {
      this.pool_ = new Piscina({
        // (a CommonJS entry that imports the ES module worker: see worker-entry.cts)
        filename: pathToFileURL(compiledModule('worker-entry', '.cjs')).href,
        minThreads: this.n,
        maxThreads: this.n,
        idleTimeout: 60_000,
        workerData: { module: this.module, spec: this.opts.spec } satisfies WorkerSetup,
      });
      // Pool-level errors (not tied to a task we still await, e.g. a late answer of a task
      // that was already settled or cancelled) must not become an uncaught exception: task
      // failures reach us through run()'s rejection, and the next evaluate() reports the rest.
      this.pool_.on('error', (err: unknown) => {
        if (!this.closed && !/Unexpected message from Worker/.test(String((err as Error)?.message))) this.poolError = err;
      });
    }
    return this.pool_;
  }

  /** Worker threads of the pool. */
  get threads(): number {
    return this.n;
  }

  /**
   * Architectures per task that suit the built-in evaluator spec (a `SpaceEvaluatorSpec`): 4096
   * memoized, 32 with `memo: false`; undefined for other specs.
   */
  get chunkSize(): number | undefined {
    const spec = this.opts.spec as { ids?: unknown; memo?: unknown } | null;
    if (spec === null || typeof spec !== 'object' || !Array.isArray(spec.ids)) return undefined;
    return spec.memo === false ? 32 : 4096;
  }

  /** True for the built-in evaluator module (the cost model: {@link ArchEvaluator.monotoneInBandwidth}). */
  get monotoneInBandwidth(): boolean {
    return this.module === toUrl(compiledModule('space-evaluator'));
  }

  /** Calls kept in flight by a search: two per worker thread (one running, one queued). */
  get concurrency(): number {
    return 2 * this.n;
  }

  /** {@link ArchEvaluator.evaluate} in a worker; a task whose worker died is retried (`opts.retries`). */
  async evaluate(archIds: Int32Array, hw: Hardware, dataflow: string): Promise<EvalBatch> {
    const retries = this.opts.retries ?? 3;
    const n = archIds.length;
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new Error('pool closed');
      if (this.poolError !== undefined) throw this.poolError;
      const ids = Int32Array.from(archIds); // transferred: keep the original for a retry
      const task: WorkerTask = { gen: this.gen, archIds: ids, hw: { ...hw }, dataflow };
      let out: Float64Array | WorkerFailure;
      try {
        out = (await this.pool.run(task, { transferList: [ids.buffer], signal: this.inflight.signal })) as Float64Array | WorkerFailure;
      } catch (err) {
        if (this.closed) throw new Error('pool closed (a task in flight was cancelled)', { cause: err });
        // A task that cannot be sent (its spec or hardware not serializable) fails the same way every time.
        if ((err as Error)?.name === 'DataCloneError') throw new Error(`evaluating on ${hw.id ?? 'hardware'}/${dataflow}: the task or the pool's spec cannot be sent to a worker thread: ${(err as Error).message}`);
        if (attempt >= retries)
          throw new Error(
            `evaluating ${n} architecture${n === 1 ? '' : 's'} on ${hw.id ?? 'hardware'}/${dataflow} failed ${attempt + 1} times: ${(err as Error)?.message ?? String(err)}`,
          );
        this.retried++;
        this.opts.onRetry?.(err, attempt + 1);
        continue;
      }
      if (out instanceof Float64Array) return { latency: out.subarray(0, n), energy: out.subarray(n, 2 * n) };
      throw new Error(out.evaluatorError);
    }
  }

  /** Next tasks reset the workers' memo tables (cold start for the next search). */
  reset(): void {
    this.gen++;
  }

  /** Cancel the tasks in flight and stop the workers; `evaluate` rejects afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Cancel running tasks first (Piscina terminates their workers): destroying the pool under a
    // task that still answers makes Piscina throw "Unexpected message from Worker" uncaught.
    this.inflight.abort();
    await this.pool_?.destroy();
  }
}
