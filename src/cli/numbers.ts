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
