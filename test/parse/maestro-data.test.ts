import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseMapping, parseModel, parseDataflow, parseHardware, checkMappedLayer, applyDataflow, resolveDataflow } from '../../src/parse/index.js';

const root = path.resolve(__dirname, '../fixtures/maestro');
const list = (d: string) => readdirSync(path.join(root, d)).filter((f) => f.endsWith('.m')).sort();
const read = (d: string, f: string) => readFileSync(path.join(root, d, f), 'utf8');

describe("MAESTRO's own data files parse", () => {
  it.each(list('mapping'))('mapping/%s', (f) => {
    const net = parseMapping(read('mapping', f), `mapping/${f}`);
    expect(net.layers.length).toBeGreaterThan(0);
    for (const l of net.layers) expect(l.dataflow.directives.length).toBeGreaterThan(0);
  });
  it.each(list('model'))('model/%s', (f) => {
    const net = parseModel(read('model', f), `model/${f}`);
    expect(net.layers.length).toBeGreaterThan(0);
  });
  it.each(list('dataflow'))('dataflow/%s', (f) => {
    const df = parseDataflow(read('dataflow', f), `dataflow/${f}`);
    expect(df.name).toBe(f.replace(/\.m$/, ''));
    expect(df.directives.length).toBeGreaterThan(0);
  });
  it.each(list('hw'))('hw/%s', (f) => {
    const hw = parseHardware(read('hw', f), `hw/${f}`);
    expect(hw.numPes).toBeGreaterThan(0);
  });
});

describe("MAESTRO's mapping rules (checkMappedLayer) reject exactly what MAESTRO rejects", () => {
  // MAESTRO's own messages for these files: "[Error] Invalid mapping at line number: N in F".
  const maestroRejects: Record<string, number> = {
    'UNet_kcp_ws.m': 8,
    'googlenet_ykp_os.m': 32,
    'mnasnet_ykp_os.m': 15,
    'squeezenet1_0_ykp_os.m': 32,
  };
  it.each(list('mapping'))('mapping/%s', (f) => {
    const net = parseMapping(read('mapping', f), f);
    const first = net.layers.map((l) => checkMappedLayer(l)).find((e) => e !== undefined);
    if (f in maestroRejects) {
      expect(first?.location.line).toBe(maestroRejects[f]);
      expect(first?.message).toMatch(/TemporalMap (on R must have size == offset|size of R)/);
    } else {
      expect(first).toBeUndefined();
    }
  });
});

describe('model file + dataflow file = the mapping file', () => {
  it.each([
    ['Resnet50_model.m', 'kcp_ws.m', 'Resnet50_kcp_ws.m'],
    ['vgg16_model.m', 'xp_ws.m', 'vgg16_xp_ws.m'],
  ])('%s + %s', (model, df, mapping) => {
    const dsconv = parseDataflow(read('dataflow', 'dpt.m'), 'dpt.m');
    const net = applyDataflow(parseModel(read('model', model), model), parseDataflow(read('dataflow', df), df), { dsconv });
    const resolved = net.layers.map((l) => resolveDataflow(l.dataflow, l).directives);
    const ref = parseMapping(read('mapping', mapping), mapping);
    expect(net.layers.map((l) => [l.name, l.type, l.dims, l.strideX])).toEqual(ref.layers.map((l) => [l.name, l.type, l.dims, l.strideX]));
    expect(resolved).toEqual(ref.layers.map((l) => l.dataflow.directives));
  });
});

describe("';' and ',' where MAESTRO reads them as blanks", () => {
  const plain = `Network net {
Layer L1 {
Type: CONV
Stride { X: 2, Y: 1 }
Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 16, X: 16 }
Dataflow {
SpatialMap(1,1) K;
TemporalMap(64,64) C;
}
}
}
`;
  // The same with ';' after Type, the Stride / Dimensions entries and every block and layer
  // (MAESTRO's tokenizer splits on ';': its CSV for such a file is the plain file's, checked).
  const semi = plain
    .replace('Type: CONV', 'Type: CONV;')
    .replace('{ X: 2, Y: 1 }', '{ X: 2; Y: 1 };')
    .replace(/(\w): (\d+),/g, '$1: $2;')
    .replace('X: 16 }', 'X: 16; };')
    .replace('TemporalMap(64,64) C;\n}', 'TemporalMap(64,64) C;\n};')
    .replace('};\n}\n}', '};\n};\n}');
  it('parse to the same network', () => {
    expect(semi).toContain('Type: CONV;');
    expect(semi).toContain('K: 64; C: 64;');
    expect(semi).toContain('Y: 1 };');
    expect(parseMapping(semi, 'semi.m')).toEqual(parseMapping(plain, 'plain.m'));
  });
  it('elsewhere they stay errors, located', () => {
    expect(() => parseMapping(plain.replace('Type: CONV', 'Type; CONV'), 'x.m')).toThrow(/^x\.m:3:5: /);
    expect(() => parseMapping(plain.replace('SpatialMap(1,1) K;', 'SpatialMap;(1,1) K;'), 'x.m')).toThrow(/^x\.m:7:11: /);
  });
});
