/**
 * Time-based progress of a `codesign maestro` run on stderr, whatever the network's size: nothing
 * for a short run; once it has lasted 1 s on a terminal (10 s otherwise: a log, a pipe), a line
 * `codesign maestro: 120/400 layers evaluated (12.3 s)` at most every 0.5 s (terminal) / 10 s,
 * the rules of `codesign evaluate`'s progress (src/cli/evaluate.ts `stderrProgress`) and `search`'s
 * bar (src/report/progress.ts).
 */

/** Where progress lines go: stderr, or a stand-in (tests). */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

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

/** Seconds between `t0` and `t` as progress lines show them: `12.3 s`. */
function elapsed(t0: number, t: number): string {
  return `${((t - t0) / 1000).toFixed(1)} s`;
}

/**
 * A `(done, total)` callback (e.g. `CostModel.evaluateNetwork`'s `onProgress`) printing
 * `codesign maestro: <done>/<total> layers evaluated (<seconds since start> s)` lines: only once the
 * run has lasted 1 s (terminal) / 10 s (otherwise), then at most every 0.5 s / 10 s, and the
 * final count (`done === total`) at once (unless `final` is false).
 */
export function layerProgress(opts: LayerProgressOptions = {}): (done: number, total: number) => void {
  const now = opts.now ?? Date.now;
  const t0 = opts.start ?? now();
  const stream = (): ProgressStream => opts.stream ?? process.stderr;
  const tty = Boolean(stream().isTTY);
  const delay = tty ? 1000 : 10_000;
  const interval = tty ? 500 : 10_000;
  let last = -Infinity;
  return (done, total) => {
    const t = now();
    if (t - t0 < delay) return;
    if (done >= total ? opts.final === false : t - last < interval) return;
    last = t;
    stream().write(`codesign maestro: ${done}/${total} layers evaluated (${elapsed(t0, t)})\n`);
  };
}
