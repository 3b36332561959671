import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CostModel } from '../../src/model/costmodel.js';
import { instantiateWithLoader, instantiateWithLoaderSync } from '../../src/model/loader.js';
import type { MappedLayer, Hardware } from '../../src/model/types.js';
import { builtinDataflow } from '../../src/dataflows/builtin.js';

const wasm = readFileSync(new URL('../../build/costmodel.wasm', import.meta.url));

// Resnet50 CONV1 with kcp_ws on MAESTRO's accelerator_1 (256 PEs, L1 100, L2 3000, NoC 1000,
// off-chip 50): MAESTRO prints runtime 9504801, 111776448 MACs, L1 294 B, L2 1478 B.
const conv1: MappedLayer = {
  name: 'CONV1',
  type: 'CONV',
  strideX: 2,
  strideY: 2,
  dims: { K: 64, C: 3, R: 7, S: 7, Y: 224, X: 224 },
  dataflow: builtinDataflow('kcp_ws'),
};
const hw: Hardware = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 };

describe('@assemblyscript/loader instantiation', () => {
  it('gives the same numbers as CostModel.load (MAESTRO: Resnet50 CONV1)', async () => {
    const viaLoader = await instantiateWithLoader(wasm);
    const viaSync = instantiateWithLoaderSync(wasm);
    const direct = await CostModel.load(wasm);
    const a = viaLoader.evaluateLayer(conv1, hw);
    expect(a.runtime).toBe(9504801);
    expect(a.num_macs).toBe(111776448);
    expect(a.l1_size_req).toBe(294);
    expect(a.l2_size_req).toBe(1478);
    expect(viaSync.evaluateLayer(conv1, hw)).toEqual(a);
    expect(direct.evaluateLayer(conv1, hw)).toEqual(a);
  });
});
