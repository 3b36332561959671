// Working state of one evaluation. All buffers are allocated once at module start;
// evaluating a layer only overwrites them (no allocation on the hot path).
//
// Index conventions:
//   dimension-indexed arrays: [d] or [unit * ND + d]      (d = DIM_* of layout.ts)
//   directive-indexed arrays: [unit * MAXD + j]           (j = position in the unit's dataflow)
//   "unit" = cluster level, 0 = top (outermost) ... numUnits-1 = innermost.
import { NUM_DIMS } from './layout';

export const ND: i32 = NUM_DIMS;
/** Max cluster units (MAESTRO has NoCs for at most 3 Cluster directives => 4 levels). */
export const MAXU: i32 = 4;
/** Max directives in one cluster level after inheritance/unrolling. */
export const MAXD: i32 = 24;
/** Iteration states per directive (Init, Steady, Edge). */
export const MAXS: i32 = 3;
/** Max iteration cases of one level (product of states). */
export const MAX_CASES: i32 = 1 << 22;
/** Sub-cluster results cached per level (identical sub-cluster tiles give identical results). */
export const CACHE: i32 = 32;

// ---- error flag ---------------------------------------------------------------------------
let errCode: i32 = 0;
export function fail(code: i32): void {
  if (errCode == 0) errCode = code;
}
export function err(): i32 {
  return errCode;
}
export function clearErr(): void {
  errCode = 0;
}

// ---- layer --------------------------------------------------------------------------------
/** Full (top-level) dimension table: sizes, outer strides, presence bit mask. */
export const fullSize = new StaticArray<i32>(NUM_DIMS);
export const fullStride = new StaticArray<i32>(NUM_DIMS);
/** Declared dimension sizes (0 = not declared), for the pixel counts. */
export const declSize = new StaticArray<i32>(NUM_DIMS);
/** Tensors 0 input, 1 weight, 2 output: coupled dims in MAESTRO's list order, count, bit mask. */
export const tVars = new StaticArray<i32>(3 * 6);
export const tCount = new StaticArray<i32>(3);
export const tMask = new StaticArray<i32>(3);

// ---- cluster units (static per layer + hardware) ------------------------------------------
export const dKind = new StaticArray<i32>(MAXU * MAXD);
export const dSize = new StaticArray<i32>(MAXU * MAXD);
export const dOfs = new StaticArray<i32>(MAXU * MAXD);
export const dVar = new StaticArray<i32>(MAXU * MAXD);
export const uCount = new StaticArray<i32>(MAXU);
/** Directive index of each dimension in a unit's dataflow, -1 if not mapped (FIRST directive, MAESTRO's FindDirective). */
export const varDir = new StaticArray<i32>(MAXU * NUM_DIMS);
/**
 * Per directive: index of the LAST directive of the same dimension in its level. MAESTRO keys
 * iteration states by dimension, so a dimension mapped twice uses the last directive's state.
 */
export const dStateOf = new StaticArray<i32>(MAXU * MAXD);
/** Static dimension table of each unit (ClusterUnit dims): sizes, strides, presence masks. */
export const sSize = new StaticArray<i32>(MAXU * NUM_DIMS);
export const sStride = new StaticArray<i32>(MAXU * NUM_DIMS);
export const sMask = new StaticArray<i32>(MAXU);
/** Number of sub-clusters, number of active sub-clusters in a spatial edge step, first SpatialMap. */
export const clusterSize = new StaticArray<i32>(MAXU);
export const edgeClusters = new StaticArray<i32>(MAXU);
export const spFirst = new StaticArray<i32>(MAXU);
/** Reuse analysis mapping sizes per unit and dimension (0 when unset, like std::map::operator[]). */
export const rMapped = new StaticArray<i32>(MAXU * NUM_DIMS);
export const rUnique = new StaticArray<i32>(MAXU * NUM_DIMS);
export const rMappedEdge = new StaticArray<i32>(MAXU * NUM_DIMS);
export const rUniqueEdge = new StaticArray<i32>(MAXU * NUM_DIMS);

// ---- per analysis call (one per level; recursion depth == level) --------------------------
/** Dimension table the level is analysed with (the tile given by the upper level). */
export const cSize = new StaticArray<i32>(MAXU * NUM_DIMS);
export const cMask = new StaticArray<i32>(MAXU);
/** Overlap pairs of that table: bit 0 = (X, S), bit 1 = (Y, R). */
export const cOverlap = new StaticArray<i32>(MAXU);
/** Iteration states: count per directive, and per state: position, occurrences, flags. */
export const stCount = new StaticArray<i32>(MAXU * MAXD);
export const stPos = new StaticArray<i32>(MAXU * MAXD * MAXS);
export const stOcc = new StaticArray<i32>(MAXU * MAXD * MAXS);
export const stUnrolled = new StaticArray<bool>(MAXU * MAXD * MAXS);
export const stInitEdge = new StaticArray<bool>(MAXU * MAXD * MAXS);
export const stSpEdgeEdge = new StaticArray<bool>(MAXU * MAXD * MAXS);
/**
 * Current case, per directive, the state of its DIMENSION (see dStateOf): position, edge flag,
 * unrolled flag, sp-edge-edge flag.
 */
export const csPos = new StaticArray<i32>(MAXU * MAXD);
export const csEdge = new StaticArray<bool>(MAXU * MAXD);
export const csUnrolled = new StaticArray<bool>(MAXU * MAXD);
export const csSpEdgeEdge = new StaticArray<bool>(MAXU * MAXD);
/** Current case: innermost non-Init directive (-1: all Init), per input tensor "inited" flag. */
export const csChanging = new StaticArray<i32>(MAXU);
export const csInited = new StaticArray<bool>(MAXU * 2);
/**
 * Result accumulators per level, 18 x i64: [0..2] upstream (L2) read, [3..5] upstream write,
 * [6..8] downstream (L1) read, [9..11] downstream write, [12..14] upstream size, [15..17] downstream size.
 */
export const REC: i32 = 18;
export const rec = new StaticArray<i64>(MAXU * REC);
export const UP_RD: i32 = 0;
export const UP_WR: i32 = 3;
export const DN_RD: i32 = 6;
export const DN_WR: i32 = 9;
export const UP_SIZE: i32 = 12;
export const DN_SIZE: i32 = 15;

// ---- sub-cluster result cache --------------------------------------------------------------
export const cacheKey = new StaticArray<i32>(MAXU * CACHE * NUM_DIMS);
export const cacheActive = new StaticArray<f64>(MAXU * CACHE);
export const cacheCount = new StaticArray<i32>(MAXU);

// ---- static spatial-mapping info per level and tensor (0..2; 3 = output over all directives) ----
/** Whether the tensor is spatially mapped at the level. */
export const spMappedT = new StaticArray<bool>(MAXU * 4);
/** The SpatialMap directive whose state MAESTRO consults (the last one found), -1 if none. */
export const spDirT = new StaticArray<i32>(MAXU * 4);
/** Directives whose edge flag makes the tensor "at a spatial edge" (at most 4), and their count. */
export const spEdgeDirs = new StaticArray<i32>(MAXU * 4 * 4);
export const spEdgeCount = new StaticArray<i32>(MAXU * 4);

// ---- directive lists per level: those coupled to tensor t (0..2), and (3) those NOT coupled to
// the output (the reduction dimensions) -----------------------------------------------------------
export const tDirList = new StaticArray<i32>(MAXU * 4 * MAXD);
export const tDirN = new StaticArray<i32>(MAXU * 4);
