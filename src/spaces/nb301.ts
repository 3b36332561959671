/**
 * NAS-Bench-301 (DARTS cell space) genotype -> accelerator layers, built the way the paper
 * (arXiv 2203.13921, Ren-Research/CoDesign) built them: a DARTS `NetworkCIFAR` traced with a
 * forward hook on every Conv2d/Linear, in execution order, in training mode (so the auxiliary
 * head runs), and each traced layer written as a MAESTRO layer.
 *
 * Network (defaults = the paper's): C = 36 initial channels, 20 cells, reduction cells at
 * positions floor(20/3) = 6 and floor(40/3) = 13, 16x16 input, auxiliary head after cell 13,
 * 10 classes.
 * - stem: 3x3 conv 3 -> 3C (stride 1, padding 1).
 * - each cell: preprocess0 = 1x1 conv C_pp -> C, or, when the previous cell reduced, a
 *   "factorized reduce" = two 1x1 stride-2 convs C_pp -> C/2, the second over input size H-1
 *   (PyTorch slices `x[:, :, 1:, 1:]`); preprocess1 = 1x1 conv C_p -> C; then the 8 ops in
 *   genotype order (ops 2k, 2k+1 feed node k). In a reduction cell ops reading input 0 or 1
 *   have stride 2. The cell output concatenates nodes 0..3 (4C channels).
 * - sep_conv_kxk (stride s): depthwise kxk stride s, 1x1, depthwise kxk stride 1, 1x1.
 * - dil_conv_kxk (stride s): depthwise kxk stride s, 1x1. Dilation is NOT modelled (R = S = k);
 *   the PyTorch output size (dilation 2, padding 2 / 4) equals ceil(H / s), as for sep convs.
 * - max_pool_3x3, avg_pool_3x3, skip_connect (stride 1): no layer. skip_connect stride 2:
 *   factorized reduce C -> C/2 twice (as above).
 * - auxiliary head (after cell 13, input 4C13 channels at size H13): avg-pool 5/3 pad 2 to
 *   Hp = floor((H13 - 1) / 3) + 1, 1x1 conv -> 128 at Hp, 2x2 conv 128 -> 768 at Hp,
 *   linear 768 -> classes.
 * - classifier: global pool, linear C_last -> classes.
 * MAESTRO encoding: depthwise convs are `DSCONV` with K = 1; linear layers are `CONV` with
 * R = S = Y = X = 1 and stride 1 (the paper writes no stride line); Y and X are the layer's
 * INPUT size. Layer names are `L0`, `L1`, ... in order (as in the shared oracle).
 * Layer counts: 55..591 (mean 325.5) over the paper's 1,018 `model_index` ids, 55..639 (mean
 * 323.2) over all 10,000 genotypes.
 *
 * FLOPs relation (checked over all 10,000 genotypes by test/spaces/nb301.test.ts):
 * `flops_16x16` of `index_flops.json` = `nb301TorchMacs(g)`, i.e. the MACs of the same layers
 * with PyTorch's padded output sizes (H_out = ceil(H_in / stride)), WITHOUT the auxiliary head
 * (the paper's DARTS `flops_counter` runs the model in eval mode). MAESTRO's MACs (`layerMacs`,
 * no padding: H_out = floor((H_in - R) / stride) + 1, auxiliary head included) are 0.892..1.008
 * times `flops_16x16` over the 10,000 genotypes. `flops_32x32` = `nb301TorchMacs(g, { inputSize: 32 })`.
 */
import type { Layer } from '../model/types.js';
import { UserError } from '../errors.js';

/** The DARTS operations that occur in NAS-Bench-301 genotypes. */
export const NB301_OPS = [
  'max_pool_3x3',
  'avg_pool_3x3',
  'skip_connect',
  'sep_conv_3x3',
  'sep_conv_5x5',
  'dil_conv_3x3',
  'dil_conv_5x5',
] as const;

/** One DARTS operation name. */
export type Nb301Op = (typeof NB301_OPS)[number];

/** One edge of a cell: operation and input node (0, 1 = previous cells; j >= 2 = node j - 2). */
export type Nb301Edge = readonly [Nb301Op, number];

/** A DARTS genotype: 8 edges for the normal cell and 8 for the reduction cell. */
export interface Nb301Genotype {
  /** The normal cell's 8 edges. */
  normal: readonly Nb301Edge[];
  /** The reduction cell's 8 edges. */
  reduce: readonly Nb301Edge[];
}

/** Network hyper-parameters (defaults: the paper's). */
export interface Nb301Options {
  /** Initial channels C (default 36). */
  channels?: number;
  /** Number of cells (default 20). */
  cells?: number;
  /** Input height = width (default 16). */
  inputSize?: number;
  /** Include the auxiliary head (default true, as the paper's traced training-mode model). */
  auxiliary?: boolean;
  /** Classes (default 10). */
  classes?: number;
}

/** A traced layer plus what the PyTorch FLOPs counter would see. */
interface Traced {
  layer: Layer;
  /** PyTorch output rows = columns (with padding). */
  torchOut: number;
  aux: boolean;
}

/** Check a genotype's shape; throws UserError naming the field. */
export function checkNb301Genotype(g: unknown, where = 'genotype'): asserts g is Nb301Genotype {
  if (typeof g !== 'object' || g === null) throw new UserError('expected an object', { field: where });
  for (const cell of ['normal', 'reduce'] as const) {
    const edges = (g as Record<string, unknown>)[cell];
    if (!Array.isArray(edges) || edges.length !== 8) {
      throw new UserError('expected 8 [op, input] edges', { field: `${where}.${cell}` });
    }
    edges.forEach((e, i) => {
      const f = `${where}.${cell}[${i}]`;
      if (!Array.isArray(e) || e.length !== 2) throw new UserError('expected [op, input]', { field: f });
      if (!(NB301_OPS as readonly string[]).includes(e[0])) {
        throw new UserError(`unknown op ${JSON.stringify(e[0])}`, { field: f });
      }
      const node = Math.floor(i / 2);
      if (!Number.isInteger(e[1]) || e[1] < 0 || e[1] > node + 1) {
        throw new UserError(`input must be an integer in 0..${node + 1}`, { field: f });
      }
    });
  }
}

/** Check the hyper-parameters: positive integers where given; throws UserError naming the field. */
function checkNb301Options(opts: Nb301Options): void {
  for (const k of ['channels', 'cells', 'inputSize', 'classes'] as const) {
    const v = opts[k];
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) throw new UserError(`expected a positive integer, got ${String(v)}`, { field: `opts.${k}` });
  }
}

/** Trace the network: every conv/linear in forward order, given to `emit` (no intermediate list). */
function trace(g: Nb301Genotype, opts: Nb301Options, emit: (t: Traced) => void): void {
  checkNb301Genotype(g); // (an input out of range gave layers without Y / X, 7 edges a TypeError)
  checkNb301Options(opts);
  const C = opts.channels ?? 36;
  const cells = opts.cells ?? 20;
  const H0 = opts.inputSize ?? 16;
  const auxiliary = opts.auxiliary ?? true;
  const classes = opts.classes ?? 10;
  let count = 0;
  let aux = false;

  const conv = (type: 'CONV' | 'DSCONV', k: number, c: number, r: number, s: number, h: number, pad: number): number => {
    // PyTorch output size (dilation folded into `pad`: see the module comment).
    const torchOut = Math.floor((h + 2 * pad - r) / s) + 1;
    emit({
      layer: {
        name: `L${count++}`,
        type,
        strideX: s,
        strideY: s,
        dims: { K: type === 'DSCONV' ? 1 : k, C: c, R: r, S: r, Y: h, X: h },
      },
      torchOut,
      aux,
    });
    return torchOut;
  };
  const linear = (k: number, c: number): void => {
    emit({
      layer: { name: `L${count++}`, type: 'CONV', strideX: 1, strideY: 1, dims: { K: k, C: c, R: 1, S: 1, Y: 1, X: 1 } },
      torchOut: 1,
      aux,
    });
  };
  /** Factorized reduce: two 1x1 stride-2 convs, the second over x[:, :, 1:, 1:]. */
  const factorizedReduce = (cin: number, cout: number, h: number): number => {
    const o1 = conv('CONV', cout / 2, cin, 1, 2, h, 0);
    const o2 = conv('CONV', cout / 2, cin, 1, 2, h - 1, 0);
    if (o1 !== o2) throw new UserError(`factorized reduce of odd size ${h} (concat would fail)`, { field: 'inputSize' });
    return o1;
  };
  /** One DARTS op on a C-channel input of size h; returns the output size. */
  const op = (name: Nb301Op, c: number, stride: number, h: number): number => {
    switch (name) {
      case 'max_pool_3x3':
      case 'avg_pool_3x3':
        return Math.floor((h + 2 - 3) / stride) + 1;
      case 'skip_connect':
        return stride === 1 ? h : factorizedReduce(c, c, h);
      case 'sep_conv_3x3':
      case 'sep_conv_5x5': {
        const k = name === 'sep_conv_3x3' ? 3 : 5;
        const p = (k - 1) / 2;
        const h1 = conv('DSCONV', 1, c, k, stride, h, p);
        conv('CONV', c, c, 1, 1, h1, 0);
        const h2 = conv('DSCONV', 1, c, k, 1, h1, p);
        conv('CONV', c, c, 1, 1, h2, 0);
        return h2;
      }
      case 'dil_conv_3x3':
      case 'dil_conv_5x5': {
        const k = name === 'dil_conv_3x3' ? 3 : 5;
        // dilation 2, padding k - 1: effective extent 2k - 1, same output as padding (k-1)/2, k.
        const h1 = conv('DSCONV', 1, c, k, stride, h, (k - 1) / 2);
        conv('CONV', c, c, 1, 1, h1, 0);
        return h1;
      }
    }
  };

  // stem
  const stemC = 3 * C;
  let h = conv('CONV', stemC, 3, 3, 1, H0, 1);
  let cPP = stemC;
  let cP = stemC;
  let hPP = h;
  let hP = h;
  let cCur = C;
  let reductionPrev = false;
  for (let i = 0; i < cells; i++) {
    const reduction = i === Math.floor(cells / 3) || i === Math.floor((2 * cells) / 3);
    if (reduction) cCur *= 2;
    const h0 = reductionPrev ? factorizedReduce(cPP, cCur, hPP) : conv('CONV', cCur, cPP, 1, 1, hPP, 0);
    const h1 = conv('CONV', cCur, cP, 1, 1, hP, 0);
    const sizes = [h0, h1];
    const edges = reduction ? g.reduce : g.normal;
    for (let k = 0; k < 4; k++) {
      let hk = -1;
      for (const e of [edges[2 * k], edges[2 * k + 1]]) {
        const [name, input] = e;
        const stride = reduction && input < 2 ? 2 : 1;
        hk = op(name, cCur, stride, sizes[input]);
      }
      sizes.push(hk);
    }
    const hOut = sizes[5];
    cPP = cP;
    hPP = hP;
    cP = 4 * cCur;
    hP = hOut;
    reductionPrev = reduction;
    if (auxiliary && i === Math.floor((2 * cells) / 3)) {
      aux = true;
      const hp = Math.floor((hP + 4 - 5) / 3) + 1; // AvgPool2d(5, stride 3, padding 2)
      const h2 = conv('CONV', 128, cP, 1, 1, hp, 0);
      conv('CONV', 768, 128, 2, 1, h2, 0);
      linear(classes, 768);
      aux = false;
    }
  }
  linear(classes, cP);
}

/** The accelerator layers of a genotype, in the paper's order (names `L0`, `L1`, ...). */
export function nb301Layers(g: Nb301Genotype, opts: Nb301Options = {}): Layer[] {
  const out: Layer[] = [];
  trace(g, opts, (t) => out.push(t.layer));
  return out;
}

/**
 * MACs as the paper's DARTS `flops_counter` counts them: padded PyTorch output sizes, no
 * auxiliary head (eval mode). Equals `flops_16x16` of the paper's `index_flops.json`.
 */
export function nb301TorchMacs(g: Nb301Genotype, opts: Nb301Options = {}): number {
  let sum = 0;
  trace(g, opts, (t) => {
    if (t.aux) return;
    const d = t.layer.dims;
    const k = t.layer.type === 'DSCONV' ? 1 : d.K!;
    sum += k * d.C! * d.R! * d.S! * t.torchOut * t.torchOut;
  });
  return sum;
}
