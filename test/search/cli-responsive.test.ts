/**
 * `codesign search` in-process on a dataflow with many iteration cases per layer (kcp_ws with
 * extra `TemporalMap(1,1) K;` directives, layers with K = 2): the layer-count estimate calls the
 * job small, so it runs in-process; SIGINT / SIGTERM still stop it at once (the evaluation runs
 * in slices with the event loop turning between them), the checkpoint stays consistent, and the
 * results are those of worker threads, byte for byte.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(root, 'dist/src/cli/main.js');
const dir = mkdtempSync(path.join(tmpdir(), 'resp-'));

/** kcp_ws with `extra` more `TemporalMap(1,1) K;` directives at the top level. */
function kMapDataflow(extra: number): string {
  const lines = readFileSync(path.join(root, 'test/fixtures/maestro/dataflow/kcp_ws.m'), 'utf8').split('\n');
  const f = path.join(dir, `k${extra}.m`);
  writeFileSync(f, [...lines.slice(0, 2), ...Array.from({ length: extra }, () => '        TemporalMap(1,1) K;'), ...lines.slice(2)].join('\n'));
  return f;
}

/** 20 architectures of 3 small CONV layers with K = 2 (60 distinct shapes). */
function kSpace(): string {
  const architectures = Array.from({ length: 20 }, (_, i) => ({
    layers: [0, 1, 2].map((j) => ({ type: 'CONV', dims: { K: 2, C: 3 + i, R: 3, S: 3, Y: 8 + j, X: 8 } })),
    accuracy: 0.5 + i / 100,
  }));
  const f = path.join(dir, 'k-space.json');
  writeFileSync(f, JSON.stringify({ architectures }));
  return f;
}

beforeAll(() => {
  if (!existsSync(CLI) || !existsSync(path.join(root, 'dist/src/search/worker.js')))
    execSync('npx tsc -p tsconfig.json', { cwd: root, stdio: 'ignore' });
}, 120_000);

/** Start a run, send `signal` once its checkpoint holds `lines` lines (header + finished slices); exit code and stderr. */
async function interrupt(args: string[], ck: string, signal: NodeJS.Signals, lines = 3): Promise<{ code: number | null; err: string; sent: boolean }> {
  const child = spawn(process.execPath, [CLI, ...args, '--checkpoint', ck], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  let sent = false;
  child.stderr!.on('data', (d) => (err += d));
  const t = setInterval(() => {
    if (!sent && existsSync(ck) && readFileSync(ck, 'utf8').split('\n').length > lines) {
      sent = true;
      child.kill(signal);
    }
  }, 5);
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  clearInterval(t);
  return { code, err, sent };
}

describe('search in-process on a dataflow with many iteration cases', () => {
  const df = kMapDataflow(8);
  const space = kSpace();
  const args = (out: string, workers: string) => [
    'search', '--space', space, '--dataflows', df, '--accelerators', 'random:100:1', '--workers', workers,
    '--no-progress', '--no-summary', '--no-timings', '--out', out,
  ];

  it('SIGINT stops it at once (exit 130); the resumed run equals a run on worker threads', async () => {
    const ref = spawnSync(process.execPath, [CLI, ...args(path.join(dir, 'ref.json'), '2')], { encoding: 'utf8' });
    expect(ref.stderr).toBe('');
    expect(ref.status).toBe(0);
    const ck = path.join(dir, 'int.ck');
    const out = path.join(dir, 'int.json');
    const r = await interrupt(args(out, '0'), ck, 'SIGINT');
    expect(r.sent).toBe(true);
    expect(r.code).toBe(130);
    expect(r.err).toBe(`codesign search: interrupted; finished evaluations are in ${ck} (rerun the same command to resume)\n`);
    expect(existsSync(out)).toBe(false);
    const text = readFileSync(ck, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    for (const l of text.trim().split('\n')) expect(() => JSON.parse(l)).not.toThrow();
    const again = spawnSync(process.execPath, [CLI, ...args(out, '0'), '--checkpoint', ck], { encoding: 'utf8' });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(dir, 'ref.json'), 'utf8'));
  }, 60_000);

  it('SIGTERM likewise', async () => {
    const ck = path.join(dir, 'term.ck');
    const r = await interrupt(args(path.join(dir, 'term.json'), '0'), ck, 'SIGTERM');
    expect(r.sent).toBe(true);
    expect(r.code).toBe(130);
    expect(r.err).toBe(`codesign search: interrupted; finished evaluations are in ${ck} (rerun the same command to resume)\n`);
  }, 60_000);
});
