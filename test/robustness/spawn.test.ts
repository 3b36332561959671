/**
 * The built CLI (dist/src/cli/main.js, `npm run build`) as a user runs it: real exit codes, one
 * line on stderr, nothing on stdout for errors, and the process ends (no hang) on bad input.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import path from 'node:path';
import { tempDir, put, VALID } from './helpers.js';

const CLI = path.resolve(__dirname, '../../dist/src/cli/main.js');
let dir = '';
beforeAll(() => {
  dir = tempDir();
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

describe.skipIf(!existsSync(CLI))('spawned dist CLI', () => {
  it('bad inputs: exit 2, one stderr line, empty stdout', () => {
    const hw = put(dir, 'hw.m', VALID.hwM);
    const bad = put(dir, 'bad.m', VALID.mappingM('K: -5, C: 64, R: 3, S: 3, Y: 56, X: 56'));
    const cases = [
      ['maestro', '--HW_file', hw, '--Mapping_file', bad, '--out', '-'],
      ['maestro', '--HW_file', path.join(dir, 'missing.m'), '--Mapping_file', bad],
      ['maestro', '--bogus'],
      ['frobnicate'],
      ['evaluate', '--space', put(dir, 'bin.json', Buffer.from([0x5b, 0, 0x5d]))],
      ['evaluate', '--space', 'nb301', '--ids', '0-1000000000'],
    ];
    for (const args of cases) {
      const r = cli(...args);
      expect(r.signal, args.join(' ')).toBeNull();
      expect(r.code, `${args.join(' ')}\n${r.err}`).toBe(2);
      expect(r.err.trim().split('\n'), r.err).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at |internal error/);
      expect(r.out).toBe('');
    }
  });

  it('overflowing layer: exit 3 with the located reason; good layers still get rows', () => {
    const hw = put(dir, 'hw2.m', VALID.hwM);
    const good = VALID.mappingM();
    const huge = VALID.mappingM('K: 2729, C: 6, R: 6, S: 4, Y: 3110, X: 75608').replace('Layer L1', 'Layer L2');
    const net = put(dir, 'mixed.m', good.replace(/\}\n$/, '') + huge.replace(/^Network net \{\n/, ''));
    const r = cli('maestro', '--HW_file', hw, '--Mapping_file', net, '--out', '-');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^codesign: .*mixed\.m:\d+:3: layer L2: layer too large: MAESTRO's 32-bit int arithmetic overflows .*\(layer skipped: no CSV row\)\n$/);
    expect(r.out.trim().split('\n')).toHaveLength(2); // header + L1
    expect(r.out).toMatch(/\nnet,L1,256,/);
  });

  it('an --evaluator module whose promise never settles (in-process): exit 2 naming it (was exit 0 with nothing written)', () => {
    const mod = put(dir, 'hang.mjs', 'export function createEvaluator() { return { evaluate() { return new Promise(() => {}); } }; }\n');
    const r = cli('search', '--space', 'nb301', '--ids', '0-9', '--quality', 'flops', '--accelerators', 'random:2:1', '--dataflows', 'kcp_ws',
      '--evaluator', mod, '--workers', '0', '--out', path.join(dir, 'hang.json'), '--checkpoint', path.join(dir, 'hang.ck'), '--no-progress', '--no-summary');
    expect([r.code, r.err]).toEqual([2, `codesign: --evaluator: module ${mod} never answered: its evaluate() returned a promise that never settles\n`]);
    expect(existsSync(path.join(dir, 'hang.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'hang.ck.lock'))).toBe(false); // (the run was aborted: its checkpoint closed)
  });

  it.skipIf(!existsSync('/dev/full'))('standard output on a full device: one line, exit 2 (a full disk, as for an output file)', () => {
    const r = spawnSync(process.execPath, [CLI, 'evaluate', '--space', 'nb301', '--ids', '1'], { cwd: dir, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] });
    expect([r.status, r.stderr]).toEqual([2, 'codesign: cannot write to stdout (no space left on the device)\n']);
    // search's JSON, CSV or report to stdout: exit 2 too (the search set its exit 0 after the error)
    const ex = path.resolve(path.dirname(CLI), '../../../examples/cli');
    for (const extra of [[], ['--csv', '-', '--out', path.join(dir, 'full.json')], ['--report', '-', '--out', path.join(dir, 'full.json')]]) {
      const s = spawnSync(process.execPath, [CLI, 'search', '--space', path.join(ex, 'net.json'), '--accelerators', path.join(ex, 'accelerators.csv'), '--no-progress', ...extra], { cwd: dir, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] });
      expect([s.status, s.stderr], extra.join(' ')).toEqual([2, 'codesign: cannot write to stdout (no space left on the device)\n']);
    }
  });

  it('search --csv /dev/stdout into a pipe the JSON also goes to: refused, one line (the two ran together in the pipe)', () => {
    // (through a shell pipe: stdout a FIFO, as `| cat` makes it)
    const sh = (args: string) => spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" search --space alphanet --ids 0-9 --accelerators random:2:1 --workers 0 --no-summary --no-progress ${args} | cat`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const r = sh('--csv /dev/stdout');
    expect([r.stdout, r.stderr]).toEqual(['', 'codesign: --csv: /dev/stdout is standard output, which this run writes to as well: the two would run together; give --csv a file\n']);
    const ok = sh(`--csv /dev/stdout --out ${path.join(dir, 'pipe.json')}`); // one output on the pipe: fine
    expect([ok.stderr, ok.stdout.split('\n')[0]]).toEqual(['', 'arch_id,quality,hw_id,role,num_pes,l1_size,l2_size,noc_bw,offchip_bw,dataflow,latency,energy,searches,noc_hops,vector_width']);
  });

  it('--space /dev/stdin: a piped space file is read as any input file (it was refused as not a readable file)', () => {
    const space = JSON.stringify([{ name: 'a', accuracy: 70, layers: [{ type: 'CONV', dims: { K: 16, C: 8, R: 3, S: 3, Y: 16, X: 16 } }] }]);
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', input: space, timeout: 60_000 });
    const e = run('evaluate', '--space', '/dev/stdin', '--no-progress');
    expect([e.status, e.stderr, e.stdout]).toEqual([0, '', 'id,layers,latency_cycles,energy_nj,macs,accuracy\na,1,7841,123.16991279999998,225792,70\n']);
    const s = run('search', '--space', '/dev/stdin', '--accelerators', 'default', '--dataflows', 'kcp_ws', '--workers', '2', '--no-summary', '--no-progress', '--no-timings');
    expect([s.status, s.stderr, JSON.parse(s.stdout).perThreshold[0].full.value]).toEqual([0, '', 7841]);
  });
});
