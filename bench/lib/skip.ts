/** Signalling that a benchmark section cannot run yet (a dependency is missing), with the reason. */

/** Thrown by a section that cannot run; the harness prints the reason and goes on. */
export class SkipSection extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SkipSection';
  }
}
