/** `search --csv`: every evaluated point, written in chunks (src/report/csv.ts). */
import { describe, it, expect } from 'vitest';
import { buildAccelerators } from '../../src/accelerators/accelerators.js';
import { evaluatedPointsCsv, writeEvaluatedPointsCsv } from '../../src/report/csv.js';
import { runCodesign } from '../../src/search/run.js';
import { FakeEvaluator, monotoneCost, PROPERTY_GRID, qualityOf } from '../search/fixtures/fake.js';
import { P, toyConfig, toyEvaluator } from '../search/fixtures/toy.js';

describe('evaluated points CSV', () => {
  it('the toy run: one row per evaluated pair with the searches that evaluated it', async () => {
    const cfg = toyConfig();
    const r = await runCodesign(cfg, toyEvaluator());
    const rows = evaluatedPointsCsv(r, cfg.archIds, cfg.quality).trimEnd().split('\n');
    expect(rows[0]).toBe('arch_id,quality,hw_id,role,num_pes,l1_size,l2_size,noc_bw,offchip_bw,dataflow,latency,energy,searches,noc_hops,vector_width');
    // H2 sorts before P (accelerator keys); arch 3 on H2 only by the full search (and certified's bound / exact check).
    expect(rows.slice(1)).toContain('3,1,H2/kcp_ws,accelerator,16,100,3000,500,50,kcp_ws,10,10,certified+full,1,1');
    expect(rows.slice(1)).toContain('1,3,P/kcp_ws,accelerator,256,100,3000,1000,50,kcp_ws,30,30,certified+full+semi,1,1');
  });

  it("noc_hops and vector_width (the last columns) tell apart accelerators equal in the other columns", async () => {
    const base = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 };
    const hw = [
      { ...base, id: 'a' },
      { ...base, id: 'h3', nocHops: 3 },
      { ...base, id: 'v4', vectorWidth: 4 },
    ];
    const cfg = toyConfig({ accelerators: buildAccelerators(hw, ['kcp_ws']), proxies: [{ hw: P, dataflow: 'kcp_ws' }] });
    const r = await runCodesign(cfg, new FakeEvaluator(monotoneCost));
    const rows = evaluatedPointsCsv(r, cfg.archIds, cfg.quality).trimEnd().split('\n').slice(1);
    const tails = new Map(rows.map((l) => [l.split(',')[2], l.split(',').slice(-2).join(',')]));
    expect(tails.get('a/kcp_ws')).toBe('1,1');
    expect(tails.get('h3/kcp_ws')).toBe('3,1');
    expect(tails.get('v4/kcp_ws')).toBe('1,4');
  });

  it('a large run comes in chunks of 4,096 rows that add up to the whole CSV', async () => {
    const ids = Array.from({ length: 400 }, (_, i) => i);
    const cfg = toyConfig({
      archIds: Int32Array.from(ids),
      quality: qualityOf(ids),
      accelerators: buildAccelerators(PROPERTY_GRID, ['kcp_ws']),
      proxies: [{ hw: P, dataflow: 'kcp_ws' }],
      thresholds: 'pareto',
    });
    const r = await runCodesign(cfg, new FakeEvaluator(monotoneCost));
    const chunks: string[] = [];
    writeEvaluatedPointsCsv(r, cfg.archIds, cfg.quality, (c) => chunks.push(c));
    const whole = evaluatedPointsCsv(r, cfg.archIds, cfg.quality);
    expect(chunks.join('')).toBe(whole);
    const rows = whole.trimEnd().split('\n').length - 1;
    expect(rows).toBeGreaterThanOrEqual(400 * PROPERTY_GRID.length); // the full search evaluates every pair
    expect(chunks.length).toBe(Math.floor(rows / 4096) + 1);
    for (const c of chunks.slice(1, -1)) expect(c.split('\n').length - 1).toBe(4096);
  });
});
