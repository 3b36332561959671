import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadAlphaNetData, loadNb301Data } from '../../src/spaces/data.js';
import { readSharedAlphaNet, readSharedNb301 } from '../../src/spaces/build-data.js';
import { readPack, writePack } from '../../src/spaces/pack.js';

const shared = path.resolve(import.meta.dirname, '../..', '../shared');

describe('embedded space data (data/spaces) is the shared data, value for value', () => {
  it('nb301', () => {
    const ours = loadNb301Data();
    const src = readSharedNb301(shared);
    expect(ours.genotypes.length).toBe(10_000);
    expect(ours.genotypes).toEqual(src.genotypes);
    expect(Array.from(ours.flops16)).toEqual(Array.from(src.flops16));
    expect(ours.modelIndex).toEqual(src.modelIndex);
    expect(ours.modelIndex.slice(0, 3)).toEqual([8194, 2050, 2053]);
  });

  it('alphanet', () => {
    const ours = loadAlphaNetData();
    const src = readSharedAlphaNet(shared);
    expect(ours.configs.length).toBe(9_999);
    expect(ours.configs).toEqual(src.configs);
    for (const k of ['accuracy', 'mflops', 'mparams'] as const) expect(Array.from(ours[k])).toEqual(Array.from(src[k]));
    expect(ours.selectIndex).toEqual(src.selectIndex);
  });

  it('pack round trip', () => {
    const p = { meta: { a: 1 }, sections: { x: new Uint8Array([1, 2, 3]), y: new Float64Array([0.1, -2]), z: new Uint16Array([65535]) } };
    const q = readPack(writePack(p));
    expect(q.meta).toEqual({ a: 1 });
    expect(Array.from(q.sections.x)).toEqual([1, 2, 3]);
    expect(Array.from(q.sections.y)).toEqual([0.1, -2]);
    expect(Array.from(q.sections.z)).toEqual([65535]);
  });
});
