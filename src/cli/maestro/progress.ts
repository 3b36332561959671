/**
 * Time-based progress of a `codesign maestro` run on stderr, whatever the network's size: nothing
 * for a short run; once it has lasted 1 s on a terminal (10 s otherwise: a log, a pipe), a line
 * `codesign maestro: 120/400 layers evaluated (12.3 s)` at most every 0.5 s (terminal) / 10 s,
 * the rules of `codesign evaluate`'s progress (src/cli/evaluate.ts `stderrProgress`) and `search`'s
 * bar (src/report/progress.ts).
 */

import { LinePace, type ProgressStream } from '../../report/progress.js';

export type { ProgressStream };

/** Options of {@link layerProgress}. */
export interface LayerProgressOptions {
  /** Where lines go (default: process.stderr, looked up at each line). */
  stream?: ProgressStream;
  /** When the run started (ms, as `now` gives it); default: now. */
  start?: number;
  /** The clock (default Date.now). */
  now?: () => number;
  /**
   * Print the last count (`done === total`) too, once the run has lasted the delay (default true).
   * Off when a phase line says the same right after (`N layers evaluated (..); writing the CSV`).
   */
  final?: boolean;
}

/**
 * A `(done, total)` callback (e.g. `CostModel.evaluateNetwork`'s `onProgress`) printing
 * `codesign maestro: <done>/<total> layers evaluated (<seconds since start> s)` lines: only once the
 * run has lasted 1 s (terminal) / 10 s (otherwise), then at most every 0.5 s / 10 s, and the
 * final count (`done === total`) at once (unless `final` is false).
 */
export function layerProgress(opts: LayerProgressOptions = {}): (done: number, total: number) => void {
  const stream = (): ProgressStream => opts.stream ?? process.stderr;
  const pace = new LinePace(Boolean(stream().isTTY), opts.now, opts.start);
  return (done, total) => {
    const final = done >= total;
    if (final && opts.final === false) return;
    const t = pace.due(final);
    if (t !== undefined) stream().write(`codesign maestro: ${done}/${total} layers evaluated (${pace.elapsed(t)})\n`);
  };
}
