/**
 * THE single definition of the flat encoding that crosses the JS <-> WebAssembly boundary.
 *
 * This file is valid AssemblyScript AND plain TypeScript: it only holds
 * `export const NAME = <int literal>;` lines and comments. `assembly/` and `src/` both import it.
 *
 * Four kinds of records live in the module's linear memory (the first two written by JS, the
 * others by Wasm):
 *
 * 1. Layer descriptor: `DESC_SIZE` Int32 slots. A layer (type, dims as declared, strides)
 *    plus its dataflow with every `Sz(D)` already resolved to a number (see src/model/encode.ts).
 * 2. Hardware record: `HW_SIZE` Int32 slots (the MAESTRO hardware file fields).
 * 3. Result row: `OUT_SIZE` Float64 slots written by Wasm: a status (error code) slot, the 50
 *    numeric MAESTRO CSV columns in `NUMERIC_COLUMN_KEYS` order (src/model/columns.ts), and
 *    hidden slots used by the network step (src/model/network.ts).
 * 4. Exact counts: `EXACT_SIZE` Int64 slots, MAESTRO's 64-bit integer columns of one pair
 *    (written on request by `evaluateExact`, for counts beyond 2^53; src/model/rows.ts).
 *
 * A batch call evaluates N (descriptor, hardware) pairs: pair i is the Int32 pair
 * (descIndex, hwIndex) at pairs[2i], pairs[2i+1]; with a null pairs pointer, pair i = (i, i).
 */

// ---------------------------------------------------------------------------------------------
// Layer types (slot DESC_TYPE)
export const LAYER_CONV = 0;
export const LAYER_DSCONV = 1;
export const LAYER_GEMM = 2;
/** Grouped convolution (tensors over G). TRCONV is encoded as LAYER_CONV (MAESTRO treats it so). */
export const LAYER_NGCONV = 3;

// ---------------------------------------------------------------------------------------------
// Dimension indices. Alphabetical order of MAESTRO's dimension names (C G K M N R S X X' Y Y'),
// which is also the order MAESTRO appends implicit (unrolled) directives in.
export const DIM_C = 0;
export const DIM_G = 1;
export const DIM_K = 2;
export const DIM_M = 3;
export const DIM_N = 4;
export const DIM_R = 5;
export const DIM_S = 6;
export const DIM_X = 7;
/** X' (output columns). */
export const DIM_XP = 8;
export const DIM_Y = 9;
/** Y' (output rows). */
export const DIM_YP = 10;
export const NUM_DIMS = 11;

// ---------------------------------------------------------------------------------------------
// Directive kinds
export const DIR_TEMPORAL = 0;
export const DIR_SPATIAL = 1;
export const DIR_CLUSTER = 2;

// ---------------------------------------------------------------------------------------------
// Layer descriptor (Int32 slots)
/** LAYER_CONV / LAYER_DSCONV / LAYER_GEMM. */
export const DESC_TYPE = 0;
/** Bit set of DESC_FLAG_*. */
export const DESC_FLAGS = 1;
/** Number of directives in the dataflow (<= MAX_DIRECTIVES). */
export const DESC_NUM_DIRECTIVES = 2;
/** Reserved (0). */
export const DESC_RESERVED = 3;
/** NUM_DIMS slots: declared size of each dimension, 0 = not declared by the layer. */
export const DESC_DIM_SIZE = 4;
/** NUM_DIMS slots: outer stride of each declared dimension (X gets stride X, Y stride Y, else 1). */
export const DESC_DIM_STRIDE = 15;
/** First directive; directive j occupies DIRECTIVE_SLOTS slots at DESC_DIRECTIVES + j*DIRECTIVE_SLOTS. */
export const DESC_DIRECTIVES = 26;
/**
 * Per-directive slot offsets. Slot DIRECTIVE_KIND_DIM holds the kind and the dimension in one
 * Int32: kind (DIR_*) + DIRECTIVE_DIM_SCALE x (dimension index (DIM_*) + 1); a Cluster directive
 * has no dimension (the slot is DIR_CLUSTER). Decoding: kind = slot & (DIRECTIVE_DIM_SCALE - 1),
 * dimension = (slot - kind) / DIRECTIVE_DIM_SCALE - 1. (Three slots a directive instead of four
 * give room for 44 directives in the same descriptor size.)
 */
export const DIRECTIVE_KIND_DIM = 0;
export const DIRECTIVE_SIZE = 1;
export const DIRECTIVE_OFFSET = 2;
export const DIRECTIVE_SLOTS = 3;
export const DIRECTIVE_DIM_SCALE = 4;
export const MAX_DIRECTIVES = 44;
/** Most directives of one cluster level, inherited and added ones included (the kernel's tables). */
export const MAX_LEVEL_DIRECTIVES = 24;
/** Int32 slots per descriptor. */
export const DESC_SIZE = 160;

/**
 * Flag: the tensors of this layer type include the batch dimension N. MAESTRO decides this
 * ONCE per layer type per network, from the first layer of that type (does it declare N?).
 */
export const DESC_FLAG_BATCH_TENSORS = 1;

// ---------------------------------------------------------------------------------------------
// Hardware record (Int32 slots)
export const HW_NUM_PES = 0;
export const HW_L1_SIZE = 1;
export const HW_L2_SIZE = 2;
export const HW_NOC_BW = 3;
export const HW_OFFCHIP_BW = 4;
export const HW_NOC_HOPS = 5;
/** ALUs (SIMD lanes) per PE: `Hardware.vectorWidth`, MAESTRO's `--num_simd_lanes` (default 1). */
export const HW_VECTOR_WIDTH = 6;
/** Int32 slots per hardware record (the last one unused: `encodeHardware` writes 0). */
export const HW_SIZE = 8;

// ---------------------------------------------------------------------------------------------
// Result row (Float64 slots)
/** Error code (ERR_*); 0 = ok. When non-zero the other slots are undefined (NaN). */
export const OUT_STATUS = 0;
/** First numeric column: column k of NUMERIC_COLUMN_KEYS is at OUT_COLUMNS + k. */
export const OUT_COLUMNS = 1;
// Named column slots (absolute row offsets), same order as NUMERIC_COLUMN_KEYS.
export const COL_NUM_PES = 1;
export const COL_RUNTIME = 2;
export const COL_ENERGY = 3;
export const COL_THROUGHPUT = 4;
export const COL_PERF_PER_ENERGY = 5;
export const COL_AREA = 6;
export const COL_POWER = 7;
export const COL_NOC_BW_REQ = 8;
export const COL_AVG_BW_REQ = 9;
export const COL_PEAK_BW_REQ = 10;
export const COL_VECTOR_WIDTH = 11;
export const COL_OFFCHIP_BW_REQ = 12;
export const COL_L2_SIZE_REQ = 13;
export const COL_L1_SIZE_REQ = 14;
export const COL_MC_WEIGHT = 15;
export const COL_MC_INPUT = 16;
export const COL_INPUT_PIXELS = 17;
export const COL_WEIGHT_PIXELS = 18;
export const COL_OPS_PER_JOULE = 19;
export const COL_NUM_MACS = 20;
export const COL_PE_POWER = 21;
export const COL_L1_POWER = 22;
export const COL_L2_POWER = 23;
export const COL_NOC_POWER = 24;
/** Per-tensor access columns: tensor t (0 input, 1 weight, 2 output) starts at COL_TENSOR + 5t. */
export const COL_TENSOR = 25;
/** Offsets inside a tensor's 5 columns: l1 read, l1 write, l2 read, l2 write, reuse factor. */
export const TCOL_L1_RD = 0;
export const TCOL_L1_WR = 1;
export const TCOL_L2_RD = 2;
export const TCOL_L2_WR = 3;
export const TCOL_REUSE = 4;
export const COL_INGRESS_MIN = 40;
export const COL_INGRESS_MAX = 41;
export const COL_INGRESS_AVG = 42;
export const COL_EGRESS_MIN = 43;
export const COL_EGRESS_MAX = 44;
export const COL_EGRESS_AVG = 45;
export const COL_COMPUTE_MIN = 46;
export const COL_COMPUTE_MAX = 47;
export const COL_COMPUTE_AVG = 48;
export const COL_UTIL_PES = 49;
export const COL_ARITH_INTENSITY = 50;
/** Number of numeric columns (50). */
export const NUM_OUT_COLUMNS = 50;
/**
 * Hidden: 1 when the layer's dataflow has more than one cluster level. Then MAESTRO's energy
 * uses the PREVIOUS layer's top-level L1 access counts instead of this layer's (network step).
 */
export const OUT_MULTI_LEVEL = 51;
/** Float64 slots per result row. */
export const OUT_SIZE = 52;

// ---------------------------------------------------------------------------------------------
// Exact counts (Int64 slots), written by `evaluateExact` for one pair: MAESTRO's 64-bit integer
// columns (C++ `long`, printed in full), which a Float64 row holds exactly only up to 2^53.
/** Runtime (cycles). */
export const EX_RUNTIME = 0;
/** NoC BW requirement (also the peak BW requirement column: the same value). */
export const EX_NOC_BW_REQ = 1;
/** Off-chip BW requirement. */
export const EX_OFFCHIP_BW_REQ = 2;
/** Number of input elements (declared). */
export const EX_INPUT_PIXELS = 3;
/** Number of weight elements (declared). */
export const EX_WEIGHT_PIXELS = 4;
/** MACs. */
export const EX_NUM_MACS = 5;
/** Access counts: tensor t (0 input, 1 weight, 2 output), TCOL_L1_RD .. TCOL_L2_WR at EX_TENSOR + 4t + TCOL. */
export const EX_TENSOR = 6;
/**
 * The L2 (top level's upstream) buffer size requirement of each tensor, 3 slots (0 input, 1
 * weight, 2 output; their sum is the L2 size column), and the L1 (innermost level's downstream)
 * ones, 3 slots (sum: the L1 size column). MAESTRO prints them with --print_res.
 */
export const EX_L2_SIZE_TENSOR = 18;
export const EX_L1_SIZE_TENSOR = 21;
/** Int64 slots of an exact-counts record. */
export const EXACT_SIZE = 24;

// ---------------------------------------------------------------------------------------------
// Error codes (slot OUT_STATUS). MAESTRO prints no result (or crashes) for all of them.
export const ERR_NONE = 0;
/** Cluster sizes multiply to more than num_pes: zero top-level clusters (MAESTRO divides by 0). */
export const ERR_CLUSTER_TOO_LARGE = 1;
/** A cluster level has no SpatialMap. */
export const ERR_NO_SPATIAL_MAP = 2;
/** A cluster level has more than two SpatialMaps. */
export const ERR_TOO_MANY_SPATIAL_MAPS = 3;
/** A directive maps a dimension the layer (or cluster level) does not have. */
export const ERR_MISSING_DIMENSION = 4;
/** MAESTRO divides by zero (e.g. a zero computation delay, zero offchip bandwidth). */
export const ERR_DIVISION_BY_ZERO = 5;
/** More directives / cluster levels / iteration cases than this model supports. */
export const ERR_CAPACITY = 6;
/** Invalid hardware (num_pes, noc_bw, offchip_bw or vector width < 1). */
export const ERR_BAD_HARDWARE = 7;
/** Invalid layer (unknown type, missing or non-positive dimension, bad stride). */
export const ERR_BAD_LAYER = 8;
/** MAESTRO's parser rejects it: TemporalMap on R/S must be (Sz, Sz); map size/offset must be > 0. */
export const ERR_BAD_DIRECTIVE = 9;
/** A descriptor / hardware index of a pair is out of range. */
export const ERR_BAD_INDEX = 10;
/** MAESTRO's reuse analysis terminates the program (a changing temporal dimension with no new data). */
export const ERR_ANALYSIS_ABORT = 11;
/**
 * MAESTRO's 32-bit `int` arithmetic wraps around in a way that changes its results: an iteration
 * case's occurrence count beyond 2^31-1 (MAESTRO's assertion fails, or it goes on with the wrapped
 * count and prints garbage), or a tile / spatial-coverage / mapping size beyond 2^31-1 (e.g.
 * num_pes x map offset) that flips one of its decisions or changes a size.
 */
export const ERR_INT_OVERFLOW = 12;
/**
 * Y' (X') mapped at a cluster level that maps no R (S): MAESTRO reads an uninitialised variable
 * (its results differ from run to run, sometimes it crashes).
 */
export const ERR_UNDEFINED_BEHAVIOUR = 13;
/**
 * The L1 or L2 buffer size requirement exceeds 2^31-1 elements: MAESTRO sums it into an `int`
 * and prints a wrapped (often negative) size, area and power.
 */
export const ERR_SIZE_OVERFLOW = 14;
/**
 * A count MAESTRO keeps in a 64-bit `long` (accesses, MACs, runtime, delays) reaches 2^62 (then
 * it may wrap in MAESTRO): sums whose static bound (assembly/bounds.ts) reaches 2^62 are
 * checked while they are computed; a single iteration case's traffic / partial sums or a tensor
 * tile / declared tensor size whose bound reaches 2^62 is rejected up front.
 */
export const ERR_LONG_OVERFLOW = 15;
/**
 * A cluster level has more than MAX_LEVEL_DIRECTIVES directives: its own, plus those it inherits
 * from the level above (for dimensions it does not map) and the TemporalMaps added for the input
 * dimensions no directive maps.
 */
export const ERR_LEVEL_DIRECTIVES = 16;
