import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSearchSpace, parseIds, resolveQuality } from '../../src/search/spaces.js';

describe('search spaces', () => {
  it('paper ids and quality of the embedded sets', () => {
    const nb = loadSearchSpace('nb301');
    expect(nb.size).toBe(10000);
    expect(parseIds('paper', nb).length).toBe(1018);
    expect(parseIds('0-3,7,2', nb)).toEqual([0, 1, 2, 3, 7]);
    // The classic space's networks by name, as `evaluate --ids` takes them.
    expect(parseIds('vgg16,resnet50,2', loadSearchSpace('classic'))).toEqual([2, 0]);
    // One line of 300,000 blank-separated ids (more than a call takes arguments): read, not a crash.
    expect(parseIds(Array.from({ length: 300000 }, (_, i) => i % 10000).join(' '), nb)).toHaveLength(10000); // (repeats merged)
    expect(resolveQuality('flops', nb, [0]).name).toBe('flops');
    expect(() => resolveQuality(undefined, nb, [0])).toThrow(/no accuracy: choose --quality flops\|FILE.csv/);
    const al = loadSearchSpace('alphanet');
    expect(parseIds('paper', al).length).toBe(1046);
    expect(resolveQuality(undefined, al, [0]).name).toBe('accuracy');
  });

  it('a space file (inline layers / MAESTRO model file) and a quality CSV', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'h4sp-'));
    writeFileSync(path.join(dir, 'net.m'), 'Network n {\n Layer L0 {\n Type: CONV\n Dimensions { K: 16, C: 3, R: 3, S: 3, Y: 34, X: 34 }\n }\n}\n');
    const conv = { name: 'c', type: 'CONV', strideX: 1, strideY: 1, dims: { K: 8, C: 8, R: 1, S: 1, Y: 8, X: 8 } };
    const f = path.join(dir, 'space.json');
    writeFileSync(f, JSON.stringify({ architectures: [{ layers: [conv], flops: 10 }, { model: 'net.m', flops: 20 }] }));
    const s = loadSearchSpace(f);
    expect(s.size).toBe(2);
    expect(s.layersOf(1)[0].dims.K).toBe(16);
    expect(Array.from(resolveQuality('flops', s, [1, 0]).values)).toEqual([20, 10]);
    const q = path.join(dir, 'q.csv');
    writeFileSync(q, 'id,quality\n0,0.5\n1,0.75\n');
    expect(Array.from(resolveQuality(q, s, [0, 1]).values)).toEqual([0.5, 0.75]);
    writeFileSync(q, 'id,quality\n0,abc\n');
    expect(() => resolveQuality(q, s, [0])).toThrow(/q\.csv:2: quality: quality 'abc' is not a number/);
    writeFileSync(f, JSON.stringify({ architectures: [{ flops: 1 }] }));
    expect(() => loadSearchSpace(f)).toThrow(/space\.json:1:19: architectures\[0\]: needs "model"/);
  });
});
