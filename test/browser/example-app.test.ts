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

describe('browser example views', () => {
  it('prints integer columns in full, as MAESTRO\'s CSV does (not 1.60654e+06)', async () => {
    const { layerTableHtml, summaryHtml } = await import('../../examples/browser/view.js');
    const text = readFileSync(path.join(ROOT, 'test/fixtures/maestro/mapping/Transformer_Complete.m'), 'utf8');
    const ev = evaluateMapping(model, text, MAESTRO_DEFAULT_HW);
    const html = layerTableHtml(ev);
    // As MAESTRO's CSV prints them on this hardware: FF_B_0 with MACs 134217728 and L1 / L2
    // requirements 1052672 / 1638400, the network's total runtime 32008086
    for (const cell of [
      'data-key="num_macs" data-value="134217728">134217728<',
      'data-key="l1_size_req" data-value="1052672">1052672<',
      'data-key="l2_size_req" data-value="1638400">1638400<',
      'data-key="runtime" data-value="32008086">32008086<',
    ]) {
      expect(html.includes(cell), cell).toBe(true);
    }
    expect(/>\d\.\d+e\+\d+<\/td>/.test(html.replace(/data-key="energy_nj"[^<]*</g, '')), 'an integer column in exponent form').toBe(false);
    const t = ev.result.totals.runtime;
    expect(summaryHtml(ev, 1)).toContain(`data-value="${t}">${t}</span> cycles`);
  });

  it('says which layers a total covers, and where a rejected layer is', async () => {
    const { layerTableHtml, summaryHtml } = await import('../../examples/browser/view.js');
    const seven = { ...MAESTRO_DEFAULT_HW, numPes: 7 };
    const ev = evaluateMapping(model, SAMPLE_MAPPING, seven);
    const ok = ev.result.rows.filter((r) => 'metrics' in r);
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.length).toBeLessThan(ev.result.rows.length);
    const s = summaryHtml(ev, 1);
    expect(s).toContain(`TinyNet: 4 layers (${4 - ok.length} without result), total over ${ok.length} layer${ok.length === 1 ? '' : 's'}: `);
    const table = layerTableHtml(ev);
    expect(table).toContain(`<td>total (${ok.length} of 4 layers)</td>`);
    expect(table).toMatch(/class="error">line \d+:\d+: layer \w+: /);
    // Nothing evaluates: no totals at all (not "0 cycles")
    const gemm = 'Network G {\nLayer fc {\nType: GEMM\nDimensions { N: 4, K: 8, M: 8 }\nDataflow { Cluster(100, P); SpatialMap(1,1) M; TemporalMap(1,1) N; TemporalMap(1,1) K; }\n}\n}\n';
    const none = evaluateMapping(model, gemm, seven);
    expect(summaryHtml(none, 1)).toContain('G: 1 layer (1 without result), no layer has a result, so there is no total');
    expect(layerTableHtml(none)).not.toContain('<tfoot>');
    // A row MAESTRO prints that is no cost (X = 2 < S = 3: 0 MACs, runtime 0, negative energy):
    // shown as MAESTRO's row, but no total and no point on the plot.
    const zero = SAMPLE_MAPPING.replace(/Dimensions \{[^}]*\}/, 'Dimensions { K: 32, C: 3, R: 3, S: 3, Y: 224, X: 2 }');
    const z = evaluateMapping(model, zero, MAESTRO_DEFAULT_HW);
    expect([z.result.rejected, z.result.noCost]).toEqual([0, 1]);
    expect(summaryHtml(z, 1)).toContain("1 layer computing nothing (0 MACs: MAESTRO's row is no cost), so there is no total");
    expect(layerTableHtml(z)).not.toContain('<tfoot>');
  });
});

describe('browser example server', () => {
  it('serves GET and HEAD only, redirects a folder to its slash, refuses paths outside its root', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    // @ts-expect-error plain JS server script (no types)
    const { serveStatic } = await import('../../examples/browser/serve.mjs');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'serve-'));
    mkdirSync(path.join(dir, 'root', 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'root', 'index.html'), '<p>hi</p>');
    writeFileSync(path.join(dir, 'root', 'sub', 'index.html'), '<p>sub</p>');
    writeFileSync(path.join(dir, 'root', 'm.wasm'), 'x');
    writeFileSync(path.join(dir, 'secret.txt'), 'no');
    const server = (await serveStatic(path.join(dir, 'root'))) as { url: string; close(): Promise<void> };
    try {
      expect(await (await fetch(server.url)).text()).toBe('<p>hi</p>');
      const head = await fetch(server.url + 'index.html', { method: 'HEAD' });
      expect([head.status, await head.text()]).toEqual([200, '']);
      expect((await fetch(server.url + 'index.html', { method: 'POST' })).status).toBe(405);
      const redirect = await fetch(server.url + 'sub?x=1', { redirect: 'manual' });
      expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/sub/?x=1']);
      expect(await (await fetch(server.url + 'sub/')).text()).toBe('<p>sub</p>');
      expect((await fetch(server.url + 'm.wasm')).headers.get('content-type')).toBe('application/wasm');
      for (const p of ['%2e%2e/secret.txt', '..%2fsecret.txt', 'nothing.html']) {
        expect((await fetch(server.url + p)).status, p).toBeGreaterThanOrEqual(403);
      }
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('browser example rows = codesign maestro rows', () => {
  it('a layer with cluster levels after a rejected one has no row on the page either (Resnet50_rs)', async () => {
    const { runCli } = await import('../helpers/run-cli.js');
    const { parseHardware } = await import('../../src/parse/hardware.js');
    const hwFile = path.join(ROOT, 'test/fixtures/maestro/hw/accelerator_1.m');
    const mapFile = path.join(ROOT, 'test/fixtures/maestro/mapping/Resnet50_rs.m');
    const cli = await runCli(['maestro', '--HW_file', hwFile, '--Mapping_file', mapFile, '--out', '-', '--no-progress']);
    expect(cli.code).toBe(3);
    const cliLayers = cli.out.trim().split('\n').slice(1).map((l) => l.split(',')[1]);
    const ev = evaluateMapping(model, readFileSync(mapFile, 'utf8'), parseHardware(readFileSync(hwFile, 'utf8'), 'hw.m'));
    const shown = ev.result.rows.filter((r) => 'metrics' in r);
    expect(shown.map((r) => r.layer)).toEqual(cliLayers);
    expect(cliLayers.length).toBeLessThan(ev.result.rows.length - 1); // some rows after a rejected layer are gone
    const after = ev.result.rows.find((r) => 'error' in r && r.error.includes('its energy uses the L1 counts of the layer before it'));
    expect(after).toBeDefined();
    const cliTotal = cli.out.trim().split('\n').slice(1).reduce((s, l) => s + Number(l.split(',')[3]), 0);
    expect(ev.result.totals.runtime).toBe(cliTotal);
  });
});
