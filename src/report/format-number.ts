/**
 * Number formatting byte-compatible with C++ `std::ostream << value` under the default stream
 * state (what MAESTRO's CSV writer uses):
 *
 * - floating point (`double`, `long double`): `%g` with precision 6: 6 significant digits,
 *   trailing zeros removed, exponent form (`4.19055e+08`, `1e-05`) when the decimal exponent is
 *   < -4 or >= 6; exact ties rounded half-to-even as glibc does (JS's own `toPrecision` rounds
 *   ties up); NaN prints as `-nan` (the x86 default NaN that 0/0 produces), infinities as
 *   `inf` / `-inf`.
 * - integers (`long`, `int`): in full; NaN, infinities and out-of-range values print as the
 *   x86 conversion result (LONG_MIN / INT_MIN), as MAESTRO's casts do.
 */

const LONG_MIN = '-9223372036854775808';
const INT_MIN = '-2147483648';
const TWO_63 = 9223372036854775808;
const TWO_31 = 2147483648;

/** Format like `std::cout << (double)x` (default precision 6). */
export function formatCppDouble(x: number, precision = 6): string {
  if (Number.isNaN(x)) return '-nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // Integers below 10^precision print in full (the common case of counts).
  if (Number.isInteger(x) && Math.abs(x) < 10 ** precision) return String(x);
  const { digits, exp } = roundSignificant(Math.abs(x), precision);
  return layoutG(x < 0, digits, exp, precision);
}

/**
 * Format like `std::cout << (long double)num / (long double)den` on x86-64 (80-bit long double,
 * 64-bit mantissa): MAESTRO prints its reuse factors this way. The quotient is rounded to 64
 * mantissa bits (nearest-even, as the FPU does), then that exact binary value to `precision`
 * significant digits (half-even). A 64-bit double quotient rounds differently at some decimal
 * ties (e.g. 16.2337 vs 16.2338), hence this exact path. `num`, `den` must be integers.
 */
export function formatCppLongDoubleQuotient(num: number | bigint, den: number | bigint, precision = 6): string {
  // Exact 64-bit integers (counts beyond 2^53): always the exact path.
  if (typeof num === 'bigint' || typeof den === 'bigint') return longDoubleQuotientExact(num, den, precision);
  if (!Number.isFinite(num) || !Number.isFinite(den) || !Number.isInteger(num) || !Number.isInteger(den)) {
    return formatCppDouble(num / den, precision);
  }
  // Fast path: where the double quotient is clearly away from a rounding boundary (a decimal tie
  // at the last printed digit), the long double rounds the same way. Its next 9 digits must differ
  // from 500000000 by more than 10 (the double's and the long double's errors and the digits'
  // own rounding are each well below one unit of the 15th digit). Zeros: the exact path.
  if (num !== 0 && den !== 0 && precision + 9 <= 15) {
    const q = num / den;
    const probe = Math.abs(q).toExponential(14); // "d.dddddddddddddde+x": 15 significant digits
    const next = Number(probe.slice(precision + 1, precision + 10));
    if (Math.abs(next - 500000000) > 10) return formatCppDouble(q, precision);
  }
  return longDoubleQuotientExact(num, den, precision);
}

/** formatCppLongDoubleQuotient by exact integer arithmetic (BigInt). */
export function longDoubleQuotientExact(num: number | bigint, den: number | bigint, precision = 6): string {
  const n0 = BigInt(num);
  const d0 = BigInt(den);
  if (d0 === 0n) return n0 === 0n ? '-nan' : n0 > 0n ? 'inf' : '-inf';
  if (n0 === 0n) return d0 < 0n ? '-0' : '0';
  const neg = n0 < 0n !== d0 < 0n;
  const a = n0 < 0n ? -n0 : n0;
  const b = d0 < 0n ? -d0 : d0;
  // Scale so that m = round(a / b * 2^-e) has exactly 64 bits.
  let e = a.toString(2).length - b.toString(2).length - 64;
  let m: bigint;
  for (;;) {
    const n = e < 0 ? a << BigInt(-e) : a;
    const d = e < 0 ? b : b << BigInt(e);
    m = n / d;
    const r = n - m * d;
    if (m >= 1n << 64n) {
      e += 1;
      continue;
    }
    if (m < 1n << 63n) {
      e -= 1;
      continue;
    }
    if (2n * r > d || (2n * r === d && (m & 1n) === 1n)) m += 1n;
    if (m === 1n << 64n) {
      m >>= 1n;
      e += 1;
    }
    break;
  }
  // Exact decimal expansion of m * 2^e.
  let all: string;
  let exp: number;
  if (e >= 0) {
    all = (m << BigInt(e)).toString();
    exp = all.length - 1;
  } else {
    all = (m * 5n ** BigInt(-e)).toString();
    exp = all.length - 1 + e;
  }
  const r = roundDigits(all, exp, precision);
  return layoutG(neg, r.digits, r.exp, precision);
}

/** `%g` layout of `precision` significant digits with decimal exponent `exp`. */
function layoutG(neg: boolean, digits: string, exp: number, precision: number): string {
  let s: string;
  if (exp < -4 || exp >= precision) {
    const frac = digits.slice(1).replace(/0+$/, '');
    s = digits[0] + (frac ? '.' + frac : '') + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
  } else if (exp >= 0) {
    const int = digits.slice(0, exp + 1);
    const frac = digits.slice(exp + 1).replace(/0+$/, '');
    s = frac ? `${int}.${frac}` : int;
  } else {
    const frac = ('0'.repeat(-exp - 1) + digits).replace(/0+$/, '');
    s = `0.${frac}`;
  }
  return neg ? '-' + s : s;
}

/** Format like `std::cout << (long)x`. */
export function formatCppLong(x: number): string {
  if (!Number.isFinite(x) || x >= TWO_63 || x < -TWO_63) return LONG_MIN;
  const t = Math.trunc(x);
  return Number.isSafeInteger(t) ? String(t === 0 ? 0 : t) : BigInt(t).toString();
}

/** Format like `std::cout << (int)x`. */
export function formatCppInt(x: number): string {
  if (!Number.isFinite(x) || x >= TWO_31 || x < -TWO_31) return INT_MIN;
  const t = Math.trunc(x);
  return String(t === 0 ? 0 : t);
}

/**
 * Round a positive finite `a` to `p` significant decimal digits, half-to-even on exact ties.
 * Returns the `p` digits and the decimal exponent of the first one.
 */
export function roundSignificant(a: number, p: number): { digits: string; exp: number } {
  // Scale to p integer digits with ONE rounding (10^k is exact for |k| <= 22): then only a
  // fraction within 1e-6 of .5 can be a tie (to even) or have been moved across one by that
  // rounding, and only a value next to a power of ten can have its exponent misjudged by log10.
  // Those rare cases (and huge / tiny magnitudes) take the exact path.
  const exp = Math.floor(Math.log10(a));
  const k = exp - (p - 1);
  if (k >= -22 && k <= 22) {
    const scaled = k >= 0 ? a / 10 ** k : a * 10 ** -k;
    const lo = 10 ** (p - 1);
    if (scaled >= lo && scaled < 10 * lo) {
      const fl = Math.floor(scaled);
      const frac = scaled - fl;
      if (Math.abs(frac - 0.5) > 1e-6) {
        const n = frac > 0.5 ? fl + 1 : fl;
        return n < 10 * lo ? { digits: String(n), exp } : { digits: String(lo), exp: exp + 1 };
      }
    }
  }
  return roundSignificantExact(a, p);
}

/** roundSignificant by the exact decimal expansion of the double (BigInt), then half-even rounding. */
export function roundSignificantExact(a: number, p: number): { digits: string; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (bexp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = bexp - 1075;
  }
  let all: string;
  let exp: number;
  if (e2 >= 0) {
    all = (mant << BigInt(e2)).toString();
    exp = all.length - 1;
  } else {
    all = (mant * 5n ** BigInt(-e2)).toString();
    exp = all.length - 1 + e2;
  }
  return roundDigits(all, exp, p);
}

/** Round the exact decimal digit string `all` (first digit at decimal exponent `exp`) to `p` digits, half-even. */
function roundDigits(all: string, exp: number, p: number): { digits: string; exp: number } {
  if (all.length <= p) return { digits: all.padEnd(p, '0'), exp };
  let head = all.slice(0, p);
  const rest = all.slice(p);
  const first = rest.charCodeAt(0) - 48;
  const tail = /[1-9]/.test(rest.slice(1));
  const roundUp = first > 5 || (first === 5 && (tail || (head.charCodeAt(p - 1) - 48) % 2 === 1));
  if (roundUp) {
    const up = (BigInt(head) + 1n).toString();
    if (up.length > p) {
      head = up.slice(0, p);
      exp += 1;
    } else head = up;
  }
  return { digits: head, exp };
}
