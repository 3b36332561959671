#!/usr/bin/env node
/**
 * Runs the differential-testing tools from their TypeScript sources (bundled on the fly with
 * esbuild, a dev dependency, into a temporary folder under node_modules/.cache, removed after the
 * run: the bundle finds the package's data/ by walking up from itself, like the sources do):
 *
 *   MAESTRO_BIN=/path/to/maestro node scripts/differential/run.mjs campaign --seed 1 --cases 1000 --out runs/s1.jsonl
 *   node scripts/differential/run.mjs summarize --report diff-report.md runs/*.jsonl
 *   node scripts/differential/run.mjs fixtures --out test/differential/fixtures runs/*.jsonl
 *
 * The cost model is build/costmodel.wasm (run `npm run asbuild` first).
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const entries = { campaign: 'campaign.ts', summarize: 'summarize.ts', fixtures: 'fixtures.ts' };
const [cmd, ...args] = process.argv.slice(2);
if (!entries[cmd]) {
  process.stderr.write(`usage: run.mjs ${Object.keys(entries).join('|')} [options]\n`);
  process.exit(2);
}
const cache = path.join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(path.join(cache, 'codesign-diff-'));
const outfile = path.join(dir, `${cmd}.mjs`);
try {
  await build({
    entryPoints: [path.join(here, entries[cmd])],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external', // npm packages (commander, ...) load from node_modules as they are
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  const mod = await import(pathToFileURL(outfile).href);
  process.exitCode = await mod.main(args, root);
} catch (e) {
  process.stderr.write(`${cmd}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
