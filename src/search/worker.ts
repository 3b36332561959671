/**
 * Piscina worker: holds ONE evaluator (for the real model: one Wasm instance, loaded synchronously)
 * created on first use from the task's evaluator module and spec, and evaluates batches.
 * Input and output arrays are transferred, not copied.
 */
import { move, workerData } from 'piscina';
import type { Hardware } from '../model/types.js';
import type { ArchEvaluator } from './types.js';
import { answerPair, checkEvalBatch } from './evalcache.js';

/** Per-pool worker data: which evaluator to build. */
export interface WorkerSetup {
  /** URL of a module exporting `createEvaluator(spec): ArchEvaluator | Promise<ArchEvaluator>`. */
  module: string;
  spec: unknown;
}

/** One unit of work. */
export interface WorkerTask {
  /** Search generation: when it changes the evaluator's memo is reset (cold start per search). */
  gen: number;
  archIds: Int32Array;
  hw: Hardware;
  dataflow: string;
}

let current: Promise<ArchEvaluator> | null = null;
let currentGen = -1;

async function evaluatorFor(task: WorkerTask): Promise<ArchEvaluator> {
  if (!current) {
    const setup = workerData as WorkerSetup;
    const evaluator = import(setup.module).then((m: { createEvaluator?: unknown }) => {
      if (typeof m.createEvaluator !== 'function') {
        throw new TypeError(`the evaluator module ${setup.module} exports no createEvaluator(spec) function (a PoolEvaluator's module must)`);
      }
      return m.createEvaluator(setup.spec) as ArchEvaluator | Promise<ArchEvaluator>;
    });
    current = evaluator;
    currentGen = task.gen;
    evaluator.catch(() => {
      current = null; // retry loading on the next task
    });
  }
  const ev = await current;
  if (task.gen !== currentGen) {
    currentGen = task.gen;
    await ev.reset?.();
  }
  return ev;
}

/**
 * What a task answers when its evaluator threw: the failure is the evaluator's (deterministic: the
 * same task would throw again), so the pool reports it at once instead of retrying the task, which
 * it does only for a worker that died.
 */
export interface WorkerFailure {
  evaluatorError: string;
}

/**
 * Evaluate one batch; returns latency then energy in one Float64Array (2n values), transferred,
 * or a {@link WorkerFailure} when the evaluator (its module, `createEvaluator` or `evaluate`) threw.
 */
export default async function run(task: WorkerTask): Promise<unknown> {
  const n = task.archIds.length;
  const out = new Float64Array(2 * n);
  try {
    const ev = await evaluatorFor(task);
    const r: unknown = await ev.evaluate(task.archIds, task.hw, task.dataflow);
    checkEvalBatch(r, n); // any array-like pair of n values, as in-process
    // Each answer checked as in-process (not Float64Array's conversion of null to 0 or of '5' to 5)
    for (let i = 0; i < n; i++) [out[i], out[n + i]] = answerPair(r.latency[i], r.energy[i], task.archIds[i]!, `on ${task.hw.id ?? 'hardware'}/${task.dataflow} `);
  } catch (err) {
    return { evaluatorError: err instanceof Error ? err.message : String(err) } satisfies WorkerFailure;
  }
  return move(out);
}
