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
