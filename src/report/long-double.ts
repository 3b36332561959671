/**
 * x86-64 `long double` (80-bit extended: 64-bit mantissa, round to nearest even) arithmetic,
 * exactly, for the few sums and quotients MAESTRO prints in `long double` (its `--print_res`
 * report). A value is m x 2^e with |m| < 2^64 (BigInt m); the exponent range is not limited
 * (MAESTRO's values are far inside it).
 */
import { longDoubleQuotientExact } from './format-number.js';

/** An exact long double value m x 2^e. */
export interface LongDouble {
  readonly m: bigint;
  readonly e: number;
}

const MANTISSA_BITS = 64;

/** The long double holding the double `x` (exactly; x finite). */
export function ldFromDouble(x: number): LongDouble {
  if (!Number.isFinite(x)) throw new RangeError(`long double of ${x}`);
  if (x === 0) return { m: 0n, e: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const m = exp === 0 ? frac : frac | (1n << 52n);
  const e = exp === 0 ? -1074 : exp - 1075;
  return { m: x < 0 ? -m : m, e };
}

/** The long double holding the 64-bit integer `n` (exact: a long fits the mantissa). */
export function ldFromInteger(n: bigint): LongDouble {
  return round(n, 0);
}

/** a + b, rounded to a long double. */
export function ldAdd(a: LongDouble, b: LongDouble): LongDouble {
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const e = Math.min(a.e, b.e);
  return round((a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e);
}

/** Print `a / b` as `std::cout << (a / b)` does for long doubles (precision 6). */
export function ldFormatQuotient(a: LongDouble, b: LongDouble, precision = 6): string {
  const [an, ad] = rational(a);
  const [bn, bd] = rational(b);
  return longDoubleQuotientExact(an * bd, ad * bn, precision);
}

/** Print `a` as `std::cout << a` does for a long double (precision 6). */
export function ldFormat(a: LongDouble, precision = 6): string {
  const [n, d] = rational(a);
  return longDoubleQuotientExact(n, d, precision);
}

/** m x 2^e as numerator / denominator. */
function rational(a: LongDouble): [bigint, bigint] {
  return a.e >= 0 ? [a.m << BigInt(a.e), 1n] : [a.m, 1n << BigInt(-a.e)];
}

/** The exact value v x 2^e rounded to 64 mantissa bits, nearest even. */
function round(v: bigint, e: number): LongDouble {
  if (v === 0n) return { m: 0n, e: 0 };
  const neg = v < 0n;
  let a = neg ? -v : v;
  const extra = a.toString(2).length - MANTISSA_BITS;
  if (extra > 0) {
    const shift = BigInt(extra);
    const q = a >> shift;
    const r = a - (q << shift);
    const half = 1n << (shift - 1n);
    a = r > half || (r === half && (q & 1n) === 1n) ? q + 1n : q;
    e += extra;
    if (a === 1n << BigInt(MANTISSA_BITS)) {
      a >>= 1n;
      e += 1;
    }
  }
  return { m: neg ? -a : a, e };
}
