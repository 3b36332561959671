/** Project paths, from the compiled (dist/bench/lib) or source (bench/lib) location. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding package.json). */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'bench'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('bench: cannot find the project root (package.json)');
}
