/**
 * No output over an input (src/cli/inputs-outputs.ts): an output that is one of the run's input
 * files (also through another spelling, a symlink or a hard link), or two outputs that are one
 * file, is refused before any work, in one line naming both flags; the input stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, linkSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(import.meta.dirname, '../..');
const fx = path.join(root, 'test/fixtures/maestro');
const dir = mkdtempSync(path.join(tmpdir(), 'inout-'));
const at = (name: string) => path.join(dir, name);
const MAP = at('a.m');
copyFileSync(path.join(fx, 'mapping/example.m'), MAP);
const HW = at('hw.m');
copyFileSync(path.join(fx, 'hw/accelerator_1.m'), HW);
symlinkSync(MAP, at('sym.m'));
linkSync(MAP, at('hard.m'));
const original = readFileSync(MAP, 'utf8');

describe('an output over an input is refused, the input kept', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['maestro --out = --Mapping_file', ['maestro', '--HW_file', HW, '--Mapping_file', MAP, '--out', MAP], /^codesign: --out: .*a\.m is also the input --Mapping_file .*a\.m: writing it would destroy that file; give --out another file\n$/],
    ['maestro --out via a symlink, --overwrite', ['maestro', '--HW_file', HW, '--Mapping_file', MAP, '--out', at('sym.m'), '--overwrite'], /^codesign: --out: .*sym\.m is also the input --Mapping_file/],
    ['maestro --out via a hard link', ['maestro', '--HW_file', HW, '--Mapping_file', MAP, '--out', at('hard.m')], /^codesign: --out: .*hard\.m is also the input --Mapping_file/],
    ['maestro --out = --HW_file', ['maestro', '--HW_file', HW, '--Mapping_file', MAP, '--out', HW], /^codesign: --out: .*hw\.m is also the input --HW_file/],
    ['evaluate --out = --space', ['evaluate', '--space', MAP, '--hw', 'default', '--out', MAP], /^codesign: --out: .*a\.m is also the input --space/],
  ];
  for (const [name, args, err] of cases)
    it(name, async () => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(err);
      expect(readFileSync(MAP, 'utf8')).toBe(original);
      expect(readFileSync(HW, 'utf8')).toBe(readFileSync(path.join(fx, 'hw/accelerator_1.m'), 'utf8'));
    });

  it('evaluate --out = its --ids @FILE; search --csv = its --quality file; search --csv a symlink to --out', async () => {
    const ids = at('ids.txt');
    writeFileSync(ids, '0-3\n');
    const e = await runCli(['evaluate', '--space', 'alphanet', '--ids', `@${ids}`, '--hw', 'default', '--out', ids]);
    expect(e.err).toMatch(/^codesign: --out: .*ids\.txt is also the input --ids .*ids\.txt/);
    expect(readFileSync(ids, 'utf8')).toBe('0-3\n');
    const q = at('q.csv');
    const quality = ['id,quality', ...Array.from({ length: 10 }, (_, i) => `${i},${70 + i}`)].join('\n') + '\n';
    writeFileSync(q, quality);
    const base = ['search', '--space', 'alphanet', '--ids', '0-9', '--accelerators', 'default', '--workers', '0', '--no-progress', '--no-summary'];
    const s = await runCli([...base, '--quality', q, '--csv', q, '--out', at('x.json')]);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/^codesign: --csv: .*q\.csv is also the input --quality .*q\.csv/);
    expect(readFileSync(q, 'utf8')).toBe(quality);
    writeFileSync(at('s.json'), '{}\n');
    symlinkSync(at('s.json'), at('sl.json'));
    const two = await runCli([...base, '--out', at('s.json'), '--csv', at('sl.json')]);
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/^codesign: --csv: .*sl\.json is also the output --out .*s\.json/);
  });

  it('a batch job whose out is its mapping file fails alone (its .err says why), the mapping kept', async () => {
    const jobs = at('jobs.jsonl');
    writeFileSync(jobs, `${JSON.stringify({ HW_file: 'hw.m', Mapping_file: 'a.m', out: 'a.m' })}\n${JSON.stringify({ HW_file: 'hw.m', Mapping_file: 'a.m', out: 'ok.csv' })}\n`);
    const r = await runCli(['maestro', '--batch', jobs]);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(`${MAP}.err`, 'utf8')).error).toMatch(/^out: .*a\.m is also the input Mapping_file/);
    expect(readFileSync(MAP, 'utf8')).toBe(original);
    expect(readFileSync(at('ok.csv'), 'utf8')).toBe(readFileSync(path.join(fx, 'expected/accelerator_1/example.csv'), 'utf8'));
  });
});

describe('a batch job cannot write to standard output', () => {
  it('"out": "-" is the job\'s error (it made a file named -)', async () => {
    const jobs = at('dash.jsonl');
    writeFileSync(jobs, `${JSON.stringify({ HW_file: 'hw.m', Mapping_file: 'a.m', out: '-' })}\n`);
    const r = await runCli(['maestro', '--batch', jobs]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`dash.jsonl:1: out: "out" must be a file: a batch job cannot write to standard output ('-')`);
    expect(existsSync(at('-'))).toBe(false);
    expect(existsSync(at('-.err'))).toBe(false);
  });
});

describe('an empty file name is an error, not "flag not given"', () => {
  const cases: Array<[string[], string]> = [
    [['maestro', '--HW_file', '', '--Mapping_file', MAP, '--out', '-'], 'codesign: --HW_file: expected a file name, got an empty value\n'], // (it ran on the default hardware)
    [['search', '--space', 'alphanet', '--ids', '0-3', '--accelerators', 'default', '--out', ''], 'codesign: --out: expected a file name, got an empty value\n'], // (it printed the JSON)
    [['search', '--space', 'alphanet', '--ids', '0-3', '--accelerators', 'default', '--out', at('e.json'), '--evaluator', ' '], 'codesign: --evaluator: expected a file name, got an empty value\n'],
    [['evaluate', '--space', 'alphanet', '--ids', '0-3', '--hw', 'default', '--out', ''], 'codesign: --out: expected a file name, got an empty value\n'],
  ];
  for (const [args, err] of cases)
    it(args.filter((a) => a.startsWith('--')).join(' '), async () => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.err).toBe(err);
      expect(r.out).toBe('');
    });
});

describe('maestro: an output directory that does not exist is said before any work, as evaluate and search say it', () => {
  it('--out into a missing directory / through a file', async () => {
    const a = await runCli(['maestro', '--HW_file', HW, '--Mapping_file', MAP, '--out', at('nodir/x.csv')]);
    expect(a.code).toBe(2);
    expect(a.err).toBe(`codesign: ${at('nodir/x.csv')}: --out: cannot write file: directory ${at('nodir')} does not exist\n`); // (was: cannot write CSV (ENOENT))
    const b = await runCli(['maestro', '--HW_file', HW, '--Mapping_file', MAP, '--out', path.join(MAP, 'x.csv')]);
    expect(b.err).toBe(`codesign: ${path.join(MAP, 'x.csv')}: --out: cannot write file: ${MAP} is not a directory\n`);
  });
});

describe('more inputs the guard knows, and runs it lets through', () => {
  it('a model file named by an {"architectures"} space file is an input too', async () => {
    const model = at('m1.m');
    copyFileSync(path.join(fx, 'model/vgg16_model.m'), model);
    const before = readFileSync(model, 'utf8');
    const space = at('arch.json');
    writeFileSync(space, JSON.stringify({ architectures: [{ model: 'm1.m', accuracy: 70 }] }));
    const e = await runCli(['evaluate', '--space', space, '--hw', 'default', '--out', model]);
    expect(e.err).toMatch(/^codesign: --out: .*m1\.m is also the input --space .*m1\.m/);
    const s = await runCli(['search', '--space', space, '--ids', 'all', '--accelerators', 'default', '--dataflows', 'kcp_ws', '--workers', '0', '--no-progress', '--no-summary', '--out', model]);
    expect(s.err).toMatch(/^codesign: --out: .*m1\.m is also the input --space .*m1\.m/);
    expect(readFileSync(model, 'utf8')).toBe(before);
  });

  it("maestro's default CSV name when it is an input; a batch job writing its jobs file", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'inout-cwd-'));
    const mappingCsv = path.join(cwd, 'net.csv'); // a mapping file named *.csv: its default CSV is itself
    copyFileSync(MAP, mappingCsv);
    const home = process.cwd();
    process.chdir(cwd); // (the default CSV goes to the current directory)
    let r;
    try {
      r = await runCli(['maestro', '--HW_file', HW, '--Mapping_file', mappingCsv]);
    } finally {
      process.chdir(home);
    }
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^codesign: --out: net\.csv is also the input --Mapping_file .*net\.csv/);
    expect(readFileSync(mappingCsv, 'utf8')).toBe(original);
    const jobs = at('self.jsonl');
    const text = `${JSON.stringify({ HW_file: 'hw.m', Mapping_file: 'a.m', out: 'self.jsonl' })}\n`;
    writeFileSync(jobs, text);
    const b = await runCli(['maestro', '--batch', jobs]);
    expect(b.code).toBe(1);
    expect(b.err).toContain('is also the input --batch');
    expect(readFileSync(jobs, 'utf8')).toBe(text);
  });

  it('appending to an existing CSV that is no input still works; two batch jobs may share one out', async () => {
    const out = at('shared.csv');
    const jobs = at('share.jsonl');
    writeFileSync(jobs, [1, 2].map(() => JSON.stringify({ HW_file: 'hw.m', Mapping_file: 'a.m', out: 'shared.csv' })).join('\n') + '\n');
    expect((await runCli(['maestro', '--batch', jobs])).code).toBe(0);
    expect((await runCli(['maestro', '--HW_file', HW, '--Mapping_file', MAP, '--out', out])).code).toBe(0);
    const rows = readFileSync(path.join(fx, 'expected/accelerator_1/example.csv'), 'utf8').trim().split('\n').slice(1);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(1 + 3 * rows.length);
  });

  it('standard output appended (>>) onto an input is refused (a spawned process: its real stdout)', async () => {
    const { openSync, closeSync } = await import('node:fs');
    const { spawnSync } = await import('node:child_process');
    const fd = openSync(MAP, 'a');
    try {
      const r = spawnSync(process.execPath, [path.join(root, 'dist/src/cli/main.js'), 'maestro', '--HW_file', HW, '--Mapping_file', MAP, '--out', '-'], { stdio: ['ignore', fd, 'pipe'] });
      expect(r.status).toBe(2);
      expect(String(r.stderr)).toMatch(/^codesign: standard output is redirected to the input --Mapping_file .*a\.m/);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(MAP, 'utf8')).toBe(original);
  });
});
