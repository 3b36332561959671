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
