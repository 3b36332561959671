// Area and power of the accelerator MAESTRO reports per layer: num_pes PEs (MAC + an L1 SRAM
// sized to the layer's L1 requirement), an L2 SRAM sized to its L2 requirement, and a bus NoC
// with a matrix arbiter. Constants: MAESTRO's 28nm cost database and scaling model.

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
  pePower = n * macPower;
  l1Power = n * l1P;
  nocPower = busPower + arbPower;
  area = n * (macArea + l1Area) + l2Area + (busArea + arbArea);
  power = n * (macPower + l1P) + l2Power + nocPower;
}
