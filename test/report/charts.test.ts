/**
 * The report's chart pieces: round axis ticks, compact tick labels, the 2-D Pareto front, and what
 * the front chart and the heatmap draw (legend per dataflow, proxy, co-design front, group blocks).
 */
import { describe, it, expect } from 'vitest';
import { compactNumber, linearTicks, logTicks, tickLabels } from '../../src/report/axis.js';
import { frontsSvg, paretoFront } from '../../src/report/fronts-svg.js';
import { heatmapSvg } from '../../src/report/heatmap-svg.js';

describe('axis ticks', () => {
  it('linear: multiples of a 1 / 2 / 5 x 10^k step inside the range', () => {
    expect(linearTicks(58_270_000, 172_600_000)).toEqual([60e6, 80e6, 100e6, 120e6, 140e6, 160e6]);
    expect(linearTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(69.2, 80.1)).toEqual([70, 72, 74, 76, 78, 80]);
    expect(linearTicks(0.1, 0.35)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    expect(linearTicks(5, 5)).toEqual([5]);
  });
  it('log: decades, with 2x and 5x under three decades and finer steps under one', () => {
    expect(logTicks(301_100, 25_480_000)).toEqual([5e5, 1e6, 2e6, 5e6, 1e7, 2e7]);
    expect(logTicks(3, 40_000)).toEqual([10, 100, 1000, 10_000]);
    expect(logTicks(134_100, 157_000)).toEqual(linearTicks(134_100, 157_000));
    expect(logTicks(120, 700)).toEqual([150, 200, 300, 500, 700]);
    expect(logTicks(1, 1e20).length).toBeLessThanOrEqual(8);
  });
  it('compact labels: 3 significant digits, SI suffix from 1,000 on', () => {
    expect(compactNumber(150e6)).toBe('150M');
    expect(compactNumber(3200)).toBe('3.2k');
    expect(compactNumber(999.4)).toBe('999');
    expect(compactNumber(999.7)).toBe('1k');
    expect(compactNumber(2.548e7)).toBe('25.5M');
    expect(compactNumber(71.5)).toBe('71.5');
    expect(compactNumber(0.25)).toBe('0.25');
    expect(compactNumber(2e-5)).toBe('2e-5');
    expect(compactNumber(0)).toBe('0');
    expect(compactNumber(-4500)).toBe('-4.5k');
    expect(compactNumber(Infinity)).toBe('Infinity');
    expect(compactNumber(1.75e18)).toBe('1.75e+18'); // (not 1750P)
  });
  it('tick labels take the digits it needs for neighbours to differ', () => {
    expect(tickLabels([70.8, 70.85, 70.9, 70.95])).toEqual(['70.8', '70.85', '70.9', '70.95']); // (was 70.8, 70.8, 70.9, 71)
    expect(tickLabels(linearTicks(1_500_010, 1_500_070))).toEqual(['1.50001M', '1.50002M', '1.50003M', '1.50004M', '1.50005M', '1.50006M', '1.50007M']);
    expect(tickLabels([60e6, 80e6, 100e6])).toEqual(['60M', '80M', '100M']);
  });
  it('tiny ranges keep their values (rounding to 15 decimals made them 0)', () => {
    expect(linearTicks(1e-14, 5e-14)).toEqual([1e-14, 2e-14, 3e-14, 4e-14, 5e-14]);
    expect(logTicks(2e-16, 9e-16).every((t) => t > 0)).toBe(true);
  });
});

describe('Pareto front', () => {
  it('keeps the points no other beats on both quality (higher) and metric (lower), quality descending', () => {
    const pts: [number, number][] = [
      [3, 10],
      [2, 12], // worse than (3, 10) on both
      [2, 8],
      [1, 8], // same metric as (2, 8), lower quality
      [1, 5],
      [0, Infinity], // infeasible
    ];
    expect(paretoFront(pts)).toEqual([
      [3, 10],
      [2, 8],
      [1, 5],
    ]);
  });
});

describe('front chart', () => {
  it('one legend entry per dataflow with its accelerator count, plus the proxy and the co-design front', () => {
    const svg = frontsSvg(
      'flops vs latency',
      [
        { label: 'a1/kcp_ws', group: 'kcp_ws', pts: [[2, 100], [1, 50]] },
        { label: 'a2/kcp_ws', group: 'kcp_ws', pts: [[2, 120]] },
        { label: 'a1/rs', group: 'rs', pts: [[2, 90]] },
        { label: 'proxy', group: 'kcp_ws', role: 'proxy', pts: [[2, 80]] },
        { label: 'co-design front', group: '', role: 'codesign', pts: paretoFront([[2, 90], [1, 50]]) },
      ],
      'latency (cycles)',
      'flops',
    );
    expect(svg).toContain('kcp_ws (2 accelerators)');
    expect(svg).toContain('rs (1 accelerator)');
    expect(svg).toContain('proxy (phase 1)');
    expect(svg).toContain('co-design front');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('flops (up is better)');
    expect((svg.match(/<path /g) ?? []).length).toBe(5);
    expect(frontsSvg('t', [{ label: 'x', group: 'g', pts: [] }], 'm', 'q')).toBe('<p>t: no feasible points.</p>');
  });

  it('draws a sweep with more points than a function call takes arguments (432 x 3 accelerators x 1,018 models)', () => {
    const series = Array.from({ length: 1296 }, (_, a) => ({
      label: `a${a}`,
      group: ['kcp_ws', 'rs', 'xp_ws'][a % 3]!,
      pts: Array.from({ length: 200 }, (_, i): [number, number] => [i, 1000 + a + (200 - i) * 10]),
    }));
    const svg = frontsSvg('big', series, 'latency', 'flops');
    expect((svg.match(/<path /g) ?? []).length).toBe(1296);
    expect(svg).toContain('kcp_ws (432 accelerators)');
  });
});

describe('heatmap', () => {
  it('names each dataflow block and separates the blocks', () => {
    const n = 40;
    const labels = Array.from({ length: n }, (_, i) => `hw${i}`);
    const groups = labels.map((_, i) => (i < 10 ? 'kcp_ws' : i < 25 ? 'rs' : 'xp_ws'));
    const m = labels.map((_, i) => labels.map((_, j) => (i === j ? 1 : i < 3 || j < 3 ? NaN : 0.95)));
    const svg = heatmapSvg('latency: Spearman', labels, m, groups);
    for (const g of ['kcp_ws', 'rs', 'xp_ws']) expect((svg.match(new RegExp(`>${g}<`, 'g')) ?? []).length).toBe(2); // top and left
    expect((svg.match(/stroke="#fff"/g) ?? []).length).toBe(4); // 2 boundaries x (vertical + horizontal)
    expect(svg).toContain('hw3 vs hw4: 0.9500');
    expect(svg).toContain('hw0 vs hw5: undefined');
    expect(svg).toContain('>undefined</text>');
  });

  it('a group name wider than its block is a tooltip, not text over its neighbours; long row labels are shortened', () => {
    const labels = ['a', 'b', 'c', `${'x'.repeat(80)}/kcp_ws`];
    const groups = ['kcp_ws', 'kcp_ws', 'kcp_ws', 'my_very_long_dataflow_file_name'];
    const m = labels.map((_, i) => labels.map((_, j) => (i === j ? 1 : 0.95)));
    const svg = heatmapSvg('t', labels, m, groups);
    expect(svg).toContain('>kcp_ws</text>'); // 3 cells of 24 px: room for it
    expect(svg).not.toContain('>my_very_long_dataflow_file_name</text>');
    expect(svg).toContain('<title>my_very_long_dataflow_file_name</title>');
    expect(svg).toContain(`<title>${'x'.repeat(80)}/kcp_ws</title>${'x'.repeat(63)}…</text>`);
  });
});

describe('front chart corner cases', () => {
  it('a front of one point is marked (a path of one point draws nothing); one quality level sits inside the chart', () => {
    const svg = frontsSvg('t', [{ label: 'a/kcp_ws', group: 'kcp_ws', pts: [[70, 1000]] }, { label: 'b/kcp_ws', group: 'kcp_ws', pts: [[70, 2000], [70, 1500]] }], 'latency', 'accuracy');
    const circles = [...svg.matchAll(/<circle cx="(\d+)" cy="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(circles).toHaveLength(1);
    const [cx, cy] = circles[0]!;
    expect(cy).toBeGreaterThan(30); // inside [mt, H - mb] = [30, 372], not on the axis
    expect(cy).toBeLessThan(372);
    expect(cx).toBeGreaterThanOrEqual(70);
    expect(cx).toBeLessThanOrEqual(610);
  });
  it('a cost of 0 is drawn at the left edge, not thousands of pixels off the chart', () => {
    const svg = frontsSvg('t', [{ label: 'a', group: 'kcp_ws', pts: [[71, 5], [70, 0]] }, { label: 'b', group: 'kcp_ws', pts: [[69, 10]] }], 'energy', 'accuracy');
    for (const m of svg.matchAll(/[MH](-?\d+)/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(70);
  });
});

describe('report fronts and the caps', () => {
  it('pairs over --latency-cap are not on the fronts (they are infeasible answers)', async () => {
    const { runCodesign } = await import('../../src/search/run.js');
    const { reportHtml } = await import('../../src/report/html.js');
    const { toyConfig, toyEvaluator } = await import('../search/fixtures/toy.js');
    const energyChart = async (latencyCap?: number) => {
      const cfg = toyConfig({ problem: { objective: 'energy', ...(latencyCap !== undefined ? { latencyCap } : {}) } });
      const html = reportHtml(await runCodesign(cfg, toyEvaluator()), cfg.archIds, cfg.quality);
      return html.slice(html.indexOf('id="fronts-energy"'), html.indexOf('id="correlation"'));
    };
    // H2: arch 2 (q 2, latency 90, energy 100) and arch 3 (q 1, latency 10, energy 10): with a
    // latency cap of 45 only arch 3 is left, a front of one point (marked).
    expect(await energyChart()).not.toMatch(/<circle[^>]*><title>H2\/kcp_ws<\/title>/);
    const capped = await energyChart(45);
    expect(capped).toMatch(/<circle[^>]*><title>H2\/kcp_ws<\/title>/);
    expect(capped).toContain('pairs over a latency or energy cap are left out');
  });
});

describe('report: what the answers\' accelerators are', () => {
  it('a table of the proxy and every answering accelerator with its hardware and its count of thresholds per search', async () => {
    const { runCodesign } = await import('../../src/search/run.js');
    const { reportHtml } = await import('../../src/report/html.js');
    const { toyConfig, toyEvaluator } = await import('../search/fixtures/toy.js');
    const cfg = toyConfig();
    const html = reportHtml(await runCodesign(cfg, toyEvaluator()), cfg.archIds, cfg.quality);
    const section = html.slice(html.indexOf('id="accelerators"'), html.indexOf('id="fronts-latency"'));
    const rows = [...section.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[dh]>(.*?)<\/t[dh]>/g)].map((c) => c[1]));
    // Worked by hand (TOY_TABLE): full / certified answer on P at q >= 4, 3, 2 and on H2 (arch 3,
    // latency 10) at q >= 1; semi keeps S = {0, 1} (the proxy's front) and answers on P at all four.
    expect(rows).toEqual([
      ['accelerator', 'dataflow', 'PEs', 'L1 (bytes)', 'L2 (bytes)', 'NoC bandwidth', 'off-chip bandwidth', 'answer at how many of the 4 thresholds'],
      ['P/kcp_ws', 'kcp_ws', '256', '100', '3,000', '1,000', '50', 'proxy (phase 1)'],
      ['P/kcp_ws', 'kcp_ws', '256', '100', '3,000', '1,000', '50', 'semi 4, full 3, certified 3'],
      ['H2/kcp_ws', 'kcp_ws', '16', '100', '3,000', '500', '50', 'semi 0, full 1, certified 1'],
    ]);
    // Ranks worked by hand: latency P 40 30 35 50 vs H2 400 100 90 10 (Spearman 1 - 6 x 14 / 60,
    // Kendall (2 - 4) / 6); energy P 40 30 20 50 vs H2 400 300 100 10 (1 - 6 x 12 / 60, (3 - 3) / 6).
    expect(html).toContain('Least alike pair: latency Spearman P/kcp_ws vs H2/kcp_ws (-0.4000); latency Kendall P/kcp_ws vs H2/kcp_ws (-0.3333); energy Spearman P/kcp_ws vs H2/kcp_ws (-0.2000); energy Kendall P/kcp_ws vs H2/kcp_ws (0.0000).');
  });

  it('the front legend\'s count of accelerators without a feasible point is a line of its own (it ran past the chart)', () => {
    const svg = frontsSvg('t', [{ label: 'a/kcp_ws', group: 'kcp_ws', pts: [[1, 10]] }, ...Array.from({ length: 18 }, (_, i) => ({ label: `b${i}/kcp_ws`, group: 'kcp_ws', pts: [] as [number, number][] }))], 'latency', 'q');
    expect(svg).toContain('>kcp_ws (19 accelerators,</text>');
    expect(svg).toContain('>18 without a feasible point)</text>');
  });
});

describe('report: what a reviewer read wrong', () => {
  it('units, thresholds without an answer, one colour scale for the four heatmaps, a title the heatmap has room for', async () => {
    const { runCodesign } = await import('../../src/search/run.js');
    const { reportHtml } = await import('../../src/report/html.js');
    const { toyConfig, toyEvaluator } = await import('../search/fixtures/toy.js');
    // A latency cap no pair meets: no answer anywhere; the table says so instead of "yes" / 0.00%.
    const cfg = toyConfig({ problem: { objective: 'energy', latencyCap: 5 } });
    const html = reportHtml(await runCodesign(cfg, toyEvaluator()), cfg.archIds, cfg.quality);
    expect(html).toContain('Minimise energy (nJ) subject to');
    expect(html).toContain('latency &le; 5 cycles');
    expect(html).toContain('and that energy (nJ)');
    const table = html.slice(html.indexOf('id="thresholds"'));
    expect(table).not.toContain('<td>yes</td>');
    expect(table).not.toContain('0.00%');
    expect(table).toContain('<td>&ndash; (no answer)</td><td>&ndash;</td>');
    // The toy's four matrices (worked by hand above: -0.4 the lowest) share one scale.
    const ok = reportHtml(await runCodesign(toyConfig(), toyEvaluator()), cfg.archIds, cfg.quality);
    expect(ok).toContain('One colour scale for the four heatmaps, from -0.400 to 1.');
    expect((ok.match(/>-0\.400<\/text>/g) ?? []).length).toBe(4); // each heatmap's scale starts there
  });

  it('a 1 x 1 heatmap is wide enough for its title', () => {
    const svg = heatmapSvg('energy: Kendall tau-b', ['default/kcp_ws'], [[1]]);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    const ml = Number(/<text x="(\d+)" y="18"/.exec(svg)![1]);
    expect(width).toBeGreaterThanOrEqual(ml + 7.5 * 'energy: Kendall tau-b'.length);
  });
});

describe('report: the searches that ran, and several proxies', () => {
  it('run figures list only the searches that ran (no "certified -"), |S| only with a phase 1, and certified optimality without a full search', async () => {
    const { runCodesign } = await import('../../src/search/run.js');
    const { reportHtml } = await import('../../src/report/html.js');
    const { toyConfig, toyEvaluator } = await import('../search/fixtures/toy.js');
    const figures = async (mode: 'full' | 'both' | 'certified') => {
      const cfg = toyConfig({ mode, monotoneInBandwidth: true });
      const html = reportHtml(await runCodesign(cfg, toyEvaluator()), cfg.archIds, cfg.quality);
      return html.slice(html.indexOf('<ul>'), html.indexOf('</ul>'));
    };
    const full = await figures('full');
    expect(full).not.toContain('|S|');
    expect(full).toMatch(/evaluations: full 8</);
    const both = await figures('both');
    expect(both).toMatch(/evaluations: semi \d+ \([^)]*than full\), full 8</);
    expect(both).not.toContain('certified');
    const certified = await figures('certified');
    expect(certified).toContain('than a full search would need (8)');
    expect(certified).toContain('certified optimal at all 4 thresholds');
  });

  it('each proxy its own dash pattern and legend entry', () => {
    const pts: [number, number][] = [[2, 10], [1, 5]];
    const svg = frontsSvg('t', [
      { label: 'a/kcp_ws', group: 'kcp_ws', pts },
      { label: 'proxy s/kcp_ws', group: 'kcp_ws', role: 'proxy', pts },
      { label: 'proxy t/rs', group: 'rs', role: 'proxy', pts },
    ], 'latency', 'q');
    expect(svg).toContain('>proxy s/kcp_ws (phase 1)</text>');
    expect(svg).toContain('>proxy t/rs (phase 1)</text>');
    expect(svg).toContain('stroke="#000" stroke-width="2.5" stroke-dasharray="2 3"');
    const one = frontsSvg('t', [{ label: 'proxy s/kcp_ws', group: 'kcp_ws', role: 'proxy', pts }], 'latency', 'q');
    expect(one).toContain('>proxy (phase 1)</text>');
    expect(one).not.toContain('stroke-dasharray="2 3"');
  });
});
