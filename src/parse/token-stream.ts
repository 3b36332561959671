/**
 * A cursor over tokens with the small "expect X" helpers the MAESTRO parsers share, and the
 * integer rules every numeric field obeys (positive, at most MAX_INT).
 */
import { UserError, echoInput, type SourceLocation } from '../errors.js';
import type { Lexer, Token } from './lexer.js';
import { MAX_INT } from './limits.js';

/** `'text'`, or `end of file`, for error messages. */
export function describeToken(t: Token): string {
  return t.kind === 'eof' ? 'end of file' : `'${echoInput(t.text)}'`;
}

/** Cursor over the tokens of one file, read from its lexer as they are needed. */
export class TokenStream {
  /** The next token and the one after it, once read (the parsers look at most one further). */
  private t0: Token | null = null;
  private t1: Token | null = null;
  readonly file: string;

  constructor(private readonly lexer: Lexer) {
    this.file = lexer.file;
  }

  /** The token `k` (0 or 1) places ahead (the eof token past the end). */
  peek(k: 0 | 1 = 0): Token {
    const t0 = (this.t0 ??= this.lexer.next());
    if (k === 0) return t0;
    return (this.t1 ??= t0.kind === 'eof' ? t0 : this.lexer.next());
  }

  /** Consume and return the next token. */
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') {
      this.t0 = this.t1;
      this.t1 = null;
    }
    return t;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** Location of a token, for errors and the location side table. */
  loc(t: Token, field?: string): SourceLocation {
    return field === undefined
      ? { file: this.file, line: t.line, column: t.column }
      : { file: this.file, line: t.line, column: t.column, field };
  }

  /** A UserError at token `t`. */
  error(t: Token, reason: string, field?: string): UserError {
    return new UserError(reason, this.loc(t, field));
  }

  /** "expected X, got Y" at the next token. */
  unexpected(expected: string, field?: string): UserError {
    const t = this.peek();
    return this.error(t, `expected ${expected}, got ${describeToken(t)}`, field);
  }

  isPunct(p: string, k: 0 | 1 = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.text === p;
  }

  isWord(w?: string, k: 0 | 1 = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && (w === undefined || t.text === w);
  }

  /** Consume punctuation `p` if it is next. */
  optionalPunct(p: string): boolean {
    if (this.isPunct(p)) {
      this.next();
      return true;
    }
    return false;
  }

  /** Consume punctuation `p` or throw "expected 'p'". */
  expectPunct(p: string, field?: string): Token {
    if (!this.isPunct(p)) throw this.unexpected(`'${p}'`, field);
    return this.next();
  }

  /** Consume a word token or throw "expected <what>". */
  expectWord(what: string, field?: string): Token {
    if (!this.isWord()) throw this.unexpected(what, field);
    return this.next();
  }

  /**
   * Read a positive integer literal (1..MAX_INT), with precise errors for negative, zero,
   * fractional, malformed and too-large values. `min` may be lowered to 0 where 0 makes sense.
   */
  expectInt(field: string, min = 1): number {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '-' && this.peek(1).kind === 'number') {
      throw this.error(t, `negative value -${this.peek(1).text} not allowed (expected an integer >= ${min})`, field);
    }
    if (t.kind !== 'number') throw this.unexpected(`an integer >= ${min}`, field);
    this.next();
    return checkIntText(t.text, min, this.loc(t, field));
  }
}

/** Validate an integer literal's text and range; returns its value. */
export function checkIntText(text: string, min: number, loc: SourceLocation): number {
  if (!/^[0-9]+$/.test(text)) {
    throw new UserError(`expected an integer >= ${min}, got '${echoInput(text)}'`, loc);
  }
  const digits = text.replace(/^0+(?=\d)/, '');
  if (digits.length > 10 || Number(digits) > MAX_INT) {
    throw new UserError(`value ${text} is too large (limit ${MAX_INT})`, loc);
  }
  const v = Number(digits);
  if (v < min) throw new UserError(`value ${v} is not allowed (expected an integer >= ${min})`, loc);
  return v;
}
