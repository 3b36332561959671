/**
 * Lines for the long phases of `codesign search` outside the evaluation (src/report/progress.ts
 * `PhaseLog`): loading a space, rank correlations, writing the CSV and the report. A fake clock
 * and a collecting stream: short phases print nothing, long ones one line when they end, phases
 * that report progress a line every 10 s once they have run 10 s, and a phase starting after 10 s
 * of silence a line saying so.
 */
import { describe, expect, it } from 'vitest';
import { PhaseLog } from '../../src/report/progress.js';
import { runCodesign } from '../../src/search/run.js';
import { AbortedError } from '../../src/search/evalcache.js';
import { toyConfig, toyEvaluator } from './fixtures/toy.js';

function setup(opts: { endLineMs?: number; tickMs?: number } = {}) {
  let t = 1_000_000;
  let out = '';
  let cleared = 0;
  const log = new PhaseLog({ prefix: 'codesign search', stream: { write: (s: string) => (out += s) }, now: () => t, beforeLine: () => cleared++, ...opts });
  return { log, advance: (ms: number) => (t += ms), out: () => out, cleared: () => cleared };
}

describe('PhaseLog', () => {
  it('a short phase prints nothing; a phase of 5 s or more one line when it ends', () => {
    const s = setup();
    expect(s.log.run('loading space a.json', () => (s.advance(4999), 7), (n) => `${n} architectures`)).toBe(7);
    expect(s.out()).toBe('');
    s.log.run('loading space b.json', () => (s.advance(12_345), 50_000), (n) => `${n} architectures`);
    s.log.run('writing --report r.html', () => s.advance(5000));
    expect(s.out()).toBe('codesign search: loading space b.json: done, 50000 architectures (12.3 s)\ncodesign search: writing --report r.html: done (5.0 s)\n');
    expect(s.cleared()).toBe(2); // the progress bar is erased before each line
  });

  it('ticks: a line once the phase has run 10 s, then at most every 10 s', () => {
    const s = setup();
    let described = 0;
    s.log.run('writing --csv s.csv', (phase) => {
      for (let i = 1; i <= 30; i++) {
        s.advance(1000);
        phase.tick(() => (described++, `${i * 1000} lines so far`));
      }
      return 30_000;
    }, (n) => `${n} lines`);
    expect(s.out()).toBe(
      'codesign search: writing --csv s.csv: 10000 lines so far (10.0 s)\n' +
        'codesign search: writing --csv s.csv: 20000 lines so far (20.0 s)\n' +
        'codesign search: writing --csv s.csv: 30000 lines so far (30.0 s)\n' +
        'codesign search: writing --csv s.csv: done, 30000 lines (30.0 s)\n',
    );
    expect(described).toBe(3); // the detail is only built for a line
  });

  it('a phase starting after 10 s without a line says so', () => {
    const s = setup();
    s.advance(9999); // e.g. an evaluation with its own progress bar
    s.log.run('writing --out s.json', () => s.advance(1));
    expect(s.out()).toBe('');
    s.log.run('rank correlations', () => s.advance(7600));
    expect(s.out()).toBe('codesign search: rank correlations ...\ncodesign search: rank correlations: done (7.6 s)\n');
    s.log.run('writing --report r.html', () => s.advance(100)); // right after a line: silent
    expect(s.out()).toBe('codesign search: rank correlations ...\ncodesign search: rank correlations: done (7.6 s)\n');
  });

  it('a phase that throws ends without a line; start/end for phases around asynchronous work', () => {
    const s = setup({ endLineMs: 1000 });
    expect(() => s.log.run('reading --ids', () => (s.advance(9000), (() => { throw new Error('bad id'); })()))).toThrow('bad id');
    expect(s.out()).toBe('');
    const p = s.log.start('rank correlations');
    s.advance(1500);
    expect(p.elapsedMs()).toBe(1500);
    p.end();
    expect(s.out()).toBe('codesign search: rank correlations: done (1.5 s)\n');
  });
});

describe('runCodesign onStep', () => {
  it('brackets the rank correlations', async () => {
    const steps: string[] = [];
    const r = await runCodesign(toyConfig({ mode: 'all', onStep: (step, done) => steps.push(`${step}:${done}`) }), toyEvaluator());
    expect(r.correlations).toBeDefined();
    expect(steps).toEqual(['correlations:false', 'correlations:true']);
    const none: string[] = [];
    await runCodesign(toyConfig({ mode: 'all', correlations: false, onStep: (step) => none.push(step) }), toyEvaluator());
    expect(none).toEqual([]);
  });

  it('an abort during the last evaluations stops the run before the correlations', async () => {
    const abort = new AbortController();
    const steps: string[] = [];
    const ev = toyEvaluator();
    const inner = ev.evaluate.bind(ev);
    // mode full, 2 accelerators, one chunk each, no warm-up: 2 calls; the signal comes during the last.
    ev.evaluate = (ids, hw, df) => (ev.calls === 1 && abort.abort(), inner(ids, hw, df));
    const cfg = toyConfig({ mode: 'full', thresholds: [2], warmup: false, signal: abort.signal, onStep: (step, done) => steps.push(`${step}:${done}`) });
    await expect(runCodesign(cfg, ev)).rejects.toBeInstanceOf(AbortedError);
    expect(ev.calls).toBe(2);
    expect(steps).toEqual([]);
  });

  it('a bad onStep is refused before any work', async () => {
    await expect(runCodesign(toyConfig({ onStep: 'x' as never }), toyEvaluator())).rejects.toThrow("cfg.onStep: expected a function (step, done), got the string \"x\"");
  });
});
