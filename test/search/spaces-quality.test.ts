/**
 * `codesign search --quality FILE.csv` (src/search/spaces.ts): strict decimal ids and qualities,
 * exactly two cells, every id in the space and at most once, the limits of every input file;
 * each problem one line `q.csv:LINE: field: ...`.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSearchSpace, resolveQuality } from '../../src/search/spaces.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qcsv-'));
const put = (name: string, text: string | Buffer) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const conv = (K: number) => ({ type: 'CONV', dims: { K, C: 3, R: 3, S: 3, Y: 18, X: 18 } });
const spaceFile = put('s.json', JSON.stringify({ architectures: [{ layers: [conv(8)] }, { layers: [conv(16)] }, { layers: [conv(32)] }] }));
const space = loadSearchSpace(spaceFile);
const q = (text: string, ids: number[] = [0, 1, 2]) => Array.from(resolveQuality(put('q.csv', text), space, ids).values);
const err = (text: string, ids: number[] = [0, 1, 2]): string => {
  try {
    q(text, ids);
  } catch (e) {
    return (e as Error).message.replace(`${dir}${path.sep}`, '');
  }
  throw new Error('no error');
};
const NUM = '(expected a decimal number, e.g. 0.75, -3 or 1e-3)';

describe('quality CSV', () => {
  it('valid files: header or not, signs, fractions, exponents, blanks, CRLF, a BOM; ids outside --ids ignored', () => {
    expect(q('id,quality\n0,0.5\n1,-3\n2,1e-3\n')).toEqual([0.5, -3, 0.001]);
    expect(q('\uFEFF2,+.5\r\n\r\n0, 7.25 \r\n1,1E2\r\n')).toEqual([7.25, 100, 0.5]);
    expect(q('0,1\n1,2\n2,3\n', [2, 0])).toEqual([3, 1]);
    expect(q('0,1\n2,3\n', [2])).toEqual([3]);
    expect(q('"id","quality"\n0,1\n1,2\n2,3\n')).toEqual([1, 2, 3]);
    // Quoted cells (R's write.csv, pandas with quoting): read as their text.
    expect(q('"id","quality"\n"0",1\n"1","2.5"\n2, "3" \n')).toEqual([1, 2.5, 3]);
    expect(err('"0,1\n')).toBe('q.csv:1: column 1: a quoted cell is not closed on its line (a quote inside a quoted cell is written "")');
  });

  const cases: Array<[string, string, string]> = [
    ['an empty quality', 'id,quality\n0,\n1,2\n2,3\n', `q.csv:2: quality: quality is empty ${NUM}`],
    ['a hex quality', '0,0x10\n1,2\n2,3\n', `q.csv:1: quality: quality '0x10' is not a number ${NUM}`],
    ['a binary quality', '0,1\n1,0b1\n', `q.csv:2: quality: quality '0b1' is not a number ${NUM}`],
    ['NaN', '0,NaN\n', `q.csv:1: quality: quality 'NaN' is not a number ${NUM}`],
    ['Infinity', '0,-Infinity\n', `q.csv:1: quality: quality '-Infinity' is not a number ${NUM}`],
    ['an overflowing quality', '0,1e999\n', "q.csv:1: quality: quality '1e999' is beyond a double's range"],
    ['an underflowing quality', '0,1e-400\n', "q.csv:1: quality: quality '1e-400' is below a double's smallest value: it would read as 0"],
    ['an empty id', 'id,quality\n,0.5\n', 'q.csv:2: id: expected id,quality with id a decimal integer >= 0, got an empty id'],
    ['a hex id (not a header on line 1)', '0x0,1\n1,2\n', "q.csv:1: id: expected id,quality with id a decimal integer >= 0, got '0x0'"],
    ['an exponent id', 'id,quality\n1e0,1\n', "q.csv:2: id: expected id,quality with id a decimal integer >= 0, got '1e0'"],
    ['a negative id', '-1,1\n', "q.csv:1: id: expected id,quality with id a decimal integer >= 0, got '-1'"],
    ['a third column', 'id,quality\n0,1,9\n', 'q.csv:2: expected id,quality (2 columns), got 3 columns'],
    ['one column', '0\n', 'q.csv:1: expected id,quality (2 columns), got 1 column'],
    ['an id not in the space', '0,1\n1,2\n2,3\n3,4\n', 'q.csv:4: id: id 3 out of range: ' + spaceFile + ' has ids 0..2'],
    ['a duplicated id', 'id,quality\n1,1\n0,2\n01,3\n', 'q.csv:4: id: architecture 1 already has a quality (line 2)'],
    ['a control character', '0,\u00011\n', `q.csv:1: quality: quality '\\u00011' is not a number ${NUM}`],
    ['a searched id without a quality', 'id,quality\n0,1\n2,3\n', 'q.csv: no quality for architecture 1'],
  ];
  for (const [name, text, message] of cases) it(name, () => expect(err(text)).toBe(message));

  it("a space that names its architectures (a JSON network list): a name stands for its id; a decimal is always an id", () => {
    const named = loadSearchSpace(put('n.json', JSON.stringify([{ name: 'small', layers: [conv(8)] }, { name: 'big', layers: [conv(32)] }, { name: '7', layers: [conv(16)] }])));
    const nq = (text: string) => Array.from(resolveQuality(put('nq.csv', text), named, [0, 1, 2]).values);
    expect(nq('big,71.5\nsmall,69\n2,70\n')).toEqual([69, 71.5, 70]); // (a first line of data, not a header: its quality is a number)
    expect(nq('name,accuracy\nsmall,1\nbig,2\n2,3\n')).toEqual([1, 2, 3]);
    expect(() => nq('small,1\nhuge,2\n')).toThrow("nq.csv:2: id: expected id,quality with id a decimal integer >= 0 or an architecture's name, got 'huge' (no architecture of");
    expect(() => nq('small,1\nsmall,2\n')).toThrow('nq.csv:2: id: architecture 0 already has a quality (line 1)');
  });

  it('a NUL byte, a huge file, a missing file', () => {
    expect(err('0,1\n1,\0\n')).toBe('q.csv:2:3: --quality: not a text file (NUL byte: binary data?)');
    const big = put('big.csv', Buffer.alloc(64 * 1024 * 1024 + 1, 0x31));
    expect(() => resolveQuality(big, space, [0])).toThrow(`${big}: --quality: file is too large (67108865 bytes, limit 67108864)`);
    expect(() => resolveQuality(path.join(dir, 'none.csv'), space, [0])).toThrow(`--quality: '${path.join(dir, 'none.csv')}' is not accuracy, flops, params or a readable CSV file`);
  });

  it('the CLI: one line, exit 2', async () => {
    const f = put('cli.csv', 'id,quality\n0,1\n1,0x10\n2,3\n');
    const r = await runCli(['search', '--space', spaceFile, '--quality', f, '--no-progress', '--no-summary', '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`codesign: ${f}:3: quality: quality '0x10' is not a number ${NUM}\n`);
  });
});
