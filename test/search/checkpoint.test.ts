import { beforeAll, describe, expect, it } from 'vitest';
import { execSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Checkpoint } from '../../src/search/checkpoint.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FAKE = path.join(root, 'test/search/fixtures/fake-evaluator.mjs');
const CLI = path.join(root, 'dist/src/cli/main.js');

beforeAll(() => {
  if (!existsSync(CLI) || !existsSync(path.join(root, 'dist/src/search/worker.js')))
    execSync('npx tsc -p tsconfig.json', { cwd: root, stdio: 'ignore' });
}, 120_000);

describe('Checkpoint file', () => {
  it('round-trips, drops a partial last line, rejects another space', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'h4ck-'));
    const f = path.join(dir, 'ck.jsonl');
    const c = Checkpoint.open(f, { space: 's' });
    c.append('k1', [3, 5], [1.5, Infinity], [2.25, Infinity]);
    c.close();
    appendFileSync(f, '{"k":"k1","ids":[7],"lat":[1'); // killed mid-write
    const d = Checkpoint.open(f, { space: 's' });
    expect(d.loaded).toBe(2);
    expect(d.lookup('k1', 3)).toEqual([1.5, 2.25]);
    expect(d.lookup('k1', 5)).toEqual([Infinity, Infinity]);
    expect(d.lookup('k1', 7)).toBeUndefined();
    d.append('k2', [7], [9], [10]);
    d.close();
    const lines = readFileSync(f, 'utf8').split('\n');
    expect(lines.length).toBe(4); // header, k1, k2, ''
    expect(JSON.parse(lines[2]).k).toBe('k2');
    expect(() => Checkpoint.open(f, { space: 'other' })).toThrow(/checkpoint is for space 's'/);
    expect(() => Checkpoint.open(f, { space: 's', evaluator: 'wasm/skip' })).toThrow(/made by another run: it records no evaluator identity \(written by an older codesign, or by runCodesign with an evaluator of its own and no evaluatorTag\), this run's is 'wasm\/skip': delete it or give another checkpoint file$/);
    writeFileSync(f, '{"codesignCheckpoint":1,"space":"s"}\nnot json\n{"k":"a","ids":[],"lat":[],"en":[]}\n');
    expect(() => Checkpoint.open(f, { space: 's' })).toThrow(/ck.jsonl:2: corrupt checkpoint line/);
  });
});

describe('killed run resumed from its checkpoint', () => {
  it('loses nothing and gives identical output', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'h4kill-'));
    const args = (out: string, ck?: string) => [
      CLI, 'search', '--space', 'alphanet', '--ids', '0-199', '--quality', 'accuracy',
      '--accelerators', 'random:8:3', '--dataflows', 'kcp_ws,rs', '--mode', 'all', '--objective', 'edp',
      '--evaluator', FAKE, '--workers', '2', '--chunk', '16', '--no-timings', '--no-progress', '--out', out,
      ...(ck ? ['--checkpoint', ck] : []),
    ];
    const env = { ...process.env, CODESIGN_FAKE_DELAY_MS: '3' };
    // Reference: uninterrupted, no checkpoint.
    const ref = spawnSync(process.execPath, args(path.join(dir, 'ref.json')), { env, encoding: 'utf8' });
    expect(ref.stderr).toBe('');
    expect(ref.status).toBe(0);
    // Killed midway.
    const ck = path.join(dir, 'run.ck');
    const child = spawn(process.execPath, args(path.join(dir, 'a.json'), ck), { env, stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        const n = existsSync(ck) ? readFileSync(ck, 'utf8').split('\n').length : 0;
        if (n > 40) {
          clearInterval(t);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(t);
        reject(new Error('run finished before it could be killed'));
      });
    });
    await new Promise((r) => child.on('exit', r));
    expect(existsSync(path.join(dir, 'a.json'))).toBe(false);
    const before = readFileSync(ck, 'utf8').split('\n').length;
    // Restart with the same command.
    const again = spawnSync(process.execPath, args(path.join(dir, 'a.json'), ck), { env, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'ref.json'), 'utf8'));
    // The restart reused the killed run's evaluations: a second restart computes nothing new.
    const lines = readFileSync(ck, 'utf8').split('\n').length;
    expect(lines).toBeGreaterThan(before);
    const third = spawnSync(process.execPath, args(path.join(dir, 'b.json'), ck), { env, encoding: 'utf8' });
    expect(third.status).toBe(0);
    expect(readFileSync(ck, 'utf8').split('\n').length).toBe(lines);
    expect(readFileSync(path.join(dir, 'b.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'ref.json'), 'utf8'));
  });

  it('Ctrl-C (SIGINT) midway: exit 130, checkpoint consistent, restart gives identical output', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'h4int-'));
    const ck = path.join(dir, 'run.ck');
    const args = (out: string, withCk: boolean) => [
      CLI, 'search', '--space', 'alphanet', '--ids', '0-199', '--accelerators', 'random:8:3', '--dataflows', 'kcp_ws,rs', '--mode', 'all',
      '--evaluator', FAKE, '--workers', '2', '--chunk', '16', '--no-progress', '--no-timings', '--out', out, ...(withCk ? ['--checkpoint', ck] : []),
    ];
    const env = { ...process.env, CODESIGN_FAKE_DELAY_MS: '3' };
    const ref = spawnSync(process.execPath, args(path.join(dir, 'ref.json'), false), { env, encoding: 'utf8' });
    expect(ref.status).toBe(0);
    const child = spawn(process.execPath, args(path.join(dir, 'x.json'), true), { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const t = setInterval(() => {
      if (existsSync(ck) && readFileSync(ck, 'utf8').split('\n').length > 10) {
        clearInterval(t);
        child.kill('SIGINT');
      }
    }, 5);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    clearInterval(t);
    expect(code).toBe(130);
    expect(err).toBe(`codesign search: interrupted; finished evaluations are in ${ck} (rerun the same command to resume)\n`);
    expect(existsSync(path.join(dir, 'x.json'))).toBe(false);
    // Every line of the checkpoint is complete and valid (a clean stop, not a torn write).
    const text = readFileSync(ck, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trim().split('\n');
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    const c = Checkpoint.open(ck, { space: 'alphanet', evaluator: JSON.parse(lines[0]).evaluator });
    expect(c.loaded).toBeGreaterThan(0);
    c.close();
    // Restart: resumes and gives the uninterrupted run's output byte for byte.
    const again = spawnSync(process.execPath, args(path.join(dir, 'x.json'), true), { env, encoding: 'utf8' });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(readFileSync(path.join(dir, 'x.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'ref.json'), 'utf8'));
  });
});
