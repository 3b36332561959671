/**
 * The paper's two architecture sets, embedded in the package as data/spaces/{nb301,alphanet}.bin.gz
 * (binary packs, see ./pack.ts; rebuilt from ../shared/spaces by ./build-data.ts).
 *
 * NB301 pack: `edges` u8[10000*16] (edge byte = op index * 8 + input; 8 normal then 8 reduce
 * edges per genotype, ops in NB301_OPS order), `flops16` u32 (`flops_16x16`, integers),
 * `modelIndex` u16 (the 1,018 paper ids, in order).
 * AlphaNet pack: `resolution` u16, `width` u16[N*9], `kernel` / `expand` / `depth` u8[N*7],
 * `accuracy` f64, `mflops` / `mparams` u32 (value * 1e6, exact integers), `selectIndex` u16.
 * The AlphaNet figures are CC BY-NC 4.0 (Facebook Research): see data/spaces/LICENSE-alphanet.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readPack, type Pack } from './pack.js';
import { NB301_OPS, type Nb301Edge, type Nb301Genotype } from './nb301.js';
import type { AlphaNetConfig } from './alphanet.js';

/** The NAS-Bench-301 sample set of the paper. */
export interface Nb301Data {
  /** 10,000 genotypes; index = sample id. */
  genotypes: Nb301Genotype[];
  /** `flops_16x16` per sample id. */
  flops16: Float64Array;
  /** The 1,018 sample ids the paper evaluated, in the order of its results. */
  modelIndex: number[];
}

/** The AlphaNet/AttentiveNAS config set of the paper (figures CC BY-NC 4.0, Facebook Research). */
export interface AlphaNetData {
  /** 9,999 configurations; index = config id. */
  configs: AlphaNetConfig[];
  /** Predicted top-1 accuracy, %. */
  accuracy: Float64Array;
  /** MFLOPs (mega multiply-accumulates) as AttentiveNAS counts them. */
  mflops: Float64Array;
  /** Parameters, millions. */
  mparams: Float64Array;
  /** The 1,046 config indices the paper selected. */
  selectIndex: number[];
}

/** Encode NB301 data into pack sections. */
export function encodeNb301(d: Nb301Data): Pack {
  const n = d.genotypes.length;
  const edges = new Uint8Array(n * 16);
  d.genotypes.forEach((g, i) => {
    [...g.normal, ...g.reduce].forEach(([op, input], j) => {
      const o = NB301_OPS.indexOf(op);
      if (o < 0 || input < 0 || input > 7) throw new Error(`genotype ${i}: bad edge ${op},${input}`);
      edges[i * 16 + j] = o * 8 + input;
    });
  });
  return {
    meta: { space: 'nb301', count: n, source: 'Ren-Research/CoDesign (NAS-Bench-301 samples, seed = id)' },
    sections: {
      edges,
      flops16: Uint32Array.from(d.flops16),
      modelIndex: Uint16Array.from(d.modelIndex),
    },
  };
}

/** Decode NB301 data from a pack. */
export function decodeNb301(p: Pack): Nb301Data {
  const edges = p.sections.edges as Uint8Array;
  const n = edges.length / 16;
  const genotypes: Nb301Genotype[] = [];
  for (let i = 0; i < n; i++) {
    const cell = (base: number): Nb301Edge[] => {
      const out: Nb301Edge[] = [];
      for (let j = 0; j < 8; j++) {
        const b = edges[i * 16 + base + j];
        out.push([NB301_OPS[b >> 3], b & 7]);
      }
      return out;
    };
    genotypes.push({ normal: cell(0), reduce: cell(8) });
  }
  return {
    genotypes,
    flops16: Float64Array.from(p.sections.flops16),
    modelIndex: Array.from(p.sections.modelIndex),
  };
}

/** Encode AlphaNet data into pack sections. */
export function encodeAlphaNet(d: AlphaNetData): Pack {
  const n = d.configs.length;
  const resolution = new Uint16Array(n);
  const width = new Uint16Array(n * 9);
  const kernel = new Uint8Array(n * 7);
  const expand = new Uint8Array(n * 7);
  const depth = new Uint8Array(n * 7);
  d.configs.forEach((c, i) => {
    resolution[i] = c.resolution;
    width.set(c.width, i * 9);
    kernel.set(c.kernel_size, i * 7);
    expand.set(c.expand_ratio, i * 7);
    depth.set(c.depth, i * 7);
  });
  const scaled = (v: Float64Array): Uint32Array => Uint32Array.from(v, (x) => Math.round(x * 1e6));
  return {
    meta: {
      space: 'alphanet',
      count: n,
      licence: 'CC BY-NC 4.0, Facebook Research (AttentiveNAS/AlphaNet): see LICENSE-alphanet.md',
    },
    sections: {
      resolution,
      width,
      kernel,
      expand,
      depth,
      accuracy: Float64Array.from(d.accuracy),
      mflops: scaled(d.mflops),
      mparams: scaled(d.mparams),
      selectIndex: Uint16Array.from(d.selectIndex),
    },
  };
}

/** Decode AlphaNet data from a pack. */
export function decodeAlphaNet(p: Pack): AlphaNetData {
  const s = p.sections;
  const n = s.resolution.length;
  const configs: AlphaNetConfig[] = [];
  for (let i = 0; i < n; i++) {
    configs.push({
      resolution: s.resolution[i],
      width: Array.from(s.width.subarray(i * 9, i * 9 + 9)),
      kernel_size: Array.from(s.kernel.subarray(i * 7, i * 7 + 7)),
      expand_ratio: Array.from(s.expand.subarray(i * 7, i * 7 + 7)),
      depth: Array.from(s.depth.subarray(i * 7, i * 7 + 7)),
    });
  }
  const unscale = (v: ArrayLike<number>): Float64Array => Float64Array.from(v as ArrayLike<number>, (x) => x / 1e6);
  return {
    configs,
    accuracy: Float64Array.from(s.accuracy),
    mflops: unscale(s.mflops),
    mparams: unscale(s.mparams),
    selectIndex: Array.from(s.selectIndex),
  };
}

/**
 * The package's data/ directory: the first `data/spaces` found walking up from this module
 * (src/spaces/ when run from sources, dist/src/spaces/ when built).
 */
export function packageDataDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const cand = path.join(dir, 'data');
    if (existsSync(path.join(cand, 'spaces'))) return cand;
    dir = path.dirname(dir);
  }
  throw new Error('codesign data/ directory not found (is the package installed completely?)');
}

let nb301Cache: Nb301Data | undefined;
let alphaCache: AlphaNetData | undefined;

/** Load the embedded NB301 set (cached). */
export function loadNb301Data(): Nb301Data {
  if (!nb301Cache) {
    const f = path.join(packageDataDir(), 'spaces', 'nb301.bin.gz');
    nb301Cache = decodeNb301(readPack(readFileSync(f), f));
  }
  return nb301Cache;
}

/** Load the embedded AlphaNet set (cached). */
export function loadAlphaNetData(): AlphaNetData {
  if (!alphaCache) {
    const f = path.join(packageDataDir(), 'spaces', 'alphanet.bin.gz');
    alphaCache = decodeAlphaNet(readPack(readFileSync(f), f));
  }
  return alphaCache;
}
