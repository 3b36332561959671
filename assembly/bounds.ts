// Upper bounds of the 64-bit counts of an analysis (MAESTRO keeps them in C++ `long`): access
// counts, MACs, buffer sizes, NoC traffic and runtime, in f64 (relative rounding ~1e-16, far
// inside the factor-2 margin of LONG_SAFE). Cheap by construction (the hot path pays a few
// multiplications per level call):
// - per descriptor (buildClusters): per level, the largest product of mapping sizes any
//   per-sub-cluster volume can have (perPe), and the largest tensor tile / declared size;
// - per analysis (num_pes known): one case's traffic / partial sums over all sub-clusters is at
//   most valueOf[u] = 2 (active sub-clusters + 1) perPe[u]; >= 2^62 (or such a tile): rejected;
// - per level call (engine.ts): occurrences of all its cases x valueOf bounds its sums; only a
//   call whose bound reaches 2^62 checks its sums at run time (f64 shadow sums);
// - per evaluation: the runtime bound from the per-level occurrence maxima and noc hops.
import { f64At, i32At, setF64 } from './slots';
import { DIM_X, DIM_XP, DIM_Y, DIM_YP, DIR_SPATIAL } from './layout';
import {
  clusterSize, declSize, dKind, dOfs, dSize, dVar, edgeClusters, fullSize, MAXD, MAXU, ND, rMapped, rMappedEdge, rUnique, rUniqueEdge, tCount, tVars,
  uCount,
} from './state';
import { counterpart } from './dims';

/** Bounds below this are safe (2^62: a factor-2 margin to the signed 64-bit range). */
export const LONG_SAFE: f64 = 4611686018427387904.0;

/** Per level: largest product of mapping sizes of a per-sub-cluster volume (per descriptor). */
const perPe: usize = memory.data(MAXU * 8, 16);
/** Per level: most positions a SpatialMap of the level can step over (per descriptor). */
const spreadOf: usize = memory.data(MAXU * 8, 16);
/** Largest tensor tile (any level) or declared tensor size (per descriptor). */
export let tileBound: f64 = 0;
/** Per level: bound of one case's traffic / partial sums over all sub-clusters (per analysis). */
export const valueOf: usize = memory.data(MAXU * 8, 16);
/** Per level: most occurrences (all cases) of one call of the level in the analysis. */
export const occMax: usize = memory.data(MAXU * 8, 16);

// Largest magnitude each dimension can have in a call table of the level being bounded.
const dimMax: usize = memory.data(ND * 8, 16);

@inline function abs64(x: i32): i64 {
  const y = <i64>x;
  return y < 0 ? -y : y;
}

@inline function max64(a: i64, b: i64): i64 {
  return a > b ? a : b;
}

/** Largest |size| the reuse analysis' mapping tables give dimension v at level u. */
@inline function mapMax(i: i32): f64 {
  const a = max64(abs64(i32At(rMapped, i)), abs64(i32At(rMappedEdge, i)));
  const b = max64(abs64(i32At(rUnique, i)), abs64(i32At(rUniqueEdge, i)));
  return <f64>max64(a, b);
}

/** Product of the tensor's dimension bounds (output Y / X as Y - R + 1 <= Y + R + 1). */
@inline function tileOf(t: i32): f64 {
  let q: f64 = 1;
  const n = i32At(tCount, t);
  for (let i = 0; i < n; i++) {
    const v = i32At(tVars, t * 6 + i);
    const c = t == 2 ? counterpart(v) : -1;
    q *= c >= 0 ? f64At(dimMax, v) + f64At(dimMax, c) + 1 : f64At(dimMax, v);
  }
  return q;
}

/** Per-descriptor bounds; call when the cluster tables of all `numUnits` levels are built. */
export function computeStaticBounds(numUnits: i32): void {
  for (let v = 0; v < ND; v++) {
    const x = i32At(fullSize, v);
    setF64(dimMax, v, <f64>(x < 0 ? -x : x));
  }
  let tiles: f64 = 0;
  for (let u = 0; u < numUnits; u++) {
    // Tensor tiles of a call of this level (UpdateBufferSizeReq).
    tiles = Math.max(tiles, Math.max(tileOf(0), Math.max(tileOf(1), tileOf(2))));
    // This level's mapping sizes: factors of its per-sub-cluster products, next level's tiles.
    const base = u * MAXD;
    const count = i32At(uCount, u);
    let p: f64 = 1;
    // All cs sub-clusters take part in a case only when a SpatialMap steps over >= cs positions.
    let spread: f64 = 0;
    for (let k = 0; k < count; k++) {
      if (i32At(dKind, base + k) != DIR_SPATIAL) continue;
      const dim = f64At(dimMax, i32At(dVar, base + k));
      const m = <f64>i32At(dSize, base + k);
      spread = Math.max(spread, Math.floor(Math.max(dim - m, 0) / <f64>i32At(dOfs, base + k)) + 1);
    }
    setF64(spreadOf, u, spread);
    const b = u * ND;
    for (let v = 0; v < ND; v++) setF64(dimMax, v, mapMax(b + v));
    for (let k = 0; k < count; k++) {
      const v = i32At(dVar, base + k);
      let g = f64At(dimMax, v);
      if (v == DIM_Y) g = Math.max(g, f64At(dimMax, DIM_YP));
      else if (v == DIM_X) g = Math.max(g, f64At(dimMax, DIM_XP));
      p *= g > 1 ? g : 1;
    }
    setF64(perPe, u, p);
  }
  // Declared tensor sizes (input / weight pixel counts) are longs too.
  for (let t = 0; t < 2; t++) {
    let q: f64 = 1;
    const n = i32At(tCount, t);
    for (let i = 0; i < n; i++) {
      const d = i32At(declSize, i32At(tVars, t * 6 + i));
      if (d > 0) q *= <f64>d;
    }
    tiles = Math.max(tiles, q);
  }
  tileBound = 2 * tiles;
}

/**
 * Per-analysis bounds (num_pes known). Returns false when one case's count or a tile could
 * reach 2^62 (the layer is rejected: ERR_LONG_OVERFLOW).
 */
export function computeValueBounds(numUnits: i32): bool {
  let ok = tileBound < LONG_SAFE;
  for (let u = 0; u < numUnits; u++) {
    // Sub-clusters a case adds up: the edge-step count, or all cs (then cs <= spread).
    const clusters = Math.max(<f64>i32At(edgeClusters, u), Math.min(<f64>i32At(clusterSize, u), f64At(spreadOf, u)));
    const v = 2 * (clusters + 1) * f64At(perPe, u);
    setF64(valueOf, u, v);
    setF64(occMax, u, 0);
    runtimeReady = false;
    if (!(v < LONG_SAFE)) ok = false;
  }
  return ok;
}

/**
 * Bound of the runtime (and delay sums) of the last analysis with `hops` NoC hop latency:
 * a level call's runtime <= its occurrences x (sub-level runtime + 2 hops + 3 x its case value).
 */
export function runtimeBound(numUnits: i32, hops: f64): f64 {
  if (!runtimeReady) {
    // r = base + perHop * hops, folded from the innermost level outwards (once per analysis).
    let a: f64 = 0, c: f64 = 0;
    for (let u = numUnits - 1; u >= 0; u--) {
      const o = f64At(occMax, u);
      a = o * (a + 3 * f64At(valueOf, u) + tileBound);
      c = o * (c + 2);
    }
    runtimeBase = a;
    runtimePerHop = c;
    runtimeReady = true;
  }
  return runtimeBase + runtimePerHop * hops;
}
// Runtime bound coefficients of the current analysis (computed at its first evaluation).
let runtimeReady = false;
let runtimeBase: f64 = 0;
let runtimePerHop: f64 = 0;

