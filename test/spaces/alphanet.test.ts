import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  alphanetLayers,
  alphanetMflops,
  alphanetTorchMacs,
  makeDivisible,
  type AlphaNetConfig,
} from '../../src/spaces/alphanet.js';
import { networkMacs } from '../../src/spaces/macs.js';

const shared = path.resolve(import.meta.dirname, '../..', '../shared');
const data = JSON.parse(readFileSync(path.join(shared, 'spaces/alphanet/alphanet.json'), 'utf8'));
const configs: AlphaNetConfig[] = data.configs;

describe('alphanet', () => {
  it('makeDivisible matches OFA', () => {
    expect(makeDivisible(16 * 5)).toBe(80);
    expect(makeDivisible(24 * 5)).toBe(120);
    expect(makeDivisible(Math.floor(120 / 4))).toBe(32);
    expect(makeDivisible(Math.floor(100 / 4))).toBe(24);
    expect(makeDivisible(1)).toBe(1);
  });

  it('config 1 (224, k7 in stage 2): layer list head and tail', () => {
    const ls = alphanetLayers(configs[1]);
    expect(ls.length).toBe(95);
    expect(ls.slice(0, 4).map((l) => [l.type, l.strideX, l.dims])).toEqual([
      ['CONV', 2, { K: 16, C: 3, R: 3, S: 3, Y: 224, X: 224 }],
      ['DSCONV', 1, { K: 1, C: 16, R: 3, S: 3, Y: 112, X: 112 }],
      ['CONV', 1, { K: 16, C: 16, R: 1, S: 1, Y: 112, X: 112 }],
      // stage 2, block 1: shortcut 16 -> 24 at the pooled size first, then expand 16*5 -> 80
      ['CONV', 1, { K: 24, C: 16, R: 1, S: 1, Y: 56, X: 56 }],
    ]);
    expect(ls[4].dims).toEqual({ K: 80, C: 16, R: 1, S: 1, Y: 112, X: 112 });
    expect([ls[5].type, ls[5].strideX, ls[5].dims]).toEqual(['DSCONV', 2, { K: 1, C: 80, R: 7, S: 7, Y: 112, X: 112 }]);
    expect(ls.slice(-3).map((l) => l.dims)).toEqual([
      { K: 1296, C: 216, R: 1, S: 1, Y: 7, X: 7 },
      { K: 1792, C: 1296, R: 1, S: 1, Y: 1, X: 1 },
      { K: 1000, C: 1792, R: 1, S: 1, Y: 1, X: 1 },
    ]);
  });

  it('mflops reproduced exactly for all 9,999 configs; MAESTRO MACs within the padding bound', () => {
    let bad = 0;
    let worst = 0;
    let rmin = Infinity;
    let rmax = 0;
    let lmin = Infinity;
    let lmax = 0;
    let boundViolations = 0;
    for (let i = 0; i < configs.length; i++) {
      if (alphanetMflops(configs[i]) !== data.mflops[i]) bad++;
      const torch = alphanetTorchMacs(configs[i]);
      worst = Math.max(worst, Math.abs(torch / 1e6 - data.mflops[i]) / data.mflops[i]);
      const layers = alphanetLayers(configs[i]);
      lmin = Math.min(lmin, layers.length);
      lmax = Math.max(lmax, layers.length);
      const maestro = networkMacs(layers);
      // Only layers with R > 1 (stem, depthwise) lose MACs without padding; 1x1 layers agree.
      const spatial = layers.filter((l) => l.dims.R! > 1);
      const lostAtMost = spatial.reduce((a, l) => a + (l.type === 'DSCONV' ? 1 : l.dims.K!) * l.dims.C! * l.dims.R! ** 2 * (Math.ceil(l.dims.Y! / l.strideY) ** 2), 0);
      if (maestro > torch || torch - maestro > lostAtMost) boundViolations++;
      const r = maestro / torch;
      rmin = Math.min(rmin, r);
      rmax = Math.max(rmax, r);
    }
    expect(bad).toBe(0);
    expect(worst).toBeLessThan(6e-8);
    expect(boundViolations).toBe(0);
    expect([lmin, lmax]).toEqual([80, 140]);
    // Tolerance: MAESTRO MACs are 0.8823..0.9924 of mflops (never above; at most 12% below).
    expect(rmin).toBeCloseTo(0.88226, 4);
    expect(rmax).toBeCloseTo(0.99235, 4);
  });
});

describe('alphanetLayers checks its config (library callers)', () => {
  const base: AlphaNetConfig = { resolution: 224, width: [16, 16, 24, 32, 64, 112, 192, 216, 1792], kernel_size: [3, 3, 3, 3, 3, 3, 3], expand_ratio: [1, 4, 4, 4, 4, 6, 6], depth: [1, 3, 3, 3, 3, 3, 1] };
  it('a short depth list (stage 7 was dropped: 74 layers), kernel 4, 2.5 blocks, 24.5 channels, resolution 7: errors naming the field', () => {
    expect(alphanetLayers(base)).toHaveLength(80);
    const bad: Array<[Partial<AlphaNetConfig>, string]> = [
      [{ depth: [1, 3, 3, 3, 3, 3] }, 'config.depth: expected 7 positive integers'],
      [{ depth: [1, 2.5, 3, 3, 3, 3, 1] }, 'config.depth: expected 7 positive integers'],
      [{ kernel_size: [3, 4, 3, 3, 3, 3, 3] }, 'config.kernel_size: kernel sizes must be odd integers'],
      [{ width: [16, 16, 24.5, 32, 64, 112, 192, 216, 1792] }, 'config.width: expected 9 positive integers'],
      [{ expand_ratio: [1, 4.5, 4, 4, 4, 6, 6] }, 'config.expand_ratio: expected 7 positive integers'],
      [{ resolution: 7 }, 'config.resolution: expected an integer >= 8'],
    ];
    for (const [over, msg] of bad) {
      expect(() => alphanetLayers({ ...base, ...over } as AlphaNetConfig)).toThrow(msg);
      expect(() => alphanetTorchMacs({ ...base, ...over } as AlphaNetConfig)).toThrow(msg);
    }
  });
});
