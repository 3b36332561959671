/**
 * Numeric limits and defaults of the input formats.
 */
import type { DimName, Hardware, LayerType } from '../model/types.js';
import { MAX_DIRECTIVES as MODEL_MAX_DIRECTIVES, MAX_LEVEL_DIRECTIVES as MODEL_MAX_LEVEL_DIRECTIVES } from '../../assembly/layout.js';

/**
 * Largest integer accepted anywhere (sizes, strides, dimensions, hardware values): 2^31 - 1,
 * MAESTRO's `int` (INT_MAX). Larger values are rejected rather than wrapped.
 */
export const MAX_INT = 2147483647;

/** MAESTRO dimension names. */
export const DIM_NAMES: readonly DimName[] = ['N', 'G', 'K', 'C', 'R', 'S', 'Y', 'X', "Y'", "X'", 'M'];

/** Layer types the parsers accept. */
export const LAYER_TYPES: readonly LayerType[] = ['CONV', 'DSCONV', 'GEMM', 'NGCONV', 'TRCONV'];

/** Layer types MAESTRO knows but does not analyse (its parser ignores or rejects them). */
export const UNSUPPORTED_LAYER_TYPES = ['FC', 'POOL', 'LSTM', 'RESIDUAL_IDENTITY'];

/**
 * Which dimensions a layer of each type may declare, and which it must declare.
 * `Y|Y'` means one of the two (both is an error, as in MAESTRO).
 */
export const LAYER_DIM_RULES: Record<LayerType, { allowed: readonly DimName[]; required: readonly string[] }> = {
  CONV: { allowed: ['N', 'K', 'C', 'R', 'S', 'Y', 'X', "Y'", "X'"], required: ['K', 'C', 'R', 'S', "Y|Y'", "X|X'"] },
  TRCONV: { allowed: ['N', 'K', 'C', 'R', 'S', 'Y', 'X', "Y'", "X'"], required: ['K', 'C', 'R', 'S', "Y|Y'", "X|X'"] },
  DSCONV: { allowed: ['N', 'K', 'C', 'R', 'S', 'Y', 'X', "Y'", "X'"], required: ['C', 'R', 'S', "Y|Y'", "X|X'"] },
  NGCONV: {
    allowed: ['N', 'G', 'K', 'C', 'R', 'S', 'Y', 'X', "Y'", "X'"],
    required: ['G', 'K', 'C', 'R', 'S', "Y|Y'", "X|X'"],
  },
  GEMM: { allowed: ['M', 'N', 'K'], required: ['M', 'N', 'K'] },
};

/**
 * Hardware defaults for keys a hardware file leaves out: MAESTRO's own (`HWConfig`):
 * INT_MAX means "unconstrained". `num_pes` has no default: it is required.
 */
export const HARDWARE_DEFAULTS = {
  l1Size: MAX_INT,
  l2Size: MAX_INT,
  nocBw: MAX_INT,
  offchipBw: MAX_INT,
  nocHops: 1,
  vectorWidth: 1,
} as const;

/**
 * Smallest value of each hardware field. The L1 / L2 size constraints may be 0: MAESTRO accepts
 * that and its sizes change no output column (they only trigger its "larger than the given L1 /
 * L2 size" warning). NoC hops may be 0 (no hop latency). Everything else must be >= 1 (MAESTRO
 * divides by it: 0 PEs, NoC or off-chip bandwidth crash it).
 */
export const HARDWARE_MIN = {
  numPes: 1,
  l1Size: 0,
  l2Size: 0,
  nocBw: 1,
  offchipBw: 1,
  nocHops: 0,
  vectorWidth: 1,
} as const satisfies Record<Exclude<keyof Hardware, 'id'>, number>;

/**
 * Most directives one dataflow may have: the cost model's capacity (assembly/layout.ts
 * `MAX_DIRECTIVES`; MAESTRO's own dataflows have at most 14). Checked at parse time so a huge
 * dataflow is one located error, not one rejected layer per layer it is applied to.
 */
export const MAX_DIRECTIVES: number = MODEL_MAX_DIRECTIVES;

/**
 * Most directives of one cluster level (between Cluster directives): the cost model's per-level
 * table. A level's own directives beyond it are a parse error; with the directives a level
 * inherits or gets added for unmapped dimensions, the layer is rejected at evaluation.
 */
export const MAX_LEVEL_DIRECTIVES: number = MODEL_MAX_LEVEL_DIRECTIVES;

/** The message for a cluster level with more than {@link MAX_LEVEL_DIRECTIVES} own directives. */
export const LEVEL_DIRECTIVES_MESSAGE = `too many directives in one cluster level: at most ${MODEL_MAX_LEVEL_DIRECTIVES} between Cluster directives (the cost model's limit per level)`;
