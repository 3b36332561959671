/**
 * User-facing errors. Every error a user can cause (bad file, bad flag, a layer MAESTRO rejects)
 * is a `UserError`: the CLI prints its one-line `message` and exits with `exitCode` (2).
 */

/** Where in an input a problem was found. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  /** The field / key / directive concerned, e.g. `num_pes`, `Dimensions.K`. */
  field?: string;
}

/** An error caused by user input: one clear line, exit code 2. */
export class UserError extends Error {
  readonly exitCode: number = 2;
  readonly location: SourceLocation;
  readonly reason: string;

  constructor(reason: string, location: SourceLocation = {}) {
    super(formatLocation(location) + reason);
    this.name = 'UserError';
    this.reason = reason;
    this.location = location;
  }
}

/** `file:line:col: field: ` prefix for messages (only the parts that are known). */
export function formatLocation(loc: SourceLocation): string {
  let s = '';
  if (loc.file !== undefined) {
    s += loc.file;
    if (loc.line !== undefined) {
      s += `:${loc.line}`;
      if (loc.column !== undefined) s += `:${loc.column}`;
    }
    s += ': ';
  }
  if (loc.field !== undefined) s += `${loc.field}: `;
  return s;
}
