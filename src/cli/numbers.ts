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
  // (1e-400 is no double: it would be 0, silently; a mantissa with a non-zero digit is not 0)
  if (v === 0 && /[1-9]/.test(t.split(/[eE]/)[0]!)) return undefined;
  return Number.isFinite(v) ? v : undefined;
}
