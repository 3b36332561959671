/**
 * Encoding of layers, dataflows and hardware into the flat Int32 records of `assembly/layout.ts`.
 *
 * Everything MAESTRO's parser decides is decided here, before the Wasm call: `Sz(D)` is resolved
 * against the layer's declared dimensions, and the directives MAESTRO's parser refuses
 * (non-positive sizes, `TemporalMap` on R/S that is not `(Sz, Sz)`, `Sz` of an undeclared dimension)
 * throw a {@link LayerRejectedError}.
 */
import * as L from '../../assembly/layout.js';
import { formatLocation, UserError, type SourceLocation } from '../errors.js';
import { HARDWARE_MIN, MAX_INT } from '../parse/limits.js';
import type { Dataflow, DimName, Directive, Hardware, Layer, LayerType, SizeExpr } from './types.js';

/** A layer MAESTRO would print no result for (rejected by its parser or crashing its analysis). */
export class LayerRejectedError extends UserError {
  /** Error code (`ERR_*` of assembly/layout.ts). */
  readonly code: number;
  /**
   * @param reason why MAESTRO rejects the layer
   * @param code its `ERR_*` code
   * @param layerName the layer, named in `location.field` (`layer C3`); none when omitted
   */
  constructor(reason: string, code: number, layerName?: string) {
    super(reason, rejectedLocation(layerName));
    this.name = 'LayerRejectedError';
    this.code = code;
  }
}

/** Where a rejected layer's message points: `{ field: 'layer C3' }`, or nowhere without a name. */
function rejectedLocation(layerName: string | undefined): SourceLocation {
  return layerName !== undefined ? { field: `layer ${layerName}` } : {};
}

/**
 * The `message` a {@link LayerRejectedError} of `reason` for layer `layerName` has, without
 * making the error (an Error captures a stack trace: a network of many rejected layers, e.g. a
 * search over accelerators too small for a dataflow, spent much of its time there).
 */
export function layerRejectedMessage(reason: string, layerName?: string): string {
  return formatLocation(rejectedLocation(layerName)) + reason;
}

/** Dimension name -> DIM_* index (no prototype: `DIM_INDEX['toString']` is undefined). */
export const DIM_INDEX: Readonly<Record<DimName, number>> = Object.assign(Object.create(null) as Record<DimName, number>, {
  C: L.DIM_C,
  G: L.DIM_G,
  K: L.DIM_K,
  M: L.DIM_M,
  N: L.DIM_N,
  R: L.DIM_R,
  S: L.DIM_S,
  X: L.DIM_X,
  "X'": L.DIM_XP,
  Y: L.DIM_Y,
  "Y'": L.DIM_YP,
});

/** DIM_* index -> dimension name. */
export const DIM_NAMES: readonly DimName[] = ['C', 'G', 'K', 'M', 'N', 'R', 'S', 'X', "X'", 'Y', "Y'"];

/** MAESTRO layer type -> LAYER_* (TRCONV is a CONV for MAESTRO's analysis). */
const LAYER_TYPE_CODE: Readonly<Record<LayerType, number>> = {
  CONV: L.LAYER_CONV,
  DSCONV: L.LAYER_DSCONV,
  GEMM: L.LAYER_GEMM,
  NGCONV: L.LAYER_NGCONV,
  TRCONV: L.LAYER_CONV,
};

/** Options of {@link encodeLayer}. */
export interface EncodeOptions {
  /**
   * Whether this layer type's tensors include the batch dimension N. MAESTRO fixes it per layer
   * type per network from the FIRST layer of that type. Default: the layer declares N (which is
   * what a one-layer network gives).
   */
  batchTensors?: boolean;
}

/**
 * True for the `ERR_*` codes of a layer whose numbers MAESTRO's arithmetic would wrap (an `int`
 * count or size beyond 2^31-1, a `long` count reaching 2^62): MAESTRO prints wrong numbers or
 * aborts there, rather than no row. (Of these, the 2^62 check depends on the bandwidths: a
 * runtime grows as they shrink.)
 */
export function isWrapStatus(code: number): boolean {
  return code === L.ERR_INT_OVERFLOW || code === L.ERR_SIZE_OVERFLOW || code === L.ERR_LONG_OVERFLOW;
}

/** Human-readable message for an `ERR_*` code. */
export function errorMessage(code: number): string {
  switch (code) {
    case L.ERR_CLUSTER_TOO_LARGE:
      return 'Cluster sizes need more PEs than num_pes (MAESTRO gets zero clusters and crashes)';
    case L.ERR_NO_SPATIAL_MAP:
      return 'a cluster level has no SpatialMap';
    case L.ERR_TOO_MANY_SPATIAL_MAPS:
      return 'a cluster level has more than two SpatialMaps';
    case L.ERR_MISSING_DIMENSION:
      return 'a directive maps a dimension the layer (or cluster level) does not have';
    case L.ERR_DIVISION_BY_ZERO:
      return 'MAESTRO divides by zero on this mapping (zero computation delay)';
    case L.ERR_CAPACITY:
      return 'too many directives, cluster levels or iteration cases for the cost model';
    case L.ERR_BAD_HARDWARE:
      return 'invalid hardware: num_pes, noc_bw, offchip_bw and vector width must be >= 1';
    case L.ERR_BAD_LAYER:
      return 'invalid layer: unknown type, or a missing / non-positive dimension or stride';
    case L.ERR_BAD_DIRECTIVE:
      return 'invalid directive (MAESTRO parser rejects it)';
    case L.ERR_BAD_INDEX:
      return 'descriptor or hardware index out of range';
    case L.ERR_UNDEFINED_BEHAVIOUR:
      return "Y'/X' mapped at a cluster level that maps no R/S: MAESTRO reads an uninitialised size here (its output varies from run to run)";
    case L.ERR_INT_OVERFLOW:
      return "layer too large: MAESTRO's 32-bit int arithmetic overflows (an iteration count, or a tile / spatial coverage size, beyond 2^31-1): MAESTRO aborts or prints wrapped numbers";
    case L.ERR_SIZE_OVERFLOW:
      return "layer too large: the L1 or L2 size requirement exceeds 2^31-1 (MAESTRO's 32-bit int size wraps, e.g. to a negative size)";
    case L.ERR_LONG_OVERFLOW:
      return "layer too large: an access count, MAC count or runtime reaches 2^62 (MAESTRO's 64-bit counters could wrap)";
    case L.ERR_LEVEL_DIRECTIVES:
      return `a cluster level has more than ${L.MAX_LEVEL_DIRECTIVES} directives, counting those it inherits from the level above (dimensions it does not map) and the TemporalMaps added for unmapped input dimensions (the cost model's limit per level)`;
    case L.ERR_ANALYSIS_ABORT:
      return "MAESTRO's reuse analysis terminates on this mapping (a changing temporal dimension maps no new data)";
    default:
      return `cost model error ${code}`;
  }
}

/** Directive `j` (`dir`) in error messages: `SpatialMap(...) K`, `Cluster #3` (built only on error). */
function directiveLabel(dir: Directive, j: number): string {
  return dir.kind === 'Cluster' ? `Cluster #${j + 1}` : `${dir.kind}(...) ${dir.dim}`;
}

/** A size expression of directive `j` resolved against the layer's declared dimensions. */
function resolveSize(expr: SizeExpr, layer: Layer, dir: Directive, j: number, what: 'size' | 'offset'): number {
  if (typeof expr === 'number') return expr;
  if (expr === null || typeof expr !== 'object' || typeof expr.sz !== 'string') {
    throw new TypeError(`dataflow of layer ${layer.name}: directives[${j}].${what}: expected a number or { sz: 'K' } (Sz(K)), got ${describeValue(expr)}`);
  }
  const v = layer.dims[expr.sz];
  if (v === undefined) {
    throw new LayerRejectedError(`${directiveLabel(dir, j)}: Sz(${expr.sz}) names a dimension the layer does not declare`, L.ERR_BAD_DIRECTIVE, layer.name);
  }
  return v;
}

/** Is `v` outside MAESTRO's int range [min, 2^31-1] (or not an integer)? */
function notInt(v: number, min: number): boolean {
  return !Number.isInteger(v) || v < min || v > 0x7fffffff;
}

function intError(what: string, v: number, layer: Layer, min: number): LayerRejectedError {
  return new LayerRejectedError(`${what} must be an integer >= ${min}, got ${describeValue(v)}`, L.ERR_BAD_LAYER, layer.name);
}

/**
 * Encode one layer + dataflow into a descriptor (`DESC_SIZE` Int32 slots).
 * Writes into `out` at `offset` (slots) when given, else into a new array.
 * @throws LayerRejectedError when MAESTRO's parser would reject the layer / dataflow; TypeError
 *   when `layer` (or its `dims`) or `dataflow` is not an object of its type.
 */
export function encodeLayer(
  layer: Layer,
  dataflow: Dataflow,
  opts: EncodeOptions = {},
  out?: Int32Array,
  offset = 0,
): Int32Array {
  // Argument shapes (not MAESTRO's rules): a wrong one would otherwise be a raw property-read error.
  if (layer === null || typeof layer !== 'object' || layer.dims === null || typeof layer.dims !== 'object')
    throw new TypeError(`layer: expected a Layer object { name, type, dims: {...}, strideX?, strideY? }, got ${layer === null || typeof layer !== 'object' ? describeValue(layer) : `dims ${describeValue(layer.dims)}`}`);
  if (dataflow === null || typeof dataflow !== 'object' || !Array.isArray(dataflow.directives))
    throw new TypeError(
      `dataflow of layer ${layer.name}: expected a Dataflow object { directives: [...] }, got ${dataflow !== null && typeof dataflow === 'object' ? `directives ${describeValue(dataflow.directives)}` : describeValue(dataflow)}`,
    );
  const d = out ?? new Int32Array(L.DESC_SIZE);
  d.fill(0, offset, offset + L.DESC_SIZE);
  const type = LAYER_TYPE_CODE[layer.type];
  if (type === undefined) throw new LayerRejectedError(`unknown layer type ${String(layer.type)}`, L.ERR_BAD_LAYER, layer.name);
  d[offset + L.DESC_TYPE] = type;
  const batch = opts.batchTensors ?? layer.dims.N !== undefined;
  d[offset + L.DESC_FLAGS] = batch ? L.DESC_FLAG_BATCH_TENSORS : 0;
  // Error messages are built only on error: this runs once per layer evaluation.
  const sx = layer.strideX ?? 1;
  const sy = layer.strideY ?? 1;
  if (notInt(sx, 1)) throw intError('stride X', sx, layer, 1);
  if (notInt(sy, 1)) throw intError('stride Y', sy, layer, 1);
  const dims = layer.dims;
  for (const key of Object.keys(dims)) {
    const name = key as DimName;
    const size = dims[name];
    if (size === undefined) continue;
    const idx = DIM_INDEX[name];
    if (idx === undefined) throw new LayerRejectedError(`unknown dimension ${name}`, L.ERR_BAD_LAYER, layer.name);
    if (notInt(size, 1)) throw intError(`dimension ${name}`, size, layer, 1);
    d[offset + L.DESC_DIM_SIZE + idx] = size;
    d[offset + L.DESC_DIM_STRIDE + idx] = name === 'X' ? sx : name === 'Y' ? sy : 1;
  }
  // Y with X' (or Y' with X): MAESTRO takes one of the two output sizes from a variable it never
  // set (valgrind: uninitialised reads; results vary from run to run, sometimes SIGFPE).
  // (Both sizes of one axis: refused as the file parsers refuse them.)
  const bothY = dims.Y !== undefined && dims["Y'"] !== undefined;
  if (bothY || (dims.X !== undefined && dims["X'"] !== undefined)) {
    const [i, o] = bothY ? ['Y', "Y'"] : ['X', "X'"];
    throw new LayerRejectedError(`both ${i} and ${o} given: declare the input size or the output size, not both`, L.ERR_BAD_LAYER, layer.name);
  }
  if ((dims.Y !== undefined && dims["X'"] !== undefined) || (dims["Y'"] !== undefined && dims.X !== undefined)) {
    const [a, b] = dims.Y !== undefined ? ['Y', "X'"] : ["Y'", 'X'];
    throw new LayerRejectedError(
      `Dimensions mix ${a} and ${b} (an input and an output size): MAESTRO reads an uninitialised size for such a layer (its output varies from run to run); give Y and X, or Y' and X'`,
      L.ERR_UNDEFINED_BEHAVIOUR,
      layer.name,
    );
  }
  const dirs = dataflow.directives;
  if (dirs.length > L.MAX_DIRECTIVES) {
    throw new LayerRejectedError(`dataflow has ${dirs.length} directives (max ${L.MAX_DIRECTIVES})`, L.ERR_CAPACITY, layer.name);
  }
  d[offset + L.DESC_NUM_DIRECTIVES] = dirs.length;
  for (let j = 0; j < dirs.length; j++) {
    const dir = dirs[j]!;
    const base = offset + L.DESC_DIRECTIVES + j * L.DIRECTIVE_SLOTS;
    // Shapes of hand-made directive objects (the parsers make only valid ones): a kind the kernel
    // does not know must not pass for a TemporalMap.
    if (dir === null || typeof dir !== 'object') {
      throw new TypeError(`dataflow of layer ${layer.name}: directives[${j}]: expected a directive object ({ kind: 'SpatialMap', size, offset, dim } ...), got ${describeValue(dir)}`);
    }
    if (dir.kind === 'Cluster') {
      if (dir.clusterType !== 'P' && dir.clusterType !== 'L') {
        throw new TypeError(`dataflow of layer ${layer.name}: directives[${j}].clusterType: expected 'P' or 'L', got ${describeValue(dir.clusterType)}`);
      }
      const size = resolveSize(dir.size, layer, dir, j, 'size');
      if (!Number.isInteger(size) || size <= 0) {
        throw new LayerRejectedError(`Cluster size must be a positive integer, got ${size}`, L.ERR_BAD_DIRECTIVE, layer.name);
      }
      d[base + L.DIRECTIVE_KIND_DIM] = directiveHead(L.DIR_CLUSTER, -1);
      d[base + L.DIRECTIVE_SIZE] = size;
      d[base + L.DIRECTIVE_OFFSET] = 0;
      continue;
    }
    if (dir.kind !== 'SpatialMap' && dir.kind !== 'TemporalMap') {
      throw new TypeError(`dataflow of layer ${layer.name}: directives[${j}].kind: expected 'SpatialMap', 'TemporalMap' or 'Cluster', got ${describeValue((dir as { kind: unknown }).kind)}`);
    }
    const dimIdx = DIM_INDEX[dir.dim];
    if (dimIdx === undefined) throw new LayerRejectedError(`${directiveLabel(dir, j)}: unknown dimension`, L.ERR_BAD_DIRECTIVE, layer.name);
    const size = resolveSize(dir.size, layer, dir, j, 'size');
    const ofs = resolveSize(dir.offset, layer, dir, j, 'offset');
    if (!Number.isInteger(size) || !Number.isInteger(ofs) || size <= 0 || ofs <= 0) {
      throw new LayerRejectedError(`${directiveLabel(dir, j)}: size and offset must be positive integers`, L.ERR_BAD_DIRECTIVE, layer.name);
    }
    if (dir.kind === 'TemporalMap' && (dir.dim === 'R' || dir.dim === 'S')) {
      // MAESTRO's parser: a TemporalMap over R/S must cover the whole filter, (Sz, Sz).
      const full = layer.dims[dir.dim];
      if (size !== ofs || (full !== undefined && full !== size)) {
        throw new LayerRejectedError(
          `${directiveLabel(dir, j)}: MAESTRO requires TemporalMap(Sz(${dir.dim}),Sz(${dir.dim})) on ${dir.dim}, got (${size},${ofs}) with ${dir.dim}=${full}`,
          L.ERR_BAD_DIRECTIVE,
          layer.name,
        );
      }
    }
    d[base + L.DIRECTIVE_KIND_DIM] = directiveHead(dir.kind === 'SpatialMap' ? L.DIR_SPATIAL : L.DIR_TEMPORAL, dimIdx);
    d[base + L.DIRECTIVE_SIZE] = size;
    d[base + L.DIRECTIVE_OFFSET] = ofs;
  }
  return d;
}

/** Slot DIRECTIVE_KIND_DIM of a directive (assembly/layout.ts): its kind and dimension in one Int32. */
export function directiveHead(kind: number, dimIdx: number): number {
  return kind + L.DIRECTIVE_DIM_SCALE * (dimIdx + 1);
}

/** Kind (DIR_*) of directive `j` of the descriptor at `offset` of `d`. */
export function directiveKindAt(d: Int32Array, offset: number, j: number): number {
  return d[offset + L.DESC_DIRECTIVES + j * L.DIRECTIVE_SLOTS + L.DIRECTIVE_KIND_DIM]! & (L.DIRECTIVE_DIM_SCALE - 1);
}

/**
 * Canonical key of hardware: equal keys <=> equal `encodeHardware` records. The vector width
 * appears only when it is not 1, so keys of earlier releases (e.g. in checkpoints) stay valid.
 */
export function hardwareKey(hw: Hardware): string {
  return `${hw.numPes}:${hw.l1Size}:${hw.l2Size}:${hw.nocBw}:${hw.offchipBw}:${hw.nocHops ?? 1}${vectorWidthKey(hw)}`;
}

/** The vector width's part of a hardware key: '' for the default width 1, else `:v<width>`. */
export function vectorWidthKey(hw: Hardware): string {
  return (hw.vectorWidth ?? 1) === 1 ? '' : `:v${hw.vectorWidth}`;
}

/** A value as error messages show it: `1.5`, `the string "256"`, `null`, `an object`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  switch (typeof v) {
    case 'number':
      return String(v);
    case 'string':
      return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v)}`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'object':
      return 'an object';
    default:
      return `${typeof v} ${String(v)}`;
  }
}

/** The fields a {@link Hardware} object must have. */
const HARDWARE_REQUIRED = ['numPes', 'l1Size', 'l2Size', 'nocBw', 'offchipBw'] as const;
/** The optional fields (default 1, MAESTRO's). */
const HARDWARE_OPTIONAL = ['nocHops', 'vectorWidth'] as const;

/**
 * Check a {@link Hardware} object as the hardware parsers do: `numPes`, `l1Size`, `l2Size`,
 * `nocBw`, `offchipBw` required, `nocHops` and `vectorWidth` optional (default 1); each an integer
 * in `HARDWARE_MIN[field]`..2147483647 (`l1Size`, `l2Size`, `nocHops` may be 0, the others >= 1).
 * Runs once per hardware object wherever one enters the cost model ({@link encodeHardware},
 * `CostModel.evaluateLayer` / `evaluateNetwork`, `runCodesign`). A field a Hardware object does
 * not have (`nocHop`, `vector_width`) is an error too; field names are checked the first time an
 * object is seen (values on every call): a key added to the same object later is not.
 * @param name how the object is named in messages (`hw`, `cfg.accelerators[3].hw`)
 * @throws TypeError when `hw` is not an object; UserError naming the field otherwise, e.g.
 *   `hw.numPes: expected an integer in 1..2147483647, got 1.5`.
 */
export function checkHardware(hw: Hardware, name = 'hw'): void {
  if (hw === null || typeof hw !== 'object' || Array.isArray(hw))
    throw new TypeError(`${name}: expected a Hardware object { numPes, l1Size, l2Size, nocBw, offchipBw, nocHops?, vectorWidth? }, got ${describeValue(hw)}`);
  let missing: string[] | undefined;
  for (const k of HARDWARE_REQUIRED) if (hw[k] === undefined) (missing ??= []).push(k);
  if (missing)
    throw new UserError(
      `missing ${missing.join(', ')} (a Hardware object needs numPes, l1Size, l2Size, nocBw and offchipBw; nocHops and vectorWidth default to 1)`,
      { field: name },
    );
  for (const k of HARDWARE_REQUIRED) checkHardwareField(hw, k, name);
  for (const k of HARDWARE_OPTIONAL) if (hw[k] !== undefined) checkHardwareField(hw, k, name);
  // A misspelt field (`nocHop`, `vector_width`) would silently leave its default in force. (Once
  // per object: the fields' values above are checked on every call.)
  if (!FIELDS_CHECKED.has(hw)) {
    for (const k in hw) if (!HARDWARE_FIELDS.has(k)) throw unknownHardwareField(k, name);
    FIELDS_CHECKED.add(hw);
  }
}

/** Hardware objects whose field names have been checked. */
const FIELDS_CHECKED = new WeakSet<object>();

/** The fields of a {@link Hardware} object. */
const HARDWARE_FIELDS: ReadonlySet<string> = new Set(['id', ...HARDWARE_REQUIRED, ...HARDWARE_OPTIONAL]);

/** MAESTRO's / the files' names of the fields, for a hint. */
const HARDWARE_ALIASES: Readonly<Record<string, string>> = {
  numsimdlanes: 'vectorWidth',
  simdlanes: 'vectorWidth',
  nocnumhops: 'nocHops',
  numpes: 'numPes',
  pes: 'numPes',
};

function unknownHardwareField(k: string, name: string): UserError {
  const norm = (x: string): string => x.toLowerCase().replace(/[_\s-]/g, '').replace(/cstr$/, '');
  const nk = norm(k);
  const like =
    HARDWARE_ALIASES[nk] ??
    [...HARDWARE_FIELDS].find((f) => norm(f) === nk || (nk.length >= 4 && (norm(f).startsWith(nk) || nk.startsWith(norm(f)))));
  return new UserError(
    `unknown field${like ? ` (did you mean ${like}?)` : ''}: a Hardware object has ${[...HARDWARE_FIELDS].join(', ')}`,
    { field: `${name}.${k}` },
  );
}

function checkHardwareField(hw: Hardware, k: (typeof HARDWARE_REQUIRED)[number] | (typeof HARDWARE_OPTIONAL)[number], name: string): void {
  const v: unknown = hw[k];
  const min = HARDWARE_MIN[k];
  if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= MAX_INT) return;
  throw new UserError(`expected an integer in ${min}..${MAX_INT}, got ${describeValue(v)}`, { field: `${name}.${k}` });
}

/**
 * Encode hardware into a record (`HW_SIZE` Int32 slots) at `offset` of `out` (or a new array).
 * `nocHops` and `vectorWidth` default to 1 (MAESTRO's defaults). The object is checked first
 * ({@link checkHardware}): a value the hardware parsers would refuse is an error, never truncated
 * or wrapped into the Int32 record.
 * @throws TypeError / UserError as {@link checkHardware}.
 */
export function encodeHardware(hw: Hardware, out?: Int32Array, offset = 0): Int32Array {
  checkHardware(hw);
  const h = out ?? new Int32Array(L.HW_SIZE);
  h.fill(0, offset, offset + L.HW_SIZE);
  h[offset + L.HW_NUM_PES] = hw.numPes;
  h[offset + L.HW_L1_SIZE] = hw.l1Size;
  h[offset + L.HW_L2_SIZE] = hw.l2Size;
  h[offset + L.HW_NOC_BW] = hw.nocBw;
  h[offset + L.HW_OFFCHIP_BW] = hw.offchipBw;
  h[offset + L.HW_NOC_HOPS] = hw.nocHops ?? 1;
  h[offset + L.HW_VECTOR_WIDTH] = hw.vectorWidth ?? 1;
  return h;
}
