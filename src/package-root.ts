/**
 * Where the installed codesign package is: its root directory (the one holding codesign's
 * package.json), found by walking up from this module (src/ when run from sources, dist/src/
 * when built), and the version that package.json states.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The codesign package's root directory (throws when its package.json cannot be found). */
export function packageRoot(): string {
  return findPackage().dir;
}

/** The codesign package's version, as its package.json states it. */
export function packageVersion(): string {
  return findPackage().version;
}

function findPackage(): { dir: string; version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'codesign') return { dir, version: String(pkg.version) };
    } catch {
      /* not here: keep walking up */
    }
    dir = path.dirname(dir);
  }
  throw new Error('codesign package.json not found (is the package installed completely?)');
}
