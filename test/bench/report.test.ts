// The benchmark harness's verdicts and options (correctness only: no timing is checked here).
import { describe, expect, it } from 'vitest';
import { fmt, formatSection, ratio } from '../../bench/lib/report.js';
import { benchUsage, FULL_RESULTS, PARTIAL_RESULTS, parseBenchOptions } from '../../bench/lib/options.js';

describe('bench ratio verdicts', () => {
  it('meets a target only beyond the margin of error', () => {
    expect(ratio('a', 1.2, 1, { margin: 0.05 })).toMatchObject({ met: true, verdict: 'met' });
    // 502,853/s against 500k with +-1.9%: inside the margin, not claimed
    const near = ratio('xp_ws', 502853 / 500000, 1, { margin: 0.019 });
    expect(near.met).toBe(false);
    expect(near.verdict).toBe('not claimed: within the margin of error (±1.9%)');
    expect(ratio('b', 0.64, 1, { margin: 0.02 })).toMatchObject({ met: false, verdict: 'NOT met' });
    expect(ratio('c', 25, 20)).toMatchObject({ met: true, verdict: 'met' });
  });

  it('never claims a target over results that differ', () => {
    const r = ratio('d', 500, 100, { same: '3 of 20 CSVs differ' });
    expect(r).toMatchObject({ met: false, verdict: 'NOT met (not claimed: 3 of 20 CSVs differ)' });
    expect(ratio('e', 5, undefined, { same: false }).verdict).toBe('not claimed: the compared results differ');
    expect(ratio('f', 5, undefined, { same: true }).verdict).toBeUndefined();
  });

  it('does not judge targets in a quick run, and rejects non-finite values', () => {
    const q = ratio('g', 30, 20, { quick: true });
    expect(q.met).toBeUndefined();
    expect(q.verdict).toBe('not judged (quick run)');
    expect(ratio('h', NaN, 100)).toMatchObject({ met: false, verdict: 'not claimed (no valid measurement)' });
  });

  it('prints the verdict, a failed section and integer counts', () => {
    const text = formatSection({ id: 'x', title: 'T', rows: [{ name: 'same', value: 6, unit: 'of 6' }], ratios: [ratio('r', 1.5, 1.7, { margin: 0.01 })] });
    expect(text).toContain('6 of 6');
    expect(text).toMatch(/r\s+1\.50x ±1\.0%  target >= 1\.7x: NOT met/);
    expect(formatSection({ id: 'y', title: 'T', rows: [], ratios: [], failed: 'boom' })).toContain('FAILED: boom');
    expect(fmt(6)).toBe('6');
    expect(fmt(2.5)).toBe('2.50');
    expect(fmt(320000)).toBe('320k');
  });
});

describe('bench options', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('writes a partial run to its own file unless --out is given', () => {
    expect(parseBenchOptions([], {}, ids).out).toBe(FULL_RESULTS);
    expect(parseBenchOptions(['--quick'], {}, ids).out).toBe(PARTIAL_RESULTS);
    expect(parseBenchOptions(['--only', 'a'], {}, ids).out).toBe(PARTIAL_RESULTS);
    expect(parseBenchOptions(['--only', 'a,b,c,d'], {}, ids)).toMatchObject({ only: [], out: FULL_RESULTS });
    expect(parseBenchOptions(['--quick', '--out', 'x.json'], {}, ids).out).toBe('x.json');
    expect(parseBenchOptions([], { BENCH_QUICK: '1' }, ids).out).toBe(PARTIAL_RESULTS);
  });

  it('refuses unknown sections and empty values', () => {
    expect(() => parseBenchOptions(['--only', 'z'], {}, ids)).toThrow("bench: --only: unknown section 'z' (sections: a, b, c, d)");
    expect(() => parseBenchOptions(['--out='], {}, ids)).toThrow('bench: --out needs a value');
    expect(() => parseBenchOptions(['--fast'], {}, ids)).toThrow("bench: unknown option '--fast'");
  });

  it('--help / -h: the usage, naming every section', () => {
    expect(parseBenchOptions(['--help'], {}, ids).help).toBe(true);
    expect(parseBenchOptions(['-h'], {}, ids).help).toBe(true);
    const usage = benchUsage(['a. one', 'b. two']);
    expect(usage).toMatch(/^usage: npm run bench/);
    expect(usage).toContain('  a. one\n  b. two');
    expect(usage).toContain('MAESTRO_BIN');
  });
});

describe('bench run', () => {
  it('reports a failing section as FAILED and exits 1, results still written', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'r.json');
    const r = spawnSync(process.execPath, ['dist/bench/run.js', '--only', 'd', '--quick', '--out', out], {
      env: { ...process.env, MAESTRO_BIN: '/bin/false' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAILED: false --HW_file=hw.m');
    expect(r.stderr).toContain('bench: section d FAILED');
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.only).toEqual(['d']);
    expect(json.sections[0].failed).toMatch(/failed \(exit 1\): nothing on stderr$/);
    expect(json.sections[0].skipped).toBeUndefined();
  });
});
