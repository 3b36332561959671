/** The O(log n) per-PE accumulation equals MAESTRO's PE-by-PE double sum bit for bit. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../conformance/oracle.js';

const ex = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(`${PROJECT_ROOT}/build/costmodel.wasm`)), {
  env: { abort: () => { throw new Error('abort'); }, seed: () => 0 },
}).exports as unknown as { repeatedSum(x: number, n: number): number };

function loop(x: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s = s + x;
  return s;
}

describe('repeatedSum', () => {
  it('equals the PE-by-PE loop (MAESTRO constants, ties, random values)', () => {
    const xs = [1.2223, 0.00345, 0.00345 * 100, 283 + 0.104 * 66, 1.2223 + 0.00345 * 6, 0.1, 1 / 3, 0.5, 1, 3, 283, 1e-9, 7.25];
    const ns = [0, 1, 2, 3, 7, 64, 100, 128, 255, 256, 324, 512, 1000, 1024, 4096, 16384, 65536, 300000];
    for (const x of xs) for (const n of ns) expect([x, n, ex.repeatedSum(x, n)]).toEqual([x, n, loop(x, n)]);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
    for (let t = 0; t < 500; t++) {
      const x = rnd() * 10 ** (Math.floor(rnd() * 8) - 4);
      const n = Math.floor(rnd() * 20000);
      expect([x, n, ex.repeatedSum(x, n)]).toEqual([x, n, loop(x, n)]);
    }
  });
});
