/**
 * `codesign search`: '-' as an output path means standard output (as `codesign maestro --out -`),
 * for one of --out / --csv / --report; never a file named '-'.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'stdout-out-'));
const BASE = ['search', '--space', 'alphanet', '--ids', '0-20', '--accelerators', 'random:2:1', '--workers', '0', '--no-summary', '--no-progress', '--no-timings'];

describe("search: '-' is standard output", () => {
  it('--out - prints the same JSON as --out FILE', async () => {
    const f = path.join(dir, 'r.json');
    expect((await runCli([...BASE, '--out', f])).code).toBe(0);
    const r = await runCli([...BASE, '--out', '-']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(f, 'utf8'));
    expect(existsSync('-')).toBe(false);
  });

  it('--csv - prints the CSV (and no JSON); with --out FILE the JSON goes to the file', async () => {
    const f = path.join(dir, 'p.csv');
    await runCli([...BASE, '--csv', f, '--out', path.join(dir, 'x.json')]);
    const r = await runCli([...BASE, '--csv', '-']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(f, 'utf8'));
    expect(r.out.split('\n')[0]).toBe('arch_id,quality,hw_id,role,num_pes,l1_size,l2_size,noc_bw,offchip_bw,dataflow,latency,energy,searches,noc_hops,vector_width');
    const j = path.join(dir, 'j.json');
    const both = await runCli([...BASE, '--csv', '-', '--out', j]);
    expect(both.out).toBe(r.out);
    expect(JSON.parse(readFileSync(j, 'utf8')).space).toBe('alphanet');
  });

  it('two outputs on stdout, or a checkpoint on stdout: one line, exit 2', async () => {
    const a = await runCli([...BASE, '--csv', '-', '--report', '-']);
    expect([a.code, a.err]).toEqual([2, 'codesign: --report: standard output is already taken by --csv: give one of them a file\n']);
    const b = await runCli([...BASE, '--checkpoint', '-']);
    expect([b.code, b.err]).toEqual([2, "codesign: --checkpoint: the checkpoint must be a file, not '-' (standard output)\n"]);
  });
});

describe('search: a run without any answer says so on stderr', () => {
  it('every pair infeasible (kcp_ws needs 64 PEs): one warning line, exit 0', async () => {
    const r = await runCli(['search', '--space', 'alphanet', '--ids', '0-9', '--accelerators', '16:100:3000:1000:50', '--dataflows', 'kcp_ws',
      '--workers', '0', '--no-summary', '--no-progress', '--out', path.join(dir, 'none.json')]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^codesign search: warning: no answer at (the 1 threshold|any of the \d+ thresholds): every \(architecture, accelerator\) pair is infeasible/);
    expect(r.err.trim().split('\n').length).toBe(1);
    const j = JSON.parse(readFileSync(path.join(dir, 'none.json'), 'utf8'));
    expect(j.perThreshold.every((t: { full: unknown }) => t.full === null)).toBe(true);
  });
  it('pairs over a cap: the warning names the cap, and pairs without a cost only when there are any', async () => {
    const base = ['search', '--space', 'alphanet', '--ids', '0-9', '--dataflows', 'kcp_ws', '--workers', '0', '--no-summary', '--no-progress', '--out', path.join(dir, 'cap.json')];
    const r = await runCli([...base, '--accelerators', '256:100:3000:1000:50', '--latency-cap', '1000']);
    expect([r.code, r.err]).toEqual([0, expect.stringMatching(/^codesign search: warning: no answer at (the 1 threshold|any of the \d+ thresholds): every \(architecture, accelerator\) pair that reaches (it|them) is over --latency-cap 1000\n$/)]);
    // With accelerators where kcp_ws does not fit (16 PEs) too: both reasons, the rejected pairs counted and one explained.
    const both = await runCli([...base, '--accelerators', '256:100:3000:1000:50,16:100:3000:1000:50', '--latency-cap', '1000', '--energy-cap', '5']);
    expect(both.err).toMatch(/is over --latency-cap 1000 or --energy-cap 5 or has no cost \(layers the cost model rejects, see --invalid: 10 evaluated pairs on the accelerators have none\); e\.g\. architecture 0 on 16:100:3000:1000:50\/kcp_ws: layer 0 \(CONV\): /);
    // Pairs without a cost on a phase-1 proxy only: not the answers' pairs, not claimed.
    const proxy = await runCli([...base, '--accelerators', '256:100:3000:1000:50', '--proxy', '16:100:3000:1000:50', '--latency-cap', '1000']);
    expect(proxy.err).toMatch(/pair that reaches (it|them) is over --latency-cap 1000\n$/);
  });
  it('infeasible pairs: counted per accelerator and proxy in the JSON and the summary, one explained; thresholds without an answer say why', async () => {
    const out = path.join(dir, 'inf.json');
    const r = await runCli(['search', '--space', 'alphanet', '--ids', '0-9', '--accelerators', '16:100:3000:1000:50,256:100:3000:1000:50', '--dataflows', 'kcp_ws',
      '--proxy', '32:100:3000:1000:50', '--thresholds', '60,99', '--workers', '0', '--summary', '--no-progress', '--out', out]);
    expect(r.code).toBe(0);
    const reason = 'layer 0 (CONV): Cluster sizes need more PEs than num_pes (MAESTRO gets zero clusters and crashes)';
    expect(JSON.parse(readFileSync(out, 'utf8')).infeasible).toEqual({
      evaluated: 30,
      infeasible: 20,
      where: [
        { id: '16:100:3000:1000:50/kcp_ws', role: 'accelerator', infeasible: 10, evaluated: 10, firstArchId: 0 },
        { id: 'proxy-32_100_3000_1000_50/kcp_ws', role: 'proxy', infeasible: 10, evaluated: 10, firstArchId: 0 },
      ],
      deadProxies: ['proxy-32_100_3000_1000_50/kcp_ws'],
      example: { archId: 0, at: '16:100:3000:1000:50/kcp_ws', reason },
    });
    const lines = r.err.split('\n');
    // (AlphaNet's best accuracy: 71.62215744018555, shown to 6 digits)
    expect(lines[0]).toBe('codesign search: warning: no answer at 1 of 2 thresholds (99): no architecture reaches it (the best accuracy is 71.6222)');
    expect(lines).toContain(
      '  infeasible      20 of the 30 distinct pairs evaluated, on 1 accelerator and 1 proxy (16:100:3000:1000:50/kcp_ws 10 of 10, proxy-32_100_3000_1000_50/kcp_ws (proxy) 10 of 10); ' +
        `e.g. architecture 0 on 16:100:3000:1000:50/kcp_ws: ${reason}; the proxy proxy-32_100_3000_1000_50/kcp_ws gives no architecture a cost, so it cannot choose S (every architecture ties there)`,
    );
    expect(lines.find((l) => l.startsWith('  agreement'))).toMatch(/; no answer at 1 of 2 \(counted as agreeing\)$/);
  });

  it('a feasible run prints no warning', async () => {
    const r = await runCli([...BASE, '--out', path.join(dir, 'ok.json')]);
    expect([r.code, r.err]).toEqual([0, '']);
  });
});

describe('search --invalid skip: each partial answer says how many layers its sums leave out', () => {
  it('skippedLayers on the answers (the rows codesign maestro shows), a summary line', async () => {
    // ykp_os maps only 7 x 7 filters: most of an AlphaNet model's layers have no row.
    const out = path.join(dir, 'partial.json');
    const html = path.join(dir, 'partial.html');
    const r = await runCli(['search', '--space', 'alphanet', '--ids', '0-9', '--accelerators', '256:100:3000:1000:50', '--dataflows', 'ykp_os', '--invalid', 'skip',
      '--workers', '0', '--summary', '--no-progress', '--out', out, '--report', html]);
    expect(readFileSync(html, 'utf8')).toContain('9 @ 256:100:3000:1000:50/ykp_os: 7,235,997 <i>(partial: 93 layers left out)</i>');
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    const full = j.perThreshold[0].full;
    expect([full.archId, full.skippedLayers]).toEqual([9, 93]);
    // (the count is the layers shownTotals leaves out of the sums, which the search sums)
    const { ModelArchEvaluator } = await import('../../src/search/space-evaluator.js');
    const ev = new ModelArchEvaluator({ space: 'alphanet', ids: [9], invalid: 'skip' });
    const { shown, layers } = ev.shownLayers(9, { id: '256:100:3000:1000:50', numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 }, 'ykp_os');
    expect(layers - shown).toBe(93);
    expect(r.err).toContain('  partial sums    6 answers leave out layers (--invalid skip), e.g. at 71.6222: architecture 9 on 256:100:3000:1000:50/ykp_os, 93 layers left out (JSON: skippedLayers)\n');
    // Without skip: no such field.
    const d = path.join(dir, 'nopartial.json');
    await runCli(['search', '--space', 'alphanet', '--ids', '0-9', '--accelerators', 'random:2:1', '--workers', '0', '--no-summary', '--no-progress', '--out', d]);
    expect(readFileSync(d, 'utf8')).not.toContain('skippedLayers');
  });
});

describe('search: the --invalid rule is recorded', () => {
  it('JSON "invalid", and with skip a note in the summary and the HTML report', async () => {
    const out = path.join(dir, 'skip.json');
    const html = path.join(dir, 'skip.html');
    const r = await runCli([...BASE.filter((a) => a !== '--no-summary'), '--summary', '--invalid', 'skip', '--out', out, '--report', html]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).invalid).toBe('skip');
    expect(r.err.split('\n')[0]).toMatch(/; --invalid skip: a network with a layer the model rejects counts its valid layers only \(a partial sum, the rows codesign maestro shows; with none, it stays infeasible\)$/);
    expect(readFileSync(html, 'utf8')).toContain('Invalid layers skipped (<code>--invalid skip</code>)');
    const d = path.join(dir, 'default.json');
    await runCli([...BASE, '--out', d]);
    expect(JSON.parse(readFileSync(d, 'utf8')).invalid).toBe('infeasible');
  });
});

describe('search: answers name the architecture where the space names them', () => {
  it('classic networks: archLabel in the JSON and the HTML answers', async () => {
    const q = path.join(dir, 'cq.csv');
    writeFileSync(q, 'id,quality\n0,1\n1,2\n2,3\n3,4\n4,5\n5,6\n');
    const out = path.join(dir, 'classic.json');
    const html = path.join(dir, 'classic.html');
    const r = await runCli(['search', '--space', 'classic', '--quality', q, '--ids', 'all', '--accelerators', 'random:2:1', '--workers', '0',
      '--no-summary', '--no-progress', '--no-timings', '--out', out, '--report', html]);
    expect(r.code).toBe(0);
    const full = JSON.parse(readFileSync(out, 'utf8')).perThreshold.map((t: { full: { archId: number; archLabel: string } }) => [t.full.archId, t.full.archLabel]);
    expect(full).toEqual([[5, 'squeezenet1_0'], [4, 'mnasnet']]);
    expect(readFileSync(html, 'utf8')).toContain('5 (squeezenet1_0) @ ');
  });
  it('numbered spaces get no label', async () => {
    const out = path.join(dir, 'nolabel.json');
    await runCli([...BASE, '--out', out]);
    expect(readFileSync(out, 'utf8')).not.toContain('archLabel');
  });
});

describe('search --csv: Ctrl-C while writing', () => {
  it('stops between chunks, leaves the file as it was, exit 130', async () => {
    const csv = path.join(dir, 'big.csv');
    writeFileSync(csv, 'old\n');
    // Interrupt once the CSV's temporary file exists (the search's own handler is gone by then).
    const timer = setInterval(() => {
      if (readdirSync(dir).some((f) => f.startsWith('.big.csv.'))) {
        clearInterval(timer);
        process.emit('SIGINT', 'SIGINT');
      }
    }, 0);
    try {
      const r = await runCli(['search', '--space', 'alphanet', '--ids', '0-999', '--accelerators', 'random:4:1', '--mode', 'full', '--workers', '0',
        '--no-summary', '--no-progress', '--no-timings', '--no-correlations', '--out', path.join(dir, 'big.json'), '--csv', csv]);
      expect(r.code).toBe(130);
      expect(r.err).toBe(`codesign search: interrupted while writing --csv; ${csv} left as it was; wrote --out ${path.join(dir, 'big.json')}\n`);
    } finally {
      clearInterval(timer);
    }
    expect(readFileSync(csv, 'utf8')).toBe('old\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.big.csv.'))).toEqual([]);
  }, 30000);
});

describe('search: Ctrl-C between the outputs', () => {
  it('the output being written is completed, the rest not started, one line says which (the report was left old with no word, exit 130 by the signal)', async () => {
    const html = path.join(dir, 'late.html');
    writeFileSync(html, 'old\n');
    let sent = false;
    const r = await runCli([...BASE, '--out', '-', '--report', html], (s) => {
      if (!sent && s.includes('"perThreshold"')) {
        sent = true;
        process.emit('SIGINT', 'SIGINT'); // once the JSON is out
      }
    });
    expect(sent).toBe(true);
    expect([r.code, r.err]).toEqual([130, `codesign search: interrupted while writing the outputs; not written: --report ${html}\n`]);
    expect(JSON.parse(r.out).perThreshold.length).toBeGreaterThan(0); // the JSON is whole
    expect(readFileSync(html, 'utf8')).toBe('old\n');
  });
});
