/**
 * Distinct synthetic layers for the throughput benchmark: every analysis in a batch is a
 * different layer (no result cache can help; like any batch of layers mapped with one dataflow,
 * the kernel keeps the tables that depend only on the dataflow's structure), with realistic sizes
 * (CIFAR/ImageNet-like CNN layers and transformer-like GEMMs). Deterministic (seeded), so runs
 * are comparable.
 */
import type { Layer, LayerType } from '../../src/model/types.js';
import { mulberry32 as rng } from '../../src/accelerators/generate.js';

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function key(l: Layer): string {
  return `${l.type}|${l.strideX}|${JSON.stringify(l.dims)}`;
}

/** `count` distinct layers of one type. */
export function distinctLayers(type: LayerType, count: number, seed = 1): Layer[] {
  const r = rng(seed * 7919 + type.length);
  const seen = new Set<string>();
  const out: Layer[] = [];
  const channels = [3, 8, 16, 24, 32, 36, 40, 48, 64, 72, 96, 108, 128, 144, 160, 192, 256, 320, 384, 512];
  const sizes = [4, 7, 8, 14, 16, 28, 32, 56, 112];
  // Mostly usual channel counts, sometimes any multiple of 4 up to 1024 (enough distinct layers).
  const channel = (): number => (r() < 0.6 ? pick(r, channels) : 4 * (1 + Math.floor(r() * 256)));
  let guard = 0;
  while (out.length < count) {
    if (++guard > count * 1000) throw new Error(`workloads: cannot make ${count} distinct ${type} layers`);
    let layer: Layer;
    if (type === 'GEMM') {
      layer = {
        name: `G${out.length}`,
        type,
        strideX: 1,
        strideY: 1,
        dims: { M: 16 * (1 + Math.floor(r() * 64)), N: pick(r, [1, 2, 4, 8, 16, 32, 64, 128]), K: 64 * (1 + Math.floor(r() * 32)) },
      };
    } else {
      const k = pick(r, [1, 3, 5, 7]);
      const y = Math.max(k, pick(r, sizes));
      const s = y > 8 ? pick(r, [1, 1, 1, 2]) : 1;
      layer = {
        name: `L${out.length}`,
        type,
        strideX: s,
        strideY: s,
        dims: {
          K: type === 'DSCONV' ? 1 : channel(),
          C: channel(),
          R: k,
          S: k,
          Y: y,
          X: y,
        },
      };
    }
    const kk = key(layer);
    if (seen.has(kk)) continue;
    seen.add(kk);
    out.push(layer);
  }
  return out;
}

/** The (layer type, dataflow) pairs the paper uses: CONV with kcp_ws / rs / xp_ws, DSCONV with dpt, GEMM with nmk. */
export const TYPE_DATAFLOW_PAIRS: ReadonlyArray<{ type: LayerType; dataflow: string }> = [
  { type: 'CONV', dataflow: 'kcp_ws' },
  { type: 'CONV', dataflow: 'rs' },
  { type: 'CONV', dataflow: 'xp_ws' },
  { type: 'DSCONV', dataflow: 'dpt' },
  { type: 'GEMM', dataflow: 'nmk' },
];
