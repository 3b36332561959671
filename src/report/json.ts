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

/** Serialize a run result (2-space indent). `timings: false` drops the non-deterministic part. */
export function resultJson(r: RunResult, opts: { timings?: boolean } = {}): string {
  const obj = resultObject(r) as Record<string, unknown>;
  if (opts.timings === false) delete obj.timings;
  return JSON.stringify(obj, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
}
