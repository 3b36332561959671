/**
 * Overflow guard for cost-model results.
 *
 * MAESTRO computes many intermediate counts in 32-bit `int`s. For huge but individually valid
 * inputs (dimensions whose product is far beyond 2^31, or `num_pes` near 2^31) it silently wraps
 * and prints garbage (negative buffer sizes, MAC counts a hundred times too small, ...). The
 * MAESTRO-exact model reproduces those numbers bit for bit, so callers that show results to a
 * user check each row here and report a clear error instead of a wrapped number.
 *
 * Only layers where overflow is possible are checked (MAC count, a tensor size or num_pes times
 * a dimension above 2^31-1). Such a row is refused when a count column is negative, infinite or
 * above 2^53 (no longer an exact integer in a double), or when its MAC count is off from the
 * layer's true MAC count by more than the factor MAESTRO's own edge handling explains: on every
 * row of the shared oracle (18,744 MAESTRO results) the ratio is between 0.93 and 2.2; wrapped
 * results seen in fuzzing are below 0.3 or far above 4.
 */
import type { Layer } from '../model/types.js';

/** Largest exactly representable integer (2^53). */
export const MAX_EXACT = 2 ** 53;

/** Allowed range of (MAESTRO's MAC count) / (true MAC count); outside it the row is wrapped. */
export const MAC_RATIO_RANGE = [0.5, 4] as const;

/**
 * The layer's true MAC count (the `N` dimension included): CONV/TRCONV `K*C*R*S*Y'*X'`,
 * DSCONV `C*R*S*Y'*X'`, NGCONV `G*K*C*R*S*Y'*X'`, GEMM `M*N*K`, with `Y' = (Y-R)/strideY + 1`
 * (floor) when only `Y` is given. 0 when an output size is not positive.
 */
export function expectedMacs(layer: Layer): number {
  const d = layer.dims;
  if (layer.type === 'GEMM') return (d.M ?? 1) * (d.N ?? 1) * (d.K ?? 1);
  const r = d.R ?? 1;
  const s = d.S ?? 1;
  const yo = d["Y'"] ?? Math.floor(((d.Y ?? 1) - r) / (layer.strideY ?? 1)) + 1;
  const xo = d["X'"] ?? Math.floor(((d.X ?? 1) - s) / (layer.strideX ?? 1)) + 1;
  if (yo <= 0 || xo <= 0) return 0;
  let m = (d.N ?? 1) * (d.C ?? 1) * r * s * yo * xo;
  if (layer.type === 'CONV' || layer.type === 'TRCONV') m *= d.K ?? 1;
  if (layer.type === 'NGCONV') m *= (d.G ?? 1) * (d.K ?? 1);
  return m;
}

/** Columns that count things (never negative in a sane row; delay columns may be, in MAESTRO). */
export const COUNT_COLUMNS = [
  'runtime', 'energy_nj', 'num_macs', 'l1_size_req', 'l2_size_req', 'noc_bw_req', 'offchip_bw_req',
  'input_pixels', 'weight_pixels', 'area', 'power',
  'in_l1_rd', 'in_l1_wr', 'in_l2_rd', 'in_l2_wr', 'w_l1_rd', 'w_l1_wr', 'w_l2_rd', 'w_l2_wr',
  'out_l1_rd', 'out_l1_wr', 'out_l2_rd', 'out_l2_wr',
] as const;

/**
 * True when MAESTRO's 32-bit intermediates can overflow for this layer on `numPes` PEs: the MAC
 * count, a tensor size, or num_pes times a dimension exceeds 2^31-1. Smaller layers are left
 * alone even when MAESTRO's numbers look odd (e.g. its 0-runtime rows for some FC mappings):
 * those are MAESTRO's real answers, reproduced exactly.
 */
export function overflowRisk(layer: Layer, numPes = 1): boolean {
  const d = layer.dims;
  const vals = Object.values(d).filter((v): v is number => typeof v === 'number');
  const maxDim = Math.max(1, ...vals);
  const n = d.N ?? 1;
  const tensors = [
    n * (d.C ?? 1) * (d.Y ?? d["Y'"] ?? 1) * (d.X ?? d["X'"] ?? 1) * (d.G ?? 1),
    (d.K ?? 1) * (d.C ?? 1) * (d.R ?? 1) * (d.S ?? 1) * (d.G ?? 1) * (layer.type === 'GEMM' ? d.M ?? 1 : 1),
    n * (d.K ?? 1) * (d.Y ?? d["Y'"] ?? 1) * (d.X ?? d["X'"] ?? 1) * (d.M ?? 1),
  ];
  return expectedMacs(layer) > MAX_INT32 || Math.max(...tensors) > MAX_INT32 || numPes * maxDim > MAX_INT32;
}

const MAX_INT32 = 2147483647;

/**
 * Why a cost-model row for `layer` (on `numPes` PEs) cannot be trusted (a one-line reason), or
 * undefined when it looks sane. Only layers at risk ({@link overflowRisk}) are checked: a count
 * column negative, infinite or above 2^53, or a MAC count outside {@link MAC_RATIO_RANGE} of
 * the true one, means MAESTRO's arithmetic wrapped.
 */
export function resultOverflow(layer: Layer, metrics: Readonly<Record<string, unknown>>, numPes = 1): string | undefined {
  if (!overflowRisk(layer, numPes)) return undefined;
  const want = expectedMacs(layer);
  if (want > MAX_EXACT) return `layer too large: ${want.toExponential(3)} MACs exceed 2^53`;
  for (const k of COUNT_COLUMNS) {
    const v = metrics[k];
    if (typeof v === 'number' && (v < 0 || v > MAX_EXACT || v === Infinity)) {
      return `layer too large: MAESTRO's 32-bit arithmetic overflows (its ${k} would be ${v}); reduce the dimensions or num_pes`;
    }
  }
  const got = metrics.num_macs;
  if (typeof got === 'number' && want > 0) {
    const ratio = got / want;
    if (!(ratio >= MAC_RATIO_RANGE[0] && ratio <= MAC_RATIO_RANGE[1])) {
      return `layer too large: MAESTRO's 32-bit arithmetic overflows (it counts ${got} MACs, the layer has ${want}); reduce the dimensions or num_pes`;
    }
  }
  return undefined;
}
