/**
 * Loading the raw cost-model `.wasm` through `@assemblyscript/loader`, for applications that
 * already embed AssemblyScript modules that way (it supplies the `env.abort` / `env.seed`
 * imports and returns demangled exports). The hot path is unchanged: the returned
 * {@link CostModel} works on typed-array views of the module's memory, as with `CostModel.load`.
 *
 * ```ts
 * const model = await instantiateWithLoader(await fetch('costmodel.wasm'));
 * ```
 */
import { instantiate, instantiateSync } from '@assemblyscript/loader';
import { CostModel } from './costmodel.js';
import type { CostModelExports, WasmModule } from './wasm.js';

/** Bytes of a module (what the DOM lib calls a `BufferSource`). */
export type WasmBytes = ArrayBuffer | ArrayBufferView;

/** What the loader accepts: a compiled module, the bytes, or a fetch `Response` (or a promise of one). */
export type LoaderSource = WasmModule | WasmBytes | Response | PromiseLike<WasmModule | WasmBytes | Response>;

/** Instantiate `build/costmodel.wasm` (given as bytes, module or Response) with `@assemblyscript/loader`. */
export async function instantiateWithLoader(source: LoaderSource): Promise<CostModel> {
  const { exports } = await instantiate<Record<string, unknown>>(source as Parameters<typeof instantiate>[0]);
  return CostModel.fromExports(exports as unknown as CostModelExports);
}

/** Synchronous variant of {@link instantiateWithLoader} (bytes or a compiled module). */
export function instantiateWithLoaderSync(source: WasmModule | WasmBytes): CostModel {
  const { exports } = instantiateSync<Record<string, unknown>>(source as Parameters<typeof instantiateSync>[0]);
  return CostModel.fromExports(exports as unknown as CostModelExports);
}
