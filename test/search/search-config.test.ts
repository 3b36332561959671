/**
 * `searchConfig(space, fields)`: a complete RunConfig with `codesign search`'s defaults. A library
 * run with it gives the CLI's answers; the defaults are the CLI's; quality follows the given ids.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAccelerators, MAESTRO_DEFAULT_HW, parseHardwareSpec, runCodesign, searchConfig } from '../../src/index.js';
import { runCli } from '../helpers/run-cli.js';

describe('searchConfig', () => {
  it("has codesign search's defaults", () => {
    const cfg = searchConfig('alphanet');
    expect(cfg.archIds.length).toBe(1046); // the paper's set
    expect(cfg.qualityName).toBe('accuracy');
    expect(cfg.quality.length).toBe(1046);
    expect(cfg.accelerators.length).toBe(150); // 50 hardware x kcp_ws, rs, xp_ws
    expect(new Set(cfg.accelerators.map((a) => a.dataflow))).toEqual(new Set(['kcp_ws', 'rs', 'xp_ws']));
    expect(cfg.proxies).toEqual([{ hw: MAESTRO_DEFAULT_HW, dataflow: cfg.accelerators[0]!.dataflow }]);
    expect([cfg.problem, cfg.selection, cfg.thresholds, cfg.mode, cfg.invalid]).toEqual([{ objective: 'latency' }, { mode: 'pareto', tolerance: 0 }, 'pareto', 'all', 'infeasible']);
    expect(cfg.proxies[0]!.hw).not.toBe(MAESTRO_DEFAULT_HW); // a copy: a caller may change it
  });

  it('looks quality up for the given ids, by name; no silent default where the space has no accuracy', () => {
    const all = searchConfig('alphanet');
    const some = searchConfig('alphanet', { archIds: Int32Array.from([all.archIds[5]!, all.archIds[3]!, all.archIds[900]!]) });
    expect([...some.quality]).toEqual([all.quality[5], all.quality[3], all.quality[900]]);
    expect(() => searchConfig('nb301')).toThrow("searchConfig fields.qualityName: space 'nb301' has no accuracy: give qualityName flops|FILE.csv");
    expect(searchConfig('nb301', { qualityName: 'flops' }).archIds.length).toBe(1018);
    expect(() => searchConfig('alphanet', { quality: new Float64Array(3) })).toThrow(/give `quality` values with their `archIds` and `qualityName`/);
    expect(() => searchConfig('alphanet', { archIds: Int32Array.from([1, 99999]) })).toThrow("searchConfig fields.archIds: architecture 99999 (archIds[1]) is not in space 'alphanet'");
    expect(() => searchConfig('alphanet', { archIds: [1, -1] as unknown as Int32Array })).toThrow(/architecture -1 \(archIds\[1\]\)/);
    expect(searchConfig('alphanet', { archIds: [1, 2] as unknown as Int32Array }).archIds).toEqual(Int32Array.from([1, 2]));
  });

  it('a library run with it answers as the CLI does', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'search-config-')), 'cli.json');
    const cli = await runCli(['search', '--space', 'alphanet', '--ids', '0-99', '--accelerators', 'random:3:1', '--workers', '0', '--no-progress', '--no-summary', '--no-timings', '--out', out]);
    expect(cli.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8')) as { agreement: unknown; perThreshold: { threshold: number; full: { archId: number; accelId: string; value: number } | null }[] };
    const r = await runCodesign(
      searchConfig('alphanet', { archIds: Int32Array.from({ length: 100 }, (_, i) => i), accelerators: buildAccelerators(parseHardwareSpec('random:3:1'), ['kcp_ws', 'rs', 'xp_ws']) }),
    );
    expect(r.agreement).toEqual(j.agreement);
    // the default evaluator's compiled space gives the layer-analysis counts the CLI reports
    const counts = (s: Record<string, { layerAnalyses?: number } | undefined>) => ['semi', 'full', 'certified'].map((k) => s[k]?.layerAnalyses);
    expect(counts(r.searches as never).every((v) => typeof v === 'number' && v > 0)).toBe(true);
    expect(counts(r.searches as never)).toEqual(counts((j as unknown as { searches: never }).searches));
    expect(r.invalid).toBe('infeasible');
    expect(r.perThreshold.map((t) => [t.threshold, t.full?.archId, t.full?.accelId, t.full?.value])).toEqual(j.perThreshold.map((t) => [t.threshold, t.full?.archId, t.full?.accelId, t.full?.value]));
  });
});
