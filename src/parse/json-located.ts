/**
 * A small strict JSON parser that remembers where every value starts (line, column), rejects
 * duplicate keys, and bounds nesting depth, so the JSON input validators can report
 * `file:line:col: network.layers[2].dims.K: ...` like the `.m` parsers do.
 */
import { UserError, type SourceLocation } from '../errors.js';
import { describeChar } from './lexer.js';

/** JSON value. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A parsed document plus the position of each value by path. */
export interface LocatedJson {
  value: Json;
  file: string;
  /** Location of the value at `path` (nearest known ancestor if absent), with `field` = the path. */
  at(path: ReadonlyArray<string | number>): SourceLocation;
}

/** Render a path as `a.b[2].c`. */
export function pathString(path: ReadonlyArray<string | number>): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

const MAX_DEPTH = 64;

/** Parse JSON text from `file`. Throws UserError with line/column on malformed input. */
export function parseJsonLocated(text: string, file: string): LocatedJson {
  const locs = new Map<string, { line: number; column: number }>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    i = 1;
    lineStart = 1;
  }
  const n = text.length;

  const here = () => ({ file, line, column: i - lineStart + 1 });
  const fail = (reason: string): never => {
    throw new UserError(`invalid JSON: ${reason}`, here());
  };
  const ws = () => {
    while (i < n) {
      const c = text[i];
      if (c === '\n') {
        i++;
        line++;
        lineStart = i;
      } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else break;
    }
  };
  const got = () => (i >= n ? 'end of file' : describeChar(String.fromCodePoint(text.codePointAt(i) ?? 0)));

  const parseString = (): string => {
    i++; // opening quote
    let s = '';
    for (;;) {
      if (i >= n) fail('unterminated string (file is truncated)');
      const c = text[i];
      if (c === '"') {
        i++;
        return s;
      }
      if (c === '\n' || c.charCodeAt(0) < 0x20) fail('control character in string');
      if (c === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in map) {
          s += map[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          s += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          i++;
          fail('bad escape sequence in string');
        }
        continue;
      }
      s += c;
      i++;
    }
  };

  const parseValue = (path: string, depth: number): Json => {
    ws();
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
    locs.set(path, { line, column: i - lineStart + 1 });
    if (i >= n) fail('unexpected end of file (file is truncated)');
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: { [k: string]: Json } = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, got ${got()}`);
        const keyLoc = here();
        const key = parseString();
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          throw new UserError(`duplicate key "${key}"`, { ...keyLoc, field: pathString(parsePath(path).concat(key)) });
        }
        ws();
        if (text[i] !== ':') fail(`expected ':' after property name, got ${got()}`);
        i++;
        obj[key] = parseValue(path + '\u0000k' + key, depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`expected ',' or '}', got ${got()}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: Json[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(path + '\u0000i' + arr.length, depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`expected ',' or ']', got ${got()}`);
      }
    }
    if (c === '"') return parseString();
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (m && m[0].length > 0) {
      i += m[0].length;
      return Number(m[0]);
    }
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const maestroText = depth === 0 && /^(Network|Constant|Dataflow|Layer|num_pes|\/\/)/.test(text.slice(i, i + 8));
    return fail(`unexpected ${got()}${maestroText ? ' (this looks like a MAESTRO .m file, not JSON: check the file name)' : ''}`);
  };

  const value = parseValue('', 0);
  ws();
  if (i < n) fail(`unexpected ${got()} after the JSON value`);

  return {
    value,
    file,
    at(path) {
      const field = pathString(path);
      for (let k = path.length; k >= 0; k--) {
        const key = path.slice(0, k).map((p) => (typeof p === 'number' ? '\u0000i' + p : '\u0000k' + p)).join('');
        const l = locs.get(key);
        if (l) return field ? { file, line: l.line, column: l.column, field } : { file, line: l.line, column: l.column };
      }
      return field ? { file, field } : { file };
    },
  };
}

function parsePath(key: string): Array<string | number> {
  if (key === '') return [];
  return key
    .split('\u0000')
    .slice(1)
    .map((p) => (p.startsWith('i') ? Number(p.slice(1)) : p.slice(1)));
}
