/**
 * Bad input files of `codesign search` give ONE line naming file, line and field, and exit 2:
 * accelerators (JSON, CSV, MAESTRO .m), quality CSV, space JSON, id files, checkpoints of another
 * run or not checkpoints at all (never overwritten).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FAKE = path.join(root, 'test/search/fixtures/fake-evaluator.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'h8in-'));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

const run = (args: string[]) =>
  runCli(['search', '--no-progress', '--no-summary', '--workers', '0', '--out', path.join(dir, 'out.json'), ...args]);

const HW = '{"numPes":256,"l1Size":100,"l2Size":3000,"nocBw":1000,"offchipBw":50}';

describe('codesign search: bad input files', () => {
  const cases: [string, string[], string][] = [
    ['accelerators JSON: bad value', ['--accelerators', file('a.json', `[${HW},\n {"numPes":"x","l1Size":100,"l2Size":3000,"nocBw":1000,"offchipBw":50}]\n`)], 'a.json:2:12: [1].numPes: expected an integer >= 1, got the string "x"'],
    ['accelerators JSON: missing field', ['--accelerators', file('b.json', '{"hardware": [\n  {"numPes":256,"l1Size":100,"l2Size":3000,"nocBw":1000}\n]}')], "b.json:2:3: hardware[0]: missing hardware field 'offchipBw'"],
    ['accelerators JSON: malformed', ['--accelerators', file('c.json', '[{"numPes": 256,}]')], 'c.json:1:17: '],
    ['accelerators CSV', ['--accelerators', file('a.csv', 'num_pes,l1_size,l2_size,noc_bw,offchip_bw\n256,100,3000,1000,50\n64,100,-3,1000,50\n')], "a.csv:3: l2_size: expected an integer >= 0, got '-3'"],
    ['accelerators CSV: unknown column', ['--accelerators', file('b.csv', 'num_pes,l1,l2_size,noc_bw,offchip_bw\n')], 'b.csv:1: l1: unknown hardware column'],
    // (an empty file or column was ": unknown hardware column", an empty field name)
    ['accelerators CSV: empty file', ['--accelerators', file('e.csv', '\n\n')], 'e.csv: the file is empty: expected a header line such as id,num_pes,l1_size,l2_size,noc_bw,offchip_bw, then a line per configuration'],
    ['accelerators CSV: empty column', ['--accelerators', file('e2.csv', 'num_pes,,l2_size\n')], 'e2.csv:1: empty column name (column 2 of the header)'],
    ['accelerators .m', ['--accelerators', file('hw.m', 'num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: abc\n')], 'hw.m:3:'],
    ['quality CSV', ['--quality', file('q.csv', 'id,quality\n0,1.5\n1,abc\n')], "q.csv:3: quality: quality 'abc' is not a number"],
    ['quality CSV: id', ['--quality', file('q2.csv', 'id,quality\nx7,1\n')], 'q2.csv:2: id: expected id,quality'],
    ['quality CSV: duplicate id', ['--quality', file('q3.csv', 'id,quality\n3,70.1\n4,70.5\n3,71\n')], 'q3.csv:4: id: architecture 3 already has a quality (line 2)'],
    ['space JSON: bad dim', ['--space', file('s.json', '{"architectures": [\n  {"layers": [{"type": "CONV", "dims": {"K": 4, "C": 0}}]}\n]}')], 's.json:2:54: architectures[0].layers[0].dims.C: expected a positive integer'],
    ['space JSON: no layers', ['--space', file('s2.json', '{"architectures": [\n {"flops": 5}\n]}')], 's2.json:2:2: architectures[0]: needs "model" (MAESTRO model file) or "layers"'],
    ['space JSON: malformed', ['--space', file('s3.json', '{"architectures": [\n {bad}]}')], 's3.json:2:3: invalid JSON'],
    ['space JSON: quality not a number', ['--space', file('s4.json', '{"architectures": [\n {"layers": [{"type": "CONV", "dims": {"K": 4}}], "accuracy": "high"}\n]}'), '--quality', 'accuracy'], 's4.json:2:63: architectures[0].accuracy: expected a number'],
    ['id file', ['--ids', `@${file('ids.txt', '1, 2, x\n')}`], "ids.txt:1: --ids: 'x' is not an id or range A-B"],
    ['reversed id range', ['--ids', '5-0'], "--ids: '5-0' out of range (an empty range: start after end)"],
  ];
  for (const [name, args, msg] of cases)
    it(name, async () => {
      const r = await run([...(args.includes('--space') ? [] : ['--space', 'alphanet']), '--ids', '0-9', '--evaluator', FAKE, ...args]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(`codesign: ${msg.startsWith('--') ? '' : dir + path.sep}${msg}`);
    });

  it('a repeated --thresholds value is one constraint, reported once', async () => {
    const out = path.join(dir, 'thr.json');
    const r = await runCli(['search', '--no-progress', '--no-summary', '--workers', '0', '--space', 'alphanet', '--ids', '0-9',
      '--accelerators', 'random:2:1', '--evaluator', FAKE, '--thresholds', '70,69,70', '--no-timings', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.thresholds).toEqual([70, 69]);
    expect(j.perThreshold).toHaveLength(2);
  });

  it('a checkpoint of a space file is reused when the file is spelled another way (./net.json, a relative path): its identity digests the architectures', async () => {
    const net = file('net.json', readFileSync(path.join(root, 'examples/cli/net.json'), 'utf8'));
    const ck = path.join(dir, 'spelled.ck');
    const args = (space: string, out: string) => ['search', '--no-progress', '--no-summary', '--no-timings', '--workers', '0', '--space', space, '--accelerators', path.join(root, 'examples/cli/accelerators.csv'), '--checkpoint', ck, '--out', out];
    const first = await runCli(args(net, path.join(dir, 'sp1.json')));
    expect([first.code, first.err]).toEqual([0, '']);
    for (const other of [`${dir}${path.sep}.${path.sep}net.json`, path.relative(process.cwd(), net)]) {
      expect(other).not.toBe(net);
      const again = await runCli(args(other, path.join(dir, 'sp2.json')));
      expect([again.code, again.err]).toEqual([0, '']);
      const json = (f: string) => ({ ...JSON.parse(readFileSync(path.join(dir, f), 'utf8')), space: undefined });
      expect(json('sp2.json')).toEqual(json('sp1.json')); // (but the space as this run names it)
    }
    // Other architectures under another name: refused, saying why (the identity's digest differs).
    const edited = file('net2.json', readFileSync(net, 'utf8').replace('"K": 16', '"K": 24'));
    const r = await runCli(args(edited, path.join(dir, 'sp3.json')));
    expect([r.code, r.err]).toEqual([2, `codesign: ${ck}:1: checkpoint was made by another run: the space file's architectures changed: delete it or give another checkpoint file\n`]);
  });

  it('checkpoint of another space, of another evaluator, corrupt, or not a checkpoint: error, file untouched', async () => {
    const base = ['--space', 'alphanet', '--ids', '0-9', '--accelerators', 'random:2:1', '--evaluator', FAKE];
    const other = file('other.ck', '{"codesignCheckpoint":1,"space":"nb301"}\n');
    const otherEval = file('eval.ck', '{"codesignCheckpoint":1,"space":"alphanet","evaluator":"wasm:0123/infeasible"}\n');
    const { checkpointIdentity } = await import('../../src/search/checkpoint-identity.js');
    const identity = checkpointIdentity({ module: FAKE, invalid: 'infeasible', space: { name: 'alphanet', size: 0, layersOf: () => [] }, dataflows: ['kcp_ws'] });
    const corrupt = file('bad.ck', `{"codesignCheckpoint":1,"space":"alphanet","evaluator":"${identity}"}\n{"k":"a","ids":[1],"lat":["x"],"en":[1]}\n{"k":"a","ids":[],"lat":[],"en":[]}\n`);
    const notCk = file('report.json', '{"space": "alphanet"}');
    const garbage = file('garbage.txt', 'hello\nworld\n');
    for (const [f, msg] of [
      [other, "other.ck:1: checkpoint is for space 'nb301', this run is 'alphanet'"],
      [otherEval, 'eval.ck:1: checkpoint was made by another run'],
      [corrupt, 'bad.ck:2: malformed checkpoint entry'],
      [notCk, 'report.json:1: not a codesign checkpoint'],
      [garbage, 'garbage.txt:1: not a codesign checkpoint'],
    ] as const) {
      const before = readFileSync(f, 'utf8');
      const r = await run([...base, '--checkpoint', f]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(msg);
      expect(readFileSync(f, 'utf8')).toBe(before);
    }
  });
});
