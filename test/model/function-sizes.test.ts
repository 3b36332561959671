/**
 * The release build keeps its large functions apart: wasm-opt's post-pass inlines a function
 * called from one place only when it is small (`--one-caller-inline-max-function-size=500` in
 * package.json's `asbuild`), so each cluster level's copy of the level analysis stays its own
 * function. Without the option the post-pass merged them into two bodies of 18 and 21 KB, which
 * V8's optimising compiler (TurboFan) took 33-36 ms each to compile: a short `codesign maestro`
 * process then waited for those compiles at exit (about 20 ms of a 165 ms MobileNetV2 run), and
 * every search worker paid them at start-up. The kernel runs as fast either way (side by side,
 * rows bit-identical). This pins the structure, not a time: no function body above 8 KB.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Body sizes (bytes) of the module's functions, from its code section. */
function functionBodySizes(bytes: Uint8Array): number[] {
  let p = 8; // magic + version
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[p++]!;
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  while (p < bytes.length) {
    const id = bytes[p++]!;
    const len = leb();
    const end = p + len;
    if (id === 10) {
      const sizes: number[] = [];
      const n = leb();
      for (let i = 0; i < n; i++) {
        const size = leb();
        sizes.push(size);
        p += size;
      }
      return sizes;
    }
    p = end;
  }
  return [];
}

describe('release build function sizes', () => {
  const sizes = functionBodySizes(readFileSync(path.join(root, 'build/costmodel.wasm')));

  it('has the level analysis copies as separate functions (no body above 8 KB)', () => {
    expect(sizes.length).toBeGreaterThanOrEqual(20);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8192);
    // The four level copies (about 6.7 KB each) are all there.
    expect(sizes.filter((s) => s > 6000).length).toBe(4);
  });

  it('is built with the one-caller inlining limit', () => {
    const asbuild = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.asbuild as string;
    expect(asbuild).toContain('--one-caller-inline-max-function-size=500');
  });
});
