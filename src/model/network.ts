/**
 * MAESTRO's whole-network semantics on top of isolated per-layer rows.
 *
 * When MAESTRO runs a network, every per-layer number is the layer's own EXCEPT the
 * activity-count energy (and the two columns derived from it) of layers whose dataflow has
 * more than one cluster level: their L1 part uses the top-level L1 access counts of the
 * PREVIOUS layer of the network (0 for the first layer), because MAESTRO's output loop
 * reads those counters before it updates them. A one-layer network (the isolated rows)
 * therefore has no L1 energy for multi-level dataflows.
 *
 * The other thing MAESTRO decides per network is whether a layer type's tensors include
 * the batch dimension N: from the first layer of that type ({@link batchTensorFlags}).
 *
 * Isolated rows depend only on the encoded descriptor and the hardware, so a network's layers
 * are evaluated once per distinct descriptor ({@link DistinctDescriptors}) and the rows spread
 * to the layers ({@link spreadDistinctRows}) before the network step.
 */
import * as L from '../../assembly/layout.js';
import type { Layer } from './types.js';

/** MAESTRO's per-access energy multipliers and MAC energy (nJ). */
export const L1_ENERGY_MULTIPLIER = 1.68;
export const L2_ENERGY_MULTIPLIER = 18.61;
export const MAC_ENERGY_NJ = 0.00023;

const T_IN = L.COL_TENSOR;
const T_W = L.COL_TENSOR + 5;
const T_OUT = L.COL_TENSOR + 10;

/**
 * Activity-count energy (nJ) of a layer, in MAESTRO's exact summation order.
 * `own` is the layer's row, `l1From` the row whose top-level L1 counts are used (null: zeros).
 */
export function layerEnergy(own: Float64Array, ownAt: number, l1From: Float64Array | null, l1At: number, multiLevel: boolean): number {
  let e = 0;
  const l1 = (slot: number): number => (l1From === null ? 0 : l1From[l1At + slot]!);
  const addL1 = (): void => {
    e += l1(T_IN + L.TCOL_L1_RD) * L1_ENERGY_MULTIPLIER;
    e += l1(T_IN + L.TCOL_L1_WR) * L1_ENERGY_MULTIPLIER;
    e += l1(T_W + L.TCOL_L1_RD) * L1_ENERGY_MULTIPLIER;
    e += l1(T_W + L.TCOL_L1_WR) * L1_ENERGY_MULTIPLIER;
    e += l1(T_OUT + L.TCOL_L1_RD) * L1_ENERGY_MULTIPLIER;
    e += l1(T_OUT + L.TCOL_L1_WR) * L1_ENERGY_MULTIPLIER;
  };
  if (multiLevel) addL1();
  e += own[ownAt + T_IN + L.TCOL_L2_RD]! * L2_ENERGY_MULTIPLIER;
  e += own[ownAt + T_IN + L.TCOL_L2_WR]! * L2_ENERGY_MULTIPLIER;
  e += own[ownAt + T_W + L.TCOL_L2_RD]! * L2_ENERGY_MULTIPLIER;
  e += own[ownAt + T_W + L.TCOL_L2_WR]! * L2_ENERGY_MULTIPLIER;
  e += own[ownAt + T_OUT + L.TCOL_L2_WR]! * L2_ENERGY_MULTIPLIER;
  if (!multiLevel) addL1();
  return e * MAC_ENERGY_NJ;
}

/** Set energy and the columns derived from it (perf per energy, ops/J) of a row. */
export function setEnergy(row: Float64Array, at: number, energy: number): void {
  const macs = row[at + L.COL_NUM_MACS]!;
  const runtime = row[at + L.COL_RUNTIME]!;
  row[at + L.COL_ENERGY] = energy;
  row[at + L.COL_PERF_PER_ENERGY] = (macs / runtime / energy) * 1e9;
  row[at + L.COL_OPS_PER_JOULE] = (macs / energy) * 1e9;
}

/**
 * Turn a sequence of isolated rows (the layers of one network, in order) into the rows MAESTRO
 * prints for the whole network. Works in place on `rows[offset ..]`, `count` rows of OUT_SIZE.
 * A rejected row (status != 0) counts as having zero L1 accesses for the next layer
 * (MAESTRO itself prints nothing for a network containing a rejected layer).
 */
export function applyNetworkSemantics(rows: Float64Array, count: number, offset = 0): void {
  // Walk backwards so every layer still sees its predecessor's isolated (= own top-level) L1 counts;
  // L1 counts are never modified, only energy columns, so order does not actually matter.
  for (let i = count - 1; i >= 0; i--) {
    const at = offset + i * L.OUT_SIZE;
    if (rows[at + L.OUT_STATUS] !== 0 || rows[at + L.OUT_MULTI_LEVEL] !== 1) continue;
    const prevAt = at - L.OUT_SIZE;
    const prevOk = i > 0 && rows[prevAt + L.OUT_STATUS] === 0;
    setEnergy(rows, at, layerEnergy(rows, at, prevOk ? rows : null, prevAt, true));
  }
}

/**
 * Per layer: does its type's tensor table include N? MAESTRO builds one tensor table per layer
 * type per network, from the first layer of that type (which decides by declaring N or not).
 */
export function batchTensorFlags(layers: readonly Layer[]): boolean[] {
  const first = new Map<string, boolean>();
  return layers.map((l) => {
    const key = l.type === 'TRCONV' ? 'CONV' : l.type; // MAESTRO parses TRCONV as a CONV layer
    let f = first.get(key);
    if (f === undefined) {
      f = l.dims.N !== undefined;
      first.set(key, f);
    }
    return f;
  });
}

/** Network totals over rows (status 0 only): runtime (cycles), energy (nJ) and MACs sums. */
export function networkTotals(rows: Float64Array, count: number, offset = 0): { runtime: number; energy_nj: number; num_macs: number } {
  let runtime = 0;
  let energy = 0;
  let macs = 0;
  for (let i = 0; i < count; i++) {
    const at = offset + i * L.OUT_SIZE;
    if (rows[at + L.OUT_STATUS] !== 0) continue;
    runtime += rows[at + L.COL_RUNTIME]!;
    energy += rows[at + L.COL_ENERGY]!;
    macs += rows[at + L.COL_NUM_MACS]!;
  }
  return { runtime, energy_nj: energy, num_macs: macs };
}

/**
 * Deduplicates encoded layer descriptors (`DESC_SIZE` Int32 slots each, see `encodeLayer`) in
 * place: descriptor `k` of the distinct ones lives in slot `k` of `descs`. Encode a layer into slot
 * {@link count}, then call {@link add}: it returns the index of an identical earlier descriptor,
 * or keeps the new one (the count grows). With one hardware record, identical descriptors give
 * identical isolated rows (the kernel's rows are position-independent: src/model/batch.ts), so a
 * network needs each distinct descriptor evaluated once.
 */
export class DistinctDescriptors {
  /** Number of distinct descriptors so far (slots 0..count-1 of `descs`). */
  count = 0;
  /** Hash -> distinct index, or the indices when several distinct descriptors share the hash. */
  private readonly byHash = new Map<number, number | number[]>();

  constructor(private readonly descs: Int32Array) {}

  /**
   * The distinct index of the descriptor in slot {@link count}: that of an identical descriptor
   * added before, else {@link count} itself, which it then becomes (the count grows by one).
   */
  add(): number {
    const slot = this.count;
    const h = descriptorHash(this.descs, slot * L.DESC_SIZE);
    const seen = this.byHash.get(h);
    if (seen === undefined) this.byHash.set(h, slot);
    else {
      const list = typeof seen === 'number' ? [seen] : seen;
      for (const k of list) if (sameDescriptor(this.descs, k, slot)) return k;
      list.push(slot);
      if (typeof seen === 'number') this.byHash.set(h, list);
    }
    this.count++;
    return slot;
  }

  /** Keep the descriptor in slot {@link count} as a distinct one without looking for an identical one. */
  keep(): number {
    return this.count++;
  }
}

/**
 * Hash of the descriptor at `at`: its header and its directives (`encodeLayer` zeroes the slots
 * after them). Equal descriptors have equal hashes; {@link sameDescriptor} decides.
 */
function descriptorHash(d: Int32Array, at: number): number {
  const dirs = Math.min(Math.max(d[at + L.DESC_NUM_DIRECTIVES]! | 0, 0), L.MAX_DIRECTIVES);
  const end = at + L.DESC_DIRECTIVES + dirs * L.DIRECTIVE_SLOTS;
  let h = 0x811c9dc5;
  for (let s = at; s < end; s++) h = Math.imul(h ^ d[s]!, 0x01000193);
  return h;
}

/** Are descriptors `a` and `b` (slot indices) of `d` identical, all `DESC_SIZE` slots? */
function sameDescriptor(d: Int32Array, a: number, b: number): boolean {
  const pa = a * L.DESC_SIZE;
  const pb = b * L.DESC_SIZE;
  for (let s = 0; s < L.DESC_SIZE; s++) if (d[pa + s] !== d[pb + s]) return false;
  return true;
}

/**
 * Spread the rows of distinct descriptors to the layers of a network, in place: `rows` holds the
 * distinct rows in its first slots; afterwards row `i` is that of distinct descriptor
 * `distinctOf[i]`. Distinct indices are given in order of first use (`distinctOf[i] <= i`), so
 * copying from the last layer down never overwrites a row still to be copied.
 */
export function spreadDistinctRows(rows: Float64Array, distinctOf: Int32Array): void {
  for (let i = distinctOf.length - 1; i >= 0; i--) {
    const k = distinctOf[i]!;
    if (k > i) throw new RangeError(`layer ${i}: distinct index ${k} is not in order of first use`);
    if (k !== i) rows.copyWithin(i * L.OUT_SIZE, k * L.OUT_SIZE, (k + 1) * L.OUT_SIZE);
  }
}
