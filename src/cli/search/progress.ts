/**
 * What `codesign search` says on stderr while it works: lines for its long phases (loading,
 * compiling, digesting, writing: src/report/progress.ts `PhaseLog`) and the evaluation's progress
 * bar, which a phase line erases first. `--no-progress` silences both.
 */
import { PhaseLog, ProgressBar } from '../../report/progress.js';

/** A stream that drops what it is given (`--no-progress`). */
const SILENT = { write: () => true };

/** The phase lines of a search and, once its evaluation is about to start, its progress bar. */
export class SearchProgress {
  /** Long phases outside the evaluation (its progress bar) say so on stderr. */
  readonly phases: PhaseLog;
  /** The evaluation's progress bar: none before {@link startBar}, nor with `--no-progress`. */
  bar: ProgressBar | undefined;

  constructor(private readonly show: boolean) {
    this.phases = new PhaseLog({ prefix: 'codesign search', stream: show ? process.stderr : SILENT, beforeLine: () => this.bar?.clear() });
  }

  /** Make the evaluation's progress bar (its clock starts now); undefined with `--no-progress`. */
  startBar(): ProgressBar | undefined {
    this.bar = this.show ? new ProgressBar() : undefined;
    return this.bar;
  }
}
