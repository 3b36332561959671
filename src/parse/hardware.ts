/**
 * Parser for MAESTRO hardware files:
 *
 *     num_pes: 256
 *     l1_size_cstr: 100
 *     l2_size_cstr: 3000
 *     noc_bw_cstr: 1000
 *     offchip_bw_cstr: 50
 *     NoC_NumHops: 1          // optional
 *
 * One `key: value` per entry (`:` and a trailing `;` or `,` optional, `//` comments). Values are
 * integers 1..2^31-1 (`l1_size_cstr`, `l2_size_cstr` and `NoC_NumHops` may be 0: HARDWARE_MIN).
 * `num_pes` is required; the other keys default to MAESTRO's `HWConfig` defaults (2^31-1 =
 * unconstrained, NoC_NumHops 1).
 */
import { UserError, echoInput } from '../errors.js';
import type { Hardware } from '../model/types.js';
import { Lexer } from './lexer.js';
import { TokenStream } from './token-stream.js';
import { HARDWARE_DEFAULTS, HARDWARE_MIN } from './limits.js';
import { setLocation } from './locations.js';

/** MAESTRO hardware-file keys and the Hardware field each sets. */
export const HARDWARE_KEYS = {
  num_pes: 'numPes',
  l1_size_cstr: 'l1Size',
  l2_size_cstr: 'l2Size',
  noc_bw_cstr: 'nocBw',
  offchip_bw_cstr: 'offchipBw',
  NoC_NumHops: 'nocHops',
} as const satisfies Record<string, keyof Hardware>;

type HwKey = keyof typeof HARDWARE_KEYS;

/** The keys each parsed hardware file declared (see {@link declaredHardwareKeys}). */
const DECLARED = new WeakMap<Hardware, ReadonlySet<string>>();

/**
 * The keys a hardware file declared, for a Hardware that parseHardware returned (undefined for
 * any other): MAESTRO's report output depends on them (its parser prints a blank line for each
 * `l1_size_cstr` it reads).
 */
export function declaredHardwareKeys(hw: Hardware): ReadonlySet<string> | undefined {
  return DECLARED.get(hw);
}

/** Parse the text of a hardware file. `id` defaults to undefined. Throws UserError. */
export function parseHardware(text: string, file: string): Hardware {
  const ts = new TokenStream(new Lexer(text, file));
  const got: Partial<Record<HwKey, number>> = {};
  while (!ts.atEnd()) {
    const t = ts.peek();
    if (t.kind !== 'word' || !(t.text in HARDWARE_KEYS)) {
      if (t.kind === 'word') {
        throw ts.error(t, `unknown hardware key '${echoInput(t.text)}' (expected one of ${Object.keys(HARDWARE_KEYS).join(', ')})`);
      }
      throw ts.unexpected(`a hardware key (${Object.keys(HARDWARE_KEYS).join(', ')})`);
    }
    ts.next();
    const key = t.text as HwKey;
    if (got[key] !== undefined) throw ts.error(t, `duplicate key ${key}`, key);
    ts.optionalPunct(':');
    got[key] = ts.expectInt(key, HARDWARE_MIN[HARDWARE_KEYS[key]]);
    if (!ts.optionalPunct(';')) ts.optionalPunct(','); // (entries on one line: `num_pes: 64, l1_size_cstr: 100`, as MAESTRO reads them)
  }
  if (got.num_pes === undefined) {
    throw new UserError('missing required key num_pes', { file, line: 1, column: 1, field: 'num_pes' });
  }
  const hw: Hardware = {
    numPes: got.num_pes,
    l1Size: got.l1_size_cstr ?? HARDWARE_DEFAULTS.l1Size,
    l2Size: got.l2_size_cstr ?? HARDWARE_DEFAULTS.l2Size,
    nocBw: got.noc_bw_cstr ?? HARDWARE_DEFAULTS.nocBw,
    offchipBw: got.offchip_bw_cstr ?? HARDWARE_DEFAULTS.offchipBw,
    nocHops: got.NoC_NumHops ?? HARDWARE_DEFAULTS.nocHops,
  };
  setLocation(hw, { file });
  DECLARED.set(hw, new Set(Object.keys(got)));
  return hw;
}
