/** `codesign --version` prints package.json's version (one line, exit 0). */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/run-cli.js';
import { packageRoot, packageVersion } from '../../src/package-root.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('codesign --version', () => {
  it('finds the package root and its version', () => {
    expect(packageVersion()).toBe(pkg.version);
    expect(JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')).name).toBe('codesign');
  });
  for (const flag of ['--version', '-V']) {
    it(`${flag} prints the version and exits 0`, async () => {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`${pkg.version}\n`);
      expect(r.err).toBe('');
    });
  }
  it('is listed in the help', async () => {
    const r = await runCli(['--help']);
    expect(r.out).toMatch(/-V, --version +print the version/);
  });
});
