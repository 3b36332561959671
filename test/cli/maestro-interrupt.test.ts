/**
 * Ctrl-C (SIGINT) or SIGTERM while `codesign maestro` writes its CSV: the write stops between
 * chunks, the file is left as it was (a replacement is a temporary file renamed at the end,
 * appended rows are truncated back), one line says so, exit 130. In-process (the signal emitted
 * while the first chunk is written) and as a real process with a real signal.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setMaestroEngineProvider } from '../../src/cli/maestro.js';
import type { MaestroEngine } from '../../src/cli/maestro/types.js';
import { CostModel } from '../../src/model/costmodel.js';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(__dirname, '../..');
const fx = path.join(root, 'test/fixtures/maestro');
const HW = path.join(fx, 'hw/accelerator_1.m');

/** A mapping of `n` layers: example.m's layer, then layers R reusing its dataflow (MAESTRO's rule). */
function largeMapping(dir: string, n: number): string {
  const one = readFileSync(path.join(fx, 'mapping/example.m'), 'utf8');
  const first = one.slice(one.indexOf('Layer'), one.lastIndexOf('}'));
  const rest = 'Layer R { Type: CONV Stride { X: 1, Y: 1 } Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 16, X: 16 } }\n';
  const f = path.join(dir, `large${n}.m`);
  writeFileSync(f, `Network large {\n${first}\n${rest.repeat(n - 1)}}\n`);
  return f;
}

describe('codesign maestro interrupted while writing the CSV (in-process)', () => {
  let restore: (() => Promise<MaestroEngine>) | undefined;
  afterEach(() => {
    if (restore) setMaestroEngineProvider(restore);
    restore = undefined;
  });

  /** Run with an engine that sends `signal` to the process once the evaluation is over (the write has started then). */
  async function runInterrupted(signal: NodeJS.Signals, args: string[]) {
    const cm = await CostModel.load();
    const engine: MaestroEngine = {
      evaluateNetwork(net, hw, opts) {
        setImmediate(() => process.emit(signal, signal)); // after the first chunk of 2,048 rows
        return cm.evaluateNetwork(net, hw, opts);
      },
    };
    restore = setMaestroEngineProvider(async () => engine);
    return runCli(['maestro', '--HW_file', HW, ...args]);
  }

  it('--overwrite: the old CSV is left as it was, exit 130, one line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'codesign-intr-'));
    const map = largeMapping(dir, 5000);
    const out = path.join(dir, 'large.csv');
    writeFileSync(out, 'the old CSV\n');
    const r = await runInterrupted('SIGINT', ['--Mapping_file', map, '--out', out, '--overwrite']);
    expect(r.code).toBe(130);
    expect(r.err).toBe(`codesign maestro: interrupted; ${out} left as it was\n`);
    expect(readFileSync(out, 'utf8')).toBe('the old CSV\n');
    expect(readdirSync(dir).sort()).toEqual(['large.csv', 'large5000.m']); // no temporary file left
  });

  it("MAESTRO's append mode: the rows written before the signal are taken back (SIGTERM); a new file is not created", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'codesign-intr-'));
    const map = largeMapping(dir, 5000);
    const out = path.join(dir, 'large.csv');
    // A complete run first (header and 5,000 rows), then an interrupted one appending to it.
    expect((await runCli(['maestro', '--HW_file', HW, '--Mapping_file', map, '--out', out])).code).toBe(0);
    const before = readFileSync(out, 'utf8');
    expect(before.split('\n')).toHaveLength(5002);
    const r = await runInterrupted('SIGTERM', ['--Mapping_file', map, '--out', out]);
    expect(r.code).toBe(130);
    expect(r.err).toBe(`codesign maestro: interrupted; ${out} left as it was\n`);
    expect(readFileSync(out, 'utf8')).toBe(before);
    const fresh = path.join(dir, 'fresh.csv');
    expect((await runInterrupted('SIGINT', ['--Mapping_file', map, '--out', fresh])).code).toBe(130);
    expect(existsSync(fresh)).toBe(false);
  });

  it('--out - (stdout) is written at once, as before: a signal does not stop it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'codesign-intr-'));
    const map = largeMapping(dir, 3000);
    const r = await runInterrupted('SIGINT', ['--Mapping_file', map, '--out', '-']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toHaveLength(3002);
  });
});

describe('codesign maestro interrupted while writing the CSV (built CLI, a real SIGINT)', () => {
  const bin = path.join(root, 'dist/src/cli/main.js');
  beforeAll(() => {
    // As test/cli/maestro-spawn.test.ts: rebuild dist/ when it is older than the sources.
    const newest = (d: string): number =>
      readdirSync(d, { withFileTypes: true }).reduce((t, e) => {
        const p = path.join(d, e.name);
        return Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
      }, 0);
    if (!existsSync(bin) || statSync(bin).mtimeMs < newest(path.join(root, 'src'))) {
      execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
    }
  });

  it('Ctrl-C while the CSV is written: the old CSV stays whole, exit 130, no temporary file left', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'codesign-intr-'));
    const map = largeMapping(dir, 150_000); // the CSV takes a second or more to write
    const out = path.join(dir, 'large.csv');
    writeFileSync(out, 'the old CSV\n');
    const p = spawn(process.execPath, [bin, 'maestro', `--HW_file=${HW}`, `--Mapping_file=${map}`, '--out', out, '--overwrite'], { cwd: dir });
    let err = '';
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    // Ctrl-C once the temporary file is there (the write has begun; before, Ctrl-C ends the process
    // as it always did, nothing written yet).
    const poll = setInterval(() => {
      if (readdirSync(dir).some((f) => f.endsWith('.tmp'))) {
        clearInterval(poll);
        p.kill('SIGINT');
      }
    }, 5);
    const code = await new Promise<number | null>((resolve) => p.on('close', resolve));
    clearInterval(poll);
    expect(err.trimEnd().split('\n').at(-1)).toBe(`codesign maestro: interrupted; ${out} left as it was`);
    expect(code).toBe(130);
    expect(readFileSync(out, 'utf8')).toBe('the old CSV\n');
    expect(readdirSync(dir).sort()).toEqual(['large.csv', 'large150000.m']);
  });
});
