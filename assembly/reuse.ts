// Reuse analysis of one iteration case: how much of each tensor a sub-cluster (PE) must receive
// (ingress), how much output it sends up (egress), and how many partial sums it computes,
// accounting for spatial reuse between neighbouring sub-clusters and temporal reuse across steps.
import { boolAt, i32At } from './slots';
import { DIM_X, DIM_XP, DIM_Y, DIM_YP, DIR_SPATIAL, DIR_TEMPORAL, ERR_ANALYSIS_ABORT } from './layout';
import {
  clusterSize, csChanging, csEdge, csInited, csPos, csSpEdgeEdge, dKind, dVar, edgeClusters, fail, MAXD, ND,
  rMapped, rMappedEdge, rUnique, rUniqueEdge, tCount, tDirBits, tDirList, tDirN, tVars, varDir, spDirT, spEdgeMask, spMappedT,
} from './state';
import { edgeBits, POS_EDGE, POS_INIT, POS_STEADY } from './iteration';

const OUT: i32 = 2;

@inline function M(lv: i32, v: i32): i64 {
  return <i64>i32At(rMapped, lv * ND + v);
}
@inline function U(lv: i32, v: i32): i64 {
  return <i64>i32At(rUnique, lv * ND + v);
}
@inline function ME(lv: i32, v: i32): i64 {
  return <i64>i32At(rMappedEdge, lv * ND + v);
}
@inline function UE(lv: i32, v: i32): i64 {
  return <i64>i32At(rUniqueEdge, lv * ND + v);
}
/** Unique elements, or 1 (no factor) when there are none. */
@inline function U1(lv: i32, v: i32): i64 {
  const u = U(lv, v);
  return u != 0 ? u : 1;
}

/** Output dimension of an input-centric dimension (Y -> Y', X -> X'). */
@inline function outputDim(v: i32): i32 {
  return v == DIM_Y ? DIM_YP : v == DIM_X ? DIM_XP : v;
}

// Result of spatialInfo().
let spMapped = false;
let spEdge = false;
let spDirective = -1;

/** Is tensor t spatially mapped at level lv in the current case, and is it at a spatial edge? */
@inline function spatialInfo(lv: i32, t: i32, allDirectives: bool): void {
  const key = lv * 4 + (allDirectives ? 3 : t);
  spMapped = boolAt(spMappedT, key);
  spDirective = i32At(spDirT, key);
  spEdge = (i32At(spEdgeMask, key) & i32At(edgeBits, lv)) != 0;
}

// Second result of the fused per-PE functions below: the value for a non-first sub-cluster.
let rNext: i64 = 0;

/**
 * Elements of input tensor t mapped on one sub-cluster in the current case (no reuse).
 * Returns the first sub-cluster's value; the other sub-clusters' value is left in rNext.
 */
@inline function peMapped(lv: i32, t: i32, edgeEdge: bool): i64 {
  const base = lv * MAXD;
  const lb = (lv * 4 + t) * MAXD;
  const ln = i32At(tDirN, lv * 4 + t);
  const ecs = i32At(edgeClusters, lv);
  let rf: i64 = 1;
  let rn: i64 = 1;
  for (let i = 0; i < ln; i++) {
    const k = i32At(tDirList, lb + i);
    const v = i32At(dVar, base + k);
    const edge = boolAt(csEdge, base + k);
    if (i32At(dKind, base + k) == DIR_TEMPORAL) {
      const f = edge ? ME(lv, v) : M(lv, v);
      rf *= f;
      rn *= f;
    } else if (edge) {
      if (ecs == 1) {
        rf *= ME(lv, v);
        if (edgeEdge) rn *= ME(lv, v);
      } else if (ecs > 1) {
        const f = edgeEdge ? ME(lv, v) : M(lv, v);
        rf *= f;
        rn *= f;
      }
    } else {
      const f = M(lv, v);
      rf *= f;
      rn *= f;
    }
  }
  rNext = rn;
  return rf;
}

/**
 * New elements of input tensor t one sub-cluster receives in the current case (with temporal
 * and spatial reuse). Returns the first sub-cluster's value, the others' in rNext.
 */
@inline function peIngressRaw(lv: i32, t: i32, edgeEdge: bool): i64 {
  const changing = i32At(csChanging, lv);
  if (changing < 0) return peMapped(lv, t, edgeEdge);
  const inited = boolAt(csInited, lv * 2 + t);
  const base = lv * MAXD;
  const lb = (lv * 4 + t) * MAXD;
  const ln = i32At(tDirN, lv * 4 + t);
  let moving = false;
  let rf: i64 = 1;
  let rn: i64 = 1;
  for (let i = 0; i < ln; i++) {
    const k = i32At(tDirList, lb + i);
    const v = i32At(dVar, base + k);
    if (k == changing) moving = true;
    const pos = i32At(csPos, base + k);
    if (i32At(dKind, base + k) == DIR_TEMPORAL) {
      let f: i64;
      if (pos == POS_INIT) {
        f = boolAt(csEdge, base + k) ? ME(lv, v) : M(lv, v);
      } else if (k == changing && !inited) {
        const u = U(lv, v);
        if (u == 0) fail(ERR_ANALYSIS_ABORT);
        f = u > 1 ? u : 1;
      } else {
        f = M(lv, v);
      }
      rf *= f;
      rn *= f;
    } else {
      const full = edgeEdge ? ME(lv, v) : M(lv, v);
      rf *= full;
      const fresh = pos == POS_INIT ? k > changing : !inited && k == changing;
      rn *= fresh ? (edgeEdge ? UE(lv, v) : U(lv, v)) : full;
    }
  }
  if (!moving) {
    rNext = 0;
    return 0;
  }
  rNext = rn;
  return rf;
}

/**
 * Reduction (non-output) dimensions' factor of the partial sums one sub-cluster computes in the
 * current case. First sub-cluster's value returned, the others' in rNext.
 */
@inline function peReduction(lv: i32, edgeEdge: bool): i64 {
  const base = lv * MAXD;
  const ecs = i32At(edgeClusters, lv);
  let rf: i64 = 1;
  let rn: i64 = 1;
  const lb = (lv * 4 + 3) * MAXD;
  const ln = i32At(tDirN, lv * 4 + 3);
  for (let i = 0; i < ln; i++) {
    const k = i32At(tDirList, lb + i);
    const v = i32At(dVar, base + k);
    const edge = boolAt(csEdge, base + k);
    if (i32At(dKind, base + k) == DIR_TEMPORAL) {
      const f = edge ? ME(lv, v) : M(lv, v);
      rf *= f;
      rn *= f;
      continue;
    }
    const pos = i32At(csPos, base + k);
    if (pos == POS_INIT && edge && edgeEdge) {
      const f = ME(lv, v);
      rf *= f;
      rn *= f;
    } else if (pos == POS_EDGE && ecs == 1) {
      rf *= ME(lv, v);
      if (edgeEdge) rn *= ME(lv, v);
    } else if (pos == POS_EDGE && ecs > 1 && edgeEdge) {
      const f = UE(lv, v);
      rf *= f;
      rn *= f;
    } else if (pos != POS_EDGE || ecs > 1) {
      rf *= M(lv, v);
      rn *= U1(lv, v);
    }
  }
  rNext = rn;
  return rf;
}

/**
 * Output elements one sub-cluster produces in the current case. First sub-cluster's value
 * returned, the others' in rNext. (The partial sums are this times peReduction: the products
 * are reordered, which is exact in wrapping 64-bit arithmetic too.)
 */
@inline function peEgressRaw(lv: i32, edgeEdge: bool, reuseAtEdge: bool): i64 {
  const base = lv * MAXD;
  const ecs = i32At(edgeClusters, lv);
  let rf: i64 = 1;
  let rn: i64 = 1;
  const n = i32At(tCount, OUT);
  for (let i = 0; i < n; i++) {
    const v = i32At(tVars, OUT * 6 + i);
    const k = i32At(varDir, lv * ND + v);
    const a = outputDim(v);
    const pos = i32At(csPos, base + k);
    const edge = boolAt(csEdge, base + k);
    if (i32At(dKind, base + k) == DIR_TEMPORAL) {
      const f = pos == POS_STEADY ? M(lv, a) : pos == POS_EDGE || edge ? ME(lv, a) : M(lv, a);
      rf *= f;
      rn *= f;
    } else if (pos == POS_INIT && edge && edgeEdge) {
      const f = ecs == 1 ? ME(lv, a) : reuseAtEdge ? UE(lv, a) : ME(lv, a);
      rf *= f;
      rn *= f;
    } else if (pos == POS_EDGE && ecs == 1) {
      // MAESTRO indexes the edge size by the input-centric dimension here (not the output one).
      rf *= ME(lv, v);
      if (edgeEdge) rn *= ME(lv, v);
    } else if (pos == POS_EDGE && ecs > 1 && edgeEdge) {
      const f = UE(lv, a);
      rf *= f;
      rn *= f;
    } else if (pos != POS_EDGE || ecs > 1) {
      rf *= M(lv, a);
      rn *= U1(lv, a);
    }
  }
  rNext = rn;
  return rf;
}

// Output part of the current case for (edgeEdge = false, reuseAtEdge = true), first sub-cluster
// (set by spatialEgress(), used by partialSums() of the same case).
let outSteady: i64 = 0;

/** One sub-cluster's traffic of tensor t (an input: ingress; OUT: egress) in the current case. */
@inline function peTraffic(lv: i32, t: i32, edgeEdge: bool): i64 {
  return t == OUT ? peEgressRaw(lv, edgeEdge, true) : peIngressRaw(lv, t, edgeEdge);
}

/**
 * Traffic of tensor t between the level's buffer and ALL its sub-clusters in the current case:
 * the first sub-cluster's, plus each further one's (`rNext`), with the spatial edge's partial
 * and edge-edge sub-clusters where the SpatialMap runs past the end of its dimension.
 */
@inline function spatialTraffic(lv: i32, t: i32): i64 {
  spatialInfo(lv, t, false);
  const steady = peTraffic(lv, t, false);
  if (t == OUT) outSteady = steady;
  if (!spMapped) return steady;
  const steadyNext = rNext;
  const cs = i32At(clusterSize, lv);
  if (!spEdge) return steady + <i64>(cs - 1) * steadyNext;
  const ecs = i32At(edgeClusters, lv);
  const hasEdgeEdge = boolAt(csSpEdgeEdge, lv * MAXD + spDirective);
  let r = steady;
  if (ecs == 1 && hasEdgeEdge) r = peTraffic(lv, t, true);
  if (ecs > 1) {
    const nEdgeEdge = hasEdgeEdge ? 1 : 0;
    let nFull = ecs - nEdgeEdge - 1;
    if (nFull < 0) nFull = 0;
    r += <i64>nFull * steadyNext;
    if (hasEdgeEdge) {
      peTraffic(lv, t, true);
      r += rNext;
    }
  }
  return r;
}

/** Traffic of input tensor t from the level's buffer to all its sub-clusters in the current case. */
export function spatialIngress(lv: i32, t: i32): i64 {
  // A tensor none of whose directives is the changing one receives nothing new (peIngressRaw's
  // "not moving": 0 for every sub-cluster, with or without a spatial edge).
  const changing = i32At(csChanging, lv);
  if (changing >= 0 && (i32At(tDirBits, lv * 4 + t) & (1 << changing)) == 0) return 0;
  return spatialTraffic(lv, t);
}

/** Output traffic from all sub-clusters up to the level's buffer in the current case. */
@inline export function spatialEgress(lv: i32): i64 {
  return spatialTraffic(lv, OUT);
}

/** Partial sums on the critical path (one sub-cluster) of the current case; set by partialSums(). */
export let criticalPathPsums: i64 = 0;

/** Partial sums of the first sub-cluster at a spatial edge-edge step (reuseAtEdge = true). */
function edgeEdgePsums(lv: i32): i64 {
  const red = peReduction(lv, true);
  return red * peEgressRaw(lv, true, true);
}

/**
 * Partial sums computed over all sub-clusters in the current case (MACs); also sets
 * criticalPathPsums. Call right after spatialEgress(lv) of the same case.
 */
@inline export function partialSums(lv: i32): i64 {
  const steady = peReduction(lv, false) * outSteady;
  const ecs = i32At(edgeClusters, lv);
  // Critical path: MAESTRO looks at the output's own spatial mapping only.
  spatialInfo(lv, OUT, false);
  let critical = steady;
  if (spMapped && spEdge && ecs == 1 && boolAt(csSpEdgeEdge, lv * MAXD + spDirective)) {
    critical = edgeEdgePsums(lv);
  }
  criticalPathPsums = critical;
  // All sub-clusters: every SpatialMap counts.
  spatialInfo(lv, OUT, true);
  const cs = i32At(clusterSize, lv);
  if (!spMapped || !spEdge) return <i64>cs * steady;
  const hasEdgeEdge = boolAt(csSpEdgeEdge, lv * MAXD + spDirective);
  let r = ecs == 1 && hasEdgeEdge ? edgeEdgePsums(lv) : steady;
  if (ecs > 1) {
    const nEdgeEdge = hasEdgeEdge ? 1 : 0;
    let nFull = ecs - nEdgeEdge - 1;
    if (nFull < 0) nFull = 0;
    r += <i64>nFull * steady;
    if (hasEdgeEdge) {
      peReduction(lv, true);
      const redNext = rNext;
      peEgressRaw(lv, true, false);
      r += redNext * rNext;
    }
  }
  return r;
}

/** Elements of tensor t mapped on one sub-cluster (level's L1 tile; GetMappedVolume). */
export function mappedVolume(lv: i32, t: i32): i64 {
  let r: i64 = 1;
  const n = i32At(tCount, t);
  for (let i = 0; i < n; i++) r *= M(lv, i32At(tVars, t * 6 + i));
  return r;
}
