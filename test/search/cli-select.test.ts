/**
 * `codesign search --select per-threshold`: a small real run (the Wasm cost model, AlphaNet ids
 * 0-59, 4 random hardware x 2 dataflows) pinning S and semi == full at every threshold, the same
 * JSON with workers and a checkpoint, and the one-line errors.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'codesign-select-'));
const run = (args: string[]) => runCli(['search', '--no-progress', '--no-summary', ...args]);
const SMALL = [
  '--space', 'alphanet', '--ids', '0-59', '--accelerators', 'random:4:1', '--dataflows', 'kcp_ws,rs', '--mode', 'all',
  '--select', 'per-threshold', '--thresholds', '69,70,71,71.5', '--no-correlations', '--no-timings',
];
const json = (f: string) => JSON.parse(readFileSync(f, 'utf8'));

describe.skipIf(!existsSync(path.join(root, 'build/costmodel.wasm')))('search --select per-threshold (real cost model)', () => {
  it('S = the proxy best per threshold; semi = full = certified at every threshold', async () => {
    const out = path.join(dir, 'a.json');
    const r = await run([...SMALL, '--workers', '0', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = json(out);
    expect(j.selection).toEqual({ mode: 'per-threshold', tolerance: 0 });
    expect(j.selected).toEqual({ count: 4, archIds: [8, 12, 23, 45] });
    expect(j.thresholds).toEqual([71.5, 71, 70, 69]);
    expect(j.agreement).toEqual({ thresholds: 4, semiOptimal: 4, samePair: 4, maxRegret: 0, certifiedAgrees: 4 });
    const acc = 'pe512-l1_100-l2_3000-noc300-off150/kcp_ws';
    expect(j.perThreshold.map((t: any) => [t.full.archId, t.full.accelId, t.full.value])).toEqual([
      [12, acc, 7402710],
      [45, acc, 4214174],
      [23, acc, 3719056],
      [8, acc, 2895661],
    ]);
    // 60 on the proxy + |S| x 8 accelerators; full 60 x 8.
    expect(j.searches.semi.evaluations).toBe(60 + 4 * 8);
    expect(j.searches.full.evaluations).toBe(480);
  });

  it('top-k widens S; workers and a checkpoint give the same JSON', async () => {
    const a = path.join(dir, 'k0.json');
    const b = path.join(dir, 'k2.json');
    expect((await run([...SMALL, '--top-k', '2', '--workers', '0', '--out', a])).code).toBe(0);
    const ck = path.join(dir, 'ck.jsonl');
    const r = await run([...SMALL, '--top-k', '2', '--workers', '2', '--checkpoint', ck, '--out', b]);
    expect(r.err).toBe('');
    expect(json(b)).toEqual(json(a));
    expect(json(a).selection).toEqual({ mode: 'per-threshold', tolerance: 0, topK: 2 });
    expect(json(a).selected.count).toBeGreaterThan(4);
    expect(json(a).agreement.samePair).toBe(4);
    // Resumed from the checkpoint: identical again.
    const c = path.join(dir, 'k2b.json');
    expect((await run([...SMALL, '--top-k', '2', '--workers', '0', '--checkpoint', ck, '--out', c])).code).toBe(0);
    expect(json(c)).toEqual(json(a));
  });
});

describe('search --select errors', () => {
  it('per-threshold without explicit thresholds: one line, exit 2', async () => {
    for (const extra of [[], ['--thresholds', 'pareto'], ['--thresholds', 'all']]) {
      const r = await run(['--space', 'alphanet', '--ids', '0-9', '--select', 'per-threshold', ...extra]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^codesign: --select: per-threshold selection needs explicit thresholds \(--thresholds 70,71,\.\.\.\), got '(pareto|all)'\n$/);
    }
  });

  it('an unknown selection is rejected', async () => {
    const r = await run(['--space', 'alphanet', '--ids', '0-9', '--select', 'nope']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--select/);
    expect(r.err.trim().split('\n').length).toBe(1);
  });
});
