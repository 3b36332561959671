/**
 * b. Whole networks: the NB301 paper set (1,018 models) on one accelerator (MAESTRO's default
 *    hardware, kcp_ws; DSCONV on dpt, GEMM on nmk), with and without layer memoization:
 *    - without: CostModel.evaluateNetwork on each model (every layer analysed);
 *    - with: compileSpace (distinct layer shapes) + SpaceEvaluator (each shape analysed once).
 *    Both give the same totals (checked here), so the ratio is pure speed.
 */
import path from 'node:path';
import { CostModel } from '../../src/model/costmodel.js';
import { applyDataflow } from '../../src/parse/index.js';
import { builtinDataflow } from '../../src/dataflows/builtin.js';
import { MAESTRO_DEFAULT_HW } from '../../src/accelerators/paper.js';
import type { Layer } from '../../src/model/types.js';
import type { Section } from '../run.js';
import { ratio } from '../lib/report.js';
import * as spaces from '../../src/spaces/index.js';
import * as evaluate from '../../src/evaluate/index.js';
import { projectRoot } from '../lib/paths.js';
import { wasmEngine } from '../lib/engines.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export const networkSection: Section = {
  id: 'b',
  title: 'Whole networks: NB301 paper set on one accelerator, with / without layer memoization',
  async run(opts, result) {
    const root = projectRoot();
    wasmEngine(root); // skips when the Wasm is not built
    // A space that cannot be loaded is a failure of the run, not a missing dependency.
    const space = spaces.nb301Space();
    if (!space.paperIds) throw new Error('the nb301 space has no paper id list');
    // Quick runs use the first 200 paper models (both paths alike: the ratio stays meaningful).
    const ids = opts.quick ? space.paperIds.slice(0, 200) : space.paperIds;
    const cm = await CostModel.load(path.join(root, 'build', 'costmodel.wasm'));
    const hw = MAESTRO_DEFAULT_HW;
    const main = builtinDataflow('kcp_ws');
    const dpt = builtinDataflow('dpt');
    const nmk = builtinDataflow('nmk');
    const reps = opts.quick ? 1 : 3;

    // Layers of every model (shared by both paths, timed on its own).
    let t = performance.now();
    const layers: Layer[][] = ids.map((id) => space.layers(id));
    const layersMs = performance.now() - t;
    const total = layers.reduce((s, l) => s + l.length, 0);

    // Without memoization: one evaluateNetwork per model.
    const plainMs: number[] = [];
    let plainTotals = new Float64Array(0);
    for (let r = 0; r < reps; r++) {
      t = performance.now();
      const totals = new Float64Array(ids.length * 2);
      layers.forEach((ls, i) => {
        const net = applyDataflow({ name: String(ids[i]), layers: ls }, main, { dsconv: dpt, gemm: nmk });
        const res = cm.evaluateNetwork(net, hw, { everyLayer: true });
        totals[2 * i] = res.totals.runtime;
        totals[2 * i + 1] = res.totals.energy_nj;
      });
      plainMs.push(performance.now() - t);
      plainTotals = totals;
    }

    // With memoization: distinct shapes analysed once (fresh evaluator each time: no warm cache).
    const compileMs: number[] = [];
    const memoMs: number[] = [];
    let shapes = 0;
    let memo: { latency: Float64Array; energy: Float64Array } | undefined;
    for (let r = 0; r < reps; r++) {
      t = performance.now();
      const compiled = evaluate.compileSpace(ids.length, (i) => layers[i]!);
      const tc = performance.now();
      const ev = new evaluate.SpaceEvaluator(cm, compiled);
      memo = ev.evaluate(hw, { main, dsconv: dpt, gemm: nmk });
      memoMs.push(performance.now() - tc);
      compileMs.push(tc - t);
      shapes = compiled.shapes.length;
    }
    let same = 0;
    for (let i = 0; i < ids.length; i++) {
      if (memo!.latency[i] === plainTotals[2 * i] && memo!.energy[i] === plainTotals[2 * i + 1]) same++;
    }

    const plain = median(plainMs);
    const comp = median(compileMs);
    const evalOnly = median(memoMs);
    const n = ids.length;
    result.rows.push(
      { name: `NB301 paper set${opts.quick ? ' (quick: first 200)' : ''}: ${n} models, ${total} layers, ${shapes} distinct shapes`, value: layersMs, unit: 'ms', note: 'building the layers (both paths)' },
      { name: 'no memoization (evaluateNetwork per model)', value: (n / plain) * 1000, unit: 'models/s', note: `${plain.toFixed(0)} ms, ${((total / plain) * 1000 / 1e6).toFixed(2)}M layers/s` },
      { name: 'memoized: compileSpace + SpaceEvaluator', value: (n / (comp + evalOnly)) * 1000, unit: 'models/s', note: `${(comp + evalOnly).toFixed(0)} ms (compile ${comp.toFixed(0)} + evaluate ${evalOnly.toFixed(0)})` },
      { name: 'memoized, evaluate only (space compiled once)', value: (n / evalOnly) * 1000, unit: 'models/s', note: `${evalOnly.toFixed(1)} ms` },
      { name: 'totals identical (runtime and energy, bit for bit)', value: same, unit: `of ${n} models` },
      // (the source of the memoization's gain; a count, not a speed ratio)
      { name: 'layers per distinct shape', value: total / shapes, unit: 'layers' },
    );
    const sameTotals = same === n ? true : `totals differ on ${n - same} of ${n} models`;
    result.ratios.push(
      ratio('memoized (compile + evaluate) / no memoization', plain / (comp + evalOnly), undefined, { same: sameTotals }),
      ratio('memoized (evaluate only) / no memoization', plain / evalOnly, undefined, { same: sameTotals }),
    );
  },
};
