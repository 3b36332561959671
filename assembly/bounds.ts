// Upper bounds of the 64-bit counts of an analysis (MAESTRO keeps them in C++ `long`): access
// counts, MACs, buffer sizes, NoC traffic and runtime. Computed once per (layer, num_pes) from
// the static cluster tables, in f64 (relative rounding ~1e-16, far inside the margin below).
// - valueBound (one case's traffic / partial sums, tile and tensor sizes) >= 2^62: rejected.
// - countBound / runtime bound < 2^62 (the usual case): no 64-bit sum can wrap, the per-case
//   hot path runs without overflow checks; otherwise the engine checks its sums (engine.ts).
import { DIM_X, DIM_XP, DIM_Y, DIM_YP, DIR_SPATIAL } from './layout';
import {
  clusterSize, dKind, edgeClusters, dOfs, dSize, declSize, dVar, fullSize, MAXD, ND, rMapped, rMappedEdge, rUnique, rUniqueEdge,
  tCount, tMask, tVars, uCount,
} from './state';
import { bit, counterpart } from './dims';
import { numUnits } from './clusters';

/** Bounds below this are safe (2^62: a factor-2 margin to the signed 64-bit range). */
export const LONG_SAFE: f64 = 4611686018427387904.0;

/** Bound of every access count / MAC count / buffer size / traffic of the analysis. */
export let countBound: f64 = 0;
/** Bound of any single case's traffic / partial sums and of any tensor tile size. */
export let valueBound: f64 = 0;
/** Runtime bound = runtimeBase + runtimePerHop * noc_hops (delays grow with the hop latency). */
export let runtimeBase: f64 = 0;
export let runtimePerHop: f64 = 0;

// Largest magnitude each dimension can have in a call table of the level being bounded.
const dimMax = new StaticArray<f64>(ND);

@inline function fabs(x: i32): f64 {
  return x < 0 ? -<f64>x : <f64>x;
}

/** Largest |size| any of the reuse analysis' mapping tables gives dimension v at level u. */
@inline function mapMax(u: i32, v: i32): f64 {
  const i = u * ND + v;
  let m = fabs(unchecked(rMapped[i]));
  m = Math.max(m, fabs(unchecked(rMappedEdge[i])));
  m = Math.max(m, fabs(unchecked(rUnique[i])));
  return Math.max(m, fabs(unchecked(rUniqueEdge[i])));
}

/** Compute countBound / runtimeBase / runtimePerHop for the current layer and cluster tables. */
export function computeBounds(): void {
  // Level 0 is analysed on the full dimension table; level u+1 on tiles made of level u's
  // mapping sizes (steady or edge).
  for (let v = 0; v < ND; v++) unchecked((dimMax[v] = fabs(unchecked(fullSize[v]))));
  let counts: f64 = 0;
  let values: f64 = 0;
  // Per-level bounds, runtime assembled afterwards from the innermost level outwards.
  let occ0: f64 = 1, occ1: f64 = 1, occ2: f64 = 1, occ3: f64 = 1;
  let val0: f64 = 0, val1: f64 = 0, val2: f64 = 0, val3: f64 = 0;
  for (let u = 0; u < numUnits; u++) {
    const base = u * MAXD;
    const count = unchecked(uCount[u]);
    const cs = <f64>unchecked(clusterSize[u]);
    let occ: f64 = 1; // all occurrences of all iteration cases of one call of the level
    let perPe: f64 = 1; // any per-sub-cluster product of mapping sizes
    // Sub-clusters a case's traffic / partial sums add up over: the edge-step count, or all cs
    // sub-clusters, which only happens when a SpatialMap steps over at least cs positions.
    let spread: f64 = 0;
    for (let k = 0; k < count; k++) {
      const v = unchecked(dVar[base + k]);
      const dim = unchecked(dimMax[v]);
      const m = <f64>unchecked(dSize[base + k]);
      const o = <f64>unchecked(dOfs[base + k]);
      // States: Init (1) + Steady (<= (dim - m) / o, or / (o * cs) when spatial) + Edge (1).
      const spatial = unchecked(dKind[base + k]) == DIR_SPATIAL;
      let steps: f64 = 1;
      if (dim > m) steps = Math.floor((dim - m) / (spatial ? o * cs : o)) + 2;
      if (spatial) spread = Math.max(spread, Math.floor(Math.max(dim - m, 0) / o) + 1);
      occ *= steps;
      let g = Math.max(1, mapMax(u, v));
      const w = v == DIM_Y ? DIM_YP : v == DIM_X ? DIM_XP : -1; // output-centric sizes of Y / X
      if (w >= 0) g = Math.max(g, mapMax(u, w));
      perPe *= g;
    }
    // Tensor tile sizes (UpdateBufferSizeReq, once per call): products of the call table's
    // sizes; the output's Y / X are output-centric (Y - R + 1).
    let tile: f64 = 1;
    for (let t = 0; t < 3; t++) {
      let p: f64 = 1;
      const n = unchecked(tCount[t]);
      for (let i = 0; i < n; i++) {
        const v = unchecked(tVars[t * 6 + i]);
        const c = t == 2 ? counterpart(v) : -1;
        p *= c >= 0 ? unchecked(dimMax[v]) + unchecked(dimMax[c]) + 1 : unchecked(dimMax[v]);
      }
      tile = Math.max(tile, p);
    }
    // Per-case traffic / partial sums over all sub-clusters (two input tensors, edge clusters),
    // accumulated over all occurrences, plus the once-per-call sizes.
    const clusters = Math.max(<f64>unchecked(edgeClusters[u]), Math.min(cs, spread)) + 1;
    const value = 2 * clusters * perPe;
    counts = Math.max(counts, occ * value + value + 2 * tile);
    values = Math.max(values, Math.max(value, 2 * tile));
    if (u == 0) { occ0 = occ; val0 = value; }
    else if (u == 1) { occ1 = occ; val1 = value; }
    else if (u == 2) { occ2 = occ; val2 = value; }
    else { occ3 = occ; val3 = value; }
    // Next level's call tables: this level's mapping sizes.
    for (let v = 0; v < ND; v++) unchecked((dimMax[v] = mapMax(u, v)));
  }
  // Runtime of a level call: occurrences x (sub-level runtime + hops + traffic / compute terms).
  let a: f64 = 0, c: f64 = 0;
  for (let u = numUnits - 1; u >= 0; u--) {
    const occ = u == 0 ? occ0 : u == 1 ? occ1 : u == 2 ? occ2 : occ3;
    const value = u == 0 ? val0 : u == 1 ? val1 : u == 2 ? val2 : val3;
    a = occ * (a + 2 * value);
    c = occ * (c + 1);
  }
  // The declared tensor sizes (input / weight pixel counts) are longs too.
  for (let t = 0; t < 3; t++) {
    let p: f64 = 1;
    const msk = unchecked(tMask[t]);
    for (let d = 0; d < ND; d++) if ((msk & bit(d)) != 0 && unchecked(declSize[d]) > 0) p *= <f64>unchecked(declSize[d]);
    values = Math.max(values, p);
  }
  countBound = counts;
  valueBound = values;
  runtimeBase = a;
  runtimePerHop = c;
}
