/**
 * Differential regression: codesign (parsers + cost model) vs. the MAESTRO binary on random
 * inputs NOT in the shared oracle (layers, strides, dataflows incl. perturbed / random ones,
 * hardware incl. odd num_pes and NoC hops, multi-layer networks). Fixtures are MAESTRO's input
 * texts and its verbatim CSV rows (made by scripts/differential, see its README).
 *
 * - MAESTRO gives rows: every one of the 52 CSV columns must match (integers exactly, floating
 *   columns to relative 1e-5).
 * - MAESTRO gives no result (parse error, crash, assertion): we must reject a layer.
 * Cases we currently get wrong are listed in known-failures.ts (KNOWN_FAILURES) with the reason:
 * when a fix makes one pass, the test fails until it is removed from the list.
 * Cases where MAESTRO itself shows undefined behaviour (`maestroUB`: valgrind reports
 * uninitialised reads, or a rerun prints other numbers) are reported, not asserted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CostModel } from '../../src/model/costmodel.js';
import { compareCase, type Comparison } from '../../scripts/differential/compare.js';
import type { FixtureCase } from '../../scripts/differential/fixtures.js';
import { KNOWN_CSV_TEXT_DIFFS, KNOWN_FAILURES } from './known-failures.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface Outcome {
  c: FixtureCase;
  cmp: Comparison;
  ok: boolean;
  why: string;
}

function judge(c: FixtureCase, cmp: Comparison): { ok: boolean; why: string } {
  if (c.maestro === 'ok') {
    if (cmp.parseError) return { ok: false, why: `we reject: ${cmp.parseError}` };
    const err = cmp.ourErrors.find((e) => e !== null);
    if (err) return { ok: false, why: `we reject: ${err}` };
    if (cmp.mismatches.length) {
      return { ok: false, why: cmp.mismatches.slice(0, 4).map((m) => `L${m.layer} ${m.col}: MAESTRO ${m.expected} ours ${m.got}`).join('; ') };
    }
    return { ok: true, why: '' };
  }
  const rejected = cmp.parseError !== undefined || cmp.ourErrors.some((e) => e !== null);
  return rejected ? { ok: true, why: '' } : { ok: false, why: `MAESTRO gives no result (${c.maestro}), we give numbers` };
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const cases: FixtureCase[] = files.flatMap((f) => (JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as { cases: FixtureCase[] }).cases);

describe('differential fixtures (MAESTRO binary, inputs outside the oracle)', () => {
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    const cm = await CostModel.load();
    for (const c of cases) {
      const cmp = compareCase(cm, c.mapping, c.hardware, c.rows, c.maestro === 'ok', c.flags);
      outcomes.push({ c, cmp, ...judge(c, cmp) });
    }
    // Per-column match rates over the rows both sides evaluate.
    const cols = new Map<string, [number, number]>();
    for (const o of outcomes) {
      if (o.cmp.verdict !== 'match' && o.cmp.verdict !== 'mismatch') continue; // both give every row
      for (const [k, [ok, n]] of Object.entries(o.cmp.columns)) {
        const v = cols.get(k) ?? [0, 0];
        v[0] += ok;
        v[1] += n;
        cols.set(k, v);
      }
    }
    const lines = [`differential: ${cases.length} cases (${outcomes.filter((o) => o.c.maestro === 'ok').length} MAESTRO ok, rest no result); per-column match rate:`];
    for (const [k, [ok, n]] of cols) lines.push(`  ${k.padEnd(16)} ${((100 * ok) / n).toFixed(2)}% (${ok}/${n})`);
    const bad = outcomes.filter((o) => !o.ok);
    lines.push(`cases agreeing with MAESTRO: ${outcomes.length - bad.length}/${outcomes.length}`);
    for (const o of bad.slice(0, 40)) {
      const tag = o.c.maestroUB ? ' (MAESTRO UB, not asserted)' : KNOWN_FAILURES[o.c.id] ? ' (known failure)' : '';
      lines.push(`  ${o.c.id}${tag}: ${o.why}`);
    }
    console.log(lines.join('\n'));
  });

  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  it('agrees with MAESTRO on every case not listed in KNOWN_FAILURES', () => {
    const unexpected = outcomes.filter((o) => !o.ok && !KNOWN_FAILURES[o.c.id] && !o.c.maestroUB).map((o) => `${o.c.id}: ${o.why}`);
    expect(unexpected).toEqual([]);
  });

  it('KNOWN_FAILURES lists only cases that still fail (remove fixed ones)', () => {
    const fixed = Object.keys(KNOWN_FAILURES).filter((id) => outcomes.find((o) => o.c.id === id)?.ok !== false);
    expect(fixed).toEqual([]);
  });

  it("prints MAESTRO's CSV rows byte for byte (except KNOWN_CSV_TEXT_DIFFS)", () => {
    const diffs = outcomes
      .filter((o) => o.ok && o.c.maestro === 'ok' && !KNOWN_CSV_TEXT_DIFFS[o.c.id])
      .filter((o) => {
        const [ok, n] = o.cmp.columns['(csv bytes)'] ?? [0, 0];
        return ok !== n;
      })
      .map((o) => o.c.id);
    expect(diffs).toEqual([]);
    const fixed = Object.keys(KNOWN_CSV_TEXT_DIFFS).filter((id) => {
      const o = outcomes.find((x) => x.c.id === id);
      const [ok, n] = o?.cmp.columns['(csv bytes)'] ?? [0, 0];
      return o === undefined || ok === n;
    });
    expect(fixed, 'remove these from KNOWN_CSV_TEXT_DIFFS').toEqual([]);
  });
});
