/** Wording of the summary and the HTML report (src/report/words.ts, html.ts `num`). */
import { describe, expect, it } from 'vitest';
import { counted, fewerOrMore, regretPercent } from '../../src/report/words.js';

describe('an infinite regret says why', () => {
  it('no semi answer, an optimum of 0 (semi answered: it said "no semi answer"), or both', () => {
    expect(regretPercent(0.0134)).toBe('1.34%');
    expect(regretPercent(Infinity, [{ regret: Infinity, semi: null }])).toBe('inf (no semi answer)');
    expect(regretPercent(Infinity, [{ regret: Infinity, semi: { value: 5 } }])).toBe('inf (the optimum is 0)');
    expect(regretPercent(Infinity, [{ regret: Infinity, semi: null }, { regret: Infinity, semi: { value: 5 } }])).toBe('inf');
  });
});
import { num } from '../../src/report/words.js';

describe('report wording', () => {
  it('evaluations compared with the full search: fewer, as many, or more (never "0.9x fewer")', () => {
    expect(fewerOrMore(152700 / 27540)).toBe('5.5x fewer');
    expect(fewerOrMore(4 / 4)).toBe('as many');
    expect(fewerOrMore(60 / 70)).toBe('1.2x more');
    expect([fewerOrMore(2, 'full'), fewerOrMore(1, 'full'), fewerOrMore(0.5, 'full')]).toEqual(['2.0x fewer than full', 'as many as full', '2.0x more than full']); // (was "as many than full")
    expect([counted(1, 'architecture'), counted(1018, 'architecture')]).toEqual(['1 architecture', '1,018 architectures']);
    expect(fewerOrMore(1200 / 1300)).toBe('1.1x more');
    // Near 1: two decimals, never "as many" for counts that differ (certified 264 vs full 252)
    expect(fewerOrMore(1000 / 1040)).toBe('1.04x more');
    expect(fewerOrMore(252 / 264, 'full')).toBe('1.05x more than full');
    expect(fewerOrMore(288 / 280, 'full')).toBe('1.03x fewer than full');
    expect(fewerOrMore(100001 / 100000, 'full')).toBe('about as many as full');
  });

  it('a regret of Infinity (no semi answer where full has one) is said so, not "Infinity%"', () => {
    expect(regretPercent(0.0134)).toBe('1.34%');
    expect(regretPercent(0)).toBe('0.00%');
    expect(regretPercent(Infinity)).toBe('inf (no semi answer)');
  });

  it('HTML values: never fewer digits than the integer part (a rounded value must not pass for an exact one)', () => {
    expect(num(1065541100196.9554)).toBe('1,065,541,100,197');
    expect(num(152700)).toBe('152,700');
    expect(num(1493.7204)).toBe('1,493.72');
    expect(num(0.000123456789)).toBe('0.000123457');
  });
});

describe('values as the summary and the report show them', () => {
  it('a tiny regret is not 0.00%; qualities in full; a quality file by its name; units; speedups against a full search that did not run', async () => {
    const { displayQuality, objectiveUnit, speedupText } = await import('../../src/report/words.js');
    expect(regretPercent(4.86e-5)).toBe('<0.01%');
    expect(regretPercent(0)).toBe('0.00%');
    expect(regretPercent(0.00005)).toBe('0.01%');
    expect([num(172584576), num(71.62215744018555)]).toEqual(['172,584,576', '71.6222']); // (qualities: never the rounded 172585000)
    expect([displayQuality('/tmp/x/predicted-top1.csv'), displayQuality('C:\\d\\q.csv'), displayQuality('accuracy')]).toEqual(['predicted-top1.csv', 'q.csv', 'accuracy']);
    expect(['latency', 'energy', 'edp'].map(objectiveUnit)).toEqual(['cycles', 'nJ', 'cycles x nJ']);
    const speedup = { fullEvaluations: 156900, semi: 18.15 };
    expect(speedupText({ searches: { semi: {} as never }, speedup }, 18.15)).toBe('18.1x fewer than a full search would need (156,900)');
    expect(speedupText({ searches: { semi: {} as never, full: {} as never }, speedup }, 18.15)).toBe('18.1x fewer than full');
  });
});
