/**
 * Overflow guard for cost-model results.
 *
 * MAESTRO computes many intermediate counts in 32-bit `int`s. For huge but individually valid
 * inputs (dimensions whose product is far beyond 2^31, or `num_pes` near 2^31) it silently wraps
 * and prints garbage (negative buffer sizes, MAC counts a hundred times too small, ...). The
 * MAESTRO-exact model reproduces those numbers bit for bit, so callers that show results to a
 * user check each row here and report a clear error instead of a wrapped number.
 *
 * A row is refused when any numeric column is negative, not finite or above 2^53 (no longer an
 * exact integer in a double), or when its MAC count is off from the layer's true MAC count by
 * more than the factor MAESTRO's own edge handling can explain: on every row of the shared
 * oracle (18,744 MAESTRO results) the ratio is between 0.93 and 2.2; wrapped results seen in
 * fuzzing are below 0.3 or far above 4.
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

/**
 * Why a cost-model row for `layer` cannot be trusted (a one-line reason), or undefined when it
 * looks sane. `metrics` maps column keys to numbers (non-numeric entries are ignored).
 */
export function resultOverflow(layer: Layer, metrics: Readonly<Record<string, unknown>>): string | undefined {
  for (const [k, v] of Object.entries(metrics)) {
    if (typeof v !== 'number') continue;
    if (!Number.isFinite(v) || v < 0 || v > MAX_EXACT) {
      return `layer too large: MAESTRO's 32-bit arithmetic overflows (its ${k} would be ${v}); reduce the dimensions or num_pes`;
    }
  }
  const got = metrics.num_macs;
  const want = expectedMacs(layer);
  if (typeof got === 'number' && want > 0) {
    if (want > MAX_EXACT) return `layer too large: ${want.toExponential(3)} MACs exceed 2^53`;
    const ratio = got / want;
    if (ratio < MAC_RATIO_RANGE[0] || ratio > MAC_RATIO_RANGE[1]) {
      return `layer too large: MAESTRO's 32-bit arithmetic overflows (it counts ${got} MACs, the layer has ${want}); reduce the dimensions or num_pes`;
    }
  }
  return undefined;
}
