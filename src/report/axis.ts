/**
 * Axis ticks and tick labels for the report's charts: round values (1, 2, 5 x 10^k on linear
 * axes, powers of ten and their 2x / 5x on log axes) labelled compactly (150M, 3.2k, 0.25).
 */

/** The step of the form 1, 2 or 5 x 10^k closest to `raw` (> 0). */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

/**
 * Round tick values covering [min, max] on a linear axis: multiples of a 1 / 2 / 5 x 10^k step,
 * about `target` of them, all inside [min, max]. A degenerate range gives the one value.
 */
export function linearTicks(min: number, max: number, target = 5): number[] {
  if (!(max > min)) return Number.isFinite(min) ? [min] : [];
  const step = niceStep((max - min) / Math.max(1, target));
  const out: number[] = [];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  for (let k = first; k <= last; k++) out.push(snap(k * step, step));
  return out;
}

/**
 * Round tick values inside [min, max] (both > 0) on a log axis: the powers of ten, with 2x and 5x
 * added when the range spans fewer than three decades, and 1.5x / 3x / 7x too when under one.
 * Falls back to linear ticks when no such value lies inside the range.
 */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) return linearTicks(min, max);
  const decades = Math.log10(max / min);
  const mults = decades >= 3 ? [1] : decades >= 1 ? [1, 2, 5] : [1, 1.5, 2, 3, 5, 7];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of mults) {
      const v = snap(m * 10 ** e, 10 ** e);
      if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) out.push(v);
    }
  }
  // Too many for a readable axis (a wide range with many decades): keep every k-th.
  const k = Math.ceil(out.length / 8);
  const kept = k > 1 ? out.filter((_, i) => i % k === 0) : out;
  return kept.length >= 2 ? kept : linearTicks(min, max);
}

/**
 * Remove floating-point noise from a tick value, a multiple of `unit` (0.30000000000000004 -> 0.3),
 * with significant digits relative to its magnitude (1e-14 stays 1e-14: rounding to a number of
 * decimals made it 0) and enough of them for the step (1e6 + k x 1e-7 stay apart).
 */
function snap(v: number, unit: number): number {
  if (v === 0) return 0;
  const digits = Math.min(17, Math.max(12, Math.ceil(Math.log10(Math.abs(v) / unit)) + 3));
  return Number(v.toPrecision(digits));
}

const SI: ReadonlyArray<[number, string]> = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * A compact label: at most `digits` (3) significant digits with an SI suffix from 1,000 on (1.5e8
 * -> `150M`, 3200 -> `3.2k`), plain below (0.25, 71.5), exponent form for tiny and huge values
 * (2e-5, 1.75e+18). Non-finite values are written as they are.
 */
export function compactNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e18) return v.toExponential(digits - 1).replace(/\.?0+e/, 'e'); // (beyond P: 1.75e18, not 1750P)
  for (const [unit, suffix] of SI) {
    if (a >= unit * 0.9995) return `${trim(v / unit, digits)}${suffix}`;
  }
  if (a < 1e-3) return v.toExponential(digits - 2).replace(/\.?0+e/, 'e');
  return trim(v, digits);
}

/** At most `digits` significant digits (one more for values from 1000, which only the largest suffix leaves). */
function trim(x: number, digits: number): string {
  const a = Math.abs(x);
  return String(Number(x.toPrecision(Math.min(21, a >= 1000 ? digits + 1 : digits))));
}

/**
 * Labels of an axis's ticks: {@link compactNumber} with as many significant digits as it takes
 * for neighbouring ticks to read differently (ticks 70.8, 70.85, 70.9 are not `70.8, 70.8, 70.9`).
 */
export function tickLabels(ticks: readonly number[]): string[] {
  for (let digits = 3; ; digits++) {
    const labels = ticks.map((t) => compactNumber(t, digits));
    if (digits >= 15 || labels.every((l, i) => i === 0 || l !== labels[i - 1])) return labels;
  }
}
