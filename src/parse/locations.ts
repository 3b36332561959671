/**
 * Where parsed objects came from. The domain types stay plain data; the parsers record the
 * source position of each layer, dataflow, directive and hardware object here so later checks
 * (mapping rules, cost-model rejections) can still point at file:line:column.
 */
import type { SourceLocation } from '../errors.js';

const table = new WeakMap<object, SourceLocation>();

/** Record where `obj` was defined (no-op for primitives). */
export function setLocation(obj: object, loc: SourceLocation): void {
  table.set(obj, { ...loc });
}

/** Where `obj` was defined, if it came from a parser. */
export function locationOf(obj: object): SourceLocation | undefined {
  const l = table.get(obj);
  return l ? { ...l } : undefined;
}

/**
 * Give `to` the recorded location of `from`, if any (for copies of parsed objects). Shares the
 * stored record: records are never mutated (setLocation and locationOf copy), so no copy is made.
 */
export function shareLocation(from: object, to: object): void {
  const l = table.get(from);
  if (l) table.set(to, l);
}
