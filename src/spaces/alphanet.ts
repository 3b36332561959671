/**
 * AlphaNet / AttentiveNAS configuration -> accelerator layers (MobileNetV3-style network),
 * following the paper's converter (CoDesign `tools/frontend/alpha_frameworks_to_modelfile_maestro.py`):
 * the static AttentiveNAS sub-network is traced with a forward hook on every Conv2d/Linear, in
 * execution order, and each traced module becomes a MAESTRO layer.
 *
 * Assumptions (from AttentiveNAS `configs/eval_attentive_nas_models.yml` `supernet_config`, the
 * static/dynamic model code, and checked against `mflops`, see below):
 * - Input `resolution` x `resolution`, 3 channels, 1000 classes, `use_v3_head: True`.
 * - first conv: 3x3, stride 2, padding 1, 3 -> width[0].
 * - 7 stages of MBConv blocks (stage s: `depth[s]` blocks, output width[s+1], depthwise kernel
 *   `kernel_size[s]`, expand ratio `expand_ratio[s]`); stage strides 1,2,2,2,1,2,1 (the first
 *   block of a stage has the stride, the others 1); squeeze-excite in stages 3, 5, 6, 7 (1-based,
 *   `se: True` for mb3, mb5, mb6, mb7).
 * - one block, input C_in at size H, output C_out, stride s, kernel k, expand e:
 *   1. shortcut 1x1 conv C_in -> C_out, only when C_in != C_out, run FIRST (the residual block
 *      computes `shortcut(x)` before the main branch), at size ceil(H / s) (after avg-pooling);
 *   2. expand 1x1 conv C_in -> M, M = make_divisible(C_in * e, 8), absent when e = 1;
 *   3. depthwise kxk conv over M channels, stride s, padding k/2 (MAESTRO `DSCONV`, K = 1);
 *   4. squeeze-excite (if the stage has it) on the globally pooled 1x1 map:
 *      1x1 conv M -> S, then 1x1 conv S -> M, S = make_divisible(floor(M / 4), 8);
 *   5. project 1x1 conv M -> C_out.
 * - head: 1x1 conv width[7] -> 6 * width[7] at the final size, global pool, 1x1 conv
 *   6 * width[7] -> width[8] at 1x1 (no BN), linear width[8] -> 1000.
 * - make_divisible(v, 8) = max(1, floor((v + 4) / 8) * 8), plus 8 if that is below 0.9 v.
 * - stage depth is clipped to the supernet's block count per stage (`max(d)` = 2,5,6,6,8,8,2):
 *   `runtime_depth = min(blocks, d)`, so a sampled depth 6 in stage 2 gives 5 blocks.
 * - kernel 7 (not in the released supernet's k: [3, 5]) is taken as a real 7x7 depthwise conv,
 *   as the static sub-network builds it (the paper's own supernet config is not published).
 * - activations, batch norm, pooling, the residual add: no layer (as in the paper's trace).
 * MAESTRO encoding as for NB301: depthwise = `DSCONV` K = 1; linear = `CONV` R = S = Y = X = 1,
 * stride 1; Y, X = INPUT size; names `L0`, `L1`, ... in order.
 *
 * FLOPs relation: `alphanetMflops(cfg)` equals `mflops` EXACTLY for all 9,999 configs
 * (test/spaces/alphanet.test.ts): the AttentiveNAS counter's MACs with padded output sizes over
 * every conv/linear (bias ignored), summed in float32 in module order, / 1e6. The exact integer
 * sum `alphanetTorchMacs(cfg) / 1e6` differs from `mflops` by < 6e-8 relative (float32 rounding).
 * MAESTRO's MACs (`layerMacs`: no padding, output floor((H - k) / s) + 1) are 0.882..0.992 of
 * `mflops * 1e6` over all configs, never more: only the stem and the kxk depthwise convs lose
 * their border outputs (1x1 layers agree exactly), so the tolerance is one-sided and bounded by
 * those layers' MACs (checked per config in the test).
 */
import type { Layer } from '../model/types.js';
import { UserError } from '../errors.js';

/** An AlphaNet/AttentiveNAS sub-network configuration (as in `alphanet.json` `configs`). */
export interface AlphaNetConfig {
  /** Input height = width, pixels (an integer >= 8). */
  resolution: number;
  /** 9 widths: first conv, 7 stages, last conv. */
  width: readonly number[];
  /** 7 depthwise kernel sizes (odd). */
  kernel_size: readonly number[];
  /** 7 expand ratios. */
  expand_ratio: readonly number[];
  /** 7 stage depths. */
  depth: readonly number[];
}

/** The fixed supernet settings the configs are sampled from. */
export const ALPHANET_SUPERNET = {
  stageStrides: [1, 2, 2, 2, 1, 2, 1],
  stageSe: [false, false, true, false, true, true, true],
  /** Blocks the supernet has per stage (`max(d)`): deeper configs are clipped to this. */
  stageMaxDepth: [2, 5, 6, 6, 8, 8, 2],
  firstConvStride: 2,
  headExpand: 6,
  classes: 1000,
} as const;

/** OFA/AttentiveNAS `make_divisible(v, 8)`. */
export function makeDivisible(v: number, divisor = 8, minValue = 1): number {
  let n = Math.max(minValue, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (n < 0.9 * v) n += divisor;
  return n;
}

/** Check a config's shape; throws UserError naming the field. */
export function checkAlphaNetConfig(c: unknown, where = 'config'): asserts c is AlphaNetConfig {
  if (typeof c !== 'object' || c === null) throw new UserError('expected an object', { field: where });
  const o = c as Record<string, unknown>;
  if (!Number.isInteger(o.resolution) || (o.resolution as number) < 8) {
    throw new UserError('expected an integer >= 8', { field: `${where}.resolution` });
  }
  const lens: Record<string, number> = { width: 9, kernel_size: 7, expand_ratio: 7, depth: 7 };
  for (const [k, n] of Object.entries(lens)) {
    const v = o[k];
    // (channels, blocks and expansion ratios are whole numbers: 24.5 channels is no network)
    if (!Array.isArray(v) || v.length !== n || !v.every((x) => Number.isInteger(x) && x > 0)) {
      throw new UserError(`expected ${n} positive integers`, { field: `${where}.${k}` });
    }
  }
  if (!(o.kernel_size as number[]).every((k) => Number.isInteger(k) && k % 2 === 1)) {
    throw new UserError('kernel sizes must be odd integers', { field: `${where}.kernel_size` });
  }
}

interface Traced {
  layer: Layer;
  torchOut: number;
  /** Position in PyTorch's module registration order (the FLOPs counter's summation order). */
  moduleOrder: number;
}

function trace(cfg: AlphaNetConfig): Traced[] {
  checkAlphaNetConfig(cfg); // (a 6-entry depth dropped stage 7, kernel 4 or 2.5 blocks were traced as given)
  const out: Traced[] = [];
  let order = 0;
  const conv = (type: 'CONV' | 'DSCONV', k: number, c: number, r: number, s: number, h: number, moduleOrder = order++): number => {
    const torchOut = Math.floor((h + 2 * Math.floor(r / 2) - r) / s) + 1;
    out.push({
      layer: {
        name: `L${out.length}`,
        type,
        strideX: s,
        strideY: s,
        dims: { K: type === 'DSCONV' ? 1 : k, C: c, R: r, S: r, Y: h, X: h },
      },
      torchOut,
      moduleOrder,
    });
    return torchOut;
  };
  const sn = ALPHANET_SUPERNET;
  let h = conv('CONV', cfg.width[0], 3, 3, sn.firstConvStride, cfg.resolution);
  let cin = cfg.width[0];
  for (let st = 0; st < 7; st++) {
    const cout = cfg.width[st + 1];
    const k = cfg.kernel_size[st];
    const e = cfg.expand_ratio[st];
    const depth = Math.min(cfg.depth[st], sn.stageMaxDepth[st]);
    for (let b = 0; b < depth; b++) {
      const s = b === 0 ? sn.stageStrides[st] : 1;
      // The shortcut runs first but is registered after the main branch (module order).
      const shortcutOrder = order + 5;
      if (cin !== cout) {
        // avg_pool2d(x, s, padding = H odd ? 1 : 0) then 1x1 conv
        const hp = s > 1 ? Math.floor((h + 2 * (h % 2) - s) / s) + 1 : h;
        conv('CONV', cout, cin, 1, 1, hp, shortcutOrder);
      }
      const mid = makeDivisible(Math.round(cin * e), 8);
      if (e !== 1) conv('CONV', mid, cin, 1, 1, h);
      const h2 = conv('DSCONV', 1, mid, k, s, h);
      if (sn.stageSe[st]) {
        const se = makeDivisible(Math.floor(mid / 4), 8);
        conv('CONV', se, mid, 1, 1, 1);
        conv('CONV', mid, se, 1, 1, 1);
      }
      conv('CONV', cout, mid, 1, 1, h2);
      order = shortcutOrder + 1;
      h = h2;
      cin = cout;
    }
  }
  const expanded = cin * sn.headExpand;
  conv('CONV', expanded, cin, 1, 1, h);
  conv('CONV', cfg.width[8], expanded, 1, 1, 1);
  conv('CONV', sn.classes, cfg.width[8], 1, 1, 1); // linear
  return out;
}

/** The accelerator layers of an AlphaNet config, in forward order (names `L0`, `L1`, ...). */
export function alphanetLayers(cfg: AlphaNetConfig): Layer[] {
  return trace(cfg).map((t) => t.layer);
}

/** MACs as the AttentiveNAS FLOPs counter counts them (padded outputs), exact integer. */
export function alphanetTorchMacs(cfg: AlphaNetConfig): number {
  let sum = 0;
  for (const t of trace(cfg)) sum += torchMacs(t);
  return sum;
}

/**
 * `mflops` exactly as AttentiveNAS's `count_net_flops_and_params` reports it: per-module MACs
 * summed in float32 in module registration order, then divided by 1e6 in float64.
 */
export function alphanetMflops(cfg: AlphaNetConfig): number {
  const ts = trace(cfg).sort((a, b) => a.moduleOrder - b.moduleOrder);
  let sum = 0;
  for (const t of ts) sum = Math.fround(sum + Math.fround(torchMacs(t)));
  return sum / 1e6;
}

function torchMacs(t: Traced): number {
  const d = t.layer.dims;
  const k = t.layer.type === 'DSCONV' ? 1 : d.K!;
  return k * d.C! * d.R! * d.S! * t.torchOut * t.torchOut;
}
