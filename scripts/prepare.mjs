#!/usr/bin/env node
/**
 * `npm ci` / `npm install` in a checkout (and installs from git) run this through the `prepare`
 * script: build the Wasm cost model and the TypeScript (`npm run build`). Without the build tools
 * (`npm ci --omit=dev`: no asc, wasm-opt or tsc in node_modules/.bin) an existing build is kept,
 * with a note; with none, a one-line error says what to do. A failing build keeps its exit code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const tools = ['asc', 'wasm-opt', 'tsc'];
const missing = tools.filter((t) => !existsSync(bin(t)));
if (missing.length === 0) {
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
if (existsSync(path.join(root, 'build', 'costmodel.wasm')) && existsSync(path.join(root, 'dist', 'src', 'index.js'))) {
  console.error(`codesign prepare: no build tools (${missing.join(', ')} not installed: devDependencies left out?): keeping the existing build, which may be out of date`);
} else {
  console.error(`codesign prepare: cannot build: ${missing.join(', ')} not installed (they come with the devDependencies assemblyscript and typescript); install without --omit=dev, or build where they are`);
  process.exit(1);
}
