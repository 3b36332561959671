/**
 * Backstop check of cost-model results for huge layers.
 *
 * MAESTRO computes many intermediate counts in 32-bit `int`s and wraps for huge but individually
 * valid inputs. The cost model DETECTS every such wrap itself (assembly/: ERR_INT_OVERFLOW,
 * ERR_SIZE_OVERFLOW, ERR_LONG_OVERFLOW; the layer is rejected with a one-line reason), so a row
 * it returns is MAESTRO's real answer, never a wrapped one. (MAESTRO's real answers can be far
 * from the layer's MAC count, e.g. 9.6e14 "MACs" for a 1.3e10-MAC layer mapped with two
 * SpatialMaps at one level: a MAC-ratio rule would wrongly refuse them, so there is none.)
 *
 * What is left here is a cheap backstop for layers where overflow is conceivable (MAC count, a
 * tensor size or num_pes times a dimension above 2^31-1): a count column that is negative,
 * infinite or (integer counts) above 2^53 (no longer an exact integer in a double) is refused,
 * unless the caller has the row's exact counts (the kernel's 64-bit values: `codesign maestro`
 * prints them in full, as MAESTRO does).
 */
import type { Layer } from '../model/types.js';

/** Largest exactly representable integer (2^53). */
export const MAX_EXACT = 2 ** 53;

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
 * Why a cost-model row for `layer` (on `numPes` PEs) cannot be shown as an exact number (a
 * one-line reason), or undefined when it is fine. Only layers at risk ({@link overflowRisk}) are
 * checked: a count column negative, infinite or above 2^53 (not with `countsExact`: the caller
 * shows the integer counts exactly, from the row's `exact` values). (Wrapped rows never get
 * here: the cost model rejects them.)
 */
export function resultOverflow(layer: Layer, metrics: Readonly<Record<string, unknown>>, numPes = 1, countsExact = false): string | undefined {
  if (!overflowRisk(layer, numPes)) return undefined;
  const want = expectedMacs(layer);
  if (!countsExact && want > MAX_EXACT) return `layer too large: ${want.toExponential(3)} MACs exceed 2^53`;
  for (const k of COUNT_COLUMNS) {
    const v = metrics[k];
    // energy / area / power are doubles in MAESTRO too: only their sign matters.
    const integral = !countsExact && k !== 'energy_nj' && k !== 'area' && k !== 'power';
    if (typeof v === 'number' && (v < 0 || (integral && v > MAX_EXACT) || v === Infinity)) {
      return `layer too large: its ${k} would be ${v} (${v < 0 ? 'negative' : 'beyond 2^53, not exact in a double'}); reduce the dimensions or num_pes`;
    }
  }
  return undefined;
}

/**
 * Why a row MAESTRO does give is no cost of the layer: a mapping that computes nothing (0 MACs, as
 * a dataflow whose maps cover no iteration gives: runtime 0 and negative counts in MAESTRO too) or a
 * negative runtime / energy. undefined for a meaningful row. (`codesign maestro` prints such a
 * row, as MAESTRO does; an evaluation or a search cannot rank it.)
 */
export function meaninglessResult(runtime: number, energy: number, macs: number): string | undefined {
  if (!(macs > 0)) return `the mapping computes nothing (${macs} MACs; MAESTRO's runtime ${runtime}, energy ${energy} nJ): no cost of this layer`;
  if (!(runtime >= 0) || !(energy >= 0)) return `MAESTRO gives this mapping a negative ${runtime >= 0 ? 'energy' : 'runtime'} (${runtime >= 0 ? `${energy} nJ` : `${runtime} cycles`}): no cost of this layer`;
  return undefined;
}
