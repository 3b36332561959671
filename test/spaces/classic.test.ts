import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { classicLayers, classicSpace, CLASSIC_NETWORKS } from '../../src/spaces/classic.js';
import { getSpace, parseIds } from '../../src/spaces/index.js';
import { parseNetworksJson } from '../../src/spaces/networks-file.js';
import { UserError } from '../../src/errors.js';

const shared = path.resolve(import.meta.dirname, '../..', '../shared');
const spec = JSON.parse(readFileSync(path.join(shared, 'oracle/spec-networks.json'), 'utf8'));
const asSpec = (ls: any[]) => ls.map((l) => ({ name: l.name, type: l.type, stride: [l.strideX, l.strideY], dims: l.dims }));

describe('classic networks', () => {
  it('Resnet50 and MobileNetV2 from data/models equal the oracle layer lists', () => {
    const strip = (ls: any[]) => ls.map(({ net: _net, ...l }: any) => l);
    expect(asSpec(classicLayers('resnet50'))).toEqual(strip(spec.networks.Resnet50));
    expect(asSpec(classicLayers('mobilenetv2'))).toEqual(strip(spec.networks.MobileNetV2));
  });

  it('all shipped networks parse; layer counts', () => {
    const s = classicSpace();
    expect(s.size).toBe(Object.keys(CLASSIC_NETWORKS).length);
    const counts = Object.fromEntries(Array.from({ length: s.size }, (_, i) => [s.label(i), s.layers(i).length]));
    expect(counts).toEqual({ resnet50: 66, mobilenetv2: 56, vgg16: 13, googlenet: 64, mnasnet: 53, squeezenet1_0: 26 });
    expect(parseIds('vgg16,resnet50', s)).toEqual([2, 0]);
    expect(parseIds('vgg16 resnet50\n1', s)).toEqual([2, 0, 1]);
    expect(() => parseIds('vgg', s)).toThrow(/'vgg' is not an id or range A-B, a name, all or paper/);
  });
});

describe('spaces and ids', () => {
  it('nb301 / alphanet ids', () => {
    const nb = getSpace('nb301');
    expect(parseIds('paper', nb)).toHaveLength(1018);
    expect(parseIds('paper', nb).slice(0, 2)).toEqual([8194, 2050]);
    expect(parseIds('all', nb)).toHaveLength(10000);
    expect(parseIds('3-5,1', nb)).toEqual([3, 4, 5, 1]);
    expect(() => parseIds('1,1', nb)).toThrow(/--ids: id 1 given twice/);
    expect(() => parseIds('1,1', nb, '--arch')).toThrow(/--arch: id 1 given twice/);
    expect(parseIds('1,1,0-2', nb, { duplicates: 'merge' })).toEqual([1, 0, 2]);
    // Items separated by commas, line breaks or blanks; @FILE reads such a list.
    expect(parseIds(' 7, 9\n11 12 ', nb)).toEqual([7, 9, 11, 12]);
    const f = path.join(mkdtempSync(path.join(tmpdir(), 'ids-')), 'ids.txt');
    writeFileSync(f, '8194\n2050-2051\n');
    expect(parseIds(`@${f}`, nb)).toEqual([8194, 2050, 2051]);
    expect(() => parseIds('@/nonexistent/ids.txt', nb)).toThrow(/--ids: cannot read id file/);
    expect(() => parseIds('5-3', nb)).toThrow(/--ids: '5-3' out of range \(an empty range: start after end\)/);
    expect(() => parseIds('9990-10000', nb)).toThrow(/--ids: '9990-10000' out of range: nb301 has ids 0\.\.9999/);
    expect(() => parseIds(' , ', nb)).toThrow(/--ids: no architecture ids/);
    expect(() => parseIds('1,x', nb)).toThrow(/--ids: 'x' is not an id or range A-B, all or paper$/);
    const al = getSpace('alphanet');
    expect(parseIds('paper', al)).toHaveLength(1046);
    expect(al.columns.map((c) => c.name)).toEqual(['accuracy', 'flops', 'params']);
  });

  it('JSON network lists: formats and errors', () => {
    const layer = { type: 'CONV', stride: [2, 2], dims: { K: 4, C: 3, R: 3, S: 3, Y: 8, X: 8 } };
    expect(parseNetworksJson(JSON.stringify([{ name: 'a', layers: [layer] }]), 'f.json')[0].layers[0]).toEqual({
      name: '[0].layers[0]', type: 'CONV', strideX: 2, strideY: 2, dims: layer.dims,
    });
    expect(parseNetworksJson(JSON.stringify({ networks: { b: [layer] } }), 'f.json')[0].name).toBe('b');
    expect(parseNetworksJson(JSON.stringify({ name: 'c', layers: [layer], accuracy: 70 }), 'f.json')[0].figures).toEqual({ accuracy: 70 });
    const bad = (doc: unknown, re: RegExp) => {
      expect(() => parseNetworksJson(JSON.stringify(doc), 'f.json')).toThrow(UserError);
      expect(() => parseNetworksJson(JSON.stringify(doc), 'f.json')).toThrow(re);
    };
    bad([{ layers: [{ ...layer, type: 'FOO' }] }], /^f\.json:\d+:\d+: \[0\]\.layers\[0\]\.type: expected one of CONV/);
    bad([{ layers: [{ ...layer, dims: { K: 0 } }] }], /^f\.json:\d+:\d+: \[0\]\.layers\[0\]\.dims\.K: expected a positive integer/);
    bad([{ layers: [{ ...layer, dims: { Q: 1 } }] }], /dims\.Q: unknown dimension/);
    bad({ foo: 1 }, /^f\.json:\d+:\d+: networks: expected a list of networks/);
    expect(() => parseNetworksJson('{', 'f.json')).toThrow(/^f\.json:\d+:\d+: invalid JSON/);
  });
});
