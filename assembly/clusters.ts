// Cluster analysis: splits the dataflow at its Cluster directives into cluster levels (units)
// and completes each level's dataflow the way MAESTRO does:
//   - output-dimension directives (Y', X') become input-centric (Y, X with the window added),
//   - directives missing at a level are inherited from the level above (as TemporalMaps, in
//     reverse order, at the front), input-tensor dimensions still missing are fully unrolled
//     (appended, alphabetical order),
//   - strided sliding dimensions get their mapping size/offset adjusted (ApplyOuterStride),
//   - each level's tile (static dimension table) is min(mapping size, dimension size) of the
//     level above.
// It also computes each level's number of sub-clusters, the number of active sub-clusters at a
// spatial edge step, and the reuse analysis' mapping sizes.
import { i32At, setBool, setI32 } from './slots';
import {
  DESC_DIRECTIVES, DESC_NUM_DIRECTIVES, DIRECTIVE_DIM_SCALE, DIRECTIVE_KIND_DIM, DIRECTIVE_OFFSET, DIRECTIVE_SIZE,
  DIRECTIVE_SLOTS, DIR_CLUSTER, DIR_SPATIAL, DIR_TEMPORAL, DIM_R, DIM_S, DIM_X, DIM_XP, DIM_Y, DIM_YP,
  ERR_BAD_DIRECTIVE, ERR_CAPACITY, ERR_CLUSTER_TOO_LARGE, ERR_LEVEL_DIRECTIVES, ERR_INT_OVERFLOW, ERR_MISSING_DIMENSION, ERR_NO_SPATIAL_MAP,
  ERR_TOO_MANY_SPATIAL_MAPS, ERR_UNDEFINED_BEHAVIOUR, MAX_DIRECTIVES,
} from './layout';
import {
  clusterSize, dKind, dOfs, dSize, dVar, edgeClusters, fail, fullSize, fullStride, MAXD, MAXU, ND,
  dAffect, dStateOf, tDirBits, tDirList, tDirN, spDirT, spEdgeMask, spMappedT, tCount, tVars, rMapped, rMappedEdge, rUnique, rUniqueEdge, sMask, spFirst, sSize, sStride, tMask, uCount, varDir,
} from './state';
import { bit, convLike, counterpart, fullMask, isReference, tensorsId } from './dims';
import { computeStaticBounds } from './bounds';

/** Number of cluster levels of the current layer. */
export let numUnits: i32 = 0;
/** Product of the Cluster sizes of the current layer's dataflow. */
let uppermostSize: i32 = 1;

// Own directives of the level being built (before completion).
const ownKind: usize = memory.data(MAX_DIRECTIVES * 4, 16);
const ownSize: usize = memory.data(MAX_DIRECTIVES * 4, 16);
const ownOfs: usize = memory.data(MAX_DIRECTIVES * 4, 16);
const ownVar: usize = memory.data(MAX_DIRECTIVES * 4, 16);
// Indices of the upper directives a level inherits.
const inhIdx: usize = memory.data(MAXD * 4, 16);
// Cluster directive sizes, outermost first.
const clSizes: usize = memory.data((MAX_DIRECTIVES + 1) * 4, 16);

@inline function dir(desc: usize, j: i32, slot: i32): i32 {
  return load<i32>(desc + (<usize>(DESC_DIRECTIVES + j * DIRECTIVE_SLOTS + slot) << 2));
}

/** Kind (DIR_*) of directive j (layout.ts: DIRECTIVE_KIND_DIM). */
@inline function kindOf(desc: usize, j: i32): i32 {
  return dir(desc, j, DIRECTIVE_KIND_DIM) & (DIRECTIVE_DIM_SCALE - 1);
}

/** Dimension index (DIM_*) of directive j, -1 for a Cluster directive (layout.ts: DIRECTIVE_KIND_DIM). */
@inline function dimOf(desc: usize, j: i32): i32 {
  const head = dir(desc, j, DIRECTIVE_KIND_DIM);
  return (head - (head & (DIRECTIVE_DIM_SCALE - 1))) / DIRECTIVE_DIM_SCALE - 1;
}

@inline function min32(a: i32, b: i32): i32 {
  return a < b ? a : b;
}
@inline function max32(a: i32, b: i32): i32 {
  return a > b ? a : b;
}

const I32_MAX: i64 = 0x7fffffff;

/** Does the i64 value leave MAESTRO's int range? */
@inline function outOfInt(x: i64): bool {
  return x > I32_MAX || x < -I32_MAX - 1;
}

/**
 * Analyse the clusters of the current layer's dataflow (descriptor `desc`) on `numPes` PEs.
 * Returns false with the error flag set when MAESTRO rejects / crashes on it.
 */
export function buildClusters(desc: usize, numPes: i32): bool {
  const n = load<i32>(desc + (<usize>DESC_NUM_DIRECTIVES << 2));
  if (n < 0 || n > MAX_DIRECTIVES) {
    fail(ERR_CAPACITY);
    return false;
  }
  // Cluster structure.
  let numClusters = 0;
  let uppermost = 1;
  let last = numPes;
  for (let j = 0; j < n; j++) {
    if (kindOf(desc, j) == DIR_CLUSTER) {
      const size = dir(desc, j, DIRECTIVE_SIZE);
      if (size < 1) { fail(ERR_BAD_DIRECTIVE); return false; }
      setI32(clSizes, numClusters, size);
      numClusters++;
      // MAESTRO's int product; beyond 2^31-1 it exceeds any num_pes (the clusters cannot fit).
      if (<i64>uppermost * <i64>size > I32_MAX) { fail(ERR_CLUSTER_TOO_LARGE); return false; }
      uppermost *= size;
      last = size;
    } else {
      const k = kindOf(desc, j);
      const v = dimOf(desc, j);
      if ((k != DIR_TEMPORAL && k != DIR_SPATIAL) || v < 0 || v >= ND) { fail(ERR_BAD_DIRECTIVE); return false; }
      if (dir(desc, j, DIRECTIVE_SIZE) < 1 || dir(desc, j, DIRECTIVE_OFFSET) < 1) { fail(ERR_BAD_DIRECTIVE); return false; }
    }
  }
  // MAESTRO builds 4 NoCs: more than 3 Cluster directives has no NoC (error / crash).
  if (numClusters >= MAXU) { fail(ERR_CAPACITY); return false; }
  setI32(clSizes, numClusters, last); // the implicit innermost Cluster directive
  numUnits = numClusters + 1;
  if (uppermost <= 0) { fail(ERR_CLUSTER_TOO_LARGE); return false; }
  uppermostSize = uppermost;
  const numUnitClusters = uppermost * (numPes / uppermost);

  const inputVars = i32At(tMask, 0) | i32At(tMask, 1);
  let j = 0; // position in the descriptor's directive list
  for (let u = 0; u < numUnits; u++) {
    // Static dimension table of this level.
    if (u == 0) {
      for (let d = 0; d < ND; d++) {
        setI32(sSize, d, i32At(fullSize, d));
        setI32(sStride, d, i32At(fullStride, d));
      }
      setI32(sMask, 0, fullMask);
    }
    // Own directives up to the next Cluster directive.
    let own = 0;
    while (j < n && kindOf(desc, j) != DIR_CLUSTER) {
      setI32(ownKind, own, kindOf(desc, j));
      setI32(ownSize, own, dir(desc, j, DIRECTIVE_SIZE));
      setI32(ownOfs, own, dir(desc, j, DIRECTIVE_OFFSET));
      setI32(ownVar, own, dimOf(desc, j));
      own++;
      j++;
    }
    j++; // skip the Cluster directive
    if (!toInputCentric(own)) return false;
    if (!completeDataflow(u, own, inputVars)) return false;
    if (!applyOuterStride(u)) return false;
    // Sub-cluster count of this level.
    const cs = u == 0 ? numUnitClusters / uppermost : i32At(clSizes, u - 1);
    setI32(clusterSize, u, cs);
    if (!checkLevel(u)) return false;
    if (!remainingPrimes(u)) return false;
    if (cs <= 0) { fail(ERR_CLUSTER_TOO_LARGE); return false; }
    if (!spatialEdgeClusters(u)) return false;
    spatialTensorInfo(u);
    if (!mappingSizes(u)) return false;
    if (!lowerDimensions(u, inputVars)) return false;
  }
  computeStaticBounds(numUnits);
  return true;
}

/**
 * Re-target a successfully built layer to another PE count: only the top level's sub-cluster
 * count and spatial-edge cluster count depend on num_pes.
 */
export function retargetPes(numPes: i32): bool {
  const cs = (uppermostSize * (numPes / uppermostSize)) / uppermostSize;
  setI32(clusterSize, 0, cs);
  if (cs <= 0) {
    fail(ERR_CLUSTER_TOO_LARGE);
    return false;
  }
  return spatialEdgeClusters(0);
}

/**
 * Output-dimension directives become input-centric, step 1 (MAESTRO's ClusterAnalysis, on the
 * level's own directives): if the level maps X' but not X, its first X' directive becomes X with
 * the size (last X' size + last S size - 1); same for Y' / Y / R. A level that maps X' without S
 * (or Y' without R) makes MAESTRO read an uninitialised size (its results then vary from run to
 * run): rejected.
 */
function toInputCentric(own: i32): bool {
  let hasX = false, hasY = false, hasXp = false, hasYp = false, hasR = false, hasS = false;
  let xp = 0, yp = 0, r = 0, s = 0;
  for (let k = 0; k < own; k++) {
    const v = i32At(ownVar, k);
    const size = i32At(ownSize, k);
    if (v == DIM_X) hasX = true;
    else if (v == DIM_Y) hasY = true;
    else if (v == DIM_XP) { hasXp = true; xp = size; }
    else if (v == DIM_YP) { hasYp = true; yp = size; }
    else if (v == DIM_R) { hasR = true; r = size; }
    else if (v == DIM_S) { hasS = true; s = size; }
  }
  if ((!hasX && hasXp && !hasS) || (!hasY && hasYp && !hasR)) {
    fail(ERR_UNDEFINED_BEHAVIOUR);
    return false;
  }
  let doneX = hasX || !hasXp;
  let doneY = hasY || !hasYp;
  // MAESTRO's int sums below must not wrap (the size would be garbage).
  if ((!doneX && outOfInt(<i64>xp + <i64>s - 1)) || (!doneY && outOfInt(<i64>yp + <i64>r - 1))) {
    fail(ERR_INT_OVERFLOW);
    return false;
  }
  for (let k = 0; k < own; k++) {
    const v = i32At(ownVar, k);
    if (v == DIM_XP && !doneX) {
      setI32(ownVar, k, DIM_X);
      setI32(ownSize, k, xp + s - 1);
      doneX = true;
    } else if (v == DIM_YP && !doneY) {
      setI32(ownVar, k, DIM_Y);
      setI32(ownSize, k, yp + r - 1);
      doneY = true;
    }
  }
  return true;
}

/**
 * Step 2 (MAESTRO's ClusterUnit, on the completed dataflow of level u): every remaining X' / Y'
 * directive becomes X / Y, its size grown by (last S size - 1) / (last R size - 1, R size 0 when
 * the level maps no R). Remaining X' with no S at the level: uninitialised size, rejected.
 */
function remainingPrimes(u: i32): bool {
  const base = u * MAXD;
  const count = i32At(uCount, u);
  let hasS = false, anyXp = false, anyPrime = false;
  let s = 0, r = 0;
  for (let k = 0; k < count; k++) {
    const v = i32At(dVar, base + k);
    if (v == DIM_S) { hasS = true; s = i32At(dSize, base + k); }
    else if (v == DIM_R) r = i32At(dSize, base + k);
    else if (v == DIM_XP) { anyXp = true; anyPrime = true; }
    else if (v == DIM_YP) anyPrime = true;
  }
  if (!anyPrime) return true;
  if (anyXp && !hasS) {
    fail(ERR_UNDEFINED_BEHAVIOUR);
    return false;
  }
  for (let k = 0; k < count; k++) {
    const v = i32At(dVar, base + k);
    const grow: i64 = v == DIM_XP ? <i64>s - 1 : v == DIM_YP ? <i64>r - 1 : 0;
    if (outOfInt(<i64>i32At(dSize, base + k) + grow)) {
      fail(ERR_INT_OVERFLOW);
      return false;
    }
  }
  for (let k = 0; k < count; k++) {
    const v = i32At(dVar, base + k);
    if (v == DIM_XP) {
      setI32(dVar, base + k, DIM_X);
      setI32(dSize, base + k, i32At(dSize, base + k) + s - 1);
    } else if (v == DIM_YP) {
      setI32(dVar, base + k, DIM_Y);
      setI32(dSize, base + k, i32At(dSize, base + k) + r - 1);
    }
  }
  indexDataflow(u);
  return true;
}

/** Final dataflow of level u: inherited directives (front), own, unrolled input-tensor dims (back). */
function completeDataflow(u: i32, own: i32, inputVars: i32): bool {
  const base = u * MAXD;
  // A dimension may be mapped twice at a level (MAESTRO's own rs dataflows do).
  let ownMask = 0;
  for (let k = 0; k < own; k++) ownMask |= bit(i32At(ownVar, k));
  let count = 0;
  // Inherited: upper directives whose dimension this level does not map, each inserted at the
  // front in the upper order (so they end up reversed); a dimension is inherited once.
  if (u > 0) {
    const ub = (u - 1) * MAXD;
    const un = i32At(uCount, u - 1);
    let seen = ownMask;
    let inherited = 0;
    for (let k = 0; k < un; k++) {
      const v = i32At(dVar, ub + k);
      if ((seen & bit(v)) != 0) continue;
      seen |= bit(v);
      setI32(inhIdx, inherited++, k);
    }
    if (inherited + own > MAXD) { fail(ERR_LEVEL_DIRECTIVES); return false; }
    for (let i = inherited - 1; i >= 0; i--) {
      const k = i32At(inhIdx, i);
      setI32(dKind, base + count, DIR_TEMPORAL);
      setI32(dSize, base + count, i32At(dSize, ub + k));
      setI32(dOfs, base + count, i32At(dOfs, ub + k));
      setI32(dVar, base + count, i32At(dVar, ub + k));
      count++;
    }
  }
  if (count + own > MAXD) { fail(ERR_LEVEL_DIRECTIVES); return false; }
  for (let k = 0; k < own; k++) {
    setI32(dKind, base + count, i32At(ownKind, k));
    setI32(dSize, base + count, i32At(ownSize, k));
    setI32(dOfs, base + count, i32At(ownOfs, k));
    setI32(dVar, base + count, i32At(ownVar, k));
    count++;
  }
  let mapped = 0;
  for (let k = 0; k < count; k++) mapped |= bit(i32At(dVar, base + k));
  // Unrolled: input-tensor dimensions of this level's table that no directive maps.
  const smask = i32At(sMask, u);
  for (let v = 0; v < ND; v++) {
    const b = bit(v);
    if ((inputVars & b) == 0 || (mapped & b) != 0 || (smask & b) == 0) continue;
    if (count >= MAXD) { fail(ERR_LEVEL_DIRECTIVES); return false; }
    const size = i32At(sSize, u * ND + v);
    setI32(dKind, base + count, DIR_TEMPORAL);
    setI32(dSize, base + count, size);
    setI32(dOfs, base + count, size);
    setI32(dVar, base + count, v);
    mapped |= b;
    count++;
  }
  setI32(uCount, u, count);
  indexDataflow(u);
  return true;
}

// Structure memo: varDir / dStateOf / dAffect depend only on the level's dimension list, and the
// spatial tensor info only on that list, the directive kinds and the layer's tensors. Consecutive
// layers of a batch usually share their dataflow's structure: when the key of a level equals the
// one its tables were computed for, they are kept (sizes never enter these tables).
const keyCount: usize = memory.data(MAXU * 4, 16);
const keyVar: usize = memory.data(MAXU * MAXD * 4, 16);
const keyKind: usize = memory.data(MAXU * MAXD * 4, 16);
const keyTensors: usize = memory.data(MAXU * 4, 16);
/** Per level: the index tables match keyVar (1), the spatial tables also keyKind / keyTensors (2). */
const keyState: usize = memory.data(MAXU * 4, 16);

/** Do the n entries of the i32 blocks a and b from index `base` on agree? */
function sameList(a: usize, b: usize, base: i32, n: i32): bool {
  for (let k = 0; k < n; k++) if (i32At(a, base + k) != i32At(b, base + k)) return false;
  return true;
}

/** Copy n i32 entries from block src to block dst, from index `base` on. */
function copyList(dst: usize, src: usize, base: i32, n: i32): void {
  for (let k = 0; k < n; k++) setI32(dst, base + k, i32At(src, base + k));
}

/** varDir (first directive of each dimension) and dStateOf (last directive of its dimension). */
function indexDataflow(u: i32): void {
  const base = u * MAXD;
  const count = i32At(uCount, u);
  if (i32At(keyState, u) > 0 && i32At(keyCount, u) == count && sameList(keyVar, dVar, base, count)) return;
  setI32(keyState, u, 1);
  setI32(keyCount, u, count);
  copyList(keyVar, dVar, base, count);
  for (let v = 0; v < ND; v++) setI32(varDir, u * ND + v, -1);
  for (let k = count - 1; k >= 0; k--) setI32(varDir, u * ND + i32At(dVar, base + k), k);
  for (let k = 0; k < count; k++) {
    const v = i32At(dVar, base + k);
    let last = k;
    for (let k2 = k + 1; k2 < count; k2++) if (i32At(dVar, base + k2) == v) last = k2;
    setI32(dStateOf, base + k, last);
  }
  for (let p = 0; p < count; p++) {
    let a = p;
    for (let k = 0; k < p; k++) {
      if (i32At(dStateOf, base + k) >= p) {
        a = k;
        break;
      }
    }
    setI32(dAffect, base + p, a);
  }
}

/**
 * Strided X / Y mappings: MAESTRO rescales the mapping to the strided window (ApplyOuterStride).
 * Returns false (ERR_INT_OVERFLOW) when MAESTRO's int arithmetic wraps here.
 */
function applyOuterStride(u: i32): bool {
  if (!convLike) return true;
  const base = u * MAXD;
  const count = i32At(uCount, u);
  const smask = i32At(sMask, u);
  for (let k = 0; k < count; k++) {
    const v = i32At(dVar, base + k);
    if (!isReference(v, 3) || (smask & bit(v)) == 0) continue;
    const stride = i32At(sStride, u * ND + v);
    if (stride == 1) continue;
    const size = i32At(dSize, base + k);
    const window = i32At(fullSize, counterpart(v));
    if (size < window) continue;
    const outMap = (size + stride - window) / stride;
    // MAESTRO writes the adjusted mapping into the FIRST directive of that dimension.
    const first = base + i32At(varDir, u * ND + v);
    const newSize = outMap * min32(stride, window) + max32(window - stride, 0);
    const newOfs = u != 0 && window < stride ? outMap * window : outMap * stride;
    // Exact (i64) check of MAESTRO's int arithmetic (sizes, strides and windows are >= 1 here).
    const exactOut = (<i64>size + <i64>stride - <i64>window) / <i64>stride;
    const exactSize = exactOut * <i64>min32(stride, window) + <i64>max32(window - stride, 0);
    const exactOfs = u != 0 && window < stride ? exactOut * <i64>window : exactOut * <i64>stride;
    if (exactSize != <i64>newSize || exactOfs != <i64>newOfs) {
      fail(ERR_INT_OVERFLOW);
      return false;
    }
    setI32(dSize, first, newSize);
    setI32(dOfs, first, newOfs);
  }
  return true;
}

/** Checks MAESTRO's ClusterUnit makes: every mapped dim exists; one or two SpatialMaps. */
function checkLevel(u: i32): bool {
  const base = u * MAXD;
  const count = i32At(uCount, u);
  const smask = i32At(sMask, u);
  let spatial = 0;
  let first = -1;
  for (let k = 0; k < count; k++) {
    if ((smask & bit(i32At(dVar, base + k))) == 0) { fail(ERR_MISSING_DIMENSION); return false; }
    if (i32At(dKind, base + k) == DIR_SPATIAL) {
      if (first < 0) first = k;
      spatial++;
    }
  }
  if (spatial == 0) { fail(ERR_NO_SPATIAL_MAP); return false; }
  if (spatial > 2) { fail(ERR_TOO_MANY_SPATIAL_MAPS); return false; }
  setI32(spFirst, u, first);
  return true;
}

function addEdgeDir(key: i32, k: i32): void {
  setI32(spEdgeMask, key, i32At(spEdgeMask, key) | (1 << k));
}

/**
 * Which SpatialMaps make each tensor spatially mapped at level u (MAESTRO looks each coupled
 * dimension up with FindDirective; for partial sums it also scans every SpatialMap).
 */
function spatialTensorInfo(u: i32): void {
  const base = u * MAXD;
  const count0 = i32At(uCount, u);
  if (i32At(keyState, u) == 2 && i32At(keyTensors, u) == tensorsId && sameList(keyKind, dKind, base, count0)) return;
  setI32(keyState, u, 2);
  setI32(keyTensors, u, tensorsId);
  copyList(keyKind, dKind, base, count0);
  // Directive lists per tensor (coupled), and the output's non-coupled (reduction) directives.
  for (let t = 0; t < 4; t++) {
    const m = i32At(tMask, t < 3 ? t : 2);
    let n = 0;
    let bits = 0;
    for (let k = 0; k < count0; k++) {
      const coupled = (m & bit(i32At(dVar, base + k))) != 0;
      if (coupled == (t < 3)) {
        setI32(tDirList, (u * 4 + t) * MAXD + n++, k);
        bits |= 1 << k;
      }
    }
    setI32(tDirN, u * 4 + t, n);
    setI32(tDirBits, u * 4 + t, bits);
  }
  for (let key4 = 0; key4 < 4; key4++) {
    const key = u * 4 + key4;
    const t = key4 == 3 ? 2 : key4;
    let mapped = false;
    let last = -1;
    setI32(spEdgeMask, key, 0);
    const n = i32At(tCount, t);
    for (let i = 0; i < n; i++) {
      const k = i32At(varDir, u * ND + i32At(tVars, t * 6 + i));
      if (k >= 0 && i32At(dKind, base + k) == DIR_SPATIAL) {
        mapped = true;
        last = k;
        addEdgeDir(key, k);
      }
    }
    if (key4 == 3) {
      for (let k = 0; k < count0; k++) {
        if (i32At(dKind, base + k) == DIR_SPATIAL) {
          mapped = true;
          last = k;
          addEdgeDir(key, k);
        }
      }
    }
    setBool(spMappedT, key, mapped);
    setI32(spDirT, key, last);
  }
}

/**
 * Active sub-clusters in a spatial edge step (ClusterUnit's num_spatial_edge_clusters). MAESTRO
 * computes it in int arithmetic: when that wraps and changes the count, returns false
 * (ERR_INT_OVERFLOW).
 */
function spatialEdgeClusters(u: i32): bool {
  const k = u * MAXD + i32At(spFirst, u);
  const dim = i32At(sSize, u * ND + i32At(dVar, k));
  const size = i32At(dSize, k);
  const ofs = i32At(dOfs, k);
  const cs = i32At(clusterSize, u);
  const edge = edgeClusterCount<i32>(dim, size, ofs, cs);
  setI32(edgeClusters, u, edge);
  // Every intermediate below is bounded by |dim| + |size| + 2 * ofs * cs.
  if (outOfInt(<i64>dim + <i64>size + 2 * <i64>ofs * <i64>cs)) {
    if (<i64>edge != edgeClusterCount<i64>(<i64>dim, <i64>size, <i64>ofs, <i64>cs)) {
      fail(ERR_INT_OVERFLOW);
      return false;
    }
  }
  return true;
}

/**
 * spatialEdgeClusters: sub-clusters active at the SpatialMap's edge step. Instantiated with i32
 * (MAESTRO's wrapping `int` arithmetic) and with i64 (exact), to detect a wrap.
 */
function edgeClusterCount<T extends number>(dim: T, size: T, ofs: T, cs: T): T {
  const one = <T>1;
  const fullCoverage: T = ofs * (cs - one) + size;
  let edge: T = one;
  if (dim > fullCoverage) {
    const steady: T = ((dim - size) / ofs + one) / cs - one;
    const remaining: T = dim - (steady + one) * ofs * cs;
    edge = remaining < size ? one : (remaining - size) / ofs + one;
  } else if (dim > size) {
    edge = (dim - size) / ofs + one;
    if (ofs * (edge - one) + size < dim) edge++;
  }
  if (dim <= size) edge = one;
  return edge;
}

/**
 * Reuse analysis mapping sizes of level u: mapped / unique elements, steady and edge. Returns
 * false (ERR_INT_OVERFLOW) when MAESTRO's int arithmetic wraps and changes an edge size.
 */
function mappingSizes(u: i32): bool {
  const b = u * ND;
  for (let d = 0; d < ND; d++) {
    setI32(rMapped, b + d, 0);
    setI32(rUnique, b + d, 0);
    setI32(rMappedEdge, b + d, 0);
    setI32(rUniqueEdge, b + d, 0);
  }
  const base = u * MAXD;
  const count = i32At(uCount, u);
  for (let k = 0; k < count; k++) {
    const v = i32At(dVar, base + k);
    const size = i32At(dSize, base + k);
    const ofs = i32At(dOfs, base + k);
    const dim = i32At(sSize, b + v);
    let steady = (dim - size) / ofs;
    if (steady < 0) steady = 0;
    const hasEdge = steady * ofs + size < dim || size > dim;
    setI32(rMapped, b + v, size);
    setI32(rUnique, b + v, min32(size, ofs));
    if (i32At(dKind, base + k) == DIR_TEMPORAL && dim <= size) setI32(rUnique, b + v, 0);
    let edgeSize = dim - (steady + 1) * ofs;
    if (edgeSize < 0) edgeSize = dim;
    const outOfBound = size - edgeSize;
    const uniqueEdge = max32(ofs - outOfBound, 0);
    setI32(rMappedEdge, b + v, hasEdge ? edgeSize : size);
    setI32(rUniqueEdge, b + v, uniqueEdge);
    // Intermediates are bounded by |dim| + 2 * |size| + 2 * ofs (steady * ofs <= |dim - size|).
    if (outOfInt(<i64>dim + 2 * <i64>size + 2 * <i64>ofs)) {
      let exactEdge = <i64>dim - (<i64>steady + 1) * <i64>ofs;
      if (exactEdge < 0) exactEdge = <i64>dim;
      let exactUnique = <i64>ofs - (<i64>size - exactEdge);
      if (exactUnique < 0) exactUnique = 0;
      if ((hasEdge && exactEdge != <i64>edgeSize) || exactUnique != <i64>uniqueEdge) {
        fail(ERR_INT_OVERFLOW);
        return false;
      }
    }
  }
  if (!convLike) return true;
  for (let k = 0; k < count; k++) {
    const v = i32At(dVar, base + k);
    if (!isReference(v, 3)) continue;
    const w = counterpart(v);
    const o = v == DIM_Y ? DIM_YP : DIM_XP;
    const size = i32At(dSize, base + k);
    const ofs = i32At(dOfs, base + k);
    setI32(rMapped, b + o, i32At(rMapped, b + v) - i32At(rMapped, b + w) + 1);
    setI32(rUnique, b + o, min32(ofs, size));
    const me = i32At(rMappedEdge, b + v) - i32At(rMappedEdge, b + w) + 1;
    setI32(rMappedEdge, b + o, me);
    setI32(rUniqueEdge, b + o, min32(ofs, me));
  }
  return true;
}

/** Static table of level u+1: input-tensor dims, size min(mapping size at u, size at u). */
function lowerDimensions(u: i32, inputVars: i32): bool {
  const next = u + 1;
  const store = next < numUnits;
  let mask = 0;
  for (let v = 0; v < ND; v++) {
    if ((inputVars & bit(v)) == 0) continue;
    const k = i32At(varDir, u * ND + v);
    if (k < 0 || (i32At(sMask, u) & bit(v)) == 0) { fail(ERR_MISSING_DIMENSION); return false; }
    if (!store) continue;
    setI32(sSize, next * ND + v, min32(i32At(dSize, u * MAXD + k), i32At(sSize, u * ND + v)));
    setI32(sStride, next * ND + v, i32At(sStride, u * ND + v));
    mask |= bit(v);
  }
  if (store) setI32(sMask, next, mask);
  return true;
}
