import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CostModel } from '../../src/model/costmodel.js';
import { applyDataflow } from '../../src/parse/index.js';
import type { Hardware, Layer } from '../../src/model/types.js';
import { builtinDataflow, type BuiltinDataflowName } from '../../src/dataflows/builtin.js';
import { compileSpace } from '../../src/evaluate/compile.js';
import { SpaceEvaluator } from '../../src/evaluate/evaluator.js';
import { nb301Layers, type Nb301Genotype } from '../../src/spaces/nb301.js';
import { getSpace } from '../../src/spaces/index.js';

const shared = path.resolve(import.meta.dirname, '../..', '../shared');
const spec = JSON.parse(readFileSync(path.join(shared, 'oracle/spec-networks.json'), 'utf8'));
const genotypes: Nb301Genotype[] = JSON.parse(readFileSync(path.join(shared, 'spaces/nb301/genotypes.json'), 'utf8'));

/** Oracle totals per net/dataflow/hw: sum of runtime and energy_nj over the layers. */
function oracleTotals(): Map<string, { runtime: number; energy: number; n: number }> {
  const text = readFileSync(path.join(shared, 'oracle/networks.csv'), 'utf8').trim().split('\n');
  const head = text[0].split(',');
  const col = (n: string) => head.indexOf(n);
  const m = new Map<string, { runtime: number; energy: number; n: number }>();
  for (const line of text.slice(1)) {
    const f = line.split(',');
    const net = f[col('net')].replace(/_kcp_ws\.m$/, '');
    const key = `${net}|${f[col('dataflow')]}|${f[col('hw_id')]}`;
    const t = m.get(key) ?? { runtime: 0, energy: 0, n: 0 };
    t.runtime += Number(f[col('runtime')]);
    t.energy += Number(f[col('energy_nj')]);
    t.n++;
    m.set(key, t);
  }
  return m;
}

const specLayers = (net: string): Layer[] =>
  spec.networks[net].map((l: any) => ({ name: l.name, type: l.type, strideX: l.stride[0], strideY: l.stride[1], dims: l.dims }));

const hwOf = (h: any): Hardware => ({ id: h.id, numPes: h.num_pes, l1Size: h.l1, l2Size: h.l2, nocBw: h.noc_bw, offchipBw: h.offchip_bw });

describe('SpaceEvaluator', () => {
  let cm: CostModel;
  beforeAll(async () => {
    cm = await CostModel.load();
  });

  const nets = ['Resnet50', 'MobileNetV2', 'nb301_1', 'nb301_7', 'nb301_42'];
  const netLayers = (): Layer[][] =>
    nets.map((n) => (n.startsWith('nb301_') ? nb301Layers(genotypes[Number(n.slice(6))]) : specLayers(n)));

  it('network totals equal the oracle (networks.csv) and evaluateNetwork exactly', () => {
    const layers = netLayers();
    const space = compileSpace(layers.length, (i) => layers[i]);
    const ev = new SpaceEvaluator(cm, space);
    const oracle = oracleTotals();
    const hws: Hardware[] = spec.hw.map(hwOf);
    let checked = 0;
    for (const dfName of ['kcp_ws', 'rs', 'xp_ws'] as BuiltinDataflowName[]) {
      const main = builtinDataflow(dfName);
      const results = ev.evaluateMany(hws, { main });
      hws.forEach((hw, h) => {
        const r = results[h];
        nets.forEach((net, a) => {
          const o = oracle.get(`${net}|${dfName}|${hw.id}`)!;
          expect(r.invalid[a]).toBe(0);
          expect(Math.abs(r.latency[a] - o.runtime) / o.runtime).toBeLessThan(1e-6);
          expect(Math.abs(r.energy[a] - o.energy) / o.energy).toBeLessThan(1e-5);
          // memoized == unmemoized whole-network evaluation, bit for bit
          const mapped = applyDataflow({ name: net, layers: layers[a] }, main, { dsconv: builtinDataflow('dpt') });
          const full = cm.evaluateNetwork(mapped, hw);
          expect(r.latency[a]).toBe(full.totals.runtime);
          expect(r.energy[a]).toBe(full.totals.energy_nj);
          expect(r.macs[a]).toBe(full.totals.num_macs);
          checked++;
        });
      });
    }
    expect(checked).toBe(45);
  });

  it('AlphaNet config 1 and NB301 sample 0 on the MAESTRO default hardware equal MAESTRO', () => {
    // Expected: /tmp/maestro/maestro run on mapping files written from these layer lists
    // (CONV -> named dataflow, DSCONV -> dpt), hardware 256 PEs, L1 100, L2 3000, NoC 1000,
    // off-chip 50; sums of the printed runtime / energy / MACs columns.
    const al = getSpace('alphanet');
    const nb = getSpace('nb301');
    const hw: Hardware = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 };
    const cases: [string, Layer[], BuiltinDataflowName, number, number, number][] = [
      ['alphanet 1', al.layers(1), 'kcp_ws', 10601134, 1000553.675, 373468984],
      ['alphanet 1', al.layers(1), 'xp_ws', 32003884, 3488588.3827, 373468984],
      ['alphanet 1', al.layers(1), 'rs', 34094512, 2059723.9822, 373421032],
      ['nb301 0', nb.layers(0), 'rs', 18387944, 667250.6605, 116087184],
    ];
    for (const [what, layers, df, runtime, energy, macs] of cases) {
      const space = compileSpace(1, () => layers);
      const r = new SpaceEvaluator(cm, space).evaluate(hw, { main: builtinDataflow(df) });
      expect(r.invalid[0], what).toBe(0);
      expect(r.latency[0], `${what} ${df}`).toBe(runtime);
      expect(Math.abs(r.energy[0] - energy) / energy, `${what} ${df}`).toBeLessThan(1e-5);
      expect(r.macs[0], `${what} ${df}`).toBe(macs);
    }
  });

  it('memoized == evaluateNetwork on AlphaNet configs 0..7, incl. rejected layers (32 PEs)', () => {
    const al = getSpace('alphanet');
    const layers = Array.from({ length: 8 }, (_, i) => al.layers(i));
    const ev = new SpaceEvaluator(cm, compileSpace(layers.length, (i) => layers[i]));
    const hws: Hardware[] = [
      { numPes: 32, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 },
      { numPes: 512, l1Size: 512, l2Size: 3000, nocBw: 300, offchipBw: 350 },
    ];
    let rejected = 0;
    for (const df of ['kcp_ws', 'rs', 'ykp_os'] as BuiltinDataflowName[]) {
      const main = builtinDataflow(df);
      ev.evaluateMany(hws, { main }).forEach((r, h) => {
        layers.forEach((ls, a) => {
          const full = cm.evaluateNetwork(applyDataflow({ name: 'n', layers: ls }, main, { dsconv: builtinDataflow('dpt') }), hws[h]);
          const failed = full.rows.filter((x) => 'error' in x).length;
          rejected += failed;
          expect(r.invalid[a]).toBe(failed);
          expect([r.latency[a], r.energy[a], r.macs[a]]).toEqual([full.totals.runtime, full.totals.energy_nj, full.totals.num_macs]);
        });
      });
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it('analyses each distinct shape once per accelerator', () => {
    const layers = netLayers();
    const space = compileSpace(layers.length, (i) => layers[i]);
    const total = layers.reduce((a, l) => a + l.length, 0);
    expect(total).toBe(66 + 56 + 431 + 407 + 547);
    expect(space.shapes.length).toBeLessThan(total / 3);
    const ev = new SpaceEvaluator(cm, space);
    const hw = hwOf(spec.hw[0]);
    ev.evaluate(hw, { main: builtinDataflow('kcp_ws') });
    ev.evaluate(hw, { main: builtinDataflow('kcp_ws') }, [2, 3]);
    expect(ev.analyses).toBe(space.shapes.length);
  });
});
