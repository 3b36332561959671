// Area and power of the accelerator MAESTRO reports per layer: num_pes PEs (MAC + an L1 SRAM
// sized to the layer's L1 requirement), an L2 SRAM sized to its L2 requirement, and a bus NoC
// with a matrix arbiter. Constants: MAESTRO's 28nm cost database and scaling model.
import { f64At, i32At, setF64, setI32 } from './slots';

const MAC_AREA: f64 = 283;
const MAC_POWER: f64 = 1.2223;
const SRAM_AREA_PER_BYTE: f64 = 0.104;
const SRAM_POWER_PER_BYTE: f64 = 0.00345;
const BUS_UNIT_AREA: f64 = 101.7938;
const BUS_UNIT_POWER: f64 = 0.8;
const ARBITER_UNIT_AREA: f64 = 395.473;
const ARBITER_UNIT_POWER: f64 = 0.34;
const ARBITER_C2: f64 = 1.2886;
const ARBITER_C1: f64 = 5.5814;
const ARBITER_C0: f64 = -23.711;
const BUS_C1: f64 = 14.662;
const BUS_C0: f64 = 28.895;

export let area: f64 = 0;
export let power: f64 = 0;
export let pePower: f64 = 0;
export let l1Power: f64 = 0;
export let l2Power: f64 = 0;
export let nocPower: f64 = 0;

/** SRAM cells (1 byte each); an empty SRAM still has one cell. */
@inline function cells(bytes: i32): f64 {
  const c = Math.ceil(<f64>bytes);
  return c == 0 ? 1 : c;
}

/**
 * x added n times to 0 in double precision (s = 0; repeat n: s = s + x) — MAESTRO sums per-PE
 * figures that way — in O(log n) steps: inside one binade the grid spacing u is fixed, so
 * (away from ties and the binade's end) each addition adds exactly x rounded to a multiple of u.
 */
export function repeatedSum(x: f64, n: i32): f64 {
  if (n <= 0) return 0;
  let s = x;
  let k = 1;
  while (k < n) {
    const be = <i32>((reinterpret<i64>(s) >>> 52) & 0x7ff);
    if (be > 52 && be < 0x7fe && s > 0 && x > 0) {
      const u = reinterpret<f64>(<i64>(be - 52) << 52); // spacing of doubles in s's binade
      const top = reinterpret<f64>(<i64>(be + 1) << 52); // end of the binade
      const q = x / u; // exact: division by a power of two
      const fl = Math.floor(q);
      const frac = q - fl;
      if (frac != 0.5) {
        const inc = (frac > 0.5 ? fl + 1 : fl) * u;
        if (inc == 0) return s; // x vanishes against s
        let m = Math.floor((top - 2 * inc - s) / inc);
        const left = <f64>(n - k);
        if (m > left) m = left;
        if (m > 0) {
          s = s + m * inc;
          k += <i32>m;
          continue;
        }
      }
    }
    s = s + x;
    k++;
  }
  return s;
}

// Cache of the per-PE sums (they depend on num_pes, vector width and the L1 size only).
const CACHE_SIZE: i32 = 512;
const ckPes: usize = memory.data(CACHE_SIZE * 4, 16);
const ckVw: usize = memory.data(CACHE_SIZE * 4, 16);
const ckL1: usize = memory.data(CACHE_SIZE * 4, 16);
const cvPePower: usize = memory.data(CACHE_SIZE * 8, 16);
const cvL1Power: usize = memory.data(CACHE_SIZE * 8, 16);
const cvArea: usize = memory.data(CACHE_SIZE * 8, 16);
const cvPower: usize = memory.data(CACHE_SIZE * 8, 16);

/** Compute area and power for the given PE count, vector width, NoC bandwidth and SRAM sizes. */
export function computeAreaPower(numPes: i32, vectorWidth: i32, nocBw: i32, l1Bytes: i32, l2Bytes: i32): void {
  const n = <f64>numPes;
  const macArea = MAC_AREA * <f64>vectorWidth;
  const macPower = MAC_POWER * <f64>vectorWidth;
  const l1Cells = cells(l1Bytes);
  const l2Cells = cells(l2Bytes);
  const l1Area = SRAM_AREA_PER_BYTE * l1Cells;
  const l1P = SRAM_POWER_PER_BYTE * l1Cells;
  const busScale = BUS_C1 * n + BUS_C0;
  const arbScale = ARBITER_C2 * (n * n) + ARBITER_C1 * n + ARBITER_C0;
  const busArea = BUS_UNIT_AREA * busScale * <f64>nocBw;
  const busPower = ((BUS_UNIT_POWER * busScale) / 1000) * <f64>nocBw;
  let arbArea = ARBITER_UNIT_AREA * arbScale;
  if (arbArea < ARBITER_UNIT_AREA) arbArea = ARBITER_UNIT_AREA;
  let arbPower = (ARBITER_UNIT_POWER * arbScale) / 1000;
  if (arbPower < ARBITER_UNIT_POWER) arbPower = ARBITER_UNIT_POWER;
  const l2Area = SRAM_AREA_PER_BYTE * l2Cells;
  l2Power = SRAM_POWER_PER_BYTE * l2Cells;
  // Per-PE figures are accumulated PE by PE in MAESTRO (the rounding shows in the 6th digit).
  // Slot: top bits of a multiplicative hash of each key, so that nearby PE counts with one L1
  // size (a descriptor-major sweep over accelerators) do not share a slot and evict each other.
  const slot = <i32>(((<u32>l1Bytes * 2654435761) ^ (<u32>numPes * 2246822519) ^ (<u32>vectorWidth * 3266489917)) >> 23) & (CACHE_SIZE - 1);
  if (
    i32At(ckPes, slot) != numPes || i32At(ckL1, slot) != l1Bytes || i32At(ckVw, slot) != vectorWidth
  ) {
    setI32(ckPes, slot, numPes);
    setI32(ckL1, slot, l1Bytes);
    setI32(ckVw, slot, vectorWidth);
    setF64(cvPePower, slot, repeatedSum(macPower, numPes));
    setF64(cvL1Power, slot, repeatedSum(l1P, numPes));
    setF64(cvArea, slot, repeatedSum(macArea + l1Area, numPes));
    setF64(cvPower, slot, repeatedSum(macPower + l1P, numPes));
  }
  pePower = f64At(cvPePower, slot);
  l1Power = f64At(cvL1Power, slot);
  nocPower = busPower + arbPower;
  area = f64At(cvArea, slot) + l2Area + (busArea + arbArea);
  power = f64At(cvPower, slot) + l2Power + nocPower;
}
