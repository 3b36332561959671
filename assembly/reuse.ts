// Reuse analysis of one iteration case: how much of each tensor a sub-cluster (PE) must receive
// (ingress), how much output it sends up (egress), and how many partial sums it computes,
// accounting for spatial reuse between neighbouring sub-clusters and temporal reuse across steps.
import { DIM_X, DIM_XP, DIM_Y, DIM_YP, DIR_SPATIAL, DIR_TEMPORAL, ERR_ANALYSIS_ABORT } from './layout';
import {
  caseStamp, clusterSize, csChanging, csEdge, csInited, csPos, csSpEdgeEdge, dKind, dVar, edgeClusters, fail, MAXD, ND,
  rMapped, rMappedEdge, rUnique, rUniqueEdge, tCount, tMask, tVars, uCount, varDir, MAXU,
} from './state';
import { bit } from './dims';
import { POS_EDGE, POS_INIT, POS_STEADY } from './iteration';

const OUT: i32 = 2;

@inline function M(lv: i32, v: i32): i64 {
  return <i64>unchecked(rMapped[lv * ND + v]);
}
@inline function U(lv: i32, v: i32): i64 {
  return <i64>unchecked(rUnique[lv * ND + v]);
}
@inline function ME(lv: i32, v: i32): i64 {
  return <i64>unchecked(rMappedEdge[lv * ND + v]);
}
@inline function UE(lv: i32, v: i32): i64 {
  return <i64>unchecked(rUniqueEdge[lv * ND + v]);
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

// Per-case memo (see caseStamp): spatial info per (level, tensor | 3 = output over all
// directives), egress per (level, 4 flags), ingress per (level, tensor, 2 flags).
const infoStamp = new StaticArray<i32>(MAXU * 4);
const infoVal = new StaticArray<i32>(MAXU * 4);
const egStamp = new StaticArray<i32>(MAXU * 8);
const egVal = new StaticArray<i64>(MAXU * 16);
const inStamp = new StaticArray<i32>(MAXU * 4);
const inVal = new StaticArray<i64>(MAXU * 8);

/** Is tensor t spatially mapped at level lv in the current case, and is it at a spatial edge? */
function spatialInfo(lv: i32, t: i32, allDirectives: bool): void {
  const key = lv * 4 + (allDirectives ? 3 : t);
  const stamp = unchecked(caseStamp[lv]);
  if (unchecked(infoStamp[key]) == stamp) {
    const v = unchecked(infoVal[key]);
    spMapped = (v & 1) != 0;
    spEdge = (v & 2) != 0;
    spDirective = (v >> 2) - 1;
    return;
  }
  computeSpatialInfo(lv, t, allDirectives);
  unchecked((infoStamp[key] = stamp));
  unchecked((infoVal[key] = <i32>spMapped | (<i32>spEdge << 1) | ((spDirective + 1) << 2)));
}

function computeSpatialInfo(lv: i32, t: i32, allDirectives: bool): void {
  spMapped = false;
  spEdge = false;
  spDirective = -1;
  const base = lv * MAXD;
  const n = unchecked(tCount[t]);
  for (let i = 0; i < n; i++) {
    const k = unchecked(varDir[lv * ND + unchecked(tVars[t * 6 + i])]);
    if (unchecked(dKind[base + k]) == DIR_SPATIAL) {
      spMapped = true;
      spDirective = k;
      if (unchecked(csEdge[base + k])) spEdge = true;
    }
  }
  if (allDirectives) {
    const count = unchecked(uCount[lv]);
    for (let k = 0; k < count; k++) {
      if (unchecked(dKind[base + k]) == DIR_SPATIAL) {
        spMapped = true;
        spDirective = k;
        if (unchecked(csEdge[base + k])) spEdge = true;
      }
    }
  }
}

// Second result of the fused per-PE functions below: the value for a non-first sub-cluster.
let rNext: i64 = 0;

/**
 * Elements of input tensor t mapped on one sub-cluster in the current case (no reuse).
 * Returns the first sub-cluster's value; the other sub-clusters' value is left in rNext.
 */
function peMapped(lv: i32, t: i32, edgeEdge: bool): i64 {
  const base = lv * MAXD;
  const count = unchecked(uCount[lv]);
  const tm = unchecked(tMask[t]);
  const ecs = unchecked(edgeClusters[lv]);
  let rf: i64 = 1;
  let rn: i64 = 1;
  for (let k = 0; k < count; k++) {
    const v = unchecked(dVar[base + k]);
    if ((tm & bit(v)) == 0) continue;
    const edge = unchecked(csEdge[base + k]);
    if (unchecked(dKind[base + k]) == DIR_TEMPORAL) {
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

/** peIngressRaw, memoized per case (both the first and the other sub-clusters' values). */
function peIngress(lv: i32, t: i32, first: bool, edgeEdge: bool): i64 {
  const key = lv * 4 + t * 2 + <i32>edgeEdge;
  const stamp = unchecked(caseStamp[lv]);
  if (unchecked(inStamp[key]) != stamp) {
    const rf = peIngressRaw(lv, t, edgeEdge);
    unchecked((inStamp[key] = stamp));
    unchecked((inVal[key * 2] = rf));
    unchecked((inVal[key * 2 + 1] = rNext));
  }
  return unchecked(inVal[key * 2 + (first ? 0 : 1)]);
}

/**
 * New elements of input tensor t one sub-cluster receives in the current case (with temporal
 * and spatial reuse). Returns the first sub-cluster's value, the others' in rNext.
 */
function peIngressRaw(lv: i32, t: i32, edgeEdge: bool): i64 {
  const changing = unchecked(csChanging[lv]);
  if (changing < 0) return peMapped(lv, t, edgeEdge);
  const inited = unchecked(csInited[lv * 2 + t]);
  const base = lv * MAXD;
  const count = unchecked(uCount[lv]);
  const tm = unchecked(tMask[t]);
  let moving = false;
  let rf: i64 = 1;
  let rn: i64 = 1;
  for (let k = 0; k < count; k++) {
    const v = unchecked(dVar[base + k]);
    if ((tm & bit(v)) == 0) continue;
    if (k == changing) moving = true;
    const pos = unchecked(csPos[base + k]);
    if (unchecked(dKind[base + k]) == DIR_TEMPORAL) {
      let f: i64;
      if (pos == POS_INIT) {
        f = unchecked(csEdge[base + k]) ? ME(lv, v) : M(lv, v);
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

/** peEgressRaw, memoized per case (both the first and the other sub-clusters' values). */
function peEgress(lv: i32, psums: bool, first: bool, edgeEdge: bool, reuseAtEdge: bool): i64 {
  const key = lv * 8 + (<i32>psums << 2) + (<i32>edgeEdge << 1) + <i32>reuseAtEdge;
  const stamp = unchecked(caseStamp[lv]);
  if (unchecked(egStamp[key]) != stamp) {
    const rf = peEgressRaw(lv, psums, edgeEdge, reuseAtEdge);
    unchecked((egStamp[key] = stamp));
    unchecked((egVal[key * 2] = rf));
    unchecked((egVal[key * 2 + 1] = rNext));
  }
  return unchecked(egVal[key * 2 + (first ? 0 : 1)]);
}

/**
 * Output elements one sub-cluster produces in the current case; with `psums`, the partial sums
 * (the reduction dimensions' mapping multiplied in). First sub-cluster's value returned, the
 * others' in rNext.
 */
function peEgressRaw(lv: i32, psums: bool, edgeEdge: bool, reuseAtEdge: bool): i64 {
  const base = lv * MAXD;
  const count = unchecked(uCount[lv]);
  const om = unchecked(tMask[OUT]);
  const ecs = unchecked(edgeClusters[lv]);
  let rf: i64 = 1;
  let rn: i64 = 1;
  if (psums) {
    for (let k = 0; k < count; k++) {
      const v = unchecked(dVar[base + k]);
      if ((om & bit(v)) != 0) continue;
      const edge = unchecked(csEdge[base + k]);
      if (unchecked(dKind[base + k]) == DIR_TEMPORAL) {
        const f = edge ? ME(lv, v) : M(lv, v);
        rf *= f;
        rn *= f;
        continue;
      }
      const pos = unchecked(csPos[base + k]);
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
  }
  const n = unchecked(tCount[OUT]);
  for (let i = 0; i < n; i++) {
    const v = unchecked(tVars[OUT * 6 + i]);
    const k = unchecked(varDir[lv * ND + v]);
    const a = outputDim(v);
    const pos = unchecked(csPos[base + k]);
    const edge = unchecked(csEdge[base + k]);
    if (unchecked(dKind[base + k]) == DIR_TEMPORAL) {
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

/** Traffic of input tensor t from the level's buffer to all its sub-clusters in the current case. */
export function spatialIngress(lv: i32, t: i32): i64 {
  spatialInfo(lv, t, false);
  if (!spMapped) return peIngress(lv, t, true, false);
  const cs = unchecked(clusterSize[lv]);
  const ecs = unchecked(edgeClusters[lv]);
  if (!spEdge) return peIngress(lv, t, true, false) + <i64>(cs - 1) * peIngress(lv, t, false, false);
  const hasEdgeEdge = unchecked(csSpEdgeEdge[lv * MAXD + spDirective]);
  let r = ecs == 1 && hasEdgeEdge ? peIngress(lv, t, true, true) : peIngress(lv, t, true, false);
  if (ecs > 1) {
    const nEdgeEdge = hasEdgeEdge ? 1 : 0;
    let nFull = ecs - nEdgeEdge - 1;
    if (nFull < 0) nFull = 0;
    r += <i64>nFull * peIngress(lv, t, false, false);
    r += <i64>nEdgeEdge * peIngress(lv, t, false, true);
  }
  return r;
}

/** Output traffic from all sub-clusters up to the level's buffer in the current case. */
export function spatialEgress(lv: i32): i64 {
  spatialInfo(lv, OUT, false);
  if (!spMapped) return peEgress(lv, false, true, false, true);
  const cs = unchecked(clusterSize[lv]);
  const ecs = unchecked(edgeClusters[lv]);
  if (!spEdge) return peEgress(lv, false, true, false, true) + <i64>(cs - 1) * peEgress(lv, false, false, false, true);
  const hasEdgeEdge = unchecked(csSpEdgeEdge[lv * MAXD + spDirective]);
  let r = ecs == 1 && hasEdgeEdge ? peEgress(lv, false, true, true, true) : peEgress(lv, false, true, false, true);
  if (ecs > 1) {
    const nEdgeEdge = hasEdgeEdge ? 1 : 0;
    let nFull = ecs - nEdgeEdge - 1;
    if (nFull < 0) nFull = 0;
    r += <i64>nFull * peEgress(lv, false, false, false, true);
    r += <i64>nEdgeEdge * peEgress(lv, false, false, true, true);
  }
  return r;
}

/** Partial sums on the critical path (one sub-cluster) in the current case. */
export function criticalPathPsums(lv: i32): i64 {
  spatialInfo(lv, OUT, false);
  if (!spMapped || !spEdge) return peEgress(lv, true, true, false, true);
  const ecs = unchecked(edgeClusters[lv]);
  const hasEdgeEdge = unchecked(csSpEdgeEdge[lv * MAXD + spDirective]);
  return ecs == 1 && hasEdgeEdge ? peEgress(lv, true, true, true, true) : peEgress(lv, true, true, false, true);
}

/** Partial sums computed over all sub-clusters in the current case (MACs). */
export function psumMappingSize(lv: i32): i64 {
  spatialInfo(lv, OUT, true);
  const cs = unchecked(clusterSize[lv]);
  if (!spMapped || !spEdge) return <i64>cs * peEgress(lv, true, true, false, true);
  const ecs = unchecked(edgeClusters[lv]);
  const hasEdgeEdge = unchecked(csSpEdgeEdge[lv * MAXD + spDirective]);
  let r = ecs == 1 && hasEdgeEdge ? peEgress(lv, true, true, true, true) : peEgress(lv, true, true, false, true);
  if (ecs > 1) {
    const nEdgeEdge = hasEdgeEdge ? 1 : 0;
    let nFull = ecs - nEdgeEdge - 1;
    if (nFull < 0) nFull = 0;
    r += <i64>nFull * peEgress(lv, true, true, false, true);
    r += <i64>nEdgeEdge * peEgress(lv, true, false, true, false);
  }
  return r;
}

/** Elements of tensor t mapped on one sub-cluster (level's L1 tile; GetMappedVolume). */
export function mappedVolume(lv: i32, t: i32): i64 {
  let r: i64 = 1;
  const n = unchecked(tCount[t]);
  for (let i = 0; i < n; i++) r *= M(lv, unchecked(tVars[t * 6 + i]));
  return r;
}
