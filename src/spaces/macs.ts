/**
 * Multiply-accumulate counts of layers, as MAESTRO counts them (`num_macs`).
 *
 * MAESTRO has no padding: a CONV/DSCONV layer with input Y x X, filter R x S and stride sy, sx
 * has output Y' = floor((Y - R) / sy) + 1, X' = floor((X - S) / sx) + 1 (or the given `Y'`/`X'`).
 * CONV: N*K*C*R*S*Y'*X'. DSCONV (depthwise, K = 1 by convention): N*C*R*S*Y'*X'.
 * GEMM: M*N*K.
 */
import type { Layer } from '../model/types.js';

/** Output rows/columns of a CONV/DSCONV layer as MAESTRO computes them (no padding). */
export function outputSize(layer: Layer): { yo: number; xo: number } {
  const d = layer.dims;
  const r = d.R ?? 1;
  const s = d.S ?? 1;
  const yo = d["Y'"] ?? (d.Y !== undefined ? Math.floor((d.Y - r) / layer.strideY) + 1 : 1);
  const xo = d["X'"] ?? (d.X !== undefined ? Math.floor((d.X - s) / layer.strideX) + 1 : 1);
  return { yo, xo };
}

/** MACs of one layer as MAESTRO counts them (`num_macs`). */
export function layerMacs(layer: Layer): number {
  const d = layer.dims;
  if (layer.type === 'GEMM') return (d.M ?? 1) * (d.N ?? 1) * (d.K ?? 1);
  const { yo, xo } = outputSize(layer);
  const n = d.N ?? 1;
  const k = layer.type === 'DSCONV' ? 1 : (d.K ?? 1);
  return n * k * (d.C ?? 1) * (d.R ?? 1) * (d.S ?? 1) * yo * xo;
}

/** Sum of `layerMacs` over a network. */
export function networkMacs(layers: readonly Layer[]): number {
  let sum = 0;
  for (const l of layers) sum += layerMacs(l);
  return sum;
}
