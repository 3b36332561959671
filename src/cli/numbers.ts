/**
 * Numbers in command-line values: written in decimal (`70`, `-1.5`, `2.5e3`), never JavaScript's
 * other forms that `Number()` also takes (`0x46`, `0b1`, `''`, `' '`, `Infinity`).
 */

import { readDecimal } from '../parse/decimal.js';

/** The finite value of a decimal text (src/parse/decimal.ts), or undefined when `text` is not one. */
export function decimalNumber(text: string): number | undefined {
  const r = readDecimal(text.trim());
  return 'value' in r ? r.value : undefined;
}

/**
 * Why a decimal-looking `text` has no value, as a clause to append to a flag's message
 * (`: 1e-400 is too small: it would be 0 as a double`), or '' when it is simply not a number.
 */
export function decimalWhyNot(text: string): string {
  const r = readDecimal(text.trim());
  if (!('error' in r)) return '';
  if (r.error === 'underflow') return `: ${text.trim()} is too small: it would be 0 as a double`;
  if (r.error === 'overflow') return `: ${text.trim()} is too large`;
  return '';
}
