/**
 * Tokenizer for MAESTRO's text formats (mapping, model, dataflow and hardware `.m` files).
 *
 * Produces tokens with 1-based line/column positions so every parse error can name the exact
 * place. Comments run from `//` to the end of the line. The typographic apostrophe `’` (U+2019),
 * found in MAESTRO's own `maeri.m`, is read as the prime of `Y'` / `X'`.
 */
import { UserError, echoInput } from '../errors.js';

/** Token kinds. `word`: identifier-like (may contain `.` and end in a prime); `number`: starts with a digit. */
export type TokenKind = 'word' | 'number' | 'punct' | 'eof';

/** One token. `text` is the normalised source text (`’` -> `'`). */
export interface Token {
  /** What kind of token. */
  kind: TokenKind;
  /** Its text (normalised); empty for `eof`. */
  text: string;
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 code units; a leading byte-order mark not counted). */
  column: number;
  /** Offset of the first character in the source text. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

const PUNCT = new Set(['{', '}', '(', ')', ',', ';', ':', '-']);

function isWordStart(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_';
}
function isWordPart(c: string): boolean {
  return isWordStart(c) || (c >= '0' && c <= '9') || c === '.';
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Describe a character for an error message: `'x'` or `U+2019`. */
export function describeChar(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  if (cp >= 0x21 && cp <= 0x7e) return `'${c}'`;
  return hex;
}

/**
 * Tokens of `text` (the contents of `file`), produced one at a time as a parser asks for them: a
 * large file's tokens never all live at once (they are garbage as soon as they are read).
 */
export class Lexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private readonly n: number;

  constructor(
    private readonly text: string,
    readonly file: string,
  ) {
    // Every text parser starts here: a non-string is a clear TypeError, not a crash further in.
    if (typeof text !== 'string')
      throw new TypeError(
        `text: expected a MAESTRO file's content as a string (loadMapping / loadModel / loadDataflow / loadHardware read a file), got ${text === null ? 'null' : Array.isArray(text) ? 'an array' : typeof text}`,
      );
    this.n = text.length;
    if (text.charCodeAt(0) === 0xfeff) {
      this.i = 1;
      this.lineStart = 1;
    }
  }

  /** The next token; `eof` at the end (again on every further call). Throws UserError. */
  next(): Token {
    const text = this.text;
    const n = this.n;
    let i = this.i;
    while (i < n) {
      const c = text[i];
      // A line ends at LF, CRLF, or a lone CR (old Mac files: a comment must end there too, not
      // swallow the rest of the file).
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
        i++;
        this.line++;
        this.lineStart = i;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
        i++;
        continue;
      }
      const line = this.line;
      const column = i - this.lineStart + 1;
      if (c === '/' && text[i + 1] === '/') {
        while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
        continue;
      }
      const start = i;
      if (isWordStart(c)) {
        while (i < n && isWordPart(text[i])) i++;
        let word = text.slice(start, i);
        if (text[i] === "'" || text[i] === '\u2019') {
          word += "'";
          i++;
        }
        this.gluedComment(word, i, line, column);
        this.i = i;
        return { kind: 'word', text: word, line, column, start, end: i };
      }
      if (isDigit(c)) {
        while (i < n && isWordPart(text[i])) i++;
        this.gluedComment(text.slice(start, i), i, line, column);
        this.i = i;
        return { kind: 'number', text: text.slice(start, i), line, column, start, end: i };
      }
      if (PUNCT.has(c)) {
        // MAESTRO splits words at ` ,->():\t;` only: `}//` is one word to it, as `8//` is.
        if (c === '{' || c === '}') this.gluedComment(c, i + 1, line, column);
        this.i = i + 1;
        return { kind: 'punct', text: c, line, column, start, end: i + 1 };
      }
      this.i = i;
      const cp = text.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(cp);
      const hint = cp === 0xfffd ? ' (the file is not valid UTF-8 text: binary data?)' : '';
      throw new UserError(`unexpected character ${describeChar(ch)}${hint}`, { file: this.file, line, column });
    }
    this.i = i;
    return { kind: 'eof', text: '', line: this.line, column: i - this.lineStart + 1, start: n, end: n };
  }

  /**
   * `//` right after a word or number (`8//`): MAESTRO's tokenizer reads `8//` as one word (8) and
   * goes on with the rest of the line, where codesign would see a comment: refused, so the two
   * never read different numbers out of one file.
   */
  private gluedComment(word: string, at: number, line: number, column: number): void {
    if (this.text[at] !== '/' || this.text[at + 1] !== '/') return;
    throw new UserError(
      `'${echoInput(word)}//': put a blank before a // comment (MAESTRO reads '${echoInput(word)}//...' as one word and goes on reading the line after it)`,
      { file: this.file, line, column },
    );
  }
}

/** Split `text` (the contents of `file`) into tokens; the last one is `eof`. Throws UserError. */
export function tokenize(text: string, file: string): Token[] {
  const lexer = new Lexer(text, file);
  const tokens: Token[] = [];
  for (;;) {
    const t = lexer.next();
    tokens.push(t);
    if (t.kind === 'eof') return tokens;
  }
}
