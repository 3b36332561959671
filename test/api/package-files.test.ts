// What the published package holds (`npm pack`): the runtime files, the sources its source maps
// point at and the licence; not the benchmarks (they import devDependencies) or build by-products.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../conformance/oracle.js';

describe('package files', () => {
  it('ships the runtime, its sources and LICENSE; not dist/bench or build/*.wat', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    const files = new Set<string>((JSON.parse(out) as [{ files: { path: string }[] }])[0].files.map((f) => f.path));
    for (const f of ['build/costmodel.wasm', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/browser.js', 'dist/src/cli/main.js', 'dist/assembly/layout.js', 'src/index.ts', 'assembly/layout.ts', 'LICENSE', 'README.md', 'package.json', 'examples/cli/hw.m', 'examples/cli/net.m']) {
      expect(files.has(f), f).toBe(true);
    }
    expect([...files].filter((f) => f.startsWith('dist/bench/') || f.endsWith('.wat') || f.includes('wasm2js'))).toEqual([]);
    expect([...files].some((f) => f.startsWith('data/spaces/'))).toBe(true);
    // Every compiled module has its source (a stale output of a removed or renamed source, or a
    // by-product left in dist/, would ship otherwise: tsbuild empties dist/ first).
    const compiled = [...files].filter((f) => /^dist\/.*\.(c?js)$/.test(f));
    expect(compiled.length).toBeGreaterThan(50);
    expect(compiled.filter((f) => !files.has(f.replace(/^dist\//, '').replace(/\.js$/, '.ts')) && !files.has(f.replace(/^dist\//, '').replace(/\.cjs$/, '.cts')))).toEqual([]);
  });

  it('builds the `codesign` bin executable (tsc writes it 0644 and tsbuild empties dist/ first: after a rebuild, a bin npm had linked was left "Permission denied")', () => {
    const bin = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.codesign;
    expect(bin).toBe('dist/src/cli/main.js');
    const file = path.join(PROJECT_ROOT, bin);
    expect(readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o111).toBe(0o111);
  });
});
