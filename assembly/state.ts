// Working state of one evaluation. All buffers are allocated once at module start;
// evaluating a layer only overwrites them (no allocation on the hot path).
//
// Index conventions:
//   dimension-indexed arrays: [d] or [unit * ND + d]      (d = DIM_* of layout.ts)
//   directive-indexed arrays: [unit * MAXD + j]           (j = position in the unit's dataflow)
//   "unit" = cluster level, 0 = top (outermost) ... numUnits-1 = innermost.
import { MAX_LEVEL_DIRECTIVES, NUM_DIMS } from './layout';

export const ND: i32 = NUM_DIMS;
/** Max cluster units (MAESTRO has NoCs for at most 3 Cluster directives => 4 levels). */
export const MAXU: i32 = 4;
/** Max directives in one cluster level after inheritance/unrolling. */
export const MAXD: i32 = MAX_LEVEL_DIRECTIVES;
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
export const fullSize: usize = memory.data(NUM_DIMS * 4, 16);
export const fullStride: usize = memory.data(NUM_DIMS * 4, 16);
/** Declared dimension sizes (0 = not declared), for the pixel counts. */
export const declSize: usize = memory.data(NUM_DIMS * 4, 16);
/** Tensors 0 input, 1 weight, 2 output: coupled dims in MAESTRO's list order, count, bit mask. */
export const tVars: usize = memory.data(3 * 6 * 4, 16);
export const tCount: usize = memory.data(3 * 4, 16);
export const tMask: usize = memory.data(3 * 4, 16);

// ---- cluster units (static per layer + hardware) ------------------------------------------
export const dKind: usize = memory.data(MAXU * MAXD * 4, 16);
export const dSize: usize = memory.data(MAXU * MAXD * 4, 16);
export const dOfs: usize = memory.data(MAXU * MAXD * 4, 16);
export const dVar: usize = memory.data(MAXU * MAXD * 4, 16);
export const uCount: usize = memory.data(MAXU * 4, 16);
/** Directive index of each dimension in a unit's dataflow, -1 if not mapped (FIRST directive, MAESTRO's FindDirective). */
export const varDir: usize = memory.data(MAXU * NUM_DIMS * 4, 16);
/**
 * Per directive: index of the LAST directive of the same dimension in its level. MAESTRO keys
 * iteration states by dimension, so a dimension mapped twice uses the last directive's state.
 */
export const dStateOf: usize = memory.data(MAXU * MAXD * 4, 16);
/**
 * Per directive p: the lowest directive whose state (through dStateOf) can change when the
 * directives from p on change state (p itself unless a dimension mapped twice spans p).
 */
export const dAffect: usize = memory.data(MAXU * MAXD * 4, 16);
/** Static dimension table of each unit (ClusterUnit dims): sizes, strides, presence masks. */
export const sSize: usize = memory.data(MAXU * NUM_DIMS * 4, 16);
export const sStride: usize = memory.data(MAXU * NUM_DIMS * 4, 16);
export const sMask: usize = memory.data(MAXU * 4, 16);
/** Number of sub-clusters, number of active sub-clusters in a spatial edge step, first SpatialMap. */
export const clusterSize: usize = memory.data(MAXU * 4, 16);
export const edgeClusters: usize = memory.data(MAXU * 4, 16);
export const spFirst: usize = memory.data(MAXU * 4, 16);
/** Reuse analysis mapping sizes per unit and dimension (0 when unset, like std::map::operator[]). */
export const rMapped: usize = memory.data(MAXU * NUM_DIMS * 4, 16);
export const rUnique: usize = memory.data(MAXU * NUM_DIMS * 4, 16);
export const rMappedEdge: usize = memory.data(MAXU * NUM_DIMS * 4, 16);
export const rUniqueEdge: usize = memory.data(MAXU * NUM_DIMS * 4, 16);

// ---- per analysis call (one per level; recursion depth == level) --------------------------
/** Dimension table the level is analysed with (the tile given by the upper level). */
export const cSize: usize = memory.data(MAXU * NUM_DIMS * 4, 16);
export const cMask: usize = memory.data(MAXU * 4, 16);
/** Overlap pairs of that table: bit 0 = (X, S), bit 1 = (Y, R). */
export const cOverlap: usize = memory.data(MAXU * 4, 16);
/** Iteration states: count per directive, and per state: position, occurrences, flags. */
export const stCount: usize = memory.data(MAXU * MAXD * 4, 16);
export const stPos: usize = memory.data(MAXU * MAXD * MAXS * 4, 16);
export const stOcc: usize = memory.data(MAXU * MAXD * MAXS * 4, 16);
export const stUnrolled: usize = memory.data(MAXU * MAXD * MAXS, 16);
export const stInitEdge: usize = memory.data(MAXU * MAXD * MAXS, 16);
export const stSpEdgeEdge: usize = memory.data(MAXU * MAXD * MAXS, 16);
/**
 * Current case, per directive, the state of its DIMENSION (see dStateOf): position, edge flag,
 * sp-edge-edge flag (setCase updates only the directives whose state changed).
 */
export const csPos: usize = memory.data(MAXU * MAXD * 4, 16);
export const csEdge: usize = memory.data(MAXU * MAXD, 16);
export const csSpEdgeEdge: usize = memory.data(MAXU * MAXD, 16);
/** Current case: innermost non-Init directive (-1: all Init), per input tensor "inited" flag. */
export const csChanging: usize = memory.data(MAXU * 4, 16);
export const csInited: usize = memory.data(MAXU * 2, 16);
/**
 * Result accumulators per level, 18 x i64: [0..2] upstream (L2) read, [3..5] upstream write,
 * [6..8] downstream (L1) read, [9..11] downstream write, [12..14] upstream size, [15..17] downstream size.
 */
export const REC: i32 = 18;
export const rec: usize = memory.data(MAXU * REC * 8, 16);
export const UP_RD: i32 = 0;
export const UP_WR: i32 = 3;
export const DN_RD: i32 = 6;
export const DN_WR: i32 = 9;
export const UP_SIZE: i32 = 12;
export const DN_SIZE: i32 = 15;

// ---- sub-cluster result cache --------------------------------------------------------------
export const cacheKey: usize = memory.data(MAXU * CACHE * NUM_DIMS * 4, 16);
export const cacheActive: usize = memory.data(MAXU * CACHE * 8, 16);
export const cacheCount: usize = memory.data(MAXU * 4, 16);

// ---- static spatial-mapping info per level and tensor (0..2; 3 = output over all directives) ----
/** Whether the tensor is spatially mapped at the level. */
export const spMappedT: usize = memory.data(MAXU * 4, 16);
/** The SpatialMap directive whose state MAESTRO consults (the last one found), -1 if none. */
export const spDirT: usize = memory.data(MAXU * 4 * 4, 16);
/** Directives whose edge flag makes the tensor "at a spatial edge", as a bit mask of directive indices. */
export const spEdgeMask: usize = memory.data(MAXU * 4 * 4, 16);

// ---- directive lists per level: those coupled to tensor t (0..2), and (3) those NOT coupled to
// the output (the reduction dimensions) -----------------------------------------------------------
export const tDirList: usize = memory.data(MAXU * 4 * MAXD * 4, 16);
export const tDirN: usize = memory.data(MAXU * 4 * 4, 16);
/** The same lists as bit masks of directive indices. */
export const tDirBits: usize = memory.data(MAXU * 4 * 4, 16);
