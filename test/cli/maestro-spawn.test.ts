/**
 * The built CLI (`dist/src/cli/main.js`, the package's `codesign` bin) run as a real process:
 * MAESTRO's exact command line in a fresh directory, a reader that closes the pipe early, and a
 * malformed input's exit code.
 * Rebuilds dist/ with tsc first when it is missing or older than the sources.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'dist/src/cli/main.js');
const fx = path.join(root, 'test/fixtures/maestro');

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestMtime(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

beforeAll(() => {
  if (!existsSync(bin) || statSync(bin).mtimeMs < newestMtime(path.join(root, 'src'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], {
      stdio: 'inherit',
    });
  }
});

describe('built CLI', () => {
  it("MAESTRO's command line writes <mapping>.csv in the cwd, byte-identical to MAESTRO", () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'codesign-spawn-'));
    const r = spawnSync(
      process.execPath,
      [bin, 'maestro', `--HW_file=${fx}/hw/accelerator_1.m`, `--Mapping_file=${fx}/mapping/MobileNetV2_kcp_ws.m`, '--print_res=false', '--print_res_csv_file=true', '--print_log_file=false'],
      { cwd, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(cwd, 'MobileNetV2_kcp_ws.csv'), 'utf8')).toBe(
      readFileSync(path.join(fx, 'expected/accelerator_1/MobileNetV2_kcp_ws.csv'), 'utf8'),
    );
  });

  it('a reader that stops early (`| head`): quiet exit 0, not an EPIPE crash', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'codesign-spawn-'));
    const layer = (i: number) => `Layer L${i} {\nType: CONV\nDimensions { K: 64, C: 64, R: 3, S: 3, Y: 30, X: 30 }\nDataflow {\nSpatialMap(1,1) K;\nTemporalMap(64,64) C;\nTemporalMap(Sz(R),Sz(R)) R;\nTemporalMap(Sz(S),Sz(S)) S;\nTemporalMap(Sz(R),1) Y;\nTemporalMap(Sz(S),1) X;\n}\n}\n`;
    writeFileSync(path.join(cwd, 'many.m'), `Network N {\n${Array.from({ length: 4000 }, (_, i) => layer(i)).join('')}}\n`);
    for (const args of [['--out', '-'], ['--print_res=true', '--out', 'many.csv']]) {
      const p = spawn(process.execPath, [bin, 'maestro', `--HW_file=${fx}/hw/accelerator_1.m`, '--Mapping_file=many.m', ...args], { cwd });
      let err = '';
      p.stderr.on('data', (b: Buffer) => (err += b.toString()));
      // Read the first chunk, then close the pipe (as `head` does).
      await new Promise<void>((resolve) => p.stdout.once('data', () => resolve()));
      p.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => p.on('close', (c) => resolve(c)));
      expect(err).not.toMatch(/EPIPE|Error/);
      expect(code).toBe(0);
    }
    // The CSV written to a path that is the pipe (a shell pipe: /dev/stdout of a spawned process is a socket).
    const sh = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" maestro --HW_file=${fx}/hw/accelerator_1.m --Mapping_file=many.m --out /dev/stdout | head -c 100 > /dev/null`], {
      cwd,
      encoding: 'utf8',
    });
    expect(sh.stderr).toBe('');
    expect(sh.status).toBe(0);
  });

  it('a malformed mapping file: one line on stderr, exit code 2', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'codesign-spawn-'));
    writeFileSync(path.join(cwd, 'bad.m'), 'Network N {\n  Layer L {\n    Type: CONV\n    Dimensions { K: 0 }\n  }\n}\n');
    const r = spawnSync(process.execPath, [bin, 'maestro', `--HW_file=${fx}/hw/accelerator_1.m`, '--Mapping_file=bad.m'], { cwd, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('codesign: bad.m:4:21: Layer L.Dimensions.K: value 0 is not allowed (expected an integer >= 1)\n');
    expect(existsSync(path.join(cwd, 'bad.csv'))).toBe(false);
  });
});
