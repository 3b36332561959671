/**
 * Tokenizer for MAESTRO's text formats (mapping, model, dataflow and hardware `.m` files).
 *
 * Produces tokens with 1-based line/column positions so every parse error can name the exact
 * place. Comments run from `//` to the end of the line. The typographic apostrophe `’` (U+2019),
 * found in MAESTRO's own `maeri.m`, is read as the prime of `Y'` / `X'`.
 */
import { UserError } from '../errors.js';

/** Token kinds. `word`: identifier-like (may contain `.` and end in a prime); `number`: starts with a digit. */
export type TokenKind = 'word' | 'number' | 'punct' | 'eof';

/** One token. `text` is the normalised source text (`’` -> `'`). */
export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
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

/** Split `text` (the contents of `file`) into tokens; the last one is `eof`. Throws UserError. */
export function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    i = 1;
    lineStart = 1;
  }
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    const column = i - lineStart + 1;
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
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
      tokens.push({ kind: 'word', text: word, line, column, start, end: i });
      continue;
    }
    if (isDigit(c)) {
      while (i < n && isWordPart(text[i])) i++;
      tokens.push({ kind: 'number', text: text.slice(start, i), line, column, start, end: i });
      continue;
    }
    if (PUNCT.has(c)) {
      i++;
      tokens.push({ kind: 'punct', text: c, line, column, start, end: i });
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    const hint = cp === 0xfffd ? ' (the file is not valid UTF-8 text: binary data?)' : '';
    throw new UserError(`unexpected character ${describeChar(ch)}${hint}`, { file, line, column });
  }
  tokens.push({ kind: 'eof', text: '', line, column: i - lineStart + 1, start: n, end: n });
  return tokens;
}
