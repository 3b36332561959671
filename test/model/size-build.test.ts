/**
 * The kernel has one copy of its level analysis per cluster level in the release build and a
 * single copy in a size-optimised build (asc shrink level >= 1: what the bench's wasm2js baseline
 * is made from, see bench/build-js-baseline.mjs and assembly/engine.ts). Both must give the same
 * rows, bit for bit: checked here on random layers, dataflows of 1 to 4 cluster levels (the
 * differential generator's) and hardware records with odd bandwidths, hops and vector widths.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { CaseGenerator, knownDataflows } from '../../scripts/differential/generate.js';
import { mappingText } from '../../scripts/differential/case.js';
import { BatchEvaluator } from '../../src/model/batch.js';
import { encodeHardware, encodeLayer } from '../../src/model/encode.js';
import { instantiate } from '../../src/model/wasm.js';
import { parseMapping } from '../../src/parse/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Descriptors of the generator's layers (those the encoder accepts) with their cluster levels, `cases` cases of `seed`. */
function descriptors(seed: number, cases: number): { desc: Int32Array; levels: number }[] {
  const gen = new CaseGenerator(seed, knownDataflows(path.join(root, 'scripts/differential/known-dataflows.json')), 0.2, 'mixed', 0, 0, 0.4);
  const out: { desc: Int32Array; levels: number }[] = [];
  for (let i = 0; i < cases; i++) {
    const c = gen.next(`c${i}`);
    let net;
    try {
      net = parseMapping(mappingText(c), 'm.m');
    } catch {
      continue;
    }
    for (const l of net.layers) {
      try {
        out.push({ desc: encodeLayer(l, l.dataflow, {}), levels: 1 + l.dataflow.directives.filter((d) => d.kind === 'Cluster').length });
      } catch {
        /* rejected by the encoder: not a kernel question */
      }
    }
  }
  return out;
}

describe('size-optimised kernel build', () => {
  it('gives the release build rows bit for bit (levels 1-4, odd hardware)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'size-build-'));
    try {
      const small = path.join(dir, 'small.wasm');
      const asc = createRequire(import.meta.url).resolve('assemblyscript/bin/asc.js');
      execFileSync(process.execPath, [asc, 'assembly/index.ts', '--target', 'release', '--shrinkLevel', '1', '-o', small, '--textFile', path.join(dir, 'small.wat')], { cwd: root, stdio: 'pipe' });
      // One copy of the level analysis (the release build has one per level: <u8> ... <u64>).
      const wat = readFileSync(path.join(dir, 'small.wat'), 'utf8');
      expect(wat).toContain('analyseLevel<u8>');
      expect(wat).not.toContain('analyseLevel<u16>');
      compareBuilds(new WebAssembly.Module(readFileSync(small)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function compareBuilds(smallModule: WebAssembly.Module): void {
  const release = new BatchEvaluator(instantiate(new WebAssembly.Module(readFileSync(path.join(root, 'build/costmodel.wasm')))));
  const sized = new BatchEvaluator(instantiate(smallModule));
  const items = [...descriptors(11, 1500), ...descriptors(12, 1500)];
  const D = new Int32Array(items.length * L.DESC_SIZE);
  items.forEach((it, i) => D.set(it.desc, i * L.DESC_SIZE));
  const hws = [
    { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50, nocHops: 1, vw: 1 },
    { numPes: 64, l1Size: 512, l2Size: 8192, nocBw: 7, offchipBw: 3, nocHops: 3, vw: 4 },
    { numPes: 1024, l1Size: 64, l2Size: 1 << 20, nocBw: 1, offchipBw: 1000, nocHops: 2, vw: 3 },
  ];
  const H = new Int32Array(hws.length * L.HW_SIZE);
  hws.forEach((h, i) => {
    const e = encodeHardware({ id: `h${i}`, numPes: h.numPes, l1Size: h.l1Size, l2Size: h.l2Size, nocBw: h.nocBw, offchipBw: h.offchipBw, nocHops: h.nocHops });
    e[L.HW_VECTOR_WIDTH] = h.vw;
    H.set(e, i * L.HW_SIZE);
  });
  const n = items.length * hws.length;
  const P = new Int32Array(2 * n);
  for (let d = 0, p = 0; d < items.length; d++) for (let h = 0; h < hws.length; h++) (P[p++] = d), (P[p++] = h);
  const a = release.evaluate(D, H, P);
  const b = sized.evaluate(D, H, P);
  const validByLevels = [0, 0, 0, 0, 0];
  const differing: number[] = [];
  for (let i = 0; i < n; i++) {
    if (a[i * L.OUT_SIZE + L.OUT_STATUS] === 0) validByLevels[items[P[2 * i]!]!.levels]!++;
    for (let k = 0; k < L.OUT_SIZE; k++) {
      if (!Object.is(a[i * L.OUT_SIZE + k], b[i * L.OUT_SIZE + k])) {
        differing.push(i);
        break;
      }
    }
  }
  expect(differing.slice(0, 5)).toEqual([]);
  // Rows with a result at every depth the kernel has (levels 1 .. 4).
  for (const lv of [1, 2, 3, 4]) expect(validByLevels[lv], `valid rows with ${lv} levels`).toBeGreaterThan(50);
}
