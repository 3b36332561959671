/**
 * Control characters that input puts in a key, a name or a path (a JSON string can hold any of
 * them) never reach the terminal raw: every message line is one line, its control characters
 * escaped as in JSON (`oneLine`, src/errors.ts), as the `.m` parser and `--ids` already did.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneLine } from '../../src/errors.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ctl-'));
const put = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const NET = path.resolve(import.meta.dirname, '../../examples/cli/net.m');
const HW = path.resolve(import.meta.dirname, '../../examples/cli/hw.m');

/** Exactly one stderr line, no control character but its newline. */
function oneLineOf(err: string): string {
  expect(err.endsWith('\n')).toBe(true);
  const line = err.slice(0, -1);
  expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  return line;
}

describe('control characters in input, echoed in messages', () => {
  it('oneLine escapes them as JSON does, cutting nothing up to 4,000 characters', () => {
    expect(oneLine('a\nb\u001b[2K\u0000\u007f\u2028c\td')).toBe('a\\nb\\u001b[2K\\u0000\\u007f\\u2028c\\td');
    expect(oneLine('x'.repeat(200))).toBe('x'.repeat(200));
    expect(oneLine('x'.repeat(4000))).toBe('x'.repeat(4000));
    // A name of megabytes (a layer named with 8 MiB) no longer makes an 8 MiB message line.
    const [pre, post] = ['f.m:1:9: layer ', ': unknown layer type CONVX'];
    const long = oneLine(`${pre}${'A'.repeat(8 << 20)}${post}`);
    expect(long).toBe(`${pre}${'A'.repeat(3000 - pre.length)} ... (${(8 << 20) + pre.length + post.length - 3500} characters left out) ... ${'A'.repeat(500 - post.length)}${post}`);
  });

  it('a JSON hardware key with a newline or ESC: one line, escaped', async () => {
    const nl = put('hw.json', '{"numPes": 256, "bad\\nkey": 1}\n');
    let r = await runCli(['maestro', '--HW_file', nl, '--Mapping_file', NET, '--out', '-']);
    expect(r.code).toBe(2);
    expect(oneLineOf(r.err)).toBe(`codesign: ${nl}:1:29: bad\\nkey: unknown key "bad\\nkey" (expected "id", "numPes", "l1Size", "l2Size", "nocBw", "offchipBw", "nocHops", "vectorWidth")`);
    const esc = put('hw2.json', '{"numPes": 256, "l\\u001b[2K2Size": 1}\n');
    r = await runCli(['maestro', '--HW_file', esc, '--Mapping_file', NET, '--out', '-']);
    expect(r.code).toBe(2);
    expect(oneLineOf(r.err)).toContain('l\\u001b[2K2Size: unknown key');
  });

  it('a JSON network list with a newline in a dimension key (evaluate and search)', async () => {
    const n = put('n.json', '[{"name":"a","layers":[{"type":"CONV","dims":{"K":1,"C":1,"R":1,"S":1,"Y":4,"X":4,"R\\n":1}}]}]');
    for (const args of [['evaluate', '--space', n], ['search', '--space', n, '--quality', 'flops', '--accelerators', 'default', '--workers', '0', '--no-progress']]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(oneLineOf(r.err)).toBe(`codesign: ${n}:1:89: [0].layers[0].dims.R\\n: unknown dimension (expected N G K C R S Y X Y' X' M)`);
    }
  });

  it('--batch: a job key with CR / newline / ESC and a path with ESC: whole, escaped lines', async () => {
    const out = path.join(dir, 'o.csv');
    const jobs = put(
      'jobs.jsonl',
      `{"HW_file": ${JSON.stringify(HW)}, "Mapping_file": ${JSON.stringify(NET)}, "out": ${JSON.stringify(out)}, "overwrite": true, "bad\\nkey": 1}\n` +
        `{"HW_file": ${JSON.stringify(path.join(dir, 'h\u001b[2Kw.m'))}, "Mapping_file": ${JSON.stringify(NET)}, "out": ${JSON.stringify(out)}, "overwrite": true}\n`,
    );
    const r = await runCli(['maestro', '--batch', jobs, '--no-progress']);
    expect(r.code).toBe(1);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(lines[0]).toMatch(/^codesign maestro: job 1 \(.*jobs\.jsonl:1\) failed: .*unknown job key "bad\\nkey"/);
    expect(lines[1]).toMatch(/^codesign maestro: job 2 \(.*jobs\.jsonl:2\) failed: .*h\\u001b\[2Kw\.m: /);
  });
});
