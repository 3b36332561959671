/**
 * `--ids` ranges as intervals (src/spaces/space.ts `parseIds`, `IdSet`): merged lists (`search`)
 * cost their lines plus their distinct ids, not the lengths of overlapping ranges; `evaluate`
 * stops at the first id given twice. Order and messages are those of expanding every range.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../../src/errors.js';
import { getSpace, parseIds } from '../../src/spaces/index.js';
import { IdSet, type IdSource } from '../../src/spaces/space.js';
import { loadSearchSpace, parseIds as searchIds } from '../../src/search/spaces.js';
import { thrown } from '../helpers/thrown.js';

const dir = mkdtempSync(path.join(tmpdir(), 'idsr-'));
const put = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
/** The message of the error `f` throws. */
const msg = (f: () => unknown): string => thrown(f).message;

/** The definition: expand every item in order, keep the first occurrence (or fail at the second). */
function reference(items: string[], size: number, merge: boolean): number[] | string {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const item of items) {
    const [a, b] = item.split('-').map(Number);
    for (let i = a; i <= (b ?? a); i++) {
      if (seen.has(i)) {
        if (merge) continue;
        return `--ids: id ${i} given twice`;
      }
      seen.add(i);
      out.push(i);
    }
  }
  return out;
}

describe('IdSet', () => {
  it('finds the next free id past runs of taken ones', () => {
    const s = new IdSet(10);
    expect(s.nextFree(0)).toBe(0);
    for (const i of [2, 3, 4, 7]) s.add(i);
    expect([s.has(1), s.has(2), s.has(4), s.has(5), s.has(7)]).toEqual([false, true, true, false, true]);
    expect(s.nextFree(2)).toBe(5);
    expect(s.nextFree(3)).toBe(5);
    expect(s.nextFree(6)).toBe(6);
    expect(s.nextFree(7)).toBe(8);
    s.add(5);
    s.add(6);
    expect(s.nextFree(2)).toBe(8);
    for (const i of [8, 9]) s.add(i);
    expect(s.nextFree(2)).toBe(10); // none left: the size
    expect(s.nextFree(10)).toBe(10);
    s.add(9); // taking an id twice changes nothing
    expect(s.nextFree(0)).toBe(0);
  });
});

describe('--ids ranges as intervals', () => {
  const space: IdSource = { name: 'toy', size: 60 };

  it('overlapping ranges: first occurrences in order (search), the first id given twice (evaluate)', () => {
    expect(parseIds('5-9,0-7,3,8-12', space, { duplicates: 'merge' })).toEqual([5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 10, 11, 12]);
    expect(parseIds('10-19\n0-29\n25-35', space, { duplicates: 'merge' })).toEqual([
      ...Array.from({ length: 10 }, (_, i) => 10 + i),
      ...Array.from({ length: 10 }, (_, i) => i),
      ...Array.from({ length: 16 }, (_, i) => 20 + i),
    ]);
    expect(msg(() => parseIds('0-9,20-29,5-40', space))).toBe('--ids: id 5 given twice');
    expect(msg(() => parseIds('0-9,20-29,12-25', space))).toBe('--ids: id 20 given twice');
    expect(msg(() => parseIds('0-9,12,10-50', space))).toBe('--ids: id 12 given twice');
  });

  it('equals expanding every range, on random lists', () => {
    const item = fc.oneof(
      fc.integer({ min: 0, max: 59 }).map(String),
      fc.tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 20 })).map(([a, n]) => `${a}-${Math.min(59, a + n)}`),
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 12 }), (items) => {
        const spec = items.join(',');
        expect(parseIds(spec, space, { duplicates: 'merge' })).toEqual(reference(items, 60, true));
        const strict = reference(items, 60, false);
        if (typeof strict === 'string') expect(msg(() => parseIds(spec, space))).toBe(strict);
        else expect(parseIds(spec, space)).toEqual(strict);
      }),
      { numRuns: 300 },
    );
  });

  it('a file of 200,000 lines 0-9999: each id once, in order (search); line 2 is the error (evaluate)', () => {
    // Expanding every range: 2 billion steps. As intervals: the lines plus 10,000 ids.
    const f = put('big.txt', '0-9999\n'.repeat(200_000));
    const nb = loadSearchSpace('nb301');
    const ids = searchIds(`@${f}`, nb);
    expect(ids).toHaveLength(10_000);
    expect(ids.every((id, i) => id === i)).toBe(true);
    expect(msg(() => parseIds(`@${f}`, getSpace('nb301')))).toBe(`${f}:2: --ids: id 0 given twice`);
  });

  it('the later ranges of a long file still get their new ids and their errors, at their line', () => {
    const nb = loadSearchSpace('nb301');
    const f = put('tail.txt', '100-9999\n'.repeat(50_000) + '0-120\n');
    const ids = searchIds(`@${f}`, nb);
    expect(ids).toHaveLength(10_000);
    expect(ids.slice(9900)).toEqual(Array.from({ length: 100 }, (_, i) => i)); // 0-99: 100-120 were taken
    const g = put('bad.txt', '0-9999\n'.repeat(50_000) + '9990-10000\n');
    let e: unknown;
    try {
      searchIds(`@${g}`, nb);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toBe(`${g}:50001: --ids: '9990-10000' out of range: nb301 has ids 0..9999`);
  });

  it('line breaks: CRLF, CR and LF count lines alike', () => {
    const f = put('cr.txt', '1\r2\r\nx\n');
    expect(msg(() => parseIds(`@${f}`, getSpace('nb301')))).toBe(`${f}:3: --ids: 'x' is not an id or range A-B, all or paper`);
    expect(parseIds(`@${put('cr2.txt', '3\r\r4-5\r\n# c\r6')}`, getSpace('nb301'))).toEqual([3, 4, 5, 6]);
  });
});

describe('an id given twice names the network (a name and a position were "id 5 given twice", naming neither)', () => {
  it('by position and by name', async () => {
    const { readNetworksFile } = await import('../../src/spaces/space-file.js');
    const conv = { type: 'CONV', dims: { K: 8, C: 8, R: 1, S: 1, Y: 4, X: 4 } };
    const s = readNetworksFile(put('named.json', JSON.stringify(['a', 'b', 'c', 'd', '5'].map((name) => ({ name, layers: [conv] })))));
    expect(msg(() => parseIds('4,5', s))).toBe('--ids: id 5 (network 4) given twice'); // '5' names network 4
    expect(msg(() => parseIds('a,0', s))).toBe("--ids: id 0 ('a') given twice");
    expect(msg(() => parseIds('0,a', s))).toBe('--ids: id a (network 0) given twice');
  });
});
