/**
 * Hardware design-space generators: a full grid and a seeded random sample over value lists.
 */
import type { Hardware } from '../model/types.js';
import { PAPER_VALUES } from './paper.js';
import { HARDWARE_MIN, MAX_INT } from '../parse/limits.js';
import { describeValue } from '../model/encode.js';

/** Value lists per hardware parameter. */
export interface HardwareValues {
  /** Numbers of PEs (integers >= 1). */
  numPes: readonly number[];
  /** L1 sizes, bytes (integers >= 0). */
  l1Size: readonly number[];
  /** L2 sizes, bytes (integers >= 0). */
  l2Size: readonly number[];
  /** NoC bandwidths, elements/cycle (integers >= 1). */
  nocBw: readonly number[];
  /** Off-chip bandwidths, elements/cycle (integers >= 1). */
  offchipBw: readonly number[];
}

/** Id of a hardware configuration built from its parameters, e.g. `pe256-l1_100-l2_3000-noc1000-off50`. */
export function hardwareName(hw: Hardware): string {
  return `pe${hw.numPes}-l1_${hw.l1Size}-l2_${hw.l2Size}-noc${hw.nocBw}-off${hw.offchipBw}`;
}

/** Largest seed of {@link randomHardware} (mulberry32's 32-bit state: larger seeds would alias). */
export const RANDOM_SEED_MAX = 4294967295;

/** Every combination of the value lists (default: the paper's lists: 6 x 8 x 9 = 432 configs). */
export function gridHardware(values: HardwareValues = PAPER_VALUES): Hardware[] {
  for (const k of ['numPes', 'l1Size', 'l2Size', 'nocBw', 'offchipBw'] as const) {
    const list: unknown = values?.[k];
    if (!Array.isArray(list) || list.length === 0) throw new RangeError(`values.${k}: expected a non-empty array of integers`);
    for (const v of list)
      if (!Number.isInteger(v) || v < HARDWARE_MIN[k] || v > MAX_INT)
        throw new RangeError(`values.${k}: expected integers ${HARDWARE_MIN[k]}..${MAX_INT}, got ${describeValue(v)}`);
    if (new Set(list).size !== list.length) throw new RangeError(`values.${k}: a value is listed twice (the grid would hold equal configurations)`);
  }
  const out: Hardware[] = [];
  for (const numPes of values.numPes)
    for (const l1Size of values.l1Size)
      for (const l2Size of values.l2Size)
        for (const nocBw of values.nocBw)
          for (const offchipBw of values.offchipBw) {
            const hw: Hardware = { numPes, l1Size, l2Size, nocBw, offchipBw };
            hw.id = hardwareName(hw);
            out.push(hw);
          }
  return out;
}

/** Mulberry32: a small, fast, fully specified 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` DISTINCT configurations drawn uniformly (with mulberry32(seed)) from the grid of `values`,
 * in draw order. Same (n, seed, values) -> same list on every platform.
 * Throws RangeError when n exceeds the grid size.
 */
export function randomHardware(n: number, seed: number, values: HardwareValues = PAPER_VALUES): Hardware[] {
  const grid = gridHardware(values);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`random sample size must be a positive integer, got ${n}`);
  if (n > grid.length) throw new RangeError(`random sample of ${n} exceeds the ${grid.length} distinct configurations`);
  if (!Number.isInteger(seed) || seed < 0 || seed > RANDOM_SEED_MAX) throw new RangeError(`random seed must be an integer 0..${RANDOM_SEED_MAX}, got ${seed}`);
  const rnd = mulberry32(seed);
  // Partial Fisher-Yates shuffle of grid indices: first n are the sample.
  const idx = grid.map((_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rnd() * (idx.length - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, n).map((i) => grid[i]);
}
