#!/usr/bin/env node
/**
 * Builds the browser example into examples/browser/dist/ (or the folder given):
 * bundles main.ts with esbuild for the browser, copies index.html and the cost model's
 * WebAssembly (build/costmodel.wasm, built by `npm run asbuild`).
 *
 *   node examples/browser/build.mjs [outdir]
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The page imports the library through src/browser.ts, whose import graph has no Node built-ins
 * (test/browser/browser-entry.test.ts checks it). Should one creep in, the build fails naming
 * the module that imports it, instead of bundling code that breaks in the browser.
 */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [{ text: `${args.path} is imported by ${path.relative(root, args.importer)}: Node built-ins do not exist in the browser` }],
    }));
  },
};

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/**
 * Build the example. Returns the output folder.
 * @param {{ outdir?: string, minify?: boolean, quiet?: boolean }} [options] (the build prints nothing; `quiet` is accepted for callers)
 */
export async function buildExample(options = {}) {
  const outdir = path.resolve(options.outdir ?? path.join(here, 'dist'));
  const wasm = path.join(root, 'build', 'costmodel.wasm');
  if (!existsSync(wasm)) {
    throw new Error(`example build: ${path.relative(process.cwd(), wasm)} is missing: run \`npm run asbuild\` first`);
  }
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [path.join(here, 'main.ts')],
    outfile: path.join(outdir, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    sourcemap: true,
    minify: options.minify ?? true,
    logLevel: 'warning',
    plugins: [noNodeBuiltins],
  });
  copyFileSync(path.join(here, 'index.html'), path.join(outdir, 'index.html'));
  copyFileSync(wasm, path.join(outdir, 'costmodel.wasm'));
  return outdir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildExample({ outdir: process.argv[2] })
    .then((out) => console.log(`example built in ${path.relative(process.cwd(), out) || '.'}`))
    .catch((err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    });
}
