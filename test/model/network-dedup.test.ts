/**
 * `CostModel.evaluateNetwork` evaluates each distinct layer descriptor once and spreads its row to
 * the identical layers: the result equals the layer-by-layer evaluation (the algorithm before
 * deduplication, written out here) in every field, exact counts and tensor sizes included, and
 * `onProgress` reports the layers as they are evaluated without changing anything.
 */
import { meaninglessResult } from '../../src/parse/result-check.js';
import { describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import * as L from '../../assembly/layout.js';
import { CostModel, type NetworkOptions, type NetworkResult, type NetworkRow, type LayerResult } from '../../src/model/costmodel.js';
import { encodeHardware, encodeLayer, errorMessage, LayerRejectedError } from '../../src/model/encode.js';
import { applyNetworkSemantics, batchTensorFlags, DistinctDescriptors, spreadDistinctRows } from '../../src/model/network.js';
import { exactCountsFrom, rowMetrics, rowNeedsExactCounts, rowStatus, tensorSizesFrom } from '../../src/model/rows.js';
import { loadHardware, loadMapping } from '../../src/parse/index.js';
import type { Hardware, MappedLayer, MappedNetwork } from '../../src/model/types.js';

const fx = path.resolve(__dirname, '../fixtures/maestro');
const HW = loadHardware(path.join(fx, 'hw/accelerator_1.m'));
/** A NoC latency of 2^31-1 cycles: runtimes beyond 2^53, rows with exact (bigint) counts. */
const HUGE_NOC: Hardware = { ...HW, nocHops: 2147483647 };
const resnet = loadMapping(path.join(fx, 'mapping/Resnet50_kcp_ws.m'));
/** U-Net (23 layers): 8 of them have a runtime beyond 2^53 on HUGE_NOC. */
const unet = loadMapping(path.join(fx, 'mapping/UNet_kcp_ws.m'));

/** evaluateNetwork as it was before deduplication: every layer through the kernel, in order. */
function layerByLayer(cm: CostModel, net: MappedNetwork, hw: Hardware, opts: NetworkOptions = {}): NetworkResult {
  const n = net.layers.length;
  const flags = opts.isolated ? null : batchTensorFlags(net.layers);
  const ws = cm.batch.workspace(n, 1, n, true);
  encodeHardware(hw, ws.hws, 0);
  const encodeErrors: (string | undefined)[] = [];
  net.layers.forEach((layer, i) => {
    try {
      encodeLayer(layer, layer.dataflow, flags ? { batchTensors: flags[i]! } : {}, ws.descs, i * L.DESC_SIZE);
    } catch (e) {
      if (!(e instanceof LayerRejectedError)) throw e;
      encodeErrors[i] = e.message;
      ws.descs[i * L.DESC_SIZE + L.DESC_TYPE] = -1;
    }
    ws.pairs![2 * i] = i;
    ws.pairs![2 * i + 1] = 0;
  });
  if (n > 0) cm.batch.run(ws);
  if (!opts.isolated) applyNetworkSemantics(ws.out, n);
  const rows: NetworkRow[] = [];
  const totals = { runtime: 0, energy_nj: 0, num_macs: 0 };
  net.layers.forEach((layer, i) => {
    const status = rowStatus(ws.out, i);
    if (encodeErrors[i] !== undefined) rows.push({ layer: layer.name, error: encodeErrors[i]! });
    else if (status !== 0) rows.push({ layer: layer.name, error: new LayerRejectedError(errorMessage(status), status, layer.name).message, status });
    else {
      const metrics = rowMetrics(ws.out, i);
      totals.runtime += metrics.runtime;
      totals.energy_nj += metrics.energy_nj;
      totals.num_macs += metrics.num_macs;
      const counts = opts.tensorSizes || rowNeedsExactCounts(ws.out, i) ? cm.batch.exactCounts(ws, i) : null;
      const exact = counts ? exactCountsFrom(counts) : undefined;
      const row: LayerResult = exact ? { layer: layer.name, metrics, exact } : { layer: layer.name, metrics };
      if (opts.tensorSizes && counts) row.tensorSizes = tensorSizesFrom(counts);
      const why = meaninglessResult(metrics.runtime, metrics.energy_nj, metrics.num_macs);
      if (why !== undefined) row.noCost = why;
      rows.push(row);
    }
  });
  return { name: net.name, rows, rejected: rows.filter((r) => 'error' in r).length, noCost: rows.filter((r) => 'noCost' in r).length, totals };
}

/** A copy of `layer` named `name`, with `dims` changed. */
const variant = (layer: MappedLayer, name: string, dims: Partial<MappedLayer['dims']> = {}): MappedLayer => ({ ...layer, name, dims: { ...layer.dims, ...dims } });

/**
 * 3 x ResNet-50 (198 layers, 22 distinct) and 2 x U-Net (46 layers) with, between the copies: a
 * layer the encoder rejects (Sz(R) of a layer without R), a CONV declaring N after the first CONV
 * (its tensors still without N: MAESTRO's per-type rule) and a CONV with K = 4096: 249 layers.
 */
function mixedNetwork(): MappedNetwork {
  const first = resnet.layers[0]!;
  const { R: _r, ...noR } = first.dims;
  const noRLayer: MappedLayer = { ...first, name: 'NO_R', dims: noR };
  const withN = variant(first, 'WITH_N', { N: 1 });
  return {
    name: 'mixed',
    layers: [
      ...resnet.layers, noRLayer, withN, ...unet.layers, ...resnet.layers, variant(first, 'BIG_K', { K: 4096 }), noRLayer, ...unet.layers,
      ...resnet.layers, withN,
    ],
  };
}

const json = (r: unknown): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

describe('DistinctDescriptors / spreadDistinctRows', () => {
  it('gives identical descriptors one index, in order of first use', () => {
    const descs = new Int32Array(4 * L.DESC_SIZE);
    const d = new DistinctDescriptors(descs);
    const put = (v: number): number => {
      descs.fill(0, d.count * L.DESC_SIZE, (d.count + 1) * L.DESC_SIZE);
      descs[d.count * L.DESC_SIZE + L.DESC_TYPE] = v;
      descs[d.count * L.DESC_SIZE + L.DESC_SIZE - 1] = v; // a slot past the hashed part counts too
      return d.add();
    };
    expect([put(1), put(2), put(1), put(3), put(2), put(2)]).toEqual([0, 1, 0, 2, 1, 1]);
    expect(d.count).toBe(3);
  });

  it('spreads distinct rows to the layers from the last one down', () => {
    const rows = new Float64Array(5 * L.OUT_SIZE);
    for (let k = 0; k < 3; k++) rows.fill(10 + k, k * L.OUT_SIZE, (k + 1) * L.OUT_SIZE);
    spreadDistinctRows(rows, Int32Array.from([0, 1, 0, 2, 1]));
    expect([0, 1, 2, 3, 4].map((i) => rows[i * L.OUT_SIZE + 7])).toEqual([10, 11, 10, 12, 11]);
    expect(() => spreadDistinctRows(rows, Int32Array.from([1, 0]))).toThrow(RangeError);
  });
});

describe('evaluateNetwork: each distinct layer once, the same result', () => {
  it('equals the layer-by-layer evaluation (network and isolated, tensor sizes, exact counts)', async () => {
    const cm = await CostModel.load();
    const net = mixedNetwork();
    let exactRows = 0;
    for (const hw of [HW, HUGE_NOC, { ...HW, numPes: 16 }])
      for (const opts of [{}, { isolated: true }, { tensorSizes: true }, { isolated: true, tensorSizes: true }]) {
        const want = layerByLayer(cm, net, hw, opts);
        const got = cm.evaluateNetwork(net, hw, opts);
        expect(json(got)).toBe(json(want));
        exactRows += got.rows.filter((r) => 'exact' in r).length;
      }
    // HUGE_NOC: runtimes beyond 2^53 in 8 U-Net layers (twice) and BIG_K, in each of the 4 option sets.
    expect(exactRows).toBe(4 * (2 * 8 + 1));
  });

  it('runs the kernel once per distinct descriptor (ResNet-50: 66 layers, 22 distinct; x3: still 22)', async () => {
    const cm = await CostModel.load();
    const run = vi.spyOn(cm.batch, 'runOwned');
    const exact = vi.spyOn(cm.batch, 'exactCountsOwned');
    const pairs = (): number => run.mock.calls.reduce((s, [ws]) => s + ws.n, 0);
    cm.evaluateNetwork(resnet, HW);
    expect(pairs()).toBe(22);
    run.mockClear();
    const three = { name: 'x3', layers: [...resnet.layers, ...resnet.layers, ...resnet.layers] };
    const r = cm.evaluateNetwork(three, HW, { tensorSizes: true });
    expect(pairs()).toBe(22);
    expect(exact).toHaveBeenCalledTimes(22); // tensor sizes: once per distinct descriptor too
    expect(r.rows).toHaveLength(198);
    // Identical layers: equal rows, each with its own objects.
    const a = r.rows[1] as LayerResult;
    const b = r.rows[67] as LayerResult;
    expect(b.metrics).toEqual(a.metrics);
    expect(b.tensorSizes).toEqual(a.tensorSizes);
    expect(b.tensorSizes).not.toBe(a.tensorSizes);
    expect(b.tensorSizes!.l2).not.toBe(a.tensorSizes!.l2);
    // everyLayer: every layer analysed (MAESTRO's work, --no-memo), the same results.
    run.mockClear();
    const every = cm.evaluateNetwork(three, HW, { tensorSizes: true, everyLayer: true });
    expect(pairs()).toBe(198);
    expect(every).toEqual(r);
  });

  it('exact counts of identical layers are equal, not shared', async () => {
    const cm = await CostModel.load();
    const r = cm.evaluateNetwork({ name: 'x2', layers: [unet.layers[1]!, unet.layers[1]!] }, HUGE_NOC);
    const [a, b] = r.rows as LayerResult[];
    expect(a!.exact).toBeDefined();
    expect(b!.exact).toEqual(a!.exact);
    expect(b!.exact).not.toBe(a!.exact);
    expect(typeof a!.exact!.runtime).toBe('bigint');
  });

  it('400 identical slow layers (2^19 iteration cases each) take one analysis, not 400', async () => {
    const cm = await CostModel.load();
    const slow: MappedLayer = {
      name: 'L',
      type: 'CONV',
      strideX: 1,
      strideY: 1,
      dims: { K: 2, C: 8, R: 3, S: 3, Y: 10, X: 10 },
      dataflow: {
        directives: [
          { kind: 'SpatialMap', size: 1, offset: 1, dim: 'Y' },
          ...Array.from({ length: 19 }, () => ({ kind: 'TemporalMap' as const, size: 1, offset: 1, dim: 'K' as const })),
          { kind: 'TemporalMap', size: { sz: 'R' }, offset: { sz: 'R' }, dim: 'R' },
          { kind: 'TemporalMap', size: { sz: 'S' }, offset: { sz: 'S' }, dim: 'S' },
          { kind: 'TemporalMap', size: 1, offset: 1, dim: 'C' },
          { kind: 'TemporalMap', size: { sz: 'S' }, offset: 1, dim: 'X' },
        ],
      },
    };
    const net = { name: 'slow', layers: Array.from({ length: 400 }, (_, i) => ({ ...slow, name: `L${i}` })) };
    const t = performance.now();
    const r = cm.evaluateNetwork(net, HW);
    expect(performance.now() - t).toBeLessThan(20_000); // about 0.4 s; layer by layer: 2.5 min
    expect(r.rejected).toBe(0);
    expect(r.rows).toHaveLength(400);
    expect(json((r.rows[399] as LayerResult).metrics)).toBe(json((r.rows[1] as LayerResult).metrics));
  });
});

describe('evaluateNetwork onProgress', () => {
  it('reports layers done up to the total, in order, without changing the result', async () => {
    const cm = await CostModel.load();
    const net = mixedNetwork();
    const calls: Array<[number, number]> = [];
    const got = cm.evaluateNetwork(net, HW, { onProgress: (d, t) => calls.push([d, t]) });
    expect(json(got)).toBe(json(cm.evaluateNetwork(net, HW)));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.at(-1)).toEqual([249, 249]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
    expect(calls.every(([, t]) => t === 249)).toBe(true);
  });

  it('is not called for an empty network; a non-function is a TypeError; evaluating from it is refused', async () => {
    const cm = await CostModel.load();
    const f = vi.fn();
    expect(cm.evaluateNetwork({ name: 'empty', layers: [] }, HW, { onProgress: f }).rows).toEqual([]);
    expect(f).not.toHaveBeenCalled();
    expect(() => cm.evaluateNetwork(resnet, HW, { onProgress: 5 as unknown as () => void })).toThrow(
      'opts.onProgress: expected a function (done, total) => void, got 5',
    );
    expect(() => cm.evaluateNetwork(resnet, HW, { onProgress: () => cm.evaluateLayer(resnet.layers[0]!, HW) })).toThrow(
      'evaluateLayer: called from an onProgress callback of evaluateNetwork on the same CostModel (its workspace is in use)',
    );
    // The model is usable afterwards.
    expect(cm.evaluateNetwork(resnet, HW).rejected).toBe(0);
  });
});
