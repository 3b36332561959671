import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FAKE = path.join(root, 'test/search/fixtures/fake-evaluator.mjs');

const run = (args: string[]) => runCli(['search', ...args]);

describe('codesign search CLI', () => {
  it('quality is never a silent default: nb301 without --quality is an error', async () => {
    const r = await run(['--space', 'nb301']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("codesign: --quality: space 'nb301' has no accuracy: choose --quality flops|FILE.csv\n");
    const p = await run(['--space', 'nb301', '--quality', 'params']);
    expect(p.err).toMatch(/--quality: space 'nb301' has no params/);
  });

  it('bad flags give one clear line and exit 2', async () => {
    for (const [args, msg] of [
      [['--space', 'alphanet', '--accelerators', 'random:0:1'], /--accelerators: random sample size must be a positive integer/],
      [['--space', 'alphanet', '--dataflows', 'kcp_ws,bogus'], /--dataflows: 'bogus' is neither a built-in dataflow \(kcp_ws, rs, xp_ws, ykp_os\) nor an existing file/],
      [['--space', 'alphanet', '--ids', '5-3'], /--ids: '5-3' out of range/],
      [['--space', 'alphanet', '--thresholds', 'x'], /--thresholds: expected pareto, all/],
      [['--space', 'alphanet', '--proxy', 'nowhere/rs'], /--proxy/],
      [['--space', 'alphanet', '--proxy', 'default/zz'], /^codesign: --proxy: 'zz' is neither a built-in dataflow/],
      [['--space', 'nope.json'], /nope\.json: cannot read space file/],
    ] as const) {
      const r = await run([...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split('\n').length).toBe(1);
    }
  });

  it('writes JSON, CSV and a self-contained HTML report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'h4cli-'));
    const out = path.join(dir, 'r.json');
    const csv = path.join(dir, 'p.csv');
    const html = path.join(dir, 'r.html');
    const r = await run([
      '--space', 'alphanet', '--ids', '0-59', '--accelerators', 'random:4:1', '--dataflows', 'kcp_ws,rs', '--mode', 'all',
      '--objective', 'energy', '--evaluator', FAKE, '--workers', '0', '--out', out, '--csv', csv, '--report', html, '--no-progress',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.architectures).toBe(60);
    expect(j.accelerators.length).toBe(8);
    expect(j.quality).toBe('accuracy');
    expect(j.agreement.certifiedAgrees).toBe(j.thresholds.length);
    // (an --evaluator module is not known to be monotone in bandwidth: its certified run is no proof)
    expect(j.searches.certified.certified).toBe(false);
    expect(readFileSync(html, 'utf8')).toContain('<b>certified search: not a proof</b>');
    expect(j.correlations.latency.spearman.length).toBe(8);
    expect(typeof j.timings.semiMs).toBe('number');
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('arch_id,quality,hw_id,role,num_pes,l1_size,l2_size,noc_bw,offchip_bw,dataflow,latency,energy,searches,noc_hops,vector_width');
    expect(lines.length).toBeGreaterThan(1 + 60 * 8);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect((page.match(/<svg /g) ?? []).length).toBe(6);
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const heads = (p: string) => [...p.slice(p.indexOf('id="thresholds"')).matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(heads(page)).toEqual(['accuracy &ge;', 'semi-decoupled', 'fully coupled', 'certified', 'semi = optimum', 'regret']);
    // --mode full: the per-threshold table has only the columns of the search that ran
    const full = path.join(dir, 'full.html');
    const f = await run(['--space', 'alphanet', '--ids', '0-59', '--accelerators', 'random:4:1', '--mode', 'full', '--evaluator', FAKE, '--workers', '0', '--out', path.join(dir, 'f.json'), '--report', full, '--no-progress']);
    expect(f.code).toBe(0);
    expect(heads(readFileSync(full, 'utf8'))).toEqual(['accuracy &ge;', 'fully coupled']);
  });
});
