import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nb301Layers, nb301TorchMacs, type Nb301Genotype } from '../../src/spaces/nb301.js';
import { networkMacs } from '../../src/spaces/macs.js';

const shared = path.resolve(import.meta.dirname, '../..', '../shared');
const genotypes: Nb301Genotype[] = JSON.parse(readFileSync(path.join(shared, 'spaces/nb301/genotypes.json'), 'utf8'));
const flops = JSON.parse(readFileSync(path.join(shared, 'spaces/nb301/index_flops.json'), 'utf8'));
const spec = JSON.parse(readFileSync(path.join(shared, 'oracle/spec-networks.json'), 'utf8'));

describe('nb301Layers', () => {
  for (const id of [1, 7, 42]) {
    it(`sample ${id} equals the oracle's layer list`, () => {
      const ours = nb301Layers(genotypes[id]).map((l) => ({
        name: l.name,
        type: l.type,
        stride: [l.strideX, l.strideY],
        dims: l.dims,
      }));
      const theirs = spec.networks[`nb301_${id}`].map((l: any) => ({ name: l.name, type: l.type, stride: l.stride, dims: l.dims }));
      expect(ours).toEqual(theirs);
    });
  }

  it('layer counts: 55..591 over the paper ids (mean 325.5), 55..639 over all 10,000', () => {
    const counts = flops.model_index.map((i: number) => nb301Layers(genotypes[i]).length);
    expect(Math.min(...counts)).toBe(55);
    expect(Math.max(...counts)).toBe(591);
    expect(counts.reduce((a: number, b: number) => a + b, 0) / counts.length).toBeCloseTo(325.479, 3);
  });

  it('all 10,000: torch MACs == flops_16x16 exactly; MAESTRO MACs within 0.89..1.01 of it', () => {
    let min = Infinity;
    let max = 0;
    let total = 0;
    let bad = 0;
    let ratioMin = Infinity;
    let ratioMax = 0;
    for (let i = 0; i < genotypes.length; i++) {
      const layers = nb301Layers(genotypes[i]);
      min = Math.min(min, layers.length);
      max = Math.max(max, layers.length);
      total += layers.length;
      if (nb301TorchMacs(genotypes[i]) !== flops.flops_16x16[i]) bad++;
      const r = networkMacs(layers) / flops.flops_16x16[i];
      ratioMin = Math.min(ratioMin, r);
      ratioMax = Math.max(ratioMax, r);
    }
    expect(min).toBe(55);
    expect(max).toBe(639);
    expect(total / genotypes.length).toBeCloseTo(323.2224, 4);
    expect(bad).toBe(0);
    // MAESTRO's unpadded MACs incl. the auxiliary head vs the padded, aux-free FLOPs figure.
    expect(ratioMin).toBeCloseTo(0.89219, 4);
    expect(ratioMax).toBeCloseTo(1.00804, 4);
  });

  it('flops_32x32 is the same count at 32x32 input (first 500 samples)', () => {
    for (let i = 0; i < 500; i++) expect(nb301TorchMacs(genotypes[i], { inputSize: 32 })).toBe(flops.flops_32x32[i]);
  });
});

describe('nb301Layers checks its genotype and options (library callers)', () => {
  const cell = (op: string) => Array.from({ length: 8 }, (_, k) => [op, k % 2]) as unknown as Nb301Genotype['normal'];
  const g: Nb301Genotype = { normal: cell('sep_conv_3x3'), reduce: cell('sep_conv_3x3') };
  it('an input out of range (gave 72 layers without Y / X), 7 edges (a TypeError), "none", bad options: errors naming the field', () => {
    expect(nb301Layers(g).length).toBeGreaterThan(0);
    const bad: Array<[() => unknown, string]> = [
      [() => nb301Layers({ normal: [['sep_conv_3x3', 5], ...g.normal.slice(1)] as Nb301Genotype['normal'], reduce: g.reduce }), 'genotype.normal[0]: input must be an integer in 0..1'],
      [() => nb301Layers({ normal: g.normal.slice(0, 7), reduce: g.reduce }), 'genotype.normal: expected 8 [op, input] edges'],
      [() => nb301Layers({ normal: cell('none'), reduce: g.reduce }), 'genotype.normal[0]: unknown op "none"'],
      [() => nb301TorchMacs({ normal: g.normal, reduce: cell('conv_7x1_1x7') }), 'genotype.reduce[0]: unknown op "conv_7x1_1x7"'],
      [() => nb301Layers(g, { channels: 0 }), 'opts.channels: expected a positive integer, got 0'],
      [() => nb301Layers(g, { cells: 2.5 }), 'opts.cells: expected a positive integer, got 2.5'],
    ];
    for (const [f, msg] of bad) expect(f).toThrow(msg);
  });
});
