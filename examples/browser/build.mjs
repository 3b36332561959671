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
 * Node built-ins imported at the top of modules the page uses only for their browser-safe parts
 * (e.g. src/dataflows/builtin.ts reads dataflow FILES with node:fs). In the bundle they become a
 * stub that throws if actually called, so a Node-only path fails with a clear message.
 */
const nodeStub = {
  name: 'node-builtins-stub',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, (args) => ({
      contents:
        `const fail = () => { throw new Error(${JSON.stringify(args.path + ' is not available in the browser')}); };\n` +
        'export default new Proxy({}, { get: () => fail });\n' +
        'export const readFileSync = fail, existsSync = fail, writeFileSync = fail, statSync = fail;\n' +
        'export const basename = (p) => String(p).split(/[\\\\/]/).pop();\n',
      loader: 'js',
    }));
  },
};

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/**
 * Build the example. Returns the output folder.
 * @param {{ outdir?: string, minify?: boolean }} [options]
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
    plugins: [nodeStub],
    metafile: true,
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
