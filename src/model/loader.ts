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
import type { CostModelExports } from './wasm.js';

/** What the loader accepts: a compiled module, the bytes, or a fetch `Response` (or a promise of one). */
export type LoaderSource = WebAssembly.Module | BufferSource | Response | PromiseLike<WebAssembly.Module | BufferSource | Response>;

/** Instantiate `build/costmodel.wasm` (given as bytes, module or Response) with `@assemblyscript/loader`. */
export async function instantiateWithLoader(source: LoaderSource): Promise<CostModel> {
  const { exports } = await instantiate<Record<string, unknown>>(source);
  return CostModel.fromExports(exports as unknown as CostModelExports);
}

/** Synchronous variant of {@link instantiateWithLoader} (bytes or a compiled module). */
export function instantiateWithLoaderSync(source: WebAssembly.Module | BufferSource): CostModel {
  const { exports } = instantiateSync<Record<string, unknown>>(source);
  return CostModel.fromExports(exports as unknown as CostModelExports);
}
