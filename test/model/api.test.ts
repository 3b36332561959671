/**
 * Public API behaviour: loading, isolated vs network evaluation, clear errors for layers MAESTRO
 * rejects, encoding rules (Sz(), MAESTRO's parser checks), hardware validation.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { NUMERIC_COLUMN_KEYS } from '../../src/model/columns.js';
import { CostModel } from '../../src/model/costmodel.js';
import { encodeHardware, encodeLayer, errorMessage, LayerRejectedError, layerRejectedMessage } from '../../src/model/encode.js';
import { UserError } from '../../src/errors.js';
import type { Dataflow, Hardware, MappedLayer } from '../../src/model/types.js';
import { parseDataflowText } from '../conformance/dataflow-text.js';
import { PROJECT_ROOT } from '../conformance/oracle.js';

const KCP_WS = parseDataflowText(`Dataflow {
  SpatialMap(1,1) K; TemporalMap(64,64) C; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
  TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(64, P);
  SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S; }`);
const XP_WS = parseDataflowText(`Dataflow { TemporalMap (1,1) K; TemporalMap (1,1) C; TemporalMap (Sz(R),1) Y;
  SpatialMap (Sz(S),1) X; TemporalMap (Sz(R),Sz(R)) R; TemporalMap (Sz(S),Sz(S)) S; }`);
const HW: Hardware = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 300 };

function conv(name: string, dims: MappedLayer['dims'], dataflow: Dataflow, stride = 1): MappedLayer {
  return { name, type: 'CONV', strideX: stride, strideY: stride, dims, dataflow };
}

describe('CostModel API', () => {
  let cm: CostModel;
  beforeAll(async () => {
    cm = await CostModel.load();
  });

  it('loads from bytes and from a compiled module too', async () => {
    const bytes = readFileSync(`${PROJECT_ROOT}/build/costmodel.wasm`);
    const a = await CostModel.load(bytes);
    const b = CostModel.loadSync(new WebAssembly.Module(bytes));
    const layer = conv('c', { K: 64, C: 64, R: 1, S: 1, Y: 56, X: 56 }, KCP_WS);
    expect(a.evaluateLayer(layer, HW)).toEqual(b.evaluateLayer(layer, HW));
  });

  it('returns all 50 numeric columns; pinned numbers from the oracle (Resnet50 CONV2_1_1, kcp_ws, n0)', () => {
    const m = cm.evaluateLayer(conv('CONV2_1_1', { K: 64, C: 64, R: 1, S: 1, Y: 56, X: 56 }, KCP_WS), HW);
    expect(Object.keys(m)).toEqual([...NUMERIC_COLUMN_KEYS]);
    expect(m.runtime).toBe(100353);
    expect(m.num_macs).toBe(12845056);
    expect(m.l2_size_req).toBe(648);
    expect(m.l1_size_req).toBe(6);
    expect(m.num_pes).toBe(256);
    expect(m.vector_width).toBe(1);
  });

  it('network energy of a multi-level layer uses the previous layer; isolated mode does not', () => {
    const first = conv('a', { K: 32, C: 16, R: 3, S: 3, Y: 20, X: 20 }, XP_WS);
    const second = conv('b', { K: 64, C: 64, R: 1, S: 1, Y: 56, X: 56 }, KCP_WS);
    const net = { name: 'n', layers: [first, second] };
    const alone = cm.evaluateLayer(second, HW);
    const inNet = cm.evaluateNetwork(net, HW);
    const iso = cm.evaluateNetwork(net, HW, { isolated: true });
    const a = cm.evaluateLayer(first, HW);
    const r1 = inNet.rows[1]!;
    const i1 = iso.rows[1]!;
    if (!('metrics' in r1) || !('metrics' in i1)) throw new Error('expected metrics');
    expect(i1.metrics).toEqual(alone);
    const l1Energy =
      (a.in_l1_rd + a.in_l1_wr + a.w_l1_rd + a.w_l1_wr + a.out_l1_rd + a.out_l1_wr) * 1.68 * 0.00023;
    expect(r1.metrics.energy_nj).toBeCloseTo(alone.energy_nj + l1Energy, 6);
    expect(r1.metrics.runtime).toBe(alone.runtime);
    expect(inNet.totals.runtime).toBe(a.runtime + alone.runtime);
    expect(inNet.totals.energy_nj).toBeCloseTo(a.energy_nj + r1.metrics.energy_nj, 6);
  });

  it('rejects a Cluster larger than the PE array with a clear UserError', () => {
    const layer = conv('big', { K: 64, C: 64, R: 1, S: 1, Y: 8, X: 8 }, KCP_WS);
    let err: unknown;
    try {
      cm.evaluateLayer(layer, { ...HW, numPes: 32 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LayerRejectedError);
    expect(err).toBeInstanceOf(UserError);
    expect((err as LayerRejectedError).code).toBe(L.ERR_CLUSTER_TOO_LARGE);
    expect((err as Error).message).toMatch(/layer big: Cluster sizes need more PEs than num_pes/);
    // A network's error rows carry the same message, made without an Error.
    const row = cm.evaluateNetwork({ name: 'n', layers: [layer] }, { ...HW, numPes: 32 }).rows[0]!;
    expect(row).toEqual({ layer: 'big', error: (err as Error).message, status: L.ERR_CLUSTER_TOO_LARGE });
    expect(layerRejectedMessage('why', 'C3')).toBe(new LayerRejectedError('why', 1, 'C3').message);
    expect(layerRejectedMessage('why')).toBe(new LayerRejectedError('why', 1).message);
  });

  it('applies MAESTRO parser rules when encoding (TemporalMap on R/S must be (Sz, Sz); Sz of a declared dim)', () => {
    const bad = parseDataflowText('Dataflow { SpatialMap(1,1) K; TemporalMap(Sz(R),7) R; }');
    expect(() => encodeLayer(conv('r', { K: 4, C: 4, R: 3, S: 3, Y: 9, X: 9 }, bad), bad)).toThrow(/TemporalMap\(Sz\(R\),Sz\(R\)\)/);
    const prime = parseDataflowText("Dataflow { SpatialMap(1,1) Y'; }");
    expect(() => encodeLayer(conv('p', { K: 4, C: 4, R: 3, S: 3, Y: 9, X: 9 }, prime), { directives: [{ kind: 'SpatialMap', size: { sz: "Y'" }, offset: 1, dim: "Y'" }] })).toThrow(/Sz\(Y'\)/);
    expect(() => encodeLayer(conv('z', { K: 0, C: 4, R: 3, S: 3, Y: 9, X: 9 }, XP_WS), XP_WS)).toThrow(LayerRejectedError);
  });

  it('reports rejected layers of a network as error rows and keeps the others', () => {
    const ok = conv('ok', { K: 16, C: 16, R: 3, S: 3, Y: 12, X: 12 }, XP_WS);
    const noSpatial = parseDataflowText('Dataflow { TemporalMap(1,1) K; TemporalMap(1,1) C; }');
    const bad = conv('bad', { K: 16, C: 16, R: 3, S: 3, Y: 12, X: 12 }, noSpatial);
    const res = cm.evaluateNetwork({ name: 'n', layers: [ok, bad] }, HW);
    expect('metrics' in res.rows[0]!).toBe(true);
    expect(res.rows[1]).toEqual({ layer: 'bad', error: `layer bad: ${errorMessage(L.ERR_NO_SPATIAL_MAP)}`, status: L.ERR_NO_SPATIAL_MAP });
    expect(res.totals.runtime).toBe(cm.evaluateLayer(ok, HW).runtime);
  });

  it('flags invalid hardware', () => {
    const descs = encodeLayer(conv('c', { K: 8, C: 8, R: 1, S: 1, Y: 8, X: 8 }, XP_WS), XP_WS);
    // encodeHardware refuses such values (test/model/hardware-check.test.ts); a raw record with
    // them is still flagged by the kernel.
    for (const slot of [L.HW_NUM_PES, L.HW_NOC_BW, L.HW_OFFCHIP_BW, L.HW_VECTOR_WIDTH]) {
      const rec = encodeHardware(HW);
      rec[slot] = 0;
      const out = cm.batch.evaluate(descs, rec);
      expect(out[L.OUT_STATUS]).toBe(L.ERR_BAD_HARDWARE);
    }
    for (const field of ['numPes', 'nocBw', 'offchipBw'] as const)
      expect(() => encodeHardware({ ...HW, [field]: 0 })).toThrow(`hw.${field}: expected an integer in 1..2147483647, got 0`);
  });

  it('evaluateLayer between batches of other shapes and after the memory grew: same numbers; stale workspaces refused', () => {
    const layers = [1, 3, 5].map((r) => conv(`c${r}`, { K: 32, C: 48, R: r, S: r, Y: 20, X: 20 }, KCP_WS));
    const before = layers.map((l) => cm.evaluateLayer(l, HW));
    expect(before[0]).toEqual(cm.evaluateLayer(layers[0]!, HW)); // the kept one-layer workspace, reused
    const old = cm.batch.workspace(1, 1, 1, false);
    // A batch large enough to grow the module's memory.
    const n = 4096;
    const descs = new Int32Array(n * L.DESC_SIZE);
    for (let i = 0; i < n; i++) encodeLayer(layers[i % 3]!, KCP_WS, {}, descs, i * L.DESC_SIZE);
    const rows = cm.batch.evaluate(descs, encodeHardware(HW), null, undefined);
    expect(rows[(n - 1) * L.OUT_SIZE + L.OUT_STATUS]).toBe(L.ERR_BAD_INDEX); // pairs null: (i, i), one hardware record
    const hws = new Int32Array(n * L.HW_SIZE);
    for (let i = 0; i < n; i++) encodeHardware(HW, hws, i * L.HW_SIZE);
    const all = cm.batch.evaluate(descs, hws);
    expect(all[2 * L.OUT_SIZE + L.OUT_COLUMNS + NUMERIC_COLUMN_KEYS.indexOf('runtime')]).toBe(before[2]!.runtime);
    expect(() => cm.batch.run(old)).toThrow(/stale workspace: memory grew/);
    expect(layers.map((l) => cm.evaluateLayer(l, HW))).toEqual(before);
  });

  it('refuses a workspace whose shared memory a later call used, instead of evaluating what that call left there', () => {
    const a = conv('a', { K: 64, C: 3, R: 7, S: 7, Y: 224, X: 224 }, KCP_WS);
    const b = conv('b', { K: 32, C: 48, R: 3, S: 3, Y: 20, X: 20 }, KCP_WS);
    const runtime = NUMERIC_COLUMN_KEYS.indexOf('runtime');
    const ws = cm.batch.workspace(1, 1, 1, false);
    ws.descs.set(encodeLayer(a, KCP_WS));
    ws.hws.set(encodeHardware(HW));
    cm.batch.run(ws);
    const first = ws.out[L.OUT_COLUMNS + runtime];
    expect(first).toBe(cm.evaluateLayer(a, HW).runtime);
    // evaluateLayer (same one-layer shape) wrote its own layer and hardware into the region
    cm.evaluateLayer(b, { ...HW, numPes: 64 });
    expect(() => cm.batch.run(ws)).toThrow(/^workspace no longer valid: a later call/);
    expect(() => cm.batch.exactCounts(ws, 0)).toThrow(/^workspace no longer valid/);
    // so did batch.evaluate, and a workspace of another shape
    const again = cm.batch.workspace(1, 1, 1, false);
    again.descs.set(encodeLayer(a, KCP_WS));
    again.hws.set(encodeHardware(HW));
    cm.batch.evaluate(encodeLayer(b, KCP_WS), encodeHardware(HW));
    expect(() => cm.batch.run(again)).toThrow(/^workspace no longer valid/);
    const w1 = cm.batch.workspace(2, 1, 2);
    cm.batch.workspace(3, 2, 3);
    expect(() => cm.batch.run(w1)).toThrow(/^workspace no longer valid/);
    // nor can batch.evaluate be handed the views of a workspace that is no longer valid (it would
    // skip the copy and evaluate what the later call left there)
    const v = cm.batch.workspace(1, 1, 1, false);
    v.descs.set(encodeLayer(a, KCP_WS));
    v.hws.set(encodeHardware(HW));
    expect(cm.batch.evaluate(v.descs, v.hws)[L.OUT_COLUMNS + runtime]).toBe(first); // still its own: fine
    cm.evaluateLayer(b, { ...HW, numPes: 64 });
    const notCurrent = /^batch\.evaluate: its arrays are views into the module's memory but not the arrays of the current workspace/;
    expect(() => cm.batch.evaluate(v.descs, v.hws)).toThrow(notCurrent);
    // an older workspace of another shape (its descs start where the current one's do)
    const big = cm.batch.workspace(2, 2, 2, false);
    const small = cm.batch.workspace(1, 1, 1, false);
    small.descs.set(encodeLayer(b, KCP_WS));
    small.hws.set(encodeHardware(HW));
    cm.batch.run(small);
    expect(() => cm.batch.evaluate(big.descs, encodeHardware(HW))).toThrow(notCurrent);
    // the current workspace's view mixed with arrays of another shape (their copy would overwrite it)
    const twoDescs = new Int32Array(2 * L.DESC_SIZE);
    encodeLayer(a, KCP_WS, {}, twoDescs, 0);
    encodeLayer(b, KCP_WS, {}, twoDescs, L.DESC_SIZE);
    expect(() => cm.batch.evaluate(twoDescs, small.hws, Int32Array.from([0, 0, 1, 0]))).toThrow(notCurrent);
    // views taken before the memory grew (detached: length 0), not an empty result
    const before = cm.batch.workspace(1, 1, 1, false);
    before.descs.set(encodeLayer(a, KCP_WS));
    before.hws.set(encodeHardware(HW));
    const many = new Int32Array(8192 * L.DESC_SIZE);
    for (let i = 0; i < 8192; i++) encodeLayer(b, KCP_WS, {}, many, i * L.DESC_SIZE);
    cm.batch.evaluate(many, encodeHardware(HW), new Int32Array(2 * 8192));
    expect(before.descs.length).toBe(0); // detached by the growth
    expect(() => cm.batch.evaluate(before.descs, before.hws, null, before.out)).toThrow(notCurrent);
    // requested again and refilled: valid, same numbers
    const w = cm.batch.workspace(1, 1, 1, false);
    w.descs.set(encodeLayer(a, KCP_WS));
    w.hws.set(encodeHardware(HW));
    cm.batch.run(w);
    expect(w.out[L.OUT_COLUMNS + runtime]).toBe(first);
  });

  it('refuses hand-made directives the kernel does not know (they used to pass for TemporalMaps) and misspelt hardware fields', () => {
    const layer = conv('c', { K: 16, C: 16, R: 3, S: 3, Y: 10, X: 10 }, KCP_WS);
    const bad = (dirs: unknown[]) => ({ ...layer, dataflow: { directives: dirs } as unknown as Dataflow });
    const good = KCP_WS.directives;
    expect(() => cm.evaluateLayer(bad([good[0], { ...good[1], kind: 'Spatialmap' }]), HW)).toThrow(
      `dataflow of layer c: directives[1].kind: expected 'SpatialMap', 'TemporalMap' or 'Cluster', got the string "Spatialmap"`,
    );
    expect(() => cm.evaluateLayer(bad([null]), HW)).toThrow(/^dataflow of layer c: directives\[0\]: expected a directive object .*got null$/);
    expect(() => cm.evaluateLayer(bad([{ kind: 'Cluster', size: 4, clusterType: 'X' }]), HW)).toThrow(`directives[0].clusterType: expected 'P' or 'L', got the string "X"`);
    expect(() => cm.evaluateLayer(bad([{ kind: 'SpatialMap', size: 1, dim: 'K' }]), HW)).toThrow(`directives[0].offset: expected a number or { sz: 'K' } (Sz(K)), got undefined`);
    expect(() => cm.evaluateLayer(bad([{ kind: 'SpatialMap', size: 1, offset: 1, dim: 'toString' }]), HW)).toThrow(LayerRejectedError);
    const base = { ...HW };
    expect(() => cm.evaluateLayer(layer, { ...base, nocHop: 5 } as Hardware)).toThrow('hw.nocHop: unknown field (did you mean nocHops?): a Hardware object has id, numPes, l1Size, l2Size, nocBw, offchipBw, nocHops, vectorWidth');
    expect(() => cm.evaluateLayer(layer, { ...base, vector_width: 4 } as Hardware)).toThrow(/^hw\.vector_width: unknown field \(did you mean vectorWidth\?\)/);
    expect(() => cm.evaluateLayer(layer, { ...base, id: 'x', vectorWidth: 4, nocHops: 2 })).not.toThrow();
    // a string dimension: its value quoted in the rejection
    const str = { ...layer, dims: { ...layer.dims, K: '16' as unknown as number } };
    expect(() => cm.evaluateLayer(str, HW)).toThrow('dimension K must be an integer >= 1, got the string "16"');
  });

  it('refuses the batch API from an onProgress callback of evaluateNetwork (it shares the workspace)', () => {
    const layers = Array.from({ length: 400 }, (_, i) => conv(`l${i}`, { K: 8 + i, C: 16, R: 3, S: 3, Y: 30, X: 30 }, KCP_WS));
    const plain = cm.evaluateNetwork({ name: 'n', layers }, HW);
    const errors: string[] = [];
    const withCalls = cm.evaluateNetwork({ name: 'n', layers }, HW, {
      onProgress: () => {
        for (const call of [
          () => cm.batch.evaluate(encodeLayer(layers[0]!, KCP_WS), encodeHardware(HW)),
          () => cm.batch.workspace(1, 1, 1, false),
        ]) {
          try {
            call();
          } catch (e) {
            errors.push((e as Error).message);
          }
        }
      },
    });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toBe('batch.evaluate: called from an onProgress callback of evaluateNetwork on the same CostModel (its workspace is in use)');
    expect(withCalls.totals).toEqual(plain.totals);
    expect(() => cm.batch.workspace(1, 1, 1, false)).not.toThrow(); // unlocked after the call
  });

  it("supports output-size (Y'/X') layers, batch N and GEMM", () => {
    const yx = cm.evaluateLayer(conv('yx', { K: 8, C: 8, R: 3, S: 3, "Y'": 10, "X'": 10 }, XP_WS), HW);
    const io = cm.evaluateLayer(conv('io', { K: 8, C: 8, R: 3, S: 3, Y: 12, X: 12 }, XP_WS), HW);
    expect(yx.runtime).toBe(io.runtime);
    expect(yx.num_macs).toBe(io.num_macs);
    const nb = cm.evaluateLayer(conv('nb', { N: 2, K: 8, C: 8, R: 3, S: 3, Y: 12, X: 12 }, XP_WS), HW);
    expect(nb.num_macs).toBe(2 * io.num_macs);
    const gemm = parseDataflowText('Dataflow { TemporalMap(1,1) N; SpatialMap(1,1) M; TemporalMap(100,100) K; Cluster(100, P); TemporalMap(1,1) N; TemporalMap(1,1) M; SpatialMap(1,1) K; }');
    const g = cm.evaluateLayer({ name: 'g', type: 'GEMM', strideX: 1, strideY: 1, dims: { M: 64, N: 32, K: 100 }, dataflow: gemm }, HW);
    expect(g.num_macs).toBe(64 * 32 * 100);
  });
});

describe('loading the cost model', () => {
  it('refuses sources that are not one (a number used to be read as a file descriptor) and modules that are not the cost model', async () => {
    for (const [src, got] of [[0, '0'], [null, 'null'], [{}, 'an object'], [new Int32Array(2), 'a Int32Array']] as const) {
      await expect(CostModel.load(src as never)).rejects.toThrow(`cost model source: expected a path, a URL, the bytes (ArrayBuffer / Uint8Array) or a WebAssembly.Module, got ${got}`);
      expect(() => CostModel.loadSync(src as never)).toThrow(TypeError);
    }
    const empty = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]); // a valid, empty module
    await expect(CostModel.load(empty)).rejects.toThrow('not the codesign cost model (build/costmodel.wasm): its exports lack memory, ioBase, evaluateBatch, evaluateExact');
    expect(() => CostModel.fromExports({} as never)).toThrow(/^not the codesign cost model/);
  });
});

describe('batch API arguments', () => {
  it('refuses a Float32Array result buffer (it rounded 64-bit counts), truncated or odd inputs, bad shapes', async () => {
    const cm = await CostModel.load();
    const layer: MappedLayer = { name: 'l', type: 'CONV', dims: { K: 8, C: 8, R: 3, S: 3, Y: 8, X: 8 }, dataflow: KCP_WS };
    const d = encodeLayer(layer, KCP_WS);
    const h = encodeHardware(HW);
    expect(() => cm.batch.evaluate(d, h, null, new Float32Array(L.OUT_SIZE) as never)).toThrow('batch.evaluate: out must be a Float64Array (rows hold 64-bit counts), got a Float32Array');
    expect(() => cm.batch.evaluate(d, h, null, [] as never)).toThrow('got an array');
    expect(() => cm.batch.evaluate(d.subarray(1), h)).toThrow(`batch.evaluate: descs has ${L.DESC_SIZE - 1} slots, not a multiple of DESC_SIZE = ${L.DESC_SIZE}`);
    expect(() => cm.batch.evaluate(d, h, new Int32Array(3))).toThrow('batch.evaluate: pairs has 3 slots, not a multiple of 2 (descIndex, hwIndex) = 2');
    expect(() => cm.batch.evaluate(Array.from(d) as never, h)).toThrow('batch.evaluate: descs must be an Int32Array, got an array');
    expect(() => cm.batch.workspace(1.5, 1, 1)).toThrow('batch.workspace: numDescs must be an integer >= 0, got 1.5');
    // a pair naming a record that does not exist: a row with status ERR_BAD_INDEX (not a throw)
    expect(cm.batch.evaluate(d, h, Int32Array.from([0, 3]))[L.OUT_STATUS]).toBe(L.ERR_BAD_INDEX);
  });
});
