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
  /** The parsed document. */
  value: Json;
  /** The file name given to the parser (for messages). */
  file: string;
  /** Location of the value at `path` (nearest known ancestor if absent), with `field` = the path. */
  at(path: ReadonlyArray<string | number>): SourceLocation;
  /**
   * The keys of the object `obj` (a value of this document) in the order the file writes them.
   * (`Object.keys` puts integer-like keys such as "10" and "2" first, in numeric order.)
   */
  keysInFileOrder(obj: { [k: string]: Json }): string[];
}

/** Render a path as `a.b[2].c`. */
export function pathString(path: ReadonlyArray<string | number>): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

const MAX_DEPTH = 64;

/** The characters a JSON string escape `\\x` stands for. */
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Parse JSON text from `file`. Throws UserError with line/column on malformed input. */
export function parseJsonLocated(text: string, file: string): LocatedJson {
  // Where values start: for each array / object, the (line, column) of its children in parse
  // order (and an object's keys in that order); the document's own start apart. No per-value
  // path strings: a 60 MB space file has millions of values.
  const childLocs = new Map<object, number[]>();
  const childKeys = new Map<object, string[]>();
  let rootLine = 1;
  let rootColumn = 1;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    i = 1;
    lineStart = 1;
  }
  const n = text.length;
  const plainRun = /[^"\\\u0000-\u001f]*/y;
  const numberAt = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

  const here = () => ({ file, line, column: i - lineStart + 1 });
  const fail = (reason: string): never => {
    throw new UserError(`invalid JSON: ${reason}`, here());
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        i++;
        line++;
        lineStart = i;
      } else if (c === 32 || c === 9 || c === 13) i++;
      else break;
    }
  };
  const got = () => (i >= n ? 'end of file' : describeChar(String.fromCodePoint(text.codePointAt(i) ?? 0)));

  const parseString = (): string => {
    i++; // opening quote
    let s = '';
    for (;;) {
      plainRun.lastIndex = i;
      plainRun.exec(text);
      if (plainRun.lastIndex > i) {
        s += text.slice(i, plainRun.lastIndex);
        i = plainRun.lastIndex;
      }
      if (i >= n) fail('unterminated string (file is truncated)');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return s;
      }
      if (c !== '\\') fail('control character in string');
      const e = text[i + 1];
      if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
        s += ESCAPES[e];
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        s += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        i++;
        fail('bad escape sequence in string');
      }
    }
  };

  // Path of the value being parsed (for the duplicate-key message), kept as a stack.
  const path: Array<string | number> = [];

  /** Parse the value at i; `locs` receives its (line, column). */
  const parseValue = (locs: number[] | undefined, depth: number): Json => {
    ws();
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
    if (locs) locs.push(line, i - lineStart + 1);
    else {
      rootLine = line;
      rootColumn = i - lineStart + 1;
    }
    if (i >= n) fail('unexpected end of file (file is truncated)');
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: { [k: string]: Json } = {};
      const kl: number[] = [];
      const keys: string[] = [];
      childLocs.set(obj, kl);
      childKeys.set(obj, keys);
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
          throw new UserError(`duplicate key "${key}"`, { ...keyLoc, field: pathString(path.concat(key)) });
        }
        ws();
        if (text[i] !== ':') fail(`expected ':' after property name, got ${got()}`);
        i++;
        keys.push(key);
        path.push(key);
        const v = parseValue(kl, depth + 1);
        path.pop();
        // An own property also for "__proto__" (as JSON.parse makes it), never the prototype.
        if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        else obj[key] = v;
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
      const al: number[] = [];
      childLocs.set(arr, al);
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        path.push(arr.length);
        arr.push(parseValue(al, depth + 1));
        path.pop();
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
    numberAt.lastIndex = i;
    const m = numberAt.exec(text);
    if (m && m[0].length > 0) {
      i += m[0].length;
      return Number(m[0]);
    }
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    const maestroText = depth === 0 && /^(Network|Constant|Dataflow|Layer|num_pes|\/\/)/.test(text.slice(i, i + 8));
    return fail(`unexpected ${got()}${maestroText ? ' (this looks like a MAESTRO .m file, not JSON: check the file name)' : ''}`);
  };

  const value = parseValue(undefined, 0);
  ws();
  if (i < n) fail(`unexpected ${got()} after the JSON value`);

  return {
    value,
    file,
    keysInFileOrder(obj) {
      return [...(childKeys.get(obj) ?? Object.keys(obj))];
    },
    at(path) {
      const field = pathString(path);
      // Follow the path down the value tree; the deepest value reached gives the location.
      let l = rootLine;
      let col = rootColumn;
      let v: Json = value;
      for (const p of path) {
        if (v === null || typeof v !== 'object') break;
        const locs = childLocs.get(v)!;
        let k: number;
        if (Array.isArray(v)) {
          if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p >= v.length) break;
          k = p;
          v = v[p]!;
        } else {
          if (typeof p !== 'string') break;
          k = childKeys.get(v)!.indexOf(p);
          if (k < 0) break;
          v = v[p]!;
        }
        l = locs[2 * k]!;
        col = locs[2 * k + 1]!;
      }
      return field ? { file, line: l, column: col, field } : { file, line: l, column: col };
    },
  };
}
