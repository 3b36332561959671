#!/usr/bin/env node
/**
 * `npm ci` / `npm install` in a checkout (and installs from git) run this through the `prepare`
 * script: build the Wasm cost model and the TypeScript (`npm run build`). Without the
 * devDependencies (`npm ci --omit=dev`) there is no compiler: an existing build is kept (with a
 * note); with none, a one-line error says what to do.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const canBuild = ['assemblyscript/package.json', 'typescript/package.json'].every((p) => {
  try {
    createRequire(path.join(root, 'package.json')).resolve(p);
    return true;
  } catch {
    return false;
  }
});
if (canBuild) {
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
} else if (existsSync(path.join(root, 'build', 'costmodel.wasm')) && existsSync(path.join(root, 'dist', 'src', 'index.js'))) {
  console.error('codesign prepare: no build tools (devDependencies not installed): keeping the existing build');
} else {
  console.error('codesign prepare: cannot build: the devDependencies (assemblyscript, typescript) are not installed; install without --omit=dev, or build where they are');
  process.exit(1);
}
