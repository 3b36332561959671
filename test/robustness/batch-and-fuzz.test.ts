/**
 * `codesign maestro --batch`: bad lines, missing fields, relative paths, a job failing midway
 * (the batch goes on, exit 1, `<out>.err` per failed job); and bounded property tests: no text
 * makes a parser throw anything but a one-line UserError.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { run, tempDir, put, expectOneLineError, VALID } from './helpers.js';
import { UserError } from '../../src/errors.js';
import { parseHardware, parseMapping, parseModel, parseDataflow, parseHardwareJson, parseMappingJson } from '../../src/parse/index.js';
import { parseNetworksJson } from '../../src/spaces/networks-file.js';
import { parseJobLine } from '../../src/cli/maestro/batch.js';

let dir = '';
beforeAll(() => {
  dir = tempDir();
  mkdirSync(path.join(dir, 'sub'));
  put(dir, 'sub/hw.m', VALID.hwM);
  put(dir, 'sub/net.m', VALID.mappingM());
  put(dir, 'sub/huge.m', VALID.mappingM('K: 1048576, C: 1048576, R: 3, S: 3, Y: 1048576, X: 1048576'));
});

describe('--batch', () => {
  it('a mix of good and bad jobs: every bad line reported with jobs-file:line, others run, exit 1', async () => {
    const jobs = [
      { HW_file: 'hw.m', Mapping_file: 'net.m', out: 'ok1.csv', overwrite: true }, // 1: relative to the jobs file
      'not json', // 2
      { HW_file: 'hw.m' }, // 3: no mapping
      { HW_file: 'hw.m', Mapping_file: 'missing.m', out: 'm.csv' }, // 4
      { HW_file: 5, Mapping_file: 'net.m' }, // 5
      { HW_file: 'hw.m', Mapping_file: 'net.m', bogus: 1 }, // 6
      [1, 2], // 7
      { HW_file: 'hw.m', Mapping_file: 'huge.m', out: 'huge.csv', overwrite: true }, // 8: rejected layer
      { HW_file: 'hw.m', Mapping_file: 'net.m', out: 'nodir/x.csv' }, // 9: unwritable
      { HW_file: 'hw.m', Model_file: 'net.m' }, // 10: no dataflow
      { HW_file: 'hw.m', Mapping_file: 'net.m', out: 'ok2.csv', overwrite: true }, // 11
    ];
    const f = put(dir, 'sub/jobs.jsonl', jobs.map((j) => (typeof j === 'string' ? j : JSON.stringify(j))).join('\r\n') + '\n\n');
    const r = await run('maestro', '--batch', f);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(10); // 9 failed jobs + summary
    expect(lines[lines.length - 1]).toBe('codesign maestro: batch done: 11 jobs, 9 failed');
    const byJob = (n: number) => lines.find((l) => l.includes(`(${f}:${n})`)) ?? '';
    expect(byJob(2)).toMatch(/jobs\.jsonl:2:\d+: invalid JSON job/);
    expect(byJob(3)).toMatch(/jobs\.jsonl:3: Mapping_file: a job needs "Mapping_file"/);
    expect(byJob(4)).toMatch(/sub\/missing\.m: cannot read file \(no such file\)/);
    expect(byJob(5)).toMatch(/"HW_file" must be a non-empty string/);
    expect(byJob(6)).toMatch(/unknown job key "bogus"/);
    expect(byJob(7)).toMatch(/a job must be a JSON object/);
    expect(byJob(8)).toMatch(/1 layer\(s\) rejected, see .*huge\.csv\.err/);
    expect(byJob(9)).toMatch(/nodir\/x\.csv: cannot write CSV \(ENOENT\)/);
    expect(byJob(10)).toMatch(/jobs\.jsonl:10: Dataflow_file: "Model_file" needs "Dataflow_file"/);
    for (const l of lines) expect(l).not.toMatch(/internal error|\s+at /);
    expect(existsSync(path.join(dir, 'sub/ok1.csv'))).toBe(true);
    expect(existsSync(path.join(dir, 'sub/ok2.csv'))).toBe(true); // jobs after failures still run
    expect(JSON.parse(readFileSync(path.join(dir, 'sub/huge.csv.err'), 'utf8')).layers[0].message).toMatch(/huge\.m:2:3: layer L1: layer too large/);
    expect(JSON.parse(readFileSync(path.join(dir, 'sub/m.csv.err'), 'utf8')).error).toMatch(/missing\.m: cannot read file/);
  });

  it('jobs file: missing, a directory, empty, binary: one line, exit 2', async () => {
    expectOneLineError(await run('maestro', '--batch', path.join(dir, 'nope.jsonl')), 2, /nope\.jsonl: cannot read file \(no such file\)/);
    expectOneLineError(await run('maestro', '--batch', dir), 2, /is a directory/);
    expectOneLineError(await run('maestro', '--batch', put(dir, 'empty.jsonl', '\n \n')), 2, /empty\.jsonl: the jobs file has no jobs/);
    expectOneLineError(await run('maestro', '--batch', put(dir, 'bin.jsonl', Buffer.from([0x7b, 0, 0xff]))), 2, /bin\.jsonl:1:2: not a text file/);
  });

  it('parseJobLine resolves paths against the jobs file directory', () => {
    const j = parseJobLine('{"HW_file":"a/hw.m","Mapping_file":"/abs/net.m"}', '/base', { file: 'j.jsonl', line: 1 });
    expect(j.hwFile).toBe('/base/a/hw.m');
    expect(j.mappingFile).toBe('/abs/net.m');
    expect(j.out).toBe('/base/net.csv');
  });
});

/** Every failure must be a UserError whose message is one line starting with the file name. */
function onlyUserErrors(parse: (text: string) => unknown, file: string) {
  return (text: string) => {
    try {
      parse(text);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      expect(e.message).not.toContain('\n');
      expect(e.message.startsWith(file)).toBe(true);
    }
  };
}

describe('parsers never crash (fast-check, bounded)', () => {
  // Text built from the formats' own vocabulary, so the parsers get deep before failing.
  const words = [
    'Network', 'Layer', 'Type', 'CONV', 'DSCONV', 'GEMM', 'Stride', 'Dimensions', 'Dataflow', 'SpatialMap', 'TemporalMap',
    'Cluster', 'Constant', 'Sz', 'K', 'C', 'R', 'S', 'Y', 'X', "Y'", 'P', 'L', 'num_pes', 'l1_size_cstr', 'NoC_NumHops',
    '{', '}', '(', ')', ',', ';', ':', '-', '0', '1', '64', '2147483647', '2147483648', '1.5', '//', '\n', ' ', '\u2019', '"', '[', ']',
  ];
  const tokenSoup = fc.array(fc.constantFrom(...words), { maxLength: 60 }).map((ws) => ws.join(' '));
  const text = fc.oneof(tokenSoup, fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }));
  const opts = { numRuns: 300, seed: 20261124 };

  it('MAESTRO text parsers', () => {
    for (const [name, p] of [
      ['hw.m', parseHardware],
      ['map.m', parseMapping],
      ['model.m', parseModel],
      ['df.m', parseDataflow],
    ] as const) {
      fc.assert(fc.property(text, onlyUserErrors((t) => p(t, name), name)), opts);
    }
  });

  it('mutations of valid files (delete / duplicate / replace a slice)', () => {
    const valid = VALID.mappingM();
    const mutated = fc
      .tuple(fc.nat(valid.length), fc.nat(30), fc.constantFrom('', '{', '}', '0', '-1', '99999999999', 'Layer', ';;', '\uFEFF', '\r\n'))
      .map(([at, len, ins]) => valid.slice(0, at) + ins + valid.slice(at + len));
    fc.assert(fc.property(mutated, onlyUserErrors((t) => parseMapping(t, 'm.m'), 'm.m')), opts);
  });

  it('JSON parsers (hardware, mapping, network list)', () => {
    const json = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ name: 'n', layers: [{ type: 'CONV', dims: v }] })),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ numPes: v })),
      text,
    );
    for (const [name, p] of [
      ['hw.json', parseHardwareJson],
      ['map.json', parseMappingJson],
      ['nets.json', parseNetworksJson],
    ] as const) {
      fc.assert(fc.property(json, onlyUserErrors((t) => p(t, name), name)), opts);
    }
  });
});
