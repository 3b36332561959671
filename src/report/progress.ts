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

/** Where {@link PhaseLog} writes (stderr, or a test's collector). */
export interface LineStream {
  write(text: string): unknown;
}

/** Where time-based progress lines go: stderr, or a stand-in (tests); `isTTY` picks the pace. */
export interface ProgressStream extends LineStream {
  isTTY?: boolean;
}

/**
 * The pace of time-based progress lines (`codesign maestro`'s and `evaluate`'s, as the bar's):
 * none until the run has lasted 1 s on a terminal (10 s otherwise: a log, a pipe), so a short run
 * prints nothing; then at most one every 0.5 s (terminal) / 10 s.
 */
export class LinePace {
  private last = -Infinity;
  private readonly delay: number;
  private readonly interval: number;

  constructor(tty: boolean, private readonly now: () => number = Date.now, readonly start: number = now()) {
    this.delay = tty ? 1000 : 10_000;
    this.interval = tty ? 500 : 10_000;
  }

  /**
   * The time (ms) when a line is due now, else undefined: `always` lines (a final count, a phase)
   * as soon as the run has lasted the delay, the others at most every interval.
   */
  due(always = false): number | undefined {
    const t = this.now();
    if (t - this.start < this.delay) return undefined;
    if (!always && t - this.last < this.interval) return undefined;
    this.last = t;
    return t;
  }

  /** Time since the start as progress lines show it: `12.3 s`. */
  elapsed(t: number): string {
    return `${((t - this.start) / 1000).toFixed(1)} s`;
  }
}

/** Options of a {@link PhaseLog}. */
export interface PhaseLogOptions {
  /** Default `process.stderr`. */
  stream?: LineStream;
  /** Start of every line, e.g. `codesign search`. */
  prefix: string;
  /** A phase that took at least this long (ms) gets a line when it ends; default 5 s. */
  endLineMs?: number;
  /** While a phase runs: a line (where it can tell its progress) once it has run this long (ms), then at most every this long; default 10 s. */
  tickMs?: number;
  /** A phase starting after this long (ms) without a line (since the log was made) says so: `<label> ...`; default 10 s. */
  quietMs?: number;
  /** Called before a line is written (e.g. to erase a progress bar drawn on a terminal). */
  beforeLine?: () => void;
  /** Clock (ms); default `Date.now`. */
  now?: () => number;
}

/**
 * Lines on stderr for the long phases of a command (loading a space, writing a CSV, ...) that no
 * progress bar covers, on a terminal or not: a phase that took 5 s or more says so when it ends
 * (`codesign search: loading space a50k.json: done, 50000 architectures (6.1 s)`); one that reports its
 * progress ({@link Phase.tick}) also says where it is every 10 s once it has run 10 s; a phase
 * starting when the log has been silent for 10 s says so (`codesign search: rank correlations ...`).
 * Short phases print nothing, so short runs stay silent.
 */
export class PhaseLog {
  private readonly stream: LineStream;
  readonly now: () => number;
  /** When the last line was written (or the log made). */
  private lastLine: number;

  constructor(private readonly opts: PhaseLogOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.now = opts.now ?? Date.now;
    this.lastLine = this.now();
  }

  /** Start phase `label` (e.g. `writing --csv s.csv`); after a silence of {@link PhaseLogOptions.quietMs}, a line `<label> ...`. */
  start(label: string): Phase {
    const now = this.now();
    if (now - this.lastLine >= (this.opts.quietMs ?? 10_000)) this.line(`${label} ...`);
    return new Phase(this, label, now);
  }

  /**
   * Run the synchronous `work` as phase `label`; `detail` describes its result in the end line.
   * An exception ends the phase without a line.
   */
  run<T>(label: string, work: (phase: Phase) => T, detail?: (result: T) => string): T {
    const phase = this.start(label);
    const result = work(phase);
    phase.end(detail?.(result));
    return result;
  }

  /** @internal Write one line. */
  line(text: string): void {
    this.lastLine = this.now();
    this.opts.beforeLine?.();
    this.stream.write(`${this.opts.prefix}: ${text}\n`);
  }

  /** @internal Thresholds. */
  get endLineMs(): number {
    return this.opts.endLineMs ?? 5_000;
  }

  /** @internal */
  get tickMs(): number {
    return this.opts.tickMs ?? 10_000;
  }
}

/** A phase of a {@link PhaseLog} in progress. */
export class Phase {
  private lastLine: number;

  /** @internal */
  constructor(
    private readonly log: PhaseLog,
    readonly label: string,
    private readonly start: number,
  ) {
    this.lastLine = start;
  }

  /** Milliseconds since the phase started. */
  elapsedMs(): number {
    return this.log.now() - this.start;
  }

  /**
   * Where the phase is (e.g. `3000000 lines so far`; a function is only called when a line is due):
   * a line once the phase has run {@link PhaseLogOptions.tickMs}, then at most that often.
   */
  tick(detail: string | (() => string)): void {
    const now = this.log.now();
    if (now - this.lastLine < this.log.tickMs) return;
    this.lastLine = now;
    this.log.line(`${this.label}: ${typeof detail === 'function' ? detail() : detail} (${seconds(now - this.start)})`);
  }

  /**
   * The phase is over: a line when it took {@link PhaseLogOptions.endLineMs} or more,
   * `<label>: done, <detail> (6.1 s)` (`detail`: its result, e.g. `50000 architectures`).
   */
  end(detail?: string): void {
    const ms = this.log.now() - this.start;
    if (ms >= this.log.endLineMs) this.log.line(`${this.label}: done${detail ? `, ${detail}` : ''} (${seconds(ms)})`);
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
