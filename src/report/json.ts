/**
 * JSON form of a run result: deterministic apart from the `timings` member; non-finite numbers are
 * written as strings ("Infinity", "NaN") so nothing is silently turned into null.
 */
import type { RunResult } from '../search/run.js';
import type { Answer } from '../search/types.js';

function cleanAnswer(a: Answer | null | undefined): unknown {
  if (a === undefined) return undefined;
  if (a === null) return null;
  const { pos: _pos, ...rest } = a;
  return rest;
}

/** The run result as a plain object ready for JSON.stringify. */
export function resultObject(r: RunResult): unknown {
  const { timings, ...rest } = r;
  return {
    ...rest,
    perThreshold: r.perThreshold.map((t) => ({
      ...t,
      semi: cleanAnswer(t.semi),
      full: cleanAnswer(t.full),
      certified: cleanAnswer(t.certified),
    })),
    timings,
  };
}

const SCALAR = String.raw`(?:-?[0-9][0-9.eE+-]*|"(?:-?Infinity|NaN)"|null|true|false)`;
const SCALAR_ARRAY = new RegExp(String.raw`\[\n\s+(${SCALAR}(?:,\n\s+${SCALAR})*)\n\s*\]`, 'g');

/**
 * Serialize a run result (2-space indent; arrays of plain numbers on one line, so a 150 x 150
 * correlation matrix is 150 lines). `timings: false` drops the non-deterministic part.
 */
export function resultJson(r: RunResult, opts: { timings?: boolean } = {}): string {
  const obj = resultObject(r) as Record<string, unknown>;
  if (opts.timings === false) delete obj.timings;
  const text = JSON.stringify(obj, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
  return text.replace(SCALAR_ARRAY, (_m, items: string) => `[${items.replace(/,\n\s+/g, ',')}]`) + '\n';
}
