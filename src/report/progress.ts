/**
 * A progress bar on stderr, shown only once a run has lasted more than `delayMs` (default 1 s).
 * On a TTY it redraws one line; otherwise it prints a line at most every 5 s.
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
    if (now - this.start < this.delayMs) return;
    const interval = this.tty ? 100 : 5000;
    if (now - this.last < interval && (!this.tty || done < total)) return;
    this.last = now;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const fill = Math.round(frac * width);
    const bar = `${label.padEnd(10)} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total} ${(frac * 100).toFixed(0)}% ${((now - this.start) / 1000).toFixed(1)}s`;
    if (this.tty) this.stream.write(`\r${bar}\x1b[K`);
    else this.stream.write(bar + '\n');
    this.shown = true;
  }

  /** End the bar line (if one was drawn). */
  done(): void {
    if (this.shown && this.tty) this.stream.write('\n');
    this.shown = false;
  }
}
