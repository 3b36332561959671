/**
 * The evaluator of a `codesign search` run: worker threads, in-process (moving to workers when the
 * work turns out far larger than estimated), or a user's `--evaluator` module (in-process or in
 * the workers). Results are identical either way: evaluations are pure functions of their inputs.
 */
import { resolve as resolvePath } from 'node:path';
import { availableParallelism } from 'node:os';
import { createModuleEvaluator, loadEvaluatorModule, namingModuleErrors, type CreateEvaluator } from '../evaluator-module.js';
import type { CompiledSpace } from '../../evaluate/compile.js';
import { PoolEvaluator, compiledModule } from '../../search/pool.js';
import { FallbackEvaluator, ModelArchEvaluator, type SpaceEvaluatorSpec } from '../../search/space-evaluator.js';
import type { ArchEvaluator } from '../../search/types.js';
import type { ProgressBar } from '../../report/progress.js';
import type { SearchCliOptions } from './options.js';
import type { SearchInputs } from './inputs.js';

/**
 * Below this estimated single-thread cost (microseconds) of a full sweep, the default runs
 * in-process: starting workers (a thread, the modules, the Wasm instance and the compiled space
 * each) would cost more than the work they could share.
 */
export const IN_PROCESS_MICROS = 3_000_000;

/**
 * In-process computing time (ms) after which a job run in-process by default (estimated below
 * {@link IN_PROCESS_MICROS}) moves to worker threads: the estimate (from layer counts) was far too
 * low, e.g. for a dataflow with very many iteration cases per layer. Results are identical.
 */
export const FALLBACK_MS = IN_PROCESS_MICROS / 1000;

/**
 * Rough single-thread cost (microseconds) of a full sweep over `accelerators`: memoized, one
 * analysis per distinct shape (~20 us) plus summing every layer of every network (~4 ns); per
 * network (`--no-memo`), every layer analysed (~10 us).
 */
export function estimatedMicros(compiled: CompiledSpace, accelerators: number, memo: boolean): number {
  const layers = compiled.offsets[compiled.count];
  return memo ? (compiled.shapes.length * 20 + layers * 0.004) * accelerators : layers * 10 * accelerators;
}

/**
 * Worker threads to start: `--workers` (already checked against `maxWorkers`) or the default
 * (CPU count; 0 = in-process for a job too small to repay starting workers), never more than the
 * evaluator calls (`tasks`) that could ever run at once.
 */
export function chooseWorkers(explicit: number | undefined, tasks: number, small: boolean): number {
  return Math.max(0, Math.min(tasks, explicit ?? (small ? 0 : availableParallelism())));
}

/** A user's `--evaluator` module: its absolute path and its `createEvaluator`. */
export interface UserEvaluator {
  path: string;
  create: CreateEvaluator;
}

/** Load the `--evaluator` module (`file`) if one is given: a bad one is one line, before any worker starts. */
export async function loadUserEvaluator(file: string | undefined): Promise<UserEvaluator | undefined> {
  if (!file) return undefined;
  const path = resolvePath(file);
  return { path, create: await loadEvaluatorModule(path) };
}

/**
 * The evaluator of a search over the `compiled` architectures of `inputs`: a pool of worker
 * threads (`--workers`, or by default the CPU count unless the job is too small to repay starting
 * them), else in-process: the `user` module, or the Wasm model (which, when the default chose it,
 * moves to workers past {@link FALLBACK_MS}). A user module's failures name it. Retries and
 * moves are said on stderr, the progress `bar` erased first.
 */
export async function searchEvaluator(
  opts: Pick<SearchCliOptions, 'invalid' | 'memo'>,
  inputs: SearchInputs,
  compiled: CompiledSpace,
  user: UserEvaluator | undefined,
  bar: ProgressBar | undefined,
): Promise<ArchEvaluator> {
  const { ids, chunk, explicitWorkers } = inputs;
  const module = user?.path;
  const spec: SpaceEvaluatorSpec = { space: inputs.spaceSpec, ids, invalid: opts.invalid, memo: opts.memo, compiled };
  // Default workers: CPU count, but a job too small to repay starting workers runs in-process
  // (results are identical either way: evaluations are pure functions of their inputs).
  const accelerators = inputs.accelerators.length + inputs.proxies.length;
  const micros = estimatedMicros(compiled, accelerators, opts.memo);
  // Never more workers than evaluator calls could ever run at once (chunks x accelerators).
  const tasks = Math.ceil(ids.length / chunk) * accelerators;
  const workers = chooseWorkers(explicitWorkers, tasks, module === undefined && micros < IN_PROCESS_MICROS);
  const pool = (threads: number) =>
    new PoolEvaluator({
      module: module ?? compiledModule('space-evaluator'),
      spec: module ? { ...spec, compiled: undefined } : spec,
      workers: threads,
      onRetry: (err, attempt) => {
        bar?.clear();
        process.stderr.write(`codesign search: worker failed (${(err as Error)?.message ?? err}); retrying (attempt ${attempt})\n`);
      },
    });
  let evaluator: ArchEvaluator;
  if (workers > 0) evaluator = pool(workers);
  else if (user) evaluator = await createModuleEvaluator(user.path, user.create, spec);
  else {
    // In-process (sliced by the search, so signals and progress get through). A default choice
    // made on the estimate moves to workers when the work turns out far larger.
    const local = new ModelArchEvaluator(spec);
    const threads = chooseWorkers(undefined, tasks, false);
    evaluator =
      explicitWorkers === undefined && threads > 1
        ? new FallbackEvaluator(local, {
            afterMs: FALLBACK_MS,
            start: () => pool(threads),
            onMove: (ms) => {
              if (!bar) return;
              bar.clear();
              process.stderr.write(`codesign search: the evaluation takes longer than estimated (${(ms / 1000).toFixed(1)} s in-process): moving it to ${threads} worker threads\n`);
            },
          })
        : local;
  }
  if (module !== undefined) evaluator = namingModuleErrors(evaluator, module); // its failures name it
  return evaluator;
}
