/** Signalling that a benchmark section cannot run yet (a dependency is missing), with the reason. */

/** Thrown by a section that cannot run; the harness prints the reason and goes on. */
export class SkipSection extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SkipSection';
  }
}

/** Import a module, or skip the section naming what is missing. */
export async function importOrSkip<T>(load: () => Promise<T>, what: string): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new SkipSection(`${what} is not available (${msg})`);
  }
}
