/**
 * Decimal numbers as written in command-line values and CSV cells (`70`, `-1.5`, `2.5e3`): never
 * JavaScript's other forms that `Number()` also takes (`0x46`, `0b1`, `''`, `Infinity`), and never
 * a value a double cannot hold (`1e999` overflows to Infinity, `1e-400` underflows to 0).
 */

/** A decimal number: optional sign, digits with an optional fraction, optional exponent. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** The value of a decimal text, or why it has none. */
export type DecimalRead = { value: number } | { error: 'syntax' | 'overflow' | 'underflow' };

/** Why a decimal text beyond a double's range has no value (for messages: `got '1e-400' (...)`). */
export const RANGE_REASON: Readonly<Record<'overflow' | 'underflow', string>> = {
  overflow: "beyond a double's range",
  underflow: "below a double's smallest value: it would read as 0",
};

/** Read the decimal text `text` (not trimmed). */
export function readDecimal(text: string): DecimalRead {
  if (!DECIMAL.test(text)) return { error: 'syntax' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: 'overflow' };
  // (a mantissa with a non-zero digit is not 0: 1e-400 would be 0, silently)
  if (value === 0 && /[1-9]/.test(text.split(/[eE]/)[0]!)) return { error: 'underflow' };
  return { value };
}
