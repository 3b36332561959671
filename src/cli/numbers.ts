/**
 * Numbers in command-line values: written in decimal (`70`, `-1.5`, `2.5e3`), never JavaScript's
 * other forms that `Number()` also takes (`0x46`, `0b1`, `''`, `' '`, `Infinity`).
 */

import { RANGE_REASON, readDecimal } from '../parse/decimal.js';

/** The finite value of a decimal text (src/parse/decimal.ts), or undefined when `text` is not one. */
export function decimalNumber(text: string): number | undefined {
  const r = readDecimal(text.trim());
  return 'value' in r ? r.value : undefined;
}

/**
 * Why a decimal-looking `text` has no value, as a clause to append to a flag's message
 * (` (below a double's smallest value: it would read as 0)`), or '' when it is simply not a number.
 */
export function decimalWhyNot(text: string): string {
  const r = readDecimal(text.trim());
  return 'error' in r && r.error !== 'syntax' ? ` (${RANGE_REASON[r.error]})` : '';
}
