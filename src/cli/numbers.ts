/**
 * Numbers in command-line values: written in decimal (`70`, `-1.5`, `2.5e3`), never JavaScript's
 * other forms that `Number()` also takes (`0x46`, `0b1`, `''`, `' '`, `Infinity`).
 */

/** A decimal number: optional sign, digits with an optional fraction, optional exponent. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** The finite value of a decimal text, or undefined when `text` is not one. */
export function decimalNumber(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}
