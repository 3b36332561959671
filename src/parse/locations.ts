/**
 * Where parsed objects came from. The domain types stay plain data; the parsers record the
 * source position of each layer, dataflow, directive and hardware object here so later checks
 * (mapping rules, cost-model rejections) can still point at file:line:column.
 *
 * The record is a non-enumerable symbol-keyed property of the object (invisible to JSON, object
 * spread, `Object.keys` and deep-equality checks; a WeakMap per object cost a third of
 * `codesign maestro`'s time); objects that cannot take a property use a WeakMap.
 */
import type { SourceLocation } from '../errors.js';

const LOCATION = Symbol('codesign.location');
const frozen = new WeakMap<object, SourceLocation>();

function put(obj: object, loc: SourceLocation): void {
  if (Object.isExtensible(obj)) Object.defineProperty(obj, LOCATION, { value: loc, writable: true, configurable: true });
  else frozen.set(obj, loc);
}

function get(obj: object): SourceLocation | undefined {
  return (obj as { [LOCATION]?: SourceLocation })[LOCATION] ?? frozen.get(obj);
}

/** Record where `obj` was defined (no-op for primitives). */
export function setLocation(obj: object, loc: SourceLocation): void {
  put(obj, { ...loc });
}

/** setLocation for a record made for this object alone (the parsers' own): kept, not copied. */
export function adoptLocation(obj: object, loc: SourceLocation): void {
  put(obj, loc);
}

/** Where `obj` was defined, if it came from a parser. */
export function locationOf(obj: object): SourceLocation | undefined {
  const l = get(obj);
  return l ? { ...l } : undefined;
}

/**
 * Give `to` the recorded location of `from`, if any (for copies of parsed objects). Shares the
 * stored record: records are never mutated (setLocation and locationOf copy), so no copy is made.
 */
export function shareLocation(from: object, to: object): void {
  const l = get(from);
  if (l) put(to, l);
}
