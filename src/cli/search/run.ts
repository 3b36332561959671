/**
 * A `codesign search` run to its end or its interruption: Ctrl-C / SIGTERM stop it cleanly (exit
 * 130, its checkpoint closed), and an in-process `--evaluator` module that never answers ends it
 * with an error instead of a silent exit 0.
 */
import { UserError } from '../../errors.js';
import { runCodesign, type RunConfig, type RunResult } from '../../search/run.js';
import type { ArchEvaluator } from '../../search/types.js';
import type { ProgressBar } from '../../report/progress.js';

/**
 * Run the search `cfg` with `evaluator` (a user's `module`, or the Wasm model when undefined),
 * erasing the progress `bar` at the end; the evaluator is closed whatever happens. Returns the
 * result, or undefined when a signal interrupted the run (said on stderr: exit 130).
 */
export async function runInterruptibly(cfg: RunConfig, evaluator: ArchEvaluator, module: string | undefined, bar: ProgressBar | undefined): Promise<RunResult | undefined> {
  // Ctrl-C / SIGTERM: stop evaluating, shut the pool down, let the run close its checkpoint (every
  // finished batch is already in it, each as one complete line), exit 130. A second signal exits at once.
  const abort = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    bar?.clear();
    abort.abort();
    void evaluator.close?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result: RunResult | undefined;
  // An in-process module whose evaluate() returns a promise that never settles leaves nothing to
  // run: Node would exit 0 without a word. The event loop emptying ends the run with an error instead.
  let stalled = (): void => {};
  const stall = new Promise<never>((_, reject) => {
    stalled = () => {
      abort.abort(); // (the run closes its checkpoint and lock)
      reject(new UserError(`module ${module} never answered: its evaluate() returned a promise that never settles`, { field: '--evaluator' }));
    };
  });
  const run = runCodesign({ ...cfg, signal: abort.signal }, evaluator);
  if (module !== undefined) process.once('beforeExit', stalled);
  try {
    result = await (module !== undefined ? Promise.race([run, stall]) : run);
  } catch (err) {
    if (interrupted) {
      // reported below
    } else throw err;
  } finally {
    process.removeListener('beforeExit', stalled);
    bar?.done();
    await evaluator.close?.();
    // A signal that came during synchronous work (the rank correlations) is delivered only once the
    // event loop turns: let it, before the handlers go (it was lost: exit 0).
    await new Promise<void>((resolve) => setImmediate(resolve));
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  if (interrupted || !result) {
    process.stderr.write(`codesign search: interrupted${cfg.checkpoint ? `; finished evaluations are in ${cfg.checkpoint} (rerun the same command to resume)` : ''}\n`);
    return undefined;
  }
  return result;
}
