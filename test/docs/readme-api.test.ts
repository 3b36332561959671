/**
 * The README's "Library API" examples run as written (against the package's public entry,
 * src/index.ts) and give MAESTRO's numbers and the search's documented figures: docs that cannot
 * drift from the code.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import * as lib from '../../src/index.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const FIX = new URL('../fixtures/maestro/', import.meta.url);

/** The ```ts blocks of the README section `## <title>`, in order. */
function snippets(title: string): string[] {
  const section = README.split(`\n## ${title}\n`)[1]?.split('\n## ')[0];
  const blocks = [...(section ?? '').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  if (blocks.length === 0) throw new Error(`README: no ts block under "## ${title}"`);
  return blocks;
}

/**
 * A README block as an async function of (lib, ...params) that returns `returned`: its
 * `import { ... } from 'codesign'` becomes a destructuring of `lib` (each name checked to be exported).
 */
function compile(code: string, params: string[], returned: string): (lib: unknown, ...args: unknown[]) => Promise<any> {
  const imported = code.match(/import \{([^}]*)\} from 'codesign';/);
  expect(imported).not.toBeNull();
  const names = imported![1]!.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) expect(lib, `README imports ${n} from 'codesign'`).toHaveProperty(n);
  const body = code.replace(imported![0], `const { ${names.join(', ')} } = lib;`);
  const args = ['lib', ...params];
  const js = transformSync(`async function main(${args.map((a) => `${a}: any`).join(', ')}) {\n${body}\nreturn ${returned};\n}`, { loader: 'ts' }).code;
  return new Function(...args, `${js}\nreturn main(${args.join(', ')});`) as (lib: unknown, ...a: unknown[]) => Promise<any>;
}

describe('README Library API examples', () => {
  it('the first runs against the public entry and gives the numbers of the other front ends', async () => {
    const run = compile(snippets('Library API')[0]!, ['hwText', 'mappingText'], '{ r, one, latency, energy }');
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

  it('the second (a complete co-design search) runs as written and prints what the README shows', async () => {
    const code = snippets('Library API')[1]!;
    const run = compile(code, ['console'], 'result');
    const lines: string[] = [];
    const result = await run(lib, { log: (s: string) => lines.push(s) });
    // The README's figures: |S| = 15, 47.8x (also in "The paper's experiment" and Performance),
    // semi = full = certified at all 6 constraints.
    expect(result.selected.count).toBe(15);
    expect(result.agreement).toMatchObject({ thresholds: 6, semiOptimal: 6, certifiedAgrees: 6 });
    expect(result.speedup.semi.toFixed(1)).toBe('47.8');
    // The output shown in the block's closing comments is the start of what it prints.
    const shown = [...code.matchAll(/^\/\/ (.*?)( \.\.\.)?$/gm)].map((m) => m[1]!);
    expect(shown.length).toBeGreaterThan(0);
    shown.forEach((s, i) => expect(lines[i]).toBe(s));
  }, 60_000);

  it('the third (the same search through searchConfig) gives the second one\'s answers', async () => {
    const full = await compile(snippets('Library API')[1]!, ['console'], 'result')(lib, { log: () => {} });
    const same = await compile(snippets('Library API')[2]!, [], 'same')(lib);
    expect(same.selected.count).toBe(15);
    expect(same.agreement).toEqual(full.agreement);
    expect(JSON.stringify(same.perThreshold)).toBe(JSON.stringify(full.perThreshold));
  }, 60_000);
});
