/**
 * The batch kernel is a pure function of each (descriptor, hardware) pair: the same numbers for
 * any batch size, any order, repeated pairs, and across module instances.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { CostModel } from '../../src/model/costmodel.js';
import { encodeHardware, encodeLayer, LayerRejectedError } from '../../src/model/encode.js';
import { ORACLE_DIR, readCsv, rowHardware, rowLayer, specDataflows } from '../conformance/oracle.js';

const spec = JSON.parse(readFileSync(path.join(ORACLE_DIR, 'spec-public.json'), 'utf8'));
const dataflows = specDataflows(spec);
// A deterministic sample of oracle rows (valid and invalid ones, all dataflows).
const sample = readCsv(path.join(ORACLE_DIR, 'public.csv')).filter((_, i) => i % 17 === 0);

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const x = new BigInt64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigInt64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

describe('determinism of the batch kernel', () => {
  let cm: CostModel;
  const n = sample.length;
  const descs = new Int32Array(n * L.DESC_SIZE);
  const hws = new Int32Array(n * L.HW_SIZE);
  let reference: Float64Array;

  beforeAll(async () => {
    cm = await CostModel.load();
    sample.forEach((r, i) => {
      const layer = rowLayer(r, dataflows);
      try {
        encodeLayer(layer, layer.dataflow, {}, descs, i * L.DESC_SIZE);
      } catch (e) {
        if (!(e instanceof LayerRejectedError)) throw e;
        descs[i * L.DESC_SIZE + L.DESC_TYPE] = -1;
      }
      encodeHardware(rowHardware(r), hws, i * L.HW_SIZE);
    });
    reference = cm.batch.evaluate(descs, hws);
  });

  it('has a sample with valid and rejected rows', () => {
    let ok = 0;
    for (let i = 0; i < n; i++) if (reference[i * L.OUT_SIZE] === 0) ok++;
    expect(ok).toBeGreaterThan(10);
    expect(ok).toBeLessThan(n);
  });

  it('gives the same rows for every batch size', () => {
    for (const size of [1, 2, 7, 64]) {
      const out = new Float64Array(n * L.OUT_SIZE);
      for (let s = 0; s < n; s += size) {
        const e = Math.min(n, s + size);
        const part = cm.batch.evaluate(descs.subarray(s * L.DESC_SIZE, e * L.DESC_SIZE), hws.subarray(s * L.HW_SIZE, e * L.HW_SIZE));
        out.set(part, s * L.OUT_SIZE);
      }
      expect(sameBits(out, reference)).toBe(true);
    }
  });

  it('gives the same rows in any order and with repeated pairs', () => {
    const order = Array.from({ length: n }, (_, i) => (i * 7919) % n).concat([0, 0, n - 1]);
    const pairs = new Int32Array(order.flatMap((i) => [i, i]));
    const out = cm.batch.evaluate(descs, hws, pairs);
    order.forEach((i, k) => {
      expect(sameBits(out.subarray(k * L.OUT_SIZE, (k + 1) * L.OUT_SIZE), reference.subarray(i * L.OUT_SIZE, (i + 1) * L.OUT_SIZE))).toBe(true);
    });
  });

  it('gives the same rows for one descriptor against many hardware records in one call', () => {
    // Pairs (d, h) for a few descriptors x all sampled hardware records, descriptor-major
    // (the search pattern: the kernel reuses the layer analysis while num_pes is unchanged).
    const ds = [0, 3, 5];
    const pairs = new Int32Array(ds.flatMap((d) => Array.from({ length: n }, (_, h) => [d, h]).flat()));
    const out = cm.batch.evaluate(descs, hws, pairs);
    ds.forEach((d, a) => {
      for (let h = 0; h < n; h++) {
        const single = cm.batch.evaluate(descs.subarray(d * L.DESC_SIZE, (d + 1) * L.DESC_SIZE), hws.subarray(h * L.HW_SIZE, (h + 1) * L.HW_SIZE));
        const k = a * n + h;
        expect(sameBits(out.subarray(k * L.OUT_SIZE, (k + 1) * L.OUT_SIZE), single)).toBe(true);
      }
    });
  });

  it('gives the same rows through the zero-copy workspace', () => {
    const ws = cm.batch.workspace(n, n, n, false);
    ws.descs.set(descs);
    ws.hws.set(hws);
    cm.batch.run(ws);
    expect(sameBits(ws.out.slice(), reference)).toBe(true);
    // evaluate() recognises the workspace views and evaluates in place.
    const again = cm.batch.evaluate(ws.descs, ws.hws, null, ws.out);
    expect(again).toBe(ws.out);
    expect(sameBits(ws.out.slice(), reference)).toBe(true);
  });

  it('gives the same rows from a second, synchronously loaded instance', () => {
    const other = CostModel.loadSync();
    expect(sameBits(other.batch.evaluate(descs, hws), reference)).toBe(true);
  });

  it('flags out-of-range pairs instead of reading garbage', () => {
    const out = cm.batch.evaluate(descs, hws, new Int32Array([0, 0, n, 0, 0, n]));
    expect(out[0]).toBe(reference[0]);
    expect(out[L.OUT_SIZE]).toBe(L.ERR_BAD_INDEX);
    expect(out[2 * L.OUT_SIZE]).toBe(L.ERR_BAD_INDEX);
  });
});
