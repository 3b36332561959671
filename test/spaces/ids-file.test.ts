/**
 * `--ids` lists (src/spaces/space.ts `parseIds`): an `@FILE` list names the file and line in its
 * errors, skips blank and `#` comment lines, echoes control characters escaped, and has the size
 * and text checks of every input file; `paper` on a space without a paper list is every id, in
 * `evaluate` as in `search`.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getSpace, parseIds } from '../../src/spaces/index.js';
import { echoInput } from '../../src/spaces/space.js';
import { runCli } from '../helpers/run-cli.js';
import { thrown } from '../helpers/thrown.js';

const dir = mkdtempSync(path.join(tmpdir(), 'idsf-'));
const put = (name: string, text: string | Buffer) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const nb = getSpace('nb301');
/** The message of the error `f` throws. */
const msg = (f: () => unknown): string => thrown(f).message;

describe('--ids @FILE', () => {
  it('errors name the file and the line', () => {
    const f = put('ids.txt', '1\n2\nx\n');
    expect(msg(() => parseIds(`@${f}`, nb))).toBe(`${f}:3: --ids: 'x' is not an id or range A-B, all or paper`);
    const g = put('dup.txt', '1-3\n\n2\n');
    expect(msg(() => parseIds(`@${g}`, nb))).toBe(`${g}:3: --ids: id 2 given twice`);
    const h = put('range.txt', '# ids\n9990-10000\n');
    expect(msg(() => parseIds(`@${h}`, nb))).toBe(`${h}:2: --ids: '9990-10000' out of range: nb301 has ids 0..9999`);
    const i = put('big.txt', '1, 2,\n10000\n');
    expect(msg(() => parseIds(`@${i}`, nb, { flag: '--arch' }))).toBe(`${i}:2: --arch: id 10000 out of range: nb301 has ids 0..9999`);
  });

  it('blank lines and # comment lines are skipped; CRLF and a BOM are fine; paper / all alone in a file', () => {
    const f = put('c.txt', '\uFEFF# the first ones\r\n8194\r\n\r\n   # more\r\n2050-2051, 7 9\r\n');
    expect(parseIds(`@${f}`, nb)).toEqual([8194, 2050, 2051, 7, 9]);
    expect(parseIds(`@${put('all.txt', '# every one\nall\n')}`, nb)).toHaveLength(10000);
    expect(parseIds(`@${put('paper.txt', 'paper\n')}`, nb)).toEqual([...nb.paperIds!]);
    const empty = put('empty.txt', '# nothing\n\n');
    expect(msg(() => parseIds(`@${empty}`, nb))).toBe(`${empty}: --ids: no architecture ids in the file`);
    // Outside a file `#` is no comment.
    expect(msg(() => parseIds('#1', nb))).toBe("--ids: '#1' is not an id or range A-B, all or paper");
  });

  it('control characters are echoed escaped; a NUL byte is not a text file; long items are cut', () => {
    const f = put('ctl.txt', '1\n\u0001x\u001b[31m\n');
    expect(msg(() => parseIds(`@${f}`, nb))).toBe(`${f}:2: --ids: '\\u0001x\\u001b[31m' is not an id or range A-B, all or paper`);
    const n = put('nul.txt', Buffer.from('1\nx\0y\n'));
    expect(msg(() => parseIds(`@${n}`, nb))).toBe(`${n}:2:2: --ids: not a text file (NUL byte: binary data?)`);
    expect(msg(() => parseIds('1,a\u007fb', nb))).toBe("--ids: 'a\\u007fb' is not an id or range A-B, all or paper");
    expect(echoInput('y'.repeat(50))).toBe('y'.repeat(40) + '...');
    expect(echoInput('tab\there\u2028')).toBe('tab\\there\\u2028');
  });

  it('a missing file or a directory: one line', () => {
    expect(msg(() => parseIds('@/nonexistent/ids.txt', nb))).toBe("--ids: cannot read id file '/nonexistent/ids.txt' (no such file)");
    expect(msg(() => parseIds(`@${dir}`, nb))).toBe(`${dir}: --ids: is a directory, expected a file`);
  });

  it('the CLI prints the located line (evaluate and search alike), exit 2', async () => {
    const f = put('cli.txt', '1\n2\nx\n');
    const e = await runCli(['evaluate', '--space', 'nb301', '--ids', `@${f}`, '--no-progress']);
    expect(e.code).toBe(2);
    expect(e.err).toBe(`codesign: ${f}:3: --ids: 'x' is not an id or range A-B, all or paper\n`);
    const s = await runCli(['search', '--space', 'nb301', '--ids', `@${f}`, '--quality', 'flops', '--no-progress', '--no-summary']);
    expect(s.code).toBe(2);
    expect(s.err).toBe(e.err);
  });
});

describe('--ids paper on a space without a paper list', () => {
  it('means every id, in evaluate as in search', async () => {
    const nets = put('nets.json', JSON.stringify([
      { name: 'a', layers: [{ type: 'CONV', dims: { K: 64, C: 3, R: 3, S: 3, Y: 34, X: 34 } }] },
      { name: 'b', layers: [{ type: 'CONV', dims: { K: 32, C: 3, R: 3, S: 3, Y: 34, X: 34 } }] },
    ]));
    const space = getSpace(nets);
    expect(space.paperIds).toBeUndefined();
    expect(parseIds('paper', space)).toEqual([0, 1]);
    expect(parseIds('paper', getSpace('classic'))).toEqual(parseIds('all', getSpace('classic')));
    const paper = await runCli(['evaluate', '--space', nets, '--ids', 'paper', '--hw', 'default', '--no-progress']);
    const all = await runCli(['evaluate', '--space', nets, '--hw', 'default', '--no-progress']);
    expect(paper.err).toBe('');
    expect(paper.code).toBe(0);
    expect(paper.out).toBe(all.out);
    expect(paper.out.split('\n').slice(1, 3).map((l) => l.split(',')[0])).toEqual(['a', 'b']);
  });
});

describe('--ids all / paper in a list', () => {
  it("says they stand alone (it said ''all' is not an id or range A-B, all or paper')", () => {
    const space = getSpace('alphanet');
    expect(() => parseIds('all,3', space)).toThrow("--ids: 'all' stands alone: it cannot be part of a list");
    expect(() => parseIds('3, paper', space)).toThrow("--ids: 'paper' stands alone: it cannot be part of a list");
  });
});

describe('--ids: a name with a comma', () => {
  it('a whole line (or the whole list) that is a name picks that network', () => {
    const layer = { name: 'l', type: 'CONV' as const, strideX: 1, strideY: 1, dims: { K: 8, C: 8, R: 1, S: 1, Y: 4, X: 4 } };
    const names = ['a,b', 'a', 'b', 'c d'];
    const space = { name: 'names', size: names.length, label: (i: number) => names[i]!, layers: () => [layer], columns: [] };
    expect(parseIds('a,b', space)).toEqual([0]); // the name wins over the list 'a', 'b'
    expect(parseIds('a, b', space)).toEqual([1, 2]);
    const dir = mkdtempSync(path.join(tmpdir(), 'ids-comma-'));
    const f = path.join(dir, 'ids.txt');
    writeFileSync(f, 'a,b\nc d\nb\n');
    expect(parseIds(`@${f}`, space)).toEqual([0, 3, 2]);
  });
});
