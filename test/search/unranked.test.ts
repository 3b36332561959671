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

describe('search: accelerators that rank no architecture', () => {
  it('are counted, named in the summary and left out of the correlation summary', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'unranked-')), 'u.json');
    const r = await runCli(['search', '--space', 'alphanet', '--ids', '0-19', '--accelerators', '32:100:3000:1000:50,256:100:3000:1000:50,128:100:3000:500:50',
      '--dataflows', 'kcp_ws', '--workers', '0', '--summary', '--no-progress', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/rank corr\. .*; 1 of 3 accelerators left out \(no ranking there: every architecture infeasible, or all equal\)\n/);
    const j = JSON.parse(readFileSync(out, 'utf8')) as { correlations: { unranked: number; latency: { spearman: (number | string)[][] }; summary: { latencySpearman: { min: number; mean: number } } } };
    expect(j.correlations.unranked).toBe(1);
    const m = j.correlations.latency.spearman;
    expect(m[0]![0]).toBe('NaN'); // the 32-PE kcp_ws accelerator: every architecture infeasible
    expect(j.correlations.summary.latencySpearman.mean).toBe(m[1]![2]); // the one defined pair
  });
});
