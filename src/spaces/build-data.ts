/**
 * Rebuild data/spaces/*.bin.gz from the shared JSON sets (`../shared/spaces` by default).
 *
 * Usage (after `npx tsc -p tsconfig.json`): `node dist/src/spaces/build-data.js [SHARED_DIR] [OUT_DIR]`
 * Every value is decoded again and compared with the source before a file is written.
 */
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readPack, writePack } from './pack.js';
import { packageRoot } from '../package-root.js';
import { decodeAlphaNet, decodeNb301, encodeAlphaNet, encodeNb301, type AlphaNetData, type Nb301Data } from './data.js';

/** Read the shared NB301 JSON files into {@link Nb301Data}. */
export function readSharedNb301(sharedDir: string): Nb301Data {
  const dir = path.join(sharedDir, 'spaces', 'nb301');
  const genotypes = JSON.parse(readFileSync(path.join(dir, 'genotypes.json'), 'utf8'));
  const f = JSON.parse(readFileSync(path.join(dir, 'index_flops.json'), 'utf8'));
  return { genotypes, flops16: Float64Array.from(f.flops_16x16), modelIndex: f.model_index };
}

/** Read the shared AlphaNet JSON file into {@link AlphaNetData}. */
export function readSharedAlphaNet(sharedDir: string): AlphaNetData {
  const a = JSON.parse(readFileSync(path.join(sharedDir, 'spaces', 'alphanet', 'alphanet.json'), 'utf8'));
  return {
    configs: a.configs,
    accuracy: Float64Array.from(a.accuracy),
    mflops: Float64Array.from(a.mflops),
    mparams: Float64Array.from(a.mparams),
    selectIndex: a.select_index,
  };
}

function normalize(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
}

function assertSame(what: string, a: unknown, b: unknown): void {
  const sa = JSON.stringify(normalize(a));
  const sb = JSON.stringify(normalize(b));
  if (sa !== sb) throw new Error(`${what}: decoded data differs from the source`);
}

/** Build both packs from `sharedDir` into `outDir`; returns the written file sizes. */
export function buildSpaceData(sharedDir: string, outDir: string): Record<string, number> {
  mkdirSync(outDir, { recursive: true });
  const sizes: Record<string, number> = {};
  const nb = readSharedNb301(sharedDir);
  const nbBytes = writePack(encodeNb301(nb));
  assertSame('nb301', decodeNb301(readPack(nbBytes)), nb);
  writeFileSync(path.join(outDir, 'nb301.bin.gz'), nbBytes);
  sizes['nb301.bin.gz'] = nbBytes.length;
  const al = readSharedAlphaNet(sharedDir);
  const alBytes = writePack(encodeAlphaNet(al));
  assertSame('alphanet', decodeAlphaNet(readPack(alBytes)), al);
  writeFileSync(path.join(outDir, 'alphanet.bin.gz'), alBytes);
  sizes['alphanet.bin.gz'] = alBytes.length;
  return sizes;
}

const isMain = (() => {
  try {
    return process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
})();
if (isMain) {
  const root = process.argv[2] && process.argv[3] ? '' : packageRoot();
  const shared = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared'));
  const out = path.resolve(process.argv[3] ?? path.join(root, 'data', 'spaces'));
  const sizes = buildSpaceData(shared, out);
  for (const [f, n] of Object.entries(sizes)) process.stderr.write(`wrote ${path.join(out, f)} (${n} bytes)\n`);
}
