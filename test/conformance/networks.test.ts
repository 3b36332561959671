/**
 * Conformance on ../shared/oracle/networks.csv: whole networks as MAESTRO runs them (energy of
 * multi-cluster-level layers depends on the previous layer), through the high-level API and
 * through the cache path (distinct isolated rows + applyNetworkSemantics).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import type { LayerMetrics } from '../../src/model/columns.js';
import { CostModel, type NetworkResult } from '../../src/model/costmodel.js';
import { encodeHardware, encodeLayer } from '../../src/model/encode.js';
import { applyNetworkSemantics, batchTensorFlags, networkTotals } from '../../src/model/network.js';
import { rowMetrics } from '../../src/model/rows.js';
import type { DimName, LayerType, MappedLayer, MappedNetwork } from '../../src/model/types.js';
import {
  effectiveDataflowName, MatchStats, matches, ORACLE_DIR, ORACLE_OUTPUT_COLUMNS, readCsv, specDataflows,
  toHardware, type SpecHw,
} from './oracle.js';

interface SpecLayer {
  name: string;
  type: string;
  stride: [number, number];
  dims: Record<string, number>;
}

const spec = JSON.parse(readFileSync(path.join(ORACLE_DIR, 'spec-networks.json'), 'utf8')) as {
  networks: Record<string, SpecLayer[]>;
  dataflows: Record<string, string>;
  hw: SpecHw[];
  pairs: [string, string, number][];
};
const rows = readCsv(path.join(ORACLE_DIR, 'networks.csv'));
const dataflows = specDataflows(spec);

function buildNetwork(name: string, dataflow: string): MappedNetwork {
  return {
    name,
    layers: spec.networks[name]!.map(
      (l): MappedLayer => ({
        name: l.name,
        type: l.type as LayerType,
        strideX: l.stride[0],
        strideY: l.stride[1],
        dims: l.dims as Partial<Record<DimName, number>>,
        dataflow: dataflows.get(effectiveDataflowName(l.type, dataflow))!,
      }),
    ),
  };
}

describe('networks oracle', () => {
  let cm: CostModel;
  const stats = new MatchStats();
  const cacheStats = new MatchStats();
  const totals: { pair: string; expRuntime: number; expEnergy: number; got: NetworkResult['totals'] }[] = [];

  beforeAll(async () => {
    cm = await CostModel.load();
    let at = 0;
    for (const [netName, df, hwIdx] of spec.pairs) {
      const net = buildNetwork(netName, df);
      const hw = toHardware(spec.hw[hwIdx]!);
      const res = cm.evaluateNetwork(net, hw);
      // Cache path: distinct (layer, dataflow) descriptors evaluated once, then the network step.
      const flags = batchTensorFlags(net.layers);
      const keyOf = new Map<string, number>();
      const descList: Int32Array[] = [];
      const idx = net.layers.map((l, i) => {
        const d = encodeLayer(l, l.dataflow, { batchTensors: flags[i]! });
        const k = d.join(',');
        let j = keyOf.get(k);
        if (j === undefined) {
          j = descList.length;
          keyOf.set(k, j);
          descList.push(d);
        }
        return j;
      });
      const descs = new Int32Array(descList.length * L.DESC_SIZE);
      descList.forEach((d, j) => descs.set(d, j * L.DESC_SIZE));
      const distinct = cm.batch.evaluate(descs, encodeHardware(hw), new Int32Array(descList.flatMap((_, j) => [j, 0])));
      const seq = new Float64Array(net.layers.length * L.OUT_SIZE);
      idx.forEach((j, i) => seq.set(distinct.subarray(j * L.OUT_SIZE, (j + 1) * L.OUT_SIZE), i * L.OUT_SIZE));
      applyNetworkSemantics(seq, net.layers.length);
      const seqTotals = networkTotals(seq, net.layers.length);
      if (seqTotals.runtime !== res.totals.runtime || Math.abs(seqTotals.energy_nj - res.totals.energy_nj) > 1e-9 * res.totals.energy_nj) {
        throw new Error(`cache-path totals differ for ${netName}/${df}`);
      }

      let expRuntime = 0;
      let expEnergy = 0;
      net.layers.forEach((layer, i) => {
        const r = rows[at + i]!;
        if (r['layer'] !== layer.name) throw new Error(`row order mismatch at ${at + i}: ${r['layer']} vs ${layer.name}`);
        expRuntime += Number(r['runtime']);
        expEnergy += Number(r['energy_nj']);
        const group = `${netName}/${df}`;
        const out = res.rows[i]!;
        const cached = rowMetrics(seq, i);
        let all = true;
        let allCached = true;
        for (const col of ORACLE_OUTPUT_COLUMNS) {
          const detail = `${netName} ${df} ${hw.id} ${layer.name} ${r['dims']}: ${col} expected ${r[col]}`;
          const got = 'metrics' in out ? out.metrics[col as keyof LayerMetrics] : NaN;
          const ok = matches(r[col]!, got);
          if (!ok) all = false;
          stats.add(group, col, ok, `${detail} got ${got}`);
          const okc = matches(r[col]!, cached[col as keyof LayerMetrics]);
          if (!okc) allCached = false;
          cacheStats.add(group, col, okc, `${detail} got ${cached[col as keyof LayerMetrics]} (cache path)`);
        }
        stats.addRow(group, all);
        cacheStats.addRow(group, allCached);
      });
      totals.push({ pair: `${netName}/${df}/${hw.id}`, expRuntime, expEnergy, got: res.totals });
      at += net.layers.length;
    }
    if (at !== rows.length) throw new Error(`consumed ${at} of ${rows.length} rows`);
    console.log(stats.report('networks.csv'));
  });

  it('matches every column of every layer row (high-level API)', () => {
    const bad = [...stats.perColumn].filter(([, v]) => v.ok !== v.n).map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('matches every column through the cache path (distinct rows + applyNetworkSemantics)', () => {
    const bad = [...cacheStats.perColumn].filter(([, v]) => v.ok !== v.n).map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('network totals = sums of the per-layer runtime and energy', () => {
    for (const t of totals) {
      expect(t.got.runtime).toBe(t.expRuntime);
      expect(Math.abs(t.got.energy_nj - t.expEnergy)).toBeLessThanOrEqual(1e-5 * t.expEnergy);
    }
  });

  it('the same 1x1 CONV has different energy alone and inside a network (issue example)', () => {
    const net = buildNetwork('nb301_1', 'kcp_ws');
    const hw = toHardware(spec.hw.find((h) => h.num_pes === 256)!);
    const alone = cm.evaluateLayer(net.layers[1]!, hw);
    expect(alone.energy_nj).toBeCloseTo(1493.72, 1);
    const inNet = cm.evaluateNetwork(net, hw);
    const l1 = inNet.rows[1]!;
    expect('metrics' in l1 && l1.metrics.energy_nj).toBeCloseTo(2398.98, 1);
    const iso = cm.evaluateNetwork(net, hw, { isolated: true });
    const l1i = iso.rows[1]!;
    expect('metrics' in l1i && l1i.metrics.energy_nj).toBeCloseTo(1493.72, 1);
  });
});
