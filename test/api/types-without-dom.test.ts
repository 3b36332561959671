/**
 * The package's declarations compile in a Node project whose lib has no "DOM" (TypeScript declares
 * `WebAssembly` and `BufferSource` only there; Node's type package does not), without skipLibCheck,
 * and still take a real `WebAssembly.Module` where the DOM lib is there. Checks the built
 * declarations (dist/src/*.d.ts, made by `npm run build`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../conformance/oracle.js';

const entry = path.join(PROJECT_ROOT, 'dist', 'src', 'index.js');

function diagnostics(code: string, lib: string[]): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'types-'));
  const file = path.join(dir, 'consumer.mts'); // (an ES module: top-level await)
  writeFileSync(file, code);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    lib,
    types: ['node'],
    typeRoots: [path.join(PROJECT_ROOT, 'node_modules', '@types')],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(PROJECT_ROOT, d.file.fileName)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

describe('declarations without the DOM lib', () => {
  const use = `
import { CostModel, compileWasm, compileWasmSync, instantiateWithLoader, type WasmModule, type CostModelExports } from ${JSON.stringify(entry)};
const model = await CostModel.load();
const m: WasmModule = await compileWasm(new Uint8Array(8));
CostModel.fromExports({} as CostModelExports);
await instantiateWithLoader(new Uint8Array(8));
void model, m, compileWasmSync;
`;

  it('compile with lib ES2022 + @types/node alone, skipLibCheck off', () => {
    expect(diagnostics(use, ['lib.es2022.d.ts'])).toEqual([]);
  }, 60_000);

  it('and with the DOM lib, where a WebAssembly.Module goes in and comes out', () => {
    const dom = use + `
declare const native: WebAssembly.Module;
const back: WebAssembly.Module = await compileWasm(native);
const mem: WebAssembly.Memory = new WebAssembly.Memory({ initial: 1 });
const e: Pick<CostModelExports, 'memory'> = { memory: mem };
void back, e;
`;
    expect(diagnostics(dom, ['lib.es2022.d.ts', 'lib.dom.d.ts'])).toEqual([]);
  }, 60_000);
});
