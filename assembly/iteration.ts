// Iteration cases of one cluster level: for every directive its Init / Steady / Edge states
// (with occurrence counts), the cases = all combinations in MAESTRO's enumeration order, and
// the tile (dimension table) a case hands to the sub-clusters.
import { boolAt, i32At, setBool, setI32 } from './slots';
import {
  DIM_R, DIM_S, DIM_X, DIM_XP, DIM_Y, DIM_YP, DIR_SPATIAL, DIR_TEMPORAL, ERR_CAPACITY, ERR_INT_OVERFLOW, ERR_MISSING_DIMENSION,
} from './layout';
import {
  cMask, cOverlap, csChanging, csEdge, csInited, csPos, csSpEdgeEdge, cSize, clusterSize, dKind,
  dAffect, dOfs, dSize, dStateOf, dVar, edgeClusters, fail, MAX_CASES, MAXD, MAXS, MAXU, ND, rMapped, rMappedEdge, stCount,
  stInitEdge, stOcc, stPos, stSpEdgeEdge, stUnrolled, tMask, uCount,
} from './state';
import { bit, isReference, pairBit } from './dims';

export const POS_INIT: i32 = 0;
export const POS_STEADY: i32 = 1;
export const POS_EDGE: i32 = 2;

/** Mixed-radix digits of (case - 1) of each level's enumeration. */
const odometer: usize = memory.data(MAXU * MAXD * 4, 16);
/** State slot (into st* arrays) each directive is in, in the current case. */
const ownState: usize = memory.data(MAXU * MAXD * 4, 16);
/** Per level: lowest odometer digit changed by the last step (directives from there on change state). */
const firstChanged: usize = memory.data(MAXU * 4, 16);
/** Per level: prefix products of the current case's state occurrence counts (MAESTRO's int). */
const occPre: usize = memory.data(MAXU * (MAXD + 1) * 4, 16);
/**
 * Per level, index j + 1 (j = -1 .. count-1): dimensions of the directives after j whose Init state
 * is not unrolled (set by buildStates).
 */
const initSuffix: usize = memory.data(MAXU * (MAXD + 1) * 4, 16);
/** Per level: bit k set when directive k of the current case is at an edge (csEdge). */
export const edgeBits: usize = memory.data(MAXU * 4, 16);
/** Per level: bit k set when directive k of the current case is not in its Init state. */
const movedBits: usize = memory.data(MAXU * 4, 16);
/** Per level: bit k set when directive k is a SpatialMap (set by buildStates). */
const spatialBits: usize = memory.data(MAXU * 4, 16);
/** Whether the current case of a level has every directive in its Init state. */
export const csAllInit: usize = memory.data(MAXU, 16);
/**
 * Per level: can a case's occurrence count (product of its states' counts) exceed 2^31-1, the
 * range of MAESTRO's int counter? Only then setCase() computes it with overflow detection.
 */
const occMayWrap: usize = memory.data(MAXU, 16);
/** Set by buildStates(): occurrences of all the level's cases together (f64, for bounds). */
export let levelOccurrences: f64 = 0;
/** Can a case of level lv have an occurrence count beyond 2^31-1? (Set by buildStates.) */
@inline export function levelMayWrap(lv: i32): bool {
  return boolAt(occMayWrap, lv);
}
/** Set by setCase() when levelMayWrap: the case's true occurrence count exceeds 2^31-1. */
export let occWrapped = false;
/** Set by setCase() when levelMayWrap: MAESTRO's (wrapped) int occurrence count of the case. */
export let occ32: i32 = 0;

const I32_MAX: i64 = 0x7fffffff;

/** Does the i64 value leave MAESTRO's int range? */
@inline function outOfInt(x: i64): bool {
  return x > I32_MAX || x < -I32_MAX - 1;
}

@inline function addState(s: i32, pos: i32, occ: i32, unrolled: bool, initEdge: bool, spEdgeEdge: bool): void {
  setI32(stPos, s, pos);
  setI32(stOcc, s, occ);
  setBool(stUnrolled, s, unrolled);
  setBool(stInitEdge, s, initEdge);
  setBool(stSpEdgeEdge, s, spEdgeEdge);
}

/**
 * Iteration states of level `lv`'s directives over the level's call table (cSize[lv]).
 * Returns the number of cases (0 with the error flag set on error).
 */
@inline export function buildStates(lv: i32): i32 {
  const base = lv * MAXD;
  const count = i32At(uCount, lv);
  const cs = i32At(clusterSize, lv);
  const mask = i32At(cMask, lv);
  let cases: i64 = 1;
  let maxOcc: i64 = 1; // product of each directive's largest state count, saturated above 2^31-1
  let total: f64 = 1;
  for (let k = 0; k < count; k++) {
    const v = i32At(dVar, base + k);
    if ((mask & bit(v)) == 0) {
      fail(ERR_MISSING_DIMENSION);
      return 0;
    }
    const dim = i32At(cSize, lv * ND + v);
    const m = i32At(dSize, base + k);
    const o = i32At(dOfs, base + k);
    const s0 = (base + k) * MAXS;
    let n = 0;
    let dirMax: i64 = 1; // largest occurrence count of the directive's states
    if (i32At(dKind, base + k) == DIR_TEMPORAL) {
      const initEdge = dim < m;
      addState(s0 + n++, POS_INIT, 1, dim <= m, initEdge, false);
      // No int overflow possible here: |steady * o| <= |dim - m| and both are ints >= 0.
      const steady = (dim - m) / o;
      if (m < dim && steady > 0) {
        addState(s0 + n++, POS_STEADY, steady, false, false, false);
        dirMax = <i64>steady;
      }
      if (!initEdge && steady * o + m < dim) addState(s0 + n++, POS_EDGE, 1, false, false, false);
    } else {
      // MAESTRO computes this in int (wrapping) arithmetic; compute it both ways and reject the
      // mapping if the wrap changes a decision (num_pes x offset beyond 2^31-1, etc.).
      const coverage = m + o * (cs - 1);
      const unrolled = dim <= coverage;
      const initEdge = dim < coverage;
      addState(s0 + n++, POS_INIT, 1, unrolled, initEdge, initEdge);
      const steady = ((dim - m) / o + 1) / cs - 1;
      const hasEdge =
        !unrolled && (steady + 1) * (o * cs) + coverage > dim && steady * (o * cs) + coverage != dim;
      if (coverage < dim && steady > 0) {
        addState(s0 + n++, POS_STEADY, steady, false, false, false);
        dirMax = <i64>steady;
      }
      const remaining = dim - (steady + 1) * o * cs;
      const active = remaining < m ? 1 : (remaining - m) / o + 1;
      const edgeEdge = (active - 1) * o + m < remaining;
      if (!initEdge && hasEdge) addState(s0 + n++, POS_EDGE, 1, false, false, edgeEdge);
      // Fast exit: every intermediate above is bounded by |dim| + m + 2 o cs + coverage.
      const bound = (dim < 0 ? -<i64>dim : <i64>dim) + 2 * <i64>m + 3 * <i64>o * <i64>cs;
      if (bound > I32_MAX && !spatialIntExact(dim, m, o, cs, unrolled, initEdge, hasEdge, edgeEdge)) {
        fail(ERR_INT_OVERFLOW);
        return 0;
      }
    }
    setI32(stCount, base + k, n);
    // All occurrences of all cases = product over directives of the states' counts
    // (n - 1 states of count 1 besides the largest one, dirMax).
    total *= <f64>(dirMax + <i64>(n - 1));
    // Saturated at 2^31: a product of two values <= 2^31 stays exact in i64.
    maxOcc *= dirMax;
    if (maxOcc > I32_MAX) maxOcc = I32_MAX + 1;
    cases *= n;
    if (cases > <i64>MAX_CASES) {
      fail(ERR_CAPACITY);
      return 0;
    }
  }
  setBool(occMayWrap, lv, maxOcc > I32_MAX);
  // Init-state suffix masks for setCase (slot 0 of a directive's states is its Init state).
  const pb = lv * (MAXD + 1);
  let suffix = 0;
  setI32(initSuffix, pb + count, 0);
  for (let k = count - 1; k >= 0; k--) {
    if (!boolAt(stUnrolled, (base + i32At(dStateOf, base + k)) * MAXS)) suffix |= bit(i32At(dVar, base + k));
    setI32(initSuffix, pb + k, suffix);
  }
  setI32(occPre, pb, 1);
  let spatial = 0;
  for (let k = 0; k < count; k++) if (i32At(dKind, base + k) == DIR_SPATIAL) spatial |= 1 << k;
  setI32(spatialBits, lv, spatial);
  levelOccurrences = total;
  return <i32>cases;
}

/**
 * Do MAESTRO's int (wrapping) computations of a SpatialMap's iteration states take the same
 * decisions as exact arithmetic? `unrolled`, `initEdge`, `hasEdge`, `edgeEdge` are the decisions
 * taken with wrapping i32 arithmetic (as MAESTRO); here they are recomputed exactly in i64.
 * (steady never overflows: it is a quotient of ints.)
 */
function spatialIntExact(dim32: i32, m32: i32, o32: i32, cs32: i32, unrolled: bool, initEdge: bool, hasEdge: bool, edgeEdge: bool): bool {
  const dim = <i64>dim32, m = <i64>m32, o = <i64>o32, cs = <i64>cs32;
  const coverage = m + o * (cs - 1);
  // Fast exit: nothing below leaves int range (all terms are bounded by these).
  if (!outOfInt(coverage) && !outOfInt(dim + m + o * cs * 2 + coverage)) return true;
  if ((dim <= coverage) != unrolled || (dim < coverage) != initEdge) return false;
  const steady = <i64>(((dim32 - m32) / o32 + 1) / cs32 - 1);
  const exactHasEdge = !unrolled && (steady + 1) * (o * cs) + coverage > dim && steady * (o * cs) + coverage != dim;
  if (exactHasEdge != hasEdge) return false;
  if (initEdge || !hasEdge) return true; // the edge state (and its edge-edge flag) is not used
  const remaining = dim - (steady + 1) * o * cs;
  const active = remaining < m ? 1 : (remaining - m) / o + 1;
  return ((active - 1) * o + m < remaining) == edgeEdge;
}

/**
 * Select case `c` of level `lv` (MAESTRO's order: case 0 is all-Init; case c > 0 puts directive k
 * in state ((c-1)/f_k mod n_k + 1) mod n_k, f_k = product of the state counts after k).
 * Cases must be selected in order 0, 1, 2, ... Returns the case's number of occurrences (exact,
 * saturated at 2^31; see occWrapped / occ32 for MAESTRO's int view of it).
 *
 * Incremental: from one case to the next only the directives from the odometer's lowest changed
 * digit on change state (and those sharing a dimension with them, see dAffect), so only they are
 * updated; the occurrence count is kept as prefix products.
 */
@inline export function setCase(lv: i32, c: i32): i64 {
  const base = lv * MAXD;
  const count = i32At(uCount, lv);
  let from = 0;
  if (c == 0) {
    for (let k = 0; k < count; k++) {
      setI32(odometer, base + k, 0);
      setI32(ownState, base + k, (base + k) * MAXS);
    }
  } else {
    // Directive k is in state (digit_k(c - 1) + 1) mod n_k, digit_k = mixed-radix digits of c-1
    // (last directive fastest); the odometer holds the digits of c-1 and is advanced after use.
    from = i32At(firstChanged, lv);
    for (let k = from; k < count; k++) {
      const n = i32At(stCount, base + k);
      let idx = i32At(odometer, base + k) + 1;
      if (idx == n) idx = 0;
      setI32(ownState, base + k, (base + k) * MAXS + idx);
    }
  }
  // Advance the odometer to the digits of c; the next case recomputes from the lowest changed one.
  let low = 0;
  if (c > 0) {
    for (let k = count - 1; k >= 0; k--) {
      const d = i32At(odometer, base + k) + 1;
      if (d < i32At(stCount, base + k)) {
        setI32(odometer, base + k, d);
        low = k;
        break;
      }
      setI32(odometer, base + k, 0);
    }
  }
  setI32(firstChanged, lv, low);
  // MAESTRO's int product (wrapping like it), as prefix products: occPre[k] = states 0..k-1.
  const pb = lv * (MAXD + 1);
  let occ: i32 = i32At(occPre, pb + from);
  for (let k = from; k < count; k++) {
    occ *= i32At(stOcc, i32At(ownState, base + k));
    setI32(occPre, pb + k + 1, occ);
  }
  // MAESTRO's count is an int: `occ` wrapped like it. Only when the level's largest possible
  // count exceeds 2^31-1 is the exact count computed (saturated at 2^31) to detect the wrap;
  // occWrapped / occ32 are only meaningful then (see levelMayWrap).
  let exact: i64 = <i64>occ;
  if (boolAt(occMayWrap, lv)) {
    occ32 = occ;
    occWrapped = false;
    exact = 1;
    for (let k = 0; k < count; k++) {
      exact *= <i64>i32At(stOcc, i32At(ownState, base + k));
      if (exact > I32_MAX) {
        exact = I32_MAX + 1;
        occWrapped = true;
      }
    }
  }
  // States are looked up by dimension: a dimension mapped twice uses its last directive's state.
  const first = c == 0 ? 0 : i32At(dAffect, base + from);
  const kept = (1 << first) - 1;
  let edges = i32At(edgeBits, lv) & kept;
  let moved = i32At(movedBits, lv) & kept;
  for (let k = first; k < count; k++) {
    const s = i32At(ownState, base + i32At(dStateOf, base + k));
    const pos = i32At(stPos, s);
    const edge = pos == POS_EDGE || boolAt(stInitEdge, s);
    setI32(csPos, base + k, pos);
    setBool(csEdge, base + k, edge);
    setBool(csSpEdgeEdge, base + k, boolAt(stSpEdgeEdge, s));
    if (edge) edges |= 1 << k;
    if (pos != POS_INIT) moved |= 1 << k;
  }
  setI32(edgeBits, lv, edges);
  setI32(movedBits, lv, moved);
  // The innermost directive not in its Init state (-1: none).
  const changing = 31 - clz(moved);
  setI32(csChanging, lv, changing);
  setBool(csAllInit, lv, changing < 0);
  // Per input tensor: is a later directive of one of its dimensions Init and not unrolled? Every
  // directive after `changing` is Init, so that is a suffix mask of the level (see buildStates).
  const seen = i32At(initSuffix, pb + changing + 1);
  setBool(csInited, lv * 2, (seen & i32At(tMask, 0)) != 0);
  setBool(csInited, lv * 2 + 1, (seen & i32At(tMask, 1)) != 0);
  return exact;
}

/**
 * Signature of the tile subClusterTable(lv, edgeEdge) would build: bit k set when directive k
 * hands its edge mapping size to the sub-clusters (equal signatures give equal tiles). A
 * TemporalMap does so at its edge; a SpatialMap at its edge (pos Edge, or an Init state that
 * already runs past the dimension) only when the edge step has one sub-cluster or for the
 * edge-edge sub-cluster. (csEdge of a SpatialMap is exactly "pos Edge or Init past the end".)
 */
@inline export function tileSignature(lv: i32, edgeEdge: bool): i32 {
  const sig = i32At(edgeBits, lv);
  return edgeEdge || i32At(edgeClusters, lv) == 1 ? sig : sig & ~i32At(spatialBits, lv);
}

/**
 * The tile the current case of level `lv` hands to its sub-clusters, written as the call table
 * of level lv+1. `edgeEdge`: the tile of the last, partially covered, sub-cluster of a spatial edge.
 */
export function subClusterTable(lv: i32, edgeEdge: bool): bool {
  const base = lv * MAXD;
  const count = i32At(uCount, lv);
  const sig = tileSignature(lv, edgeEdge);
  const nb = (lv + 1) * ND;
  let mask = 0;
  let overlap = 0;
  for (let d = 0; d < ND; d++) setI32(cSize, nb + d, 0);
  for (let k = 0; k < count; k++) {
    const v = i32At(dVar, base + k);
    const useEdge = (sig & (1 << k)) != 0;
    if ((mask & bit(v)) == 0) {
      setI32(cSize, nb + v, useEdge ? i32At(rMappedEdge, lv * ND + v) : i32At(rMapped, lv * ND + v));
      mask |= bit(v);
    }
  }
  for (let k = 0; k < count; k++) {
    const v = i32At(dVar, base + k);
    if (v == DIM_Y || v == DIM_X) {
      const w = v == DIM_Y ? DIM_R : DIM_S;
      const o = v == DIM_Y ? DIM_YP : DIM_XP;
      if ((mask & bit(w)) == 0) {
        fail(ERR_MISSING_DIMENSION);
        return false;
      }
      if ((mask & bit(o)) == 0) {
        setI32(cSize, nb + o, i32At(cSize, nb + v) - i32At(cSize, nb + w) + 1);
        mask |= bit(o);
      }
    }
    if (isReference(v, i32At(cOverlap, 0))) overlap |= pairBit(v);
  }
  setI32(cMask, lv + 1, mask);
  setI32(cOverlap, lv + 1, overlap);
  return true;
}
