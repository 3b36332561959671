/**
 * Domain types shared by every stage of codesign:
 * parse (MAESTRO files / JSON) -> layers -> evaluate (Wasm cost model) -> search -> report.
 *
 * These are the public, typed shapes of the library API. The flat numeric encoding that
 * crosses into WebAssembly is NOT defined here: it lives in one place, `assembly/layout.ts`.
 */

/**
 * Layer kinds (MAESTRO `Type:`). CONV, DSCONV and GEMM are the kinds the co-design flow uses.
 * NGCONV (nested grouped convolution, ResNeXt; uses dimension G) and TRCONV (transposed
 * convolution, MAESTRO treats it as CONV with an inner stride of 2) appear in MAESTRO's own
 * data files; the parsers accept them and the cost model analyses them as MAESTRO does.
 */
export type LayerType = 'CONV' | 'DSCONV' | 'GEMM' | 'NGCONV' | 'TRCONV';

/**
 * Layer dimensions as written in a MAESTRO `Dimensions { ... }` block.
 * CONV / DSCONV: N (batch, optional), K, C, R, S, Y, X (Y, X = INPUT height/width).
 * A layer may give the output sizes `Y'` / `X'` instead of `Y` / `X`.
 * GEMM: M, N, K.
 * Keys are MAESTRO's dimension names verbatim (including the prime).
 */
export type LayerDims = Partial<Record<DimName, number>>;

/** MAESTRO dimension names. `Y'` and `X'` are the output rows / columns. */
export type DimName = 'N' | 'G' | 'K' | 'C' | 'R' | 'S' | 'Y' | 'X' | "Y'" | "X'" | 'M';

/** One layer of a network. */
export interface Layer {
  /** Layer name as in the mapping file (`Layer CONV1 { ... }`). */
  name: string;
  /** Layer kind (MAESTRO `Type:`). */
  type: LayerType;
  /** Stride along X (MAESTRO `Stride { X: sx, Y: sy }`); 1 when absent. */
  strideX: number;
  /** Stride along Y; 1 when absent. */
  strideY: number;
  /** Dimension sizes by MAESTRO dimension name. */
  dims: LayerDims;
}

/**
 * A directive size/offset: a literal, or `Sz(D)` = the full size of dimension D of the
 * layer the dataflow is applied to. Resolved to numbers before the Wasm call.
 */
export type SizeExpr = number | { sz: DimName };

/** A mapping directive: `SpatialMap(size, offset) D;` or `TemporalMap(size, offset) D;`. */
export interface MapDirective {
  /** `SpatialMap` (tiles spread over the PEs / sub-clusters) or `TemporalMap` (tiles over time). */
  kind: 'SpatialMap' | 'TemporalMap';
  /** Tile size: indices of `dim` per tile. */
  size: SizeExpr;
  /** Shift of the tile from one sub-cluster (SpatialMap) or time step (TemporalMap) to the next. */
  offset: SizeExpr;
  /** The dimension mapped. */
  dim: DimName;
}

/** `Cluster(size, P);` (physical) or `Cluster(size, L);` (logical). */
export interface ClusterDirective {
  /** `Cluster`. */
  kind: 'Cluster';
  /** Units of the level below (PEs, or clusters) grouped into one cluster. */
  size: SizeExpr;
  /** `P` (physical) or `L` (logical), as written; the cost model evaluates both alike. */
  clusterType: 'P' | 'L';
}

/** One directive of a dataflow, in the order written. */
export type Directive = MapDirective | ClusterDirective;

/** A dataflow: an ordered list of directives, outermost first. */
export interface Dataflow {
  /** Optional name (e.g. `kcp_ws`), for reports. */
  name?: string;
  /** The directives in the order written (outermost first). */
  directives: Directive[];
}

/** A layer together with the dataflow it is mapped with (a MAESTRO mapping-file layer). */
export interface MappedLayer extends Layer {
  /** The dataflow the layer is evaluated with. */
  dataflow: Dataflow;
}

/** A network: MAESTRO `Network NAME { Layer ... }`. */
export interface Network<L extends Layer = Layer> {
  /** Network name (`Network NAME`). */
  name: string;
  /** The layers, in network order. */
  layers: L[];
}

/** A mapped network (every layer carries its dataflow). */
export type MappedNetwork = Network<MappedLayer>;

/**
 * Accelerator hardware, as in a MAESTRO hardware file:
 * `num_pes`, `l1_size_cstr`, `l2_size_cstr`, `noc_bw_cstr`, `offchip_bw_cstr`, `NoC_NumHops`.
 *
 * Every value is an integer up to 2147483647 (MAESTRO's `int`); `numPes`, `nocBw`, `offchipBw`
 * and `vectorWidth` are >= 1, `l1Size`, `l2Size` and `nocHops` >= 0 (`HARDWARE_MIN`). The cost
 * model checks this once per call (`checkHardware`: an error naming the field, never a truncated
 * value). In an object every field but `id`, `nocHops` and `vectorWidth` is required; the hardware
 * parsers (`parseHardware`, `parseHardwareJson`) also fill `l1Size`, `l2Size`, `nocBw`,
 * `offchipBw` with MAESTRO's default 2147483647 (unconstrained) when a file leaves them out.
 */
export interface Hardware {
  /** Optional identifier for reports (e.g. `p0`, `maestro-default`). */
  id?: string;
  /** Number of PEs (`num_pes`), >= 1. */
  numPes: number;
  /** L1 size constraint, bytes (`l1_size_cstr`). */
  l1Size: number;
  /** L2 size constraint, bytes (`l2_size_cstr`). */
  l2Size: number;
  /** NoC bandwidth, elements/cycle (`noc_bw_cstr`). */
  nocBw: number;
  /** Off-chip bandwidth, elements/cycle (`offchip_bw_cstr`). */
  offchipBw: number;
  /** NoC hops (`NoC_NumHops`), MAESTRO default 1; 0 allowed. */
  nocHops?: number;
  /**
   * ALUs per PE (MAESTRO's `--num_simd_lanes`, its `vector_width` column), default 1: a PE does
   * this many MACs per cycle (compute delay ceil(partial sums / width)) and the MAC area / power scale with it.
   */
  vectorWidth?: number;
}
