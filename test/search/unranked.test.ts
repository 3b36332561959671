/**
 * Accelerators on which the architectures have no ranking (every one infeasible there: kcp_ws's
 * Cluster(64, P) on 32 PEs) have undefined rank correlations: counted in the JSON
 * (`correlations.unranked`), named in the summary line, left out of the means and minima.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { unrankedCount } from '../../src/report/words.js';
import type { CorrelationReport } from '../../src/search/run.js';

describe('search: accelerators that rank no architecture', () => {
  it('are counted, named in the summary and left out of the correlation summary', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'unranked-')), 'u.json');
    const r = await runCli(['search', '--space', 'alphanet', '--ids', '0-19', '--accelerators', '32:100:3000:1000:50,256:100:3000:1000:50,128:100:3000:500:50',
      '--dataflows', 'kcp_ws', '--workers', '0', '--summary', '--no-progress', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/rank corr\. .*; 1 of 3 accelerators left out \(no ranking there: every architecture infeasible, or all equal\)\n/);
    const j = JSON.parse(readFileSync(out, 'utf8')) as { correlations: { unranked: { latency: number; energy: number }; latency: { spearman: (number | string)[][] }; summary: { latencySpearman: { min: number; mean: number } } } };
    expect(j.correlations.unranked).toEqual({ latency: 1, energy: 1 });
    const m = j.correlations.latency.spearman;
    expect(m[0]![0]).toBe('NaN'); // the 32-PE kcp_ws accelerator: every architecture infeasible
    expect(j.correlations.summary.latencySpearman.mean).toBe(m[1]![2]); // the one defined pair
  });
});

describe('unrankedCount', () => {
  const report = (unranked: CorrelationReport['unranked'], accelerators: number, sampledFrom?: number) =>
    ({ unranked, accelerators: Array.from({ length: accelerators }, (_, i) => `a${i}`), ...(sampledFrom ? { sampledFrom } : {}) }) as CorrelationReport;
  it('per metric when they differ (an evaluator whose energy is constant on one accelerator); the sample named', () => {
    expect(unrankedCount(report({ latency: 0, energy: 0 }, 3))).toBeUndefined();
    expect(unrankedCount(report({ latency: 18, energy: 18 }, 150))).toBe('18 of 150 accelerators');
    expect(unrankedCount(report({ latency: 0, energy: 1 }, 3))).toBe('0 (latency) and 1 (energy) of 3 accelerators');
    expect(unrankedCount(report({ latency: 20, energy: 20 }, 186, 1296))).toBe('20 of the 186 sampled accelerators');
    expect(unrankedCount(report({ latency: 1200, energy: 1200 }, 1500))).toBe('1,200 of 1,500 accelerators');
  });
});
