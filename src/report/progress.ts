/**
 * A progress bar on stderr, shown only once a run has lasted more than `delayMs` (default 1 s).
 * On a TTY it redraws one line (at most every 100 ms) and erases it when done, so no stale bar is
 * left above the summary. Otherwise (a log file, a pipe) it prints a plain line at most every 10 s.
 */
export class ProgressBar {
  private readonly start = Date.now();
  private last = 0;
  private shown = false;
  private readonly tty: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly delayMs = 1000,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  /** Report `done` of `total` for `label`. */
  update(label: string, done: number, total: number): void {
    const now = Date.now();
    if (now - this.start < (this.tty ? this.delayMs : Math.max(this.delayMs, 10_000))) return;
    const interval = this.tty ? 100 : 10_000;
    if (now - this.last < interval) return;
    this.last = now;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const fill = Math.round(frac * width);
    const bar = `${label.padEnd(10)} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total} ${(frac * 100).toFixed(0)}% ${((now - this.start) / 1000).toFixed(1)}s`;
    if (this.tty) {
      this.stream.write(`\r${bar}\x1b[K`);
      this.shown = true;
    } else this.stream.write(bar + '\n');
  }

  /** Erase the bar (TTY) so that a message can be printed; the next update redraws it. */
  clear(): void {
    if (this.shown && this.tty) this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  /** The run is over: erase the bar. */
  done(): void {
    this.clear();
  }
}
