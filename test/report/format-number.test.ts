/**
 * C++ `std::ostream << double` formatting. The vectors in cpp-ostream-doubles.json were printed by
 * g++'s libstdc++ from the exact bit patterns (hex) with:
 *   double d; memcpy(&d, &bits, 8); std::cout << d;
 * They include exact rounding ties (123456.5, 1234565, 12345.25), which C++ rounds half-to-even.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatCppDouble, formatCppLong, formatCppInt } from '../../src/report/format-number.js';

const vectors = JSON.parse(
  readFileSync(path.resolve(__dirname, '../fixtures/report/cpp-ostream-doubles.json'), 'utf8'),
) as { cases: [string, string][] };

function fromHex(h: string): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setBigUint64(0, BigInt('0x' + h));
  return v.getFloat64(0);
}

describe('formatCppDouble', () => {
  it(`matches libstdc++ on ${vectors.cases.length} values`, () => {
    const bad = vectors.cases.filter(([h, s]) => formatCppDouble(fromHex(h)) !== s);
    expect(bad).toEqual([]);
  });
  it.each([
    [123456.5, '123456'],
    [1234565, '1.23456e+06'],
    [12345.25, '12345.2'],
    [419055000, '4.19055e+08'],
    [0.859997, '0.859997'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [999999.5, '1e+06'],
    [100000, '100000'],
    [1e6, '1e+06'],
    [0, '0'],
    [-0, '-0'],
    [-1.5, '-1.5'],
    [NaN, '-nan'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('%s -> %s', (x, s) => {
    expect(formatCppDouble(x)).toBe(s);
  });
});

describe('roundSignificant (its fast path) agrees with the exact expansion', () => {
  it('on random doubles of every magnitude, exact ties and their neighbours', async () => {
    const { roundSignificant, roundSignificantExact } = await import('../../src/report/format-number.js');
    let seed = 987654321;
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const next = (x: number, d: number) => {
      const v = new DataView(new ArrayBuffer(8));
      v.setFloat64(0, x);
      v.setBigUint64(0, v.getBigUint64(0) + BigInt(d));
      return v.getFloat64(0);
    };
    const bad: string[] = [];
    const check = (a: number) => {
      const f = roundSignificant(a, 6);
      const e = roundSignificantExact(a, 6);
      if (f.digits !== e.digits || f.exp !== e.exp) bad.push(`${a}: ${f.digits}e${f.exp} vs ${e.digits}e${e.exp}`);
    };
    for (let i = 0; i < 30000; i++) check((1 + rnd() * 9) * 10 ** Math.floor(rnd() * 40 - 20));
    // Exact ties d.ddddd5 x 10^k that doubles hold (integers; halves, quarters, ...), +-1 ulp.
    for (let i = 0; i < 3000; i++) {
      const t = (100000 + Math.floor(rnd() * 900000)) * 10 + 5;
      for (const x of [t * 10 ** Math.floor(rnd() * 6), t / 2 ** (1 + Math.floor(rnd() * 3)), t / 10, t / 100]) {
        for (const d of [-1, 0, 1]) check(next(x, d));
      }
    }
    for (const x of [999999.5, 9999995, 0.5, 1.5, 2.5, 1e22, 5e-324, 1.7976931348623157e308]) check(x);
    expect(bad).toEqual([]);
  });
});

describe('formatCppLong / formatCppInt', () => {
  it('prints integers in full', () => {
    expect(formatCppLong(111776448)).toBe('111776448');
    expect(formatCppLong(12345678901234)).toBe('12345678901234');
    expect(formatCppLong(2 ** 60)).toBe('1152921504606846976');
    expect(formatCppLong(-0)).toBe('0');
    expect(formatCppLong(7.9)).toBe('7');
  });
  it('NaN / out of range print as the x86 conversion result', () => {
    expect(formatCppLong(NaN)).toBe('-9223372036854775808');
    expect(formatCppLong(-(2 ** 63))).toBe('-9223372036854775808');
    expect(formatCppLong(Infinity)).toBe('-9223372036854775808');
    expect(formatCppInt(NaN)).toBe('-2147483648');
    expect(formatCppInt(256)).toBe('256');
  });
});

describe('formatCppLongDoubleQuotient (MAESTRO reuse factors: (long double)a / b)', () => {
  it('rounds the 64-bit-mantissa quotient, not the double one, at decimal ties', async () => {
    const { formatCppLongDoubleQuotient } = await import('../../src/report/format-number.js');
    // Values printed by g++ `std::cout << (long double)a / (long double)b` on x86-64.
    expect(formatCppLongDoubleQuotient(111776448, 8164947)).toBe('13.6898');
    expect(formatCppLongDoubleQuotient(12845056, 3210304)).toBe('4.0012');
    expect(formatCppLongDoubleQuotient(111776448, 9408)).toBe('11881');
    expect(formatCppLongDoubleQuotient(1, 3)).toBe('0.333333');
    expect(formatCppLongDoubleQuotient(2, 3)).toBe('0.666667');
    expect(formatCppLongDoubleQuotient(10, 1)).toBe('10');
    expect(formatCppLongDoubleQuotient(0, 7)).toBe('0');
    expect(formatCppLongDoubleQuotient(0, 0)).toBe('-nan');
    expect(formatCppLongDoubleQuotient(5, 0)).toBe('inf');
    expect(formatCppLongDoubleQuotient(123456789, 1)).toBe('1.23457e+08');
    expect(formatCppLongDoubleQuotient(1, 100000)).toBe('1e-05');
  });

  it('takes exact 64-bit counts (BigInt) beyond 2^53, where the doubles would be rounded', async () => {
    const { formatCppLongDoubleQuotient } = await import('../../src/report/format-number.js');
    // MAESTRO's reuse factors of differential case s92-9474 (l1 reads beyond 2^53), as it printed them.
    expect(formatCppLongDoubleQuotient(110731044308387580n, 395535360464244)).toBe('279.952');
    expect(formatCppLongDoubleQuotient(110731044308387580n, 6988122408960)).toBe('15845.6');
    expect(formatCppLongDoubleQuotient(110731044308387580n, 110731044308387580n)).toBe('1');
    // (2^60 + 1) / 3 = 384307168202282325.67 (by hand) -> 3.84307e+17.
    expect(formatCppLongDoubleQuotient(2n ** 60n + 1n, 3)).toBe('3.84307e+17');
    expect(formatCppLongDoubleQuotient(-(2n ** 55n), 2n ** 55n)).toBe('-1');
    expect(formatCppLongDoubleQuotient(0n, -5n)).toBe('-0');
    expect(formatCppLongDoubleQuotient(2n ** 54n, 0)).toBe('inf');
  });

  it('its double fast path agrees with the exact (BigInt) path: random quotients and decimal ties', async () => {
    const { formatCppLongDoubleQuotient: fast, longDoubleQuotientExact: exact } = await import('../../src/report/format-number.js');
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.floor((seed / 2 ** 32) * n);
    };
    const bad: string[] = [];
    const check = (a: number, b: number) => {
      if (fast(a, b) !== exact(a, b)) bad.push(`${a}/${b}: ${fast(a, b)} vs ${exact(a, b)}`);
    };
    for (let i = 0; i < 20000; i++) check(rnd(2 ** 31) * (1 + rnd(4096)), 1 + rnd(2 ** 24));
    // Exact ties at the 7th digit (T ends in 5: the quotient is T / 10^s) and their neighbours.
    for (let i = 0; i < 5000; i++) {
      const t = (1000000 + rnd(9000000)) * 10 + 5;
      const d = 1 + rnd(1000);
      const den = 10 ** rnd(8) * d;
      for (const delta of [-1, 0, 1]) check(t * d + delta, den);
      check(t * d, den * 3);
    }
    expect(bad).toEqual([]);
  });
});
