/**
 * User-facing errors. Every error a user can cause (bad file, bad flag, a layer MAESTRO rejects)
 * is a `UserError`: the CLI prints its one-line `message` and exits with `exitCode` (2).
 */

/** Where in an input a problem was found. */
export interface SourceLocation {
  /** File name or path, as given to the parser; undefined when the problem is not in a file. */
  file?: string;
  /** 1-based line; undefined when not known. */
  line?: number;
  /** 1-based column (UTF-16 code units); undefined when not known. */
  column?: number;
  /** The field / key / directive concerned, e.g. `num_pes`, `Dimensions.K`. */
  field?: string;
}

/** An error caused by user input: one clear line, exit code 2. */
export class UserError extends Error {
  /** Exit code of the CLI for this error: 2. */
  readonly exitCode: number = 2;
  /** Where the problem is (`{}` when not known); {@link formatLocation} of it prefixes `message`. */
  readonly location: SourceLocation;
  /** The message without its location prefix. */
  readonly reason: string;

  /**
   * @param reason what is wrong (the message after the location prefix)
   * @param location where (default `{}`: no prefix)
   */
  constructor(reason: string, location: SourceLocation = {}) {
    super(formatLocation(location) + reason);
    this.name = 'UserError';
    this.reason = reason;
    this.location = location;
  }
}

/**
 * `e` as a UserError naming `field` when it is a UserError that names none (a file reader's, which
 * names only the file and line); any other `e` as it is: `catch (e) { throw withField(e, '--HW_file'); }`.
 */
export function withField(e: unknown, field: string): unknown {
  return e instanceof UserError && e.location.field === undefined ? new UserError(e.reason, { ...e.location, field }) : e;
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

/** Longest piece of user input echoed in a message. */
const ECHO_MAX = 40;

/**
 * `text` as echoed in a one-line message: control characters escaped as in JSON (`\u0000`,
 * `\t`; also DEL, C1 controls and the Unicode line / paragraph separators), cut after 40
 * characters.
 */
export function echoInput(text: string): string {
  return oneLine(text.length > ECHO_MAX ? text.slice(0, ECHO_MAX) + '...' : text);
}

/**
 * `text` kept on one line and harmless on a terminal: control characters escaped as in JSON
 * (`\n`, `\u001b`; also DEL, C1 controls and the Unicode line / paragraph separators), and a line
 * beyond {@link MAX_MESSAGE_LINE} characters (a name of megabytes in a message) shortened in its
 * middle, saying how much is left out. Every message line the CLI prints goes through it (input
 * can put anything in a key or a name).
 */
export function oneLine(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c.charCodeAt(0) < 0x20 ? JSON.stringify(c).slice(1, -1) : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  if (line.length <= MAX_MESSAGE_LINE) return line;
  const head = MAX_MESSAGE_LINE - 1000;
  return `${line.slice(0, head)} ... (${line.length - head - 500} characters left out) ... ${line.slice(-500)}`;
}

/** Longest message line printed whole (longer ones keep their start and their last 500 characters). */
export const MAX_MESSAGE_LINE = 4000;
