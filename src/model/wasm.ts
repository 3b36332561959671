/**
 * Loading the cost-model WebAssembly module (build/costmodel.wasm) in Node or a browser.
 */
import { UserError } from '../errors.js';
import { describeValue } from './encode.js';

// The public declarations name no `WebAssembly` / `BufferSource` type: TypeScript declares those
// in its DOM lib only (Node's type package does not), so a Node project without "DOM" in its lib
// could not compile against them. (The DOM lib's `WebAssembly.Module` is an empty interface: any
// object matches it, so `WasmModule` below is as strict.)

/** A compiled WebAssembly module (`WebAssembly.Module` where the DOM lib declares it, else any object). */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: abstract new (...args: never[]) => infer M } } ? M : object;

/** A WebAssembly linear memory, as far as the cost model uses one (a `WebAssembly.Memory` is one). */
export interface WasmMemory {
  /** The memory's bytes (replaced when it grows). */
  readonly buffer: ArrayBuffer;
  /** Grow by `delta` 64 KiB pages; returns the previous size in pages. */
  grow(delta: number): number;
}

/** Raw exports of build/costmodel.wasm (see assembly/index.ts). */
export interface CostModelExports {
  /** The module's linear memory (workspaces are views into it; it grows as they need). */
  memory: WasmMemory;
  /** First byte of linear memory free for JS-owned I/O buffers (8-byte aligned). */
  ioBase(): number;
  /**
   * Evaluate `n` (descriptor, hardware) pairs; see assembly/layout.ts.
   * Returns the number of rows whose status is not ERR_NONE.
   */
  evaluateBatch(descPtr: number, numDescs: number, hwPtr: number, numHw: number, pairsPtr: number, n: number, outPtr: number): number;
  /**
   * Evaluate one pair (row to `rowPtr`) and write its 64-bit integer columns exactly (EXACT_SIZE
   * Int64 at `exactPtr`, see assembly/layout.ts). Returns the row's status.
   */
  evaluateExact(descPtr: number, hwPtr: number, rowPtr: number, exactPtr: number): number;
  /** Statistics: iteration cases analysed since instantiation. */
  casesAnalysed?(): number;
  /** Statistics: most recorded (valid) cases of one analysis since instantiation. */
  maxTraceCases?(): number;
  /** Statistics: analyses whose 64-bit sums needed run-time overflow checks (assembly/bounds.ts). */
  longCheckedAnalyses?(): number;
}

/** What {@link compileWasm} and `CostModel.load` accept: a path / URL, the bytes, or a compiled module. */
export type WasmSource = string | URL | ArrayBuffer | Uint8Array | WasmModule;

const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;

/** Candidate locations of build/costmodel.wasm relative to this file (src/model or dist/src/model). */
function defaultWasmUrls(): URL[] {
  return [new URL('../../build/costmodel.wasm', import.meta.url), new URL('../../../build/costmodel.wasm', import.meta.url)];
}

/** node:fs, synchronously (Node >= 20.16), or undefined outside Node. */
function nodeFs(): typeof import('node:fs') | undefined {
  if (!isNode) return undefined;
  const getBuiltin = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  // (without it an older Node would be taken for a browser and fail obscurely in fetch)
  if (getBuiltin === undefined) throw new UserError(`codesign needs Node.js 20.16 or newer (package.json "engines"); this is ${process.version}`);
  return getBuiltin('node:fs') as typeof import('node:fs');
}

/** Resolve the default wasm location in Node (first candidate that exists). */
function nodeDefaultPath(fs: typeof import('node:fs'), urls: URL[]): URL {
  for (const u of urls) if (fs.existsSync(u)) return u;
  throw new Error(`cost model not built: none of ${urls.map((u) => u.pathname).join(', ')} exists (run npm run asbuild)`);
}

function toUrlOrPath(src: string | URL): string | URL {
  if (src instanceof URL) return src;
  if (/^(file|https?):/.test(src)) return new URL(src);
  return src;
}

/** A source that is none of WasmSource's kinds (a number would be read as a file descriptor). */
function checkSource(src: unknown): void {
  if (src === undefined || typeof src === 'string' || src instanceof URL || src instanceof ArrayBuffer || src instanceof Uint8Array || src instanceof WebAssembly.Module) return;
  throw new TypeError(`cost model source: expected a path, a URL, the bytes (ArrayBuffer / Uint8Array) or a WebAssembly.Module, got ${describeValue(src)}`);
}

/**
 * Check that `ex` are the cost model's exports (a module of another kind would otherwise load and
 * fail at its first use); returns them.
 */
export function checkExports(ex: unknown): CostModelExports {
  const e = ex as Partial<CostModelExports> | null;
  const missing =
    e === null || typeof e !== 'object'
      ? ['memory', 'ioBase', 'evaluateBatch', 'evaluateExact']
      : [
          ...(e.memory instanceof WebAssembly.Memory || (typeof e.memory === 'object' && e.memory !== null && (e.memory as { buffer?: unknown }).buffer instanceof ArrayBuffer) ? [] : ['memory']),
          ...(['ioBase', 'evaluateBatch', 'evaluateExact'] as const).filter((k) => typeof e[k] !== 'function'),
        ];
  if (missing.length > 0) throw new TypeError(`not the codesign cost model (build/costmodel.wasm): its exports lack ${missing.join(', ')}`);
  return e as CostModelExports;
}

/** Compile the module (async): from a path / URL (fetch in browsers), bytes, or a compiled module. */
export async function compileWasm(src?: WasmSource): Promise<WasmModule> {
  checkSource(src);
  if (src instanceof WebAssembly.Module) return src;
  if (src instanceof ArrayBuffer || src instanceof Uint8Array) return WebAssembly.compile(src as BufferSource);
  const fs = nodeFs();
  if (fs !== undefined) {
    const where = src === undefined ? nodeDefaultPath(fs, defaultWasmUrls()) : toUrlOrPath(src);
    return WebAssembly.compile(fs.readFileSync(where));
  }
  const url = src ?? defaultWasmUrls()[0]!;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot fetch cost model ${String(url)}: HTTP ${res.status}`);
  return WebAssembly.compile(await res.arrayBuffer());
}

/** Compile the module synchronously (Node only for paths; bytes / modules anywhere). */
export function compileWasmSync(src?: WasmSource): WasmModule {
  checkSource(src);
  if (src instanceof WebAssembly.Module) return src;
  if (src instanceof ArrayBuffer || src instanceof Uint8Array) return new WebAssembly.Module(src as BufferSource);
  const fs = nodeFs();
  if (fs === undefined) throw new Error('loading the cost model from a path synchronously needs Node');
  const where = src === undefined ? nodeDefaultPath(fs, defaultWasmUrls()) : toUrlOrPath(src);
  return new WebAssembly.Module(fs.readFileSync(where));
}

/** Instantiate a compiled module (no imports needed beyond an abort stub). */
export function instantiate(module: WasmModule): CostModelExports {
  const imports = {
    env: {
      abort(_msg: number, _file: number, line: number, col: number): never {
        throw new Error(`cost model aborted at ${line}:${col}`);
      },
      seed(): number {
        return 0;
      },
    },
  };
  const inst = new WebAssembly.Instance(module as WebAssembly.Module, imports);
  return checkExports(inst.exports);
}
