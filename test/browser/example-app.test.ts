/**
 * The browser example's logic in Node (no browser): the sample mapping evaluates to MAESTRO's
 * own numbers, dataflows are recognised by name, the sweep leaves out the pairs MAESTRO
 * rejects, and the Pareto front is right. Also the MAESTRO text writer used by the browser test
 * and the benchmarks round-trips through the parser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CostModel } from '../../src/model/costmodel.js';
import { parseMapping } from '../../src/parse/index.js';
import { MAESTRO_DEFAULT_HW, paperHardware } from '../../src/accelerators/paper.js';
import { dataflowLabel, evaluateMapping, sweepAccelerators, PLOT_DATAFLOWS } from '../../examples/browser/app.js';
import { paretoFront, scatterSvg, type PlotPoint } from '../../examples/browser/plot.js';
import { SAMPLE_MAPPING } from '../../examples/browser/sample.js';
import { mappingText } from '../../bench/lib/maestro-text.js';
import { NetworkSpec } from '../../bench/lib/oracle-spec.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let model: CostModel;
beforeAll(() => {
  model = CostModel.loadSync(readFileSync(path.join(ROOT, 'build', 'costmodel.wasm')));
});

describe('browser example logic', () => {
  it('evaluates the sample mapping to MAESTRO numbers (MAESTRO binary, accelerator_1 hardware)', () => {
    const ev = evaluateMapping(model, SAMPLE_MAPPING, MAESTRO_DEFAULT_HW);
    // MAESTRO: TinyNet,stem,256,81921,496.99 / dw1 2475,481.165 / pw1 10800,718.538 / fc 15,763.401
    const expected: [string, number, number][] = [
      ['stem', 81921, 496.99],
      ['dw1', 2475, 481.165],
      ['pw1', 10800, 718.538],
      ['fc', 15, 763.401],
    ];
    expect(ev.result.rows.map((r) => r.layer)).toEqual(expected.map((e) => e[0]));
    ev.result.rows.forEach((row, i) => {
      if (!('metrics' in row)) throw new Error(row.error);
      expect(row.metrics.runtime).toBe(expected[i]![1]);
      expect(row.metrics.energy_nj).toBeCloseTo(expected[i]![2], 2);
    });
    expect(ev.result.totals.runtime).toBe(81921 + 2475 + 10800 + 15);
    expect(ev.net.layers.map((l) => dataflowLabel(l))).toEqual(['kcp_ws', 'dpt', 'kcp_ws', 'nmk']);
  });

  it('sweeps the paper accelerators x dataflows, leaving out the pairs with a rejected layer', () => {
    const net = parseMapping(SAMPLE_MAPPING, 'sample.m');
    const sweep = sweepAccelerators(model, net, MAESTRO_DEFAULT_HW);
    const hws = paperHardware();
    expect(sweep.points.length + sweep.skipped).toBe(hws.length * PLOT_DATAFLOWS.length + 1);
    // The GEMM layer's nmk dataflow has Cluster(100, P): no result on fewer than 100 PEs.
    const small = hws.filter((h) => h.numPes < 100).length;
    expect(sweep.skipped).toBeGreaterThanOrEqual(small * PLOT_DATAFLOWS.length);
    const mine = sweep.points.filter((p) => p.highlight);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.x).toBe(95211);
  });

  it('finds the Pareto front (lower latency and energy are better)', () => {
    const pts: PlotPoint[] = [
      { x: 10, y: 50, label: 'a', group: 'g' },
      { x: 20, y: 20, label: 'b', group: 'g' },
      { x: 30, y: 30, label: 'c (dominated by b)', group: 'g' },
      { x: 40, y: 10, label: 'd', group: 'g' },
      { x: 10, y: 60, label: 'e (dominated by a)', group: 'h' },
    ];
    expect(paretoFront(pts)).toEqual([0, 1, 3]);
    const svg = scatterSvg(pts, 'latency', 'energy');
    expect(svg.match(/<circle class="point/g)).toHaveLength(5);
    expect(svg.match(/pareto-point/g)).toHaveLength(3);
  });

  it('writes MAESTRO mapping text that parses back to the same layers', () => {
    const spec = NetworkSpec.load(ROOT);
    for (const name of ['Resnet50', 'MobileNetV2']) {
      const mapped = spec.mapped(name, 'rs');
      const net = parseMapping(mappingText(name, mapped), `${name}.m`);
      expect(net.layers).toHaveLength(mapped.length);
      net.layers.forEach((l, i) => {
        const src = mapped[i]!.layer;
        expect([l.name, l.type, l.strideX, l.strideY, l.dims]).toEqual([src.name, src.type, src.strideX, src.strideY, src.dims]);
        expect(dataflowLabel(l)).toBe(src.type === 'DSCONV' ? 'dpt' : 'rs');
      });
    }
  });
});
