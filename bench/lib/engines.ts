/**
 * The two builds of the cost model, behind the same low-level batch API:
 * `wasm` = build/costmodel.wasm, `js` = build/costmodel-wasm2js.js (the same model through wasm2js, from
 * a size-optimised build of assembly/: see bench/build-js-baseline.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BatchEvaluator } from '../../src/model/batch.js';
import { instantiate, type CostModelExports } from '../../src/model/wasm.js';
import { SkipSection } from './skip.js';

/** A named build of the cost model. */
export interface Engine {
  name: 'wasm' | 'js';
  batch: BatchEvaluator;
}

/** The WebAssembly build; skips the section when it is not built. */
export function wasmEngine(root: string): Engine {
  const file = path.join(root, 'build', 'costmodel.wasm');
  if (!existsSync(file)) throw new SkipSection('build/costmodel.wasm is missing (run `npm run asbuild`)');
  return { name: 'wasm', batch: new BatchEvaluator(instantiate(new WebAssembly.Module(readFileSync(file)))) };
}

/** The wasm2js build, or undefined (with the reason) when build/costmodel-wasm2js.js is missing or stale. */
export async function jsEngine(root: string): Promise<{ engine?: Engine; reason?: string }> {
  const js = path.join(root, 'build', 'costmodel-wasm2js.js');
  const wasm = path.join(root, 'build', 'costmodel.wasm');
  if (!existsSync(js)) return { reason: 'build/costmodel-wasm2js.js is missing (run `npm run build:js-baseline`)' };
  const { statSync } = await import('node:fs');
  if (statSync(js).mtimeMs < statSync(wasm).mtimeMs) {
    return { reason: 'build/costmodel-wasm2js.js is older than build/costmodel.wasm (run `npm run build:js-baseline`)' };
  }
  const mod = (await import(pathToFileURL(js).href)) as { instantiate(imports: object): CostModelExports };
  const exports = mod.instantiate({
    env: {
      abort(): never {
        throw new Error('cost model (js build) aborted');
      },
      seed(): number {
        return 0;
      },
    },
  });
  return { engine: { name: 'js', batch: new BatchEvaluator(exports) } };
}
