/**
 * Piscina's entry for the worker threads, as CommonJS. Piscina loads its task module with
 * `require()` first; Node 20's `require()` of an ES module aborts the whole process (FATAL ERROR
 * `v8::Module::IsGraphAsync ... must be used on an instantiated module`) when the worker is
 * terminated while that module is being instantiated, e.g. a pool closed, or a dead worker's
 * siblings stopped, while a worker is still starting. This entry is plain CommonJS and loads the
 * ES module worker (`worker.js`) with `import()`, whose failures are ordinary rejections.
 */
import type { WorkerTask } from './worker.js';

type Run = (task: WorkerTask) => Promise<unknown>;

let run: Promise<Run> | undefined;

export = function runTask(task: WorkerTask): Promise<unknown> {
  run ??= import('./worker.js').then((m) => m.default);
  return run.then((r) => r(task));
};
