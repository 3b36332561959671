/**
 * The search with the real Wasm cost model (skipped while build/costmodel.wasm is missing or not
 * yet MAESTRO-exact). Kept fast: subsets of architectures and accelerators.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CostModel } from '../../src/model/costmodel.js';
import { builtinDataflow } from '../../src/dataflows/builtin.js';
import { ModelArchEvaluator } from '../../src/search/space-evaluator.js';
import { runCodesign, type RunConfig } from '../../src/search/run.js';
import { buildAccelerators } from '../../src/accelerators/accelerators.js';
import { paperHardware, MAESTRO_DEFAULT_HW } from '../../src/accelerators/paper.js';
import { acceleratorGroups } from '../../src/search/bounds.js';
import { loadSearchSpace, resolveQuality } from '../../src/search/spaces.js';
import { compileIds } from '../../src/search/space-evaluator.js';
import { PoolEvaluator, compiledModule } from '../../src/search/pool.js';
import { SpaceEvaluator } from '../../src/evaluate/evaluator.js';
import { resultJson } from '../../src/report/json.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function modelWorks(): boolean {
  if (!existsSync(path.join(root, 'build/costmodel.wasm'))) return false;
  try {
    const cm = CostModel.loadSync();
    // Oracle public.csv: Conv2d-15 of mnasnet, kcp_ws, 512 PEs, L2 65536, NoC 300: runtime 86240.
    const m = cm.evaluateLayer(
      { name: 'x', type: 'CONV', strideX: 1, strideY: 1, dims: { K: 40, C: 72, R: 1, S: 1, Y: 28, X: 28 }, dataflow: builtinDataflow('kcp_ws') },
      { numPes: 512, l1Size: 100, l2Size: 65536, nocBw: 300, offchipBw: 50 },
    );
    return m.runtime === 86240;
  } catch {
    return false;
  }
}
const works = modelWorks();

// A subset of the paper's accelerators with several groups sharing PEs (bounds can bite).
const HW = paperHardware().filter((h) => [256, 64].includes(h.numPes)).slice(0, 10);

describe.skipIf(!works)('search with the real cost model', () => {
  it('network totals equal MAESTRO (shared oracle: NB301 samples 1, 7, 42)', () => {
    const ev = new ModelArchEvaluator({ space: 'nb301', ids: [1, 7, 42] });
    const hw = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 300 };
    const r = ev.evaluate(Int32Array.from([1, 7, 42]), hw, 'kcp_ws');
    expect(Array.from(r.latency)).toEqual([1537952, 1521909, 1868851]);
    const en = [321332.5106, 317519.7335, 377940.6122];
    r.energy.forEach((e, i) => expect(Math.abs(e - en[i]) / en[i]).toBeLessThan(1e-5));
  });

  it('per-network evaluation (--no-memo) gives the same numbers as the shape memo', () => {
    for (const space of ['nb301', 'alphanet']) {
      const ids = [3, 500, 2024];
      const a = new ModelArchEvaluator({ space, ids });
      const b = new ModelArchEvaluator({ space, ids, memo: false });
      for (const hw of paperHardware().slice(0, 4))
        for (const df of ['kcp_ws', 'rs', 'xp_ws']) {
          const x = a.evaluate(Int32Array.from(ids), hw, df);
          const y = b.evaluate(Int32Array.from(ids), hw, df);
          expect(Array.from(y.latency)).toEqual(Array.from(x.latency));
          expect(Array.from(y.energy)).toEqual(Array.from(x.energy));
        }
    }
  });

  it("--invalid skip: a network none of whose layers has a result is infeasible (not a latency of 0), memo and per network", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skip-none-'));
    const file = path.join(dir, 'two.json');
    const conv = (k: number) => ({ type: 'CONV', dims: { K: k, C: 64, R: 3, S: 3, Y: 14, X: 14 } });
    writeFileSync(file, JSON.stringify({ architectures: [{ layers: [conv(64)], accuracy: 70 }, { layers: [conv(32), conv(64)], accuracy: 60 }] }));
    const small = { ...MAESTRO_DEFAULT_HW, numPes: 16 }; // kcp_ws's Cluster(64, P) needs 64 PEs: every layer rejected
    for (const memo of [true, false])
      for (const invalid of ['skip', 'infeasible'] as const) {
        const ev = new ModelArchEvaluator({ space: file, ids: [0, 1], invalid, memo });
        const r = ev.evaluate(Int32Array.of(0, 1), small, 'kcp_ws');
        expect([...r.latency, ...r.energy], `${memo} ${invalid}`).toEqual([Infinity, Infinity, Infinity, Infinity]);
        const ok = ev.evaluate(Int32Array.of(0, 1), MAESTRO_DEFAULT_HW, 'kcp_ws');
        expect(ok.latency.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
      }
  });

  it('--invalid skip sums the rows codesign maestro shows: not a layer with cluster levels right after a rejected one (memo and per network)', async () => {
    const { hiddenRows } = await import('../../src/model/shown-rows.js');
    const { resolveDataflowSpec } = await import('../../src/dataflows/resolve.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'skip-after-'));
    // A dataflow written for 3x3 layers: a 1x1 layer is rejected (its R / S maps are larger than the layer).
    const df = path.join(dir, 'r3only.m');
    writeFileSync(df, 'Dataflow { SpatialMap(1,1) K; TemporalMap(16,16) C; TemporalMap(3,3) R; TemporalMap(3,3) S; TemporalMap(3,1) Y; TemporalMap(3,1) X;\n' +
      '  Cluster(16, P); SpatialMap(1,1) C; TemporalMap(3,1) Y; TemporalMap(3,1) X; TemporalMap(3,3) R; TemporalMap(3,3) S; }\n');
    const pw = { type: 'CONV', dims: { K: 32, C: 16, R: 1, S: 1, Y: 16, X: 16 } };
    const c3 = (k: number) => ({ type: 'CONV', dims: { K: k, C: 32, R: 3, S: 3, Y: 16, X: 16 } });
    const nets = [[pw, c3(32)], [c3(32), pw, c3(64), c3(32)], [pw, pw], [c3(32), c3(64)], [pw, c3(32), c3(64)]];
    const file = path.join(dir, 'nets.json');
    writeFileSync(file, JSON.stringify({ architectures: nets.map((layers) => ({ layers })) }));
    const ids = nets.map((_, i) => i);
    // Expected: codesign maestro's rows (evaluateNetwork, then hiddenRows), summed; none shown: infeasible.
    const model = CostModel.loadSync();
    const flow = resolveDataflowSpec(df, '--dataflows');
    const space = loadSearchSpace(file);
    const hw = MAESTRO_DEFAULT_HW;
    const expected = ids.map((id) => {
      const layers = space.layersOf(id).map((l, j) => ({ ...l, name: `L${j}`, dataflow: flow }));
      const r = model.evaluateNetwork({ name: 'n', layers }, hw, { everyLayer: true });
      const hidden = hiddenRows(layers, r, hw.numPes, false);
      let lat = 0, en = 0, shown = 0;
      r.rows.forEach((row, j) => {
        if (hidden[j] !== undefined || !('metrics' in row)) return;
        lat += row.metrics.runtime;
        en += row.metrics.energy_nj;
        shown++;
      });
      return shown === 0 ? [Infinity, Infinity] : [lat, en];
    });
    // Worked by hand: [pw, 3x3] and [pw, 3x3, 3x3] lose their first 3x3 as well (no row after the
    // rejected pw), so [pw, 3x3] has no row at all; [pw, pw] none either.
    expect(expected.map(([l]) => Number.isFinite(l))).toEqual([false, true, false, true, true]);
    expect(expected[4]![0]).toBe(expected[3]![0]! - evaluateOne(model, c3(32), flow, hw)); // only its 3x3 x 64 remains
    for (const memo of [true, false]) {
      const ev = new ModelArchEvaluator({ space: file, ids, invalid: 'skip', memo });
      const r = ev.evaluate(Int32Array.from(ids), hw, df);
      expect(ids.map((i) => [r.latency[i], r.energy[i]]), `memo ${memo}`).toEqual(expected);
    }
  });

  it('--invalid skip: a layer beyond 2^53 cycles only at low bandwidth makes the pair infeasible, not skipped (it made the slower accelerator cheaper: certified != full)', async () => {
    const { runCli } = await import('../helpers/run-cli.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'skip-wrap-'));
    // The stress tester's case: N's second layer takes 3.3e13 cycles at NoC 1000 / off-chip 350 and
    // 9.5e15 (beyond 2^53) at 1 / 1, where skipping it left N at 5 cycles.
    const space = path.join(dir, 'space.json');
    writeFileSync(space, JSON.stringify([
      { name: 'C', accuracy: 10, layers: [{ type: 'CONV', dims: { K: 64, C: 64, R: 3, S: 3, Y: 56, X: 56 } }] },
      { name: 'N', accuracy: 10, layers: [{ type: 'CONV', dims: { K: 1, C: 1, R: 1, S: 1, Y: 1, X: 1 } }, { type: 'CONV', dims: { C: 73, R: 7, S: 1170, Y: 10532, X: 8992, K: 87 } }] },
    ]));
    for (const memo of [[], ['--no-memo']]) {
      const out = path.join(dir, `r${memo.length}.json`);
      const r = await runCli(['search', '--space', space, '--ids', 'all', '--accelerators', '256:100:3000:1000:350,256:100:3000:1:1', '--dataflows', 'kcp_ws',
        '--invalid', 'skip', '--mode', 'all', '--workers', '0', '--no-timings', '--no-progress', '--no-summary', '--out', out, ...memo]);
      expect(r.code).toBe(0);
      const j = JSON.parse(readFileSync(out, 'utf8'));
      expect(j.agreement.certifiedAgrees).toBe(1);
      expect(j.perThreshold[0].full).toMatchObject({ archId: 0, accelId: '256:100:3000:1000:350/kcp_ws', value: 513219 });
    }
  });

  it('a dataflow whose maps cover nothing (0 MACs, a negative energy: MAESTRO\'s numbers too) is no cost: evaluate leaves the totals empty, search never ranks it (it was an internal error, or a 0-cycle winner)', async () => {
    const { runCli } = await import('../helpers/run-cli.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'no-cost-'));
    // The stress tester's dataflow: SpatialMap(3,3) X over a 2-PE cluster level that maps X by Sz(S).
    const df = path.join(dir, 'neg2.m');
    writeFileSync(df, 'Dataflow {\n TemporalMap(1,1) K;\n TemporalMap(1,1) C;\n TemporalMap(Sz(R),Sz(R)) R;\n TemporalMap(Sz(S),Sz(S)) S;\n TemporalMap(Sz(R),1) Y;\n SpatialMap(3,3) X;\n' +
      ' Cluster(2, P);\n SpatialMap(Sz(S),1) X;\n TemporalMap(Sz(R),1) Y;\n TemporalMap(Sz(R),Sz(R)) R;\n TemporalMap(Sz(S),Sz(S)) S;\n}\n');
    const space = path.join(dir, 'one.json');
    writeFileSync(space, JSON.stringify([{ name: 'n', flops: 1, layers: [{ type: 'CONV', dims: { K: 1, C: 1, R: 7, S: 7, Y: 14, X: 14 } }] }]));
    // MAESTRO's row for it (256 PEs): runtime 0, energy -3.72984 nJ, counts -6272 (its binary prints the same).
    const e = await runCli(['evaluate', '--space', space, '--dataflow', df, '--no-progress']);
    expect([e.code, e.out]).toEqual([0, 'id,layers,latency_cycles,energy_nj,macs,flops\nn,1,,,,1\n']);
    expect(e.err).toContain('the mapping computes nothing (0 MACs; MAESTRO\'s runtime 0, energy -3.7298432999999998 nJ): no cost of this layer');
    for (const extra of [[], ['--no-memo'], ['--invalid', 'skip']]) {
      const s = await runCli(['search', '--space', space, '--ids', 'all', '--quality', 'flops', '--accelerators', 'default', '--dataflows', df, '--workers', '0', '--no-progress', '--no-summary', '--out', path.join(dir, 's.json'), ...extra]);
      expect([s.code, s.err], extra.join(' ')).toEqual([0, expect.stringMatching(/^codesign search: warning: no answer at the 1 threshold: every \(architecture, accelerator\) pair is infeasible/)]);
    }
  });

  it('the cost model\'s evaluators say they are monotone in bandwidth (certified is a proof with them); another module\'s pool does not', async () => {
    expect(new ModelArchEvaluator({ space: 'alphanet', ids: [0, 1] }).monotoneInBandwidth).toBe(true);
    expect(new PoolEvaluator({ module: compiledModule('space-evaluator'), spec: {}, workers: 1 }).monotoneInBandwidth).toBe(true);
    expect(new PoolEvaluator({ module: path.join(root, 'test/search/fixtures/fake-evaluator.mjs'), spec: {}, workers: 1 }).monotoneInBandwidth).toBe(false);
    const r = await runCodesign({ space: 'alphanet', archIds: Int32Array.from([0, 1, 2, 3]), quality: Float64Array.from([4, 3, 2, 1]), qualityName: 'q', accelerators: buildAccelerators(paperHardware().slice(0, 3), ['kcp_ws']), proxies: [{ hw: MAESTRO_DEFAULT_HW, dataflow: 'kcp_ws' }], problem: { objective: 'latency' }, selection: {}, thresholds: 'all', mode: 'certified', correlations: false });
    expect(r.searches.certified!.certified).toBe(true); // (the default evaluator)
  });

  it('corner bound holds on real evaluations (NB301 and AlphaNet subsets, paper hardware)', () => {
    const accels = buildAccelerators(paperHardware(), ['kcp_ws', 'rs', 'xp_ws']);
    for (const [space, ids] of [['nb301', Array.from({ length: 40 }, (_, i) => i * 250)], ['alphanet', Array.from({ length: 40 }, (_, i) => i * 249)]] as const) {
      const ev = new ModelArchEvaluator({ space, ids: [...ids], invalid: 'skip' });
      const a = Int32Array.from(ids);
      let checked = 0;
      for (const g of acceleratorGroups(accels)) {
        const c = ev.evaluate(a, g.corner, g.dataflow);
        for (const h of g.members) {
          const m = ev.evaluate(a, h.hw, h.dataflow);
          for (let i = 0; i < a.length; i++) {
            expect(m.latency[i]).toBeGreaterThanOrEqual(c.latency[i]);
            expect(m.energy[i]).toBe(c.energy[i]); // energy does not depend on bandwidth
            checked++;
          }
        }
      }
      expect(checked).toBe(ids.length * 150);
      // Rejection does not depend on bandwidth: infeasible on the corner <=> infeasible on members.
      const strict = new ModelArchEvaluator({ space, ids: [...ids] });
      for (const g of acceleratorGroups(accels)) {
        const c = strict.evaluate(a, g.corner, g.dataflow);
        for (const h of g.members) {
          const m = strict.evaluate(a, h.hw, h.dataflow);
          for (let i = 0; i < a.length; i++) expect(Number.isFinite(m.latency[i])).toBe(Number.isFinite(c.latency[i]));
        }
      }
    }
  });

  it('accelerators differing in vector width are separate groups: a corner keeps its members\' width', () => {
    const base = paperHardware()[0]!;
    const hws = [{ ...base, id: 'a' }, { ...base, id: 'b', vectorWidth: 4 }, { ...base, id: 'c', vectorWidth: 4, nocBw: base.nocBw * 2 }];
    const groups = acceleratorGroups(buildAccelerators(hws, ['kcp_ws']));
    expect(groups.map((g) => [g.members.map((m) => m.hw.id), g.corner.vectorWidth ?? 1, g.corner.nocBw])).toEqual([
      [['a'], 1, base.nocBw],
      [['b', 'c'], 4, base.nocBw * 2],
    ]);
  });

  function config(space: string, ids: number[], quality?: string): RunConfig {
    const s = loadSearchSpace(space);
    const q = resolveQuality(quality, s, ids);
    return {
      space,
      archIds: Int32Array.from(ids),
      quality: q.values,
      qualityName: q.name,
      accelerators: buildAccelerators(HW, ['kcp_ws', 'rs', 'xp_ws']),
      proxies: [{ hw: { ...MAESTRO_DEFAULT_HW }, dataflow: 'kcp_ws' }],
      problem: { objective: 'latency' },
      selection: {},
      thresholds: 'pareto',
      mode: 'all',
    };
  }

  it('NB301 paper set (quality = flops): per-threshold agreement reported, certified = full', async () => {
    const ids = loadSearchSpace('nb301').paperIds;
    for (const objective of ['latency', 'energy', 'edp'] as const) {
      const cfg = { ...config('nb301', ids, 'flops'), problem: { objective } };
      const r = await runCodesign(cfg, new ModelArchEvaluator({ space: 'nb301', ids }));
      expect(r.agreement.certifiedAgrees).toBe(r.thresholds.length);
      expect(r.searches.certified!.boundViolations).toBe(0);
      expect(r.agreement.semiOptimal).toBeGreaterThan(0);
      expect(r.searches.semi!.evaluations).toBeLessThan(r.searches.full!.evaluations);
      expect(r.correlations!.n).toBe(1018);
    }
  });

  it('subset-aware memo: only the shapes of the architectures asked for are analysed', () => {
    const space = loadSearchSpace('nb301');
    const ids = space.paperIds.slice(0, 50);
    const compiled = compileIds(space, ids);
    const ev = new SpaceEvaluator(CostModel.loadSync(), compiled);
    const hw = paperHardware()[5];
    const df = { main: builtinDataflow('kcp_ws') };
    const shapesOf = (as: number[]) => new Set(as.flatMap((a) => Array.from(compiled.seq.subarray(compiled.offsets[a], compiled.offsets[a + 1])))).size;
    const one = ev.evaluate(hw, df, [7]);
    expect(ev.analyses).toBe(shapesOf([7]));
    expect(ev.analyses).toBeLessThan(compiled.shapes.length);
    ev.evaluate(hw, df, [7, 8, 9]);
    expect(ev.analyses).toBe(shapesOf([7, 8, 9]));
    const all = ev.evaluate(hw, df);
    expect(ev.analyses).toBe(compiled.shapes.length);
    expect([one.latency[0], one.energy[0]]).toEqual([all.latency[7], all.energy[7]]);
    // Same numbers as a fresh evaluator analysing everything at once.
    const fresh = new SpaceEvaluator(CostModel.loadSync(), compiled).evaluate(hw, df);
    expect(Array.from(all.energy)).toEqual(Array.from(fresh.energy));
    expect(Array.from(all.latency)).toEqual(Array.from(fresh.latency));
  });

  it('worker pool (compiled space sent once per worker) = in-process, 1 and 2 workers', async () => {
    compiledModule('space-evaluator'); // throws when dist/ is not built
    const ids = loadSearchSpace('nb301').paperIds.slice(0, 80);
    const compiled = compileIds(loadSearchSpace('nb301'), ids);
    const cfg = { ...config('nb301', ids, 'flops'), accelerators: buildAccelerators(HW.slice(0, 4), ['kcp_ws', 'rs']), chunkSize: 8 };
    const spec = { space: 'nb301', ids, compiled };
    const ref = resultJson(await runCodesign(cfg, new ModelArchEvaluator(spec)), { timings: false });
    for (const workers of [1, 2]) {
      const pool = new PoolEvaluator({ module: compiledModule('space-evaluator'), spec, workers });
      try {
        expect(resultJson(await runCodesign(cfg, pool), { timings: false })).toBe(ref);
      } finally {
        await pool.close();
      }
    }
  });

  it('AlphaNet paper set (accuracy), mode all: certified = full', async () => {
    const ids = loadSearchSpace('alphanet').paperIds;
    const r = await runCodesign(config('alphanet', ids), new ModelArchEvaluator({ space: 'alphanet', ids }));
    expect(r.quality).toBe('accuracy');
    expect(r.agreement.certifiedAgrees).toBe(r.thresholds.length);
    expect(r.searches.certified!.boundViolations).toBe(0);
  });
});

/** Runtime of one layer alone (its own row). */
function evaluateOne(model: CostModel, layer: { type: string; dims: Record<string, number> }, flow: import('../../src/model/types.js').Dataflow, hw: import('../../src/model/types.js').Hardware): number {
  const r = model.evaluateNetwork({ name: 'one', layers: [{ name: 'L0', type: layer.type as 'CONV', strideX: 1, strideY: 1, dims: layer.dims, dataflow: flow }] }, hw);
  return r.totals.runtime;
}
