/**
 * A checkpoint is reused only for the same inputs: editing a model file an `{"architectures"}`
 * space names, or a dataflow file given only through --proxy, makes the run refuse it (before,
 * both silently reused stale evaluations). A proxy dataflow file may be given by an absolute path.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { identityChanges, spaceContentDigest } from '../../src/search/checkpoint-identity.js';
import { loadSearchSpace } from '../../src/search/spaces.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ckid-'));
const put = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const model = (k: number) => `Network m {\n Layer L0 {\n Type: CONV\n Dimensions { K: ${k}, C: 8, R: 3, S: 3, Y: 18, X: 18 }\n }\n}\n`;
const COMMON = ['--accelerators', 'random:2:1', '--dataflows', 'kcp_ws', '--workers', '0', '--no-timings', '--no-summary', '--no-progress'];

describe('checkpoint identity', () => {
  it('an edited model file of the space: the checkpoint is refused; the fresh run differs', async () => {
    put('a.m', model(16));
    put('b.m', model(32));
    const space = put('s.json', JSON.stringify({ architectures: [{ model: 'a.m', flops: 1 }, { model: 'b.m', flops: 2 }] }));
    const ck = path.join(dir, 's.ck');
    const args = ['search', '--space', space, '--quality', 'flops', ...COMMON, '--checkpoint', ck];
    const d1 = spaceContentDigest(loadSearchSpace(space));
    expect((await runCli([...args, '--out', path.join(dir, '1.json')])).code).toBe(0);
    put('a.m', model(64)); // the JSON file itself is unchanged
    expect(spaceContentDigest(loadSearchSpace(space))).not.toBe(d1);
    const r = await runCli([...args, '--out', path.join(dir, '2.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/s\.ck:1: checkpoint was made by another run: the space file's architectures changed: delete it or give another checkpoint file\n$/);
    put('a.m', model(16)); // back: reusable again, same answers
    const again = await runCli([...args, '--out', path.join(dir, '3.json')]);
    expect(again.code).toBe(0);
    expect(readFileSync(path.join(dir, '3.json'), 'utf8')).toBe(readFileSync(path.join(dir, '1.json'), 'utf8'));
  });

  it('an edited dataflow file given only by --proxy (an absolute path): refused', async () => {
    const df = path.join(dir, 'mydf.m');
    const src = (name: string) => path.resolve(import.meta.dirname, `../fixtures/maestro/dataflow/${name}.m`);
    copyFileSync(src('xp_ws'), df);
    const ck = path.join(dir, 'p.ck');
    const args = ['search', '--space', 'alphanet', '--ids', '0-19', '--mode', 'semi', ...COMMON, '--proxy', `default/${df}`, '--checkpoint', ck];
    const first = await runCli([...args, '--out', path.join(dir, 'p1.json')]);
    expect([first.code, first.err]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(path.join(dir, 'p1.json'), 'utf8')).proxies[0].dataflow).toBe(df);
    copyFileSync(src('rs'), df);
    const r = await runCli([...args, '--out', path.join(dir, 'p2.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`p.ck:1: checkpoint was made by another run: dataflow file ${df} changed: delete it`);
  });
});

describe('identityChanges: what differs, in words', () => {
  it('names each changed part; nothing for tags of another form', () => {
    const a = 'wasm:0123456789ab/infeasible/rules:3/space:aaaaaaaaaaaa//d/x.m:111111111111//d/y.m:222222222222';
    expect(identityChanges(a, a)).toEqual([]);
    expect(identityChanges(a, 'wasm:ba9876543210/skip/rules:4/space:bbbbbbbbbbbb//d/x.m:333333333333//d/z.m:444444444444')).toEqual([
      'the Wasm cost model changed (build/costmodel.wasm)',
      '--invalid was infeasible, now skip',
      'made by another version of codesign (its result rules differ)',
      "the space file's architectures changed",
      'dataflow file /d/x.m changed',
      'dataflow file /d/z.m was not used',
      'dataflow file /d/y.m is no longer used',
    ]);
    expect(identityChanges(a, 'module:/m/e.mjs:0123456789ab/infeasible/rules:3/space:aaaaaaaaaaaa//d/x.m:111111111111//d/y.m:222222222222')).toEqual(['the evaluator was the Wasm cost model, now the module /m/e.mjs']);
    expect(identityChanges('something else', a)).toEqual([]);
  });
});

describe('checkpoint identity of an --evaluator module', () => {
  it('an edited module: the checkpoint is refused (it kept the old answers: only the path was recorded)', async () => {
    const mod = (base: string) =>
      `export function createEvaluator() { return { evaluate(ids, hw) { const n = ids.length, latency = new Float64Array(n), energy = new Float64Array(n);\n` +
      `  ids.forEach((id, i) => { latency[i] = ${base} + 100000 / hw.numPes; energy[i] = 50 + id; }); return { latency, energy }; } }; }\n`;
    const ev = put('ev.mjs', mod('1000 + id * 10'));
    const ck = path.join(dir, 'ev.ck');
    const args = ['search', '--space', 'nb301', '--ids', '0-9', '--quality', 'flops', ...COMMON, '--evaluator', ev, '--checkpoint', ck];
    expect((await runCli([...args, '--out', path.join(dir, 'e1.json')])).code).toBe(0);
    put('ev.mjs', mod('5000 - id * 10'));
    const r = await runCli([...args, '--out', path.join(dir, 'e2.json')]);
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/ev\.ck:1: checkpoint was made by another run: the module .*ev\.mjs changed: delete it/)]);
    put('ev.mjs', mod('1000 + id * 10')); // the same bytes again: reusable
    expect((await runCli([...args, '--out', path.join(dir, 'e3.json')])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'e3.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'e1.json'), 'utf8'));
  });
});

describe('checkpoint identity in the library (runCodesign with its default evaluator)', () => {
  it('a checkpoint of another invalid-layer rule is refused, as by the CLI', async () => {
    const { runCodesign } = await import('../../src/search/run.js');
    const { buildAccelerators } = await import('../../src/accelerators/accelerators.js');
    const { MAESTRO_DEFAULT_HW } = await import('../../src/accelerators/paper.js');
    const ids = Int32Array.from({ length: 20 }, (_, i) => i);
    const ck = path.join(dir, 'lib.ck');
    // 16 PEs: kcp_ws rejects layers, so the rule changes the numbers
    const cfg = (invalid: 'infeasible' | 'skip') => ({
      space: 'nb301',
      archIds: ids,
      quality: Float64Array.from(ids, (i) => i),
      qualityName: 'rank',
      accelerators: buildAccelerators([{ ...MAESTRO_DEFAULT_HW, id: 'small', numPes: 16 }, MAESTRO_DEFAULT_HW], ['kcp_ws', 'rs']),
      proxies: [{ hw: MAESTRO_DEFAULT_HW, dataflow: 'kcp_ws' }],
      problem: { objective: 'latency' as const },
      selection: {},
      thresholds: 'pareto' as const,
      mode: 'full' as const,
      invalid,
      checkpoint: ck,
    });
    await runCodesign(cfg('infeasible'));
    const header = JSON.parse(readFileSync(ck, 'utf8').split('\n')[0]!);
    expect(header.evaluator).toMatch(/^wasm:[0-9a-f]{12}\/infeasible\/rules:\d+$/);
    await expect(runCodesign(cfg('skip'))).rejects.toThrow(/lib\.ck:1: checkpoint was made by another run: --invalid was infeasible, now skip: delete it/);
    await expect(runCodesign(cfg('infeasible'))).resolves.toBeDefined(); // same rule: reused
  });
});
