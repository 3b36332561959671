/**
 * The README's "Library API" example runs as written (against the package's public entry,
 * src/index.ts) and gives MAESTRO's numbers: docs that cannot drift from the code.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import * as lib from '../../src/index.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const FIX = new URL('../fixtures/maestro/', import.meta.url);

/** The first ```ts block of the README section `## <title>`. */
function snippet(title: string): string {
  const section = README.split(`\n## ${title}\n`)[1]?.split('\n## ')[0];
  const code = section?.match(/```ts\n([\s\S]*?)```/)?.[1];
  if (!code) throw new Error(`README: no ts block under "## ${title}"`);
  return code;
}

describe('README Library API example', () => {
  it('runs against the public entry and gives the numbers of the other front ends', async () => {
    const code = snippet('Library API');
    const imported = code.match(/import \{([^}]*)\} from 'codesign';/);
    expect(imported).not.toBeNull();
    const names = imported![1]!.split(',').map((s) => s.trim()).filter(Boolean);
    for (const n of names) expect(lib, `README imports ${n} from 'codesign'`).toHaveProperty(n);
    const body = code.replace(imported![0], `const { ${names.join(', ')} } = lib;`);
    const js = transformSync(`async function main(lib: any, hwText: string, mappingText: string) {\n${body}\nreturn { r, one, latency, energy };\n}`, { loader: 'ts' }).code;
    const run = new Function('lib', 'hwText', 'mappingText', `${js}\nreturn main(lib, hwText, mappingText);`);
    const hwText = readFileSync(new URL('hw/accelerator_1.m', FIX), 'utf8');
    const mappingText = readFileSync(new URL('mapping/Resnet50_kcp_ws.m', FIX), 'utf8');
    const out = await run(lib, hwText, mappingText);
    // MAESTRO's CSV for this mapping and hardware (test/fixtures/maestro/expected): the first layer's runtime.
    const expected = readFileSync(new URL('expected/accelerator_1/Resnet50_kcp_ws.csv', FIX), 'utf8').split('\n')[1]!.split(',').map((s) => s.trim());
    const header = readFileSync(new URL('expected/accelerator_1/Resnet50_kcp_ws.csv', FIX), 'utf8').split('\n')[0]!.split(',').map((s) => s.trim());
    const runtimeCol = header.indexOf('Runtime (Cycles)');
    expect(runtimeCol).toBeGreaterThan(0);
    expect(out.r.rows[0].metrics.runtime).toBe(Number(expected[runtimeCol]));
    expect(out.one.runtime).toBe(out.r.rows[0].metrics.runtime); // the first layer alone = in the network
    expect(out.latency).toHaveLength(1018);
    expect(out.energy).toHaveLength(1018);
    expect(out.latency.every((v: number) => Number.isFinite(v) && v > 0)).toBe(true);
  });
});
