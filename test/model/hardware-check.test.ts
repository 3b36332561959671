/**
 * Hardware and layer arguments of the cost model are checked once, where they enter
 * (`checkHardware` via `encodeHardware`, `evaluateLayer`, `evaluateNetwork`): a value the hardware
 * parsers refuse is an error naming the field, never truncated, wrapped or reported as a per-layer
 * rejection. Valid hardware (including the zeros MAESTRO accepts) gives the same numbers as before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { CostModel } from '../../src/model/costmodel.js';
import { checkHardware, encodeHardware, encodeLayer } from '../../src/model/encode.js';
import { UserError } from '../../src/errors.js';
import { builtinDataflow } from '../../src/dataflows/builtin.js';
import { MAX_INT } from '../../src/parse/limits.js';
import type { Hardware, MappedLayer, MappedNetwork } from '../../src/model/types.js';
import { thrown } from '../helpers/thrown.js';

const HW: Hardware = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 300 };
/** Resnet50 CONV2_1_1 with kcp_ws (the oracle's numbers on HW: runtime 100353, 12845056 MACs). */
const LAYER: MappedLayer = { name: 'CONV2_1_1', type: 'CONV', strideX: 1, strideY: 1, dims: { K: 64, C: 64, R: 1, S: 1, Y: 56, X: 56 }, dataflow: builtinDataflow('kcp_ws') };
const NET: MappedNetwork = { name: 'n', layers: [LAYER, { ...LAYER, name: 'CONV2_1_2' }] };


describe('hardware checks at the API boundary', () => {
  let cm: CostModel;
  beforeAll(async () => {
    cm = await CostModel.load();
  });

  it('valid hardware: the same numbers as before (pinned), zeros MAESTRO accepts still accepted', () => {
    expect(cm.evaluateLayer(LAYER, HW).runtime).toBe(100353);
    expect(cm.evaluateLayer(LAYER, HW).num_macs).toBe(12845056);
    const r = cm.evaluateNetwork(NET, HW);
    expect(r.rejected).toBe(0);
    expect(r.totals.runtime).toBe(2 * 100353);
    // L1 / L2 constraints and NoC hops may be 0 (HARDWARE_MIN); L1 / L2 sizes change no output.
    const zeros = cm.evaluateLayer(LAYER, { ...HW, l1Size: 0, l2Size: 0 });
    expect(zeros).toEqual(cm.evaluateLayer(LAYER, { ...HW, l1Size: MAX_INT, l2Size: MAX_INT }));
    expect(zeros.runtime).toBe(100353);
    expect(() => cm.evaluateLayer(LAYER, { ...HW, nocHops: 0 })).not.toThrow();
    // Optional fields: absent = 1 = explicit undefined.
    expect(cm.evaluateLayer(LAYER, { ...HW, nocHops: 1, vectorWidth: 1 })).toEqual(cm.evaluateLayer(LAYER, HW));
    expect(cm.evaluateLayer(LAYER, { ...HW, nocHops: undefined, vectorWidth: undefined })).toEqual(cm.evaluateLayer(LAYER, HW));
    // The largest values are valid.
    expect(() => encodeHardware({ numPes: MAX_INT, l1Size: MAX_INT, l2Size: MAX_INT, nocBw: MAX_INT, offchipBw: MAX_INT, nocHops: MAX_INT, vectorWidth: MAX_INT })).not.toThrow();
    // An integer PE count is used as given (1.5 is an error, never truncated to 1).
    expect(cm.evaluateLayer({ ...LAYER, dataflow: builtinDataflow('xp_ws') }, { ...HW, numPes: 1 }).num_pes).toBe(1);
  });

  it.each([
    [{ ...HW, numPes: 1.5 }, 'hw.numPes: expected an integer in 1..2147483647, got 1.5'],
    [{ ...HW, numPes: '256' as unknown as number }, 'hw.numPes: expected an integer in 1..2147483647, got the string "256"'],
    [{ ...HW, numPes: 2 ** 40 }, 'hw.numPes: expected an integer in 1..2147483647, got 1099511627776'],
    [{ ...HW, numPes: 0 }, 'hw.numPes: expected an integer in 1..2147483647, got 0'],
    [{ ...HW, l1Size: -5 }, 'hw.l1Size: expected an integer in 0..2147483647, got -5'],
    [{ ...HW, l2Size: NaN }, 'hw.l2Size: expected an integer in 0..2147483647, got NaN'],
    [{ ...HW, nocBw: Infinity }, 'hw.nocBw: expected an integer in 1..2147483647, got Infinity'],
    [{ ...HW, offchipBw: MAX_INT + 1 }, 'hw.offchipBw: expected an integer in 1..2147483647, got 2147483648'],
    [{ ...HW, nocHops: -1 }, 'hw.nocHops: expected an integer in 0..2147483647, got -1'],
    [{ ...HW, nocHops: null as unknown as number }, 'hw.nocHops: expected an integer in 0..2147483647, got null'],
    [{ ...HW, vectorWidth: 0 }, 'hw.vectorWidth: expected an integer in 1..2147483647, got 0'],
    [{ numPes: 256 } as Hardware, 'hw: missing l1Size, l2Size, nocBw, offchipBw (a Hardware object needs numPes, l1Size, l2Size, nocBw and offchipBw; nocHops and vectorWidth default to 1)'],
  ])('bad hardware %# is a UserError naming the field, from every entry point', (hw, message) => {
    for (const fn of [() => checkHardware(hw), () => encodeHardware(hw), () => cm.evaluateLayer(LAYER, hw), () => cm.evaluateNetwork(NET, hw)]) {
      const e = thrown(fn);
      expect(e).toBeInstanceOf(UserError);
      expect(e.message).toBe(message);
    }
  });

  it('hardware that is not an object is a TypeError, not a property read of null', () => {
    for (const hw of [null, undefined, 256, 'accelerator_1.m', [256, 100, 3000, 1000, 50]]) {
      const e = thrown(() => cm.evaluateNetwork(NET, hw as unknown as Hardware));
      expect(e).toBeInstanceOf(TypeError);
      expect(e.message).toMatch(/^hw: expected a Hardware object \{ numPes, l1Size, l2Size, nocBw, offchipBw, nocHops\?, vectorWidth\? \}, got /);
    }
    expect(thrown(() => cm.evaluateLayer(LAYER, null as unknown as Hardware)).message).toBe(
      'hw: expected a Hardware object { numPes, l1Size, l2Size, nocBw, offchipBw, nocHops?, vectorWidth? }, got null',
    );
  });

  it('checkHardware names the object it was given', () => {
    expect(() => checkHardware({ ...HW, numPes: 1.5 }, 'cfg.accelerators[3].hw')).toThrow('cfg.accelerators[3].hw.numPes: expected an integer in 1..2147483647, got 1.5');
  });

  it('bad hardware fails the whole call before any layer is evaluated (not per-layer rows)', () => {
    const e = thrown(() => cm.evaluateNetwork({ name: 'n', layers: [{ ...LAYER, dims: { ...LAYER.dims, K: 0 } }] }, { ...HW, numPes: 2 ** 40 }));
    expect(e.message).toBe('hw.numPes: expected an integer in 1..2147483647, got 1099511627776');
  });

  it('the batch API still flags a raw record the kernel cannot use', () => {
    const rec = encodeHardware(HW);
    rec[L.HW_NOC_BW] = -3;
    const out = cm.batch.evaluate(encodeLayer(LAYER, LAYER.dataflow), rec);
    expect(out[L.OUT_STATUS]).toBe(L.ERR_BAD_HARDWARE);
  });
});

describe('network and layer arguments', () => {
  let cm: CostModel;
  beforeAll(async () => {
    cm = await CostModel.load();
  });

  it('a network that is not an object, or without a layer array', () => {
    expect(thrown(() => cm.evaluateNetwork(null as unknown as MappedNetwork, HW))).toEqual(
      new TypeError('net: expected a MappedNetwork object { name, layers: [...] }, got null'),
    );
    const e = thrown(() => cm.evaluateNetwork({ name: 'n' } as MappedNetwork, HW));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe('net.layers: expected an array of layers, got undefined');
  });

  it('a layer without a dataflow (a model, not a mapping)', () => {
    const { dataflow: _df, ...bare } = LAYER;
    const net = { name: 'n', layers: [LAYER, bare] } as MappedNetwork;
    const e = thrown(() => cm.evaluateNetwork(net, HW));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe(
      "net.layers[1].dataflow: layer CONV2_1_1 has no dataflow: evaluateNetwork needs every layer mapped with its dataflow (parseMapping gives such layers; map a model's layers with applyDataflow(model, dataflow))",
    );
    expect(thrown(() => cm.evaluateLayer(bare as MappedLayer, HW)).message).toBe(
      "layer.dataflow: layer CONV2_1_1 has no dataflow: evaluateLayer needs a layer mapped with its dataflow (parseMapping gives such layers; map a model's layers with applyDataflow(model, dataflow))",
    );
  });

  it('a dataflow given by name, a layer without dims, a layer that is not an object', () => {
    const named = { ...LAYER, dataflow: 'kcp_ws' } as unknown as MappedLayer;
    expect(thrown(() => cm.evaluateLayer(named, HW)).message).toBe(
      'layer.dataflow: expected a Dataflow object { directives: [...] } for layer CONV2_1_1, got the string "kcp_ws" (a dataflow name: use builtinDataflow("kcp_ws") or resolveDataflowSpec("kcp_ws"))',
    );
    const noDims = { ...LAYER, dims: undefined } as unknown as MappedLayer;
    expect(thrown(() => cm.evaluateNetwork({ name: 'n', layers: [noDims] }, HW)).message).toBe(
      "net.layers[0].dims: expected the layer's dimensions as an object (e.g. { K: 64, C: 3, R: 3, S: 3, Y: 32, X: 32 }), got undefined",
    );
    expect(thrown(() => cm.evaluateNetwork({ name: 'n', layers: [LAYER, null as unknown as MappedLayer] }, HW)).message).toBe(
      'net.layers[1]: expected a layer object { name, type, dims, dataflow }, got null',
    );
    expect(thrown(() => cm.evaluateLayer(undefined as unknown as MappedLayer, HW))).toEqual(
      new TypeError('layer: expected a MappedLayer object { name, type, dims, dataflow }, got undefined'),
    );
  });

  it('encodeLayer (low level) names a missing dataflow or dims instead of a raw property read', () => {
    expect(() => encodeLayer(LAYER, undefined as unknown as MappedLayer['dataflow'])).toThrow(
      new TypeError('dataflow of layer CONV2_1_1: expected a Dataflow object { directives: [...] }, got undefined'),
    );
    expect(() => encodeLayer({ ...LAYER, dims: null } as unknown as MappedLayer, LAYER.dataflow)).toThrow(
      new TypeError('layer: expected a Layer object { name, type, dims: {...}, strideX?, strideY? }, got dims null'),
    );
  });

  it('what MAESTRO rejects is still a per-layer row, not an argument error', () => {
    const r = cm.evaluateNetwork({ name: 'n', layers: [LAYER, { ...LAYER, name: 'big', dataflow: builtinDataflow('kcp_ws') }] }, { ...HW, numPes: 32 });
    // kcp_ws clusters 64 PEs: on 32 PEs every layer is rejected with MAESTRO's reason.
    expect(r.rejected).toBe(2);
    expect(r.rows[0]).toEqual({ layer: 'CONV2_1_1', error: 'layer CONV2_1_1: Cluster sizes need more PEs than num_pes (MAESTRO gets zero clusters and crashes)', status: 1 }); // (ERR_CLUSTER_TOO_LARGE)
  });
});
