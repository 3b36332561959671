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
 * The page imports the library through src/browser.ts (browser-safe), plus src/dataflows/builtin.ts
 * for the built-in dataflows; that module (and src/parse/index.ts, which it imports) also has
 * Node-only functions that read FILES, importing node:fs at the top. In the bundle, Node
 * built-ins become a stub that throws if actually called, so a Node-only path fails with a clear
 * message; the importers are listed at build time (`stubbed`).
 */
const stubbed = new Map();
const nodeStub = {
  name: 'node-builtins-stub',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => {
      const importers = stubbed.get(args.path) ?? new Set();
      importers.add(path.relative(root, args.importer));
      stubbed.set(args.path, importers);
      return { path: args.path, namespace: 'node-stub' };
    });
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
 * @param {{ outdir?: string, minify?: boolean, quiet?: boolean }} [options]
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
  if (!options.quiet) {
    for (const [mod, importers] of stubbed) console.log(`example build: stubbed ${mod} (imported by ${[...importers].join(', ')})`);
  }
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
