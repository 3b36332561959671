/**
 * runCodesign checks its configuration once, before any work: every field's type, enum, range and
 * length, with a UserError naming the field (never a raw property read or a silently wrong
 * number); without an evaluator it uses the Wasm cost model, as `codesign search` does.
 */
import { describe, expect, it } from 'vitest';
import { buildAccelerators } from '../../src/accelerators/accelerators.js';
import { applyDataflow } from '../../src/parse/mapping.js';
import { builtinDataflow } from '../../src/dataflows/builtin.js';
import { CostModel } from '../../src/model/costmodel.js';
import { UserError } from '../../src/errors.js';
import type { Hardware } from '../../src/model/types.js';
import { resultJson } from '../../src/report/json.js';
import { runCodesign, type RunConfig } from '../../src/search/run.js';
import { compileIds, ModelArchEvaluator } from '../../src/search/space-evaluator.js';
import { loadSearchSpace } from '../../src/search/spaces.js';
import type { ArchEvaluator } from '../../src/search/types.js';
import { getSpace } from '../../src/spaces/index.js';
import { P, toyConfig, toyEvaluator } from './fixtures/toy.js';

/** The rejection of `runCodesign(cfg, evaluator)` (fails the test when it resolves); `'none'`: no evaluator. */
async function rejection(cfg: unknown, evaluator: unknown = toyEvaluator()): Promise<Error> {
  try {
    if (evaluator === 'none') await runCodesign(cfg as RunConfig);
    else await runCodesign(cfg as RunConfig, evaluator as ArchEvaluator);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

/** A config with `field` (a dotted path) set to `value`. */
function withField(path: string, value: unknown): RunConfig {
  const cfg = toyConfig() as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let o = cfg;
  for (const k of keys.slice(0, -1)) o = o[k] = { ...(o[k] as object) } as Record<string, unknown>;
  o[keys.at(-1)!] = value;
  return cfg as unknown as RunConfig;
}

describe('runCodesign: configuration checks', () => {
  it.each([
    ['mode', 'bogus', 'cfg.mode: expected semi, full, both, certified or all, got the string "bogus"'],
    ['mode', undefined, 'cfg.mode: expected semi, full, both, certified or all, got undefined'],
    ['problem.objective', 'speed', 'cfg.problem.objective: expected latency, energy or edp, got the string "speed"'],
    ['problem.latencyCap', -3, 'cfg.problem.latencyCap: expected a number > 0, got -3'],
    ['problem.energyCap', NaN, 'cfg.problem.energyCap: expected a number > 0, got NaN'],
    ['problem', undefined, "cfg.problem: expected a Problem object ({ objective: 'latency' }), got undefined"],
    ['selection.tolerance', -1, 'cfg.selection.tolerance: expected a number >= 0, got -1'],
    ['selection.tolerance', Infinity, 'cfg.selection.tolerance: expected a number >= 0, got Infinity'],
    ['selection.topK', 1.5, 'cfg.selection.topK: expected an integer >= 0, got 1.5'],
    ['selection.mode', 'best', 'cfg.selection.mode: expected pareto or per-threshold, got the string "best"'],
    ['selection.objective', 'area', 'cfg.selection.objective: expected latency, energy or edp, got the string "area"'],
    ['selection', undefined, 'cfg.selection: expected a SelectionOptions object ({} for the default Pareto selection), got undefined'],
    ['quality', Float64Array.from([4, 3]), 'cfg.quality: has 2 values for 4 architecture ids (cfg.archIds): give one quality per id'],
    ['quality', Float64Array.from([4, 3, NaN, 1]), 'cfg.quality[2]: expected a finite number, got NaN'],
    ['quality', undefined, 'cfg.quality: expected a Float64Array of qualities, one per architecture id, got undefined'],
    ['archIds', [0, 1, 2, 3], 'cfg.archIds: expected an Int32Array of architecture ids (Int32Array.from(ids)), got an array'],
    ['thresholds', [3, Infinity], 'cfg.thresholds[1]: expected a finite number, got Infinity'],
    ['proxies', [{ hw: { ...P, numPes: 64 }, dataflow: 'kcp_ws' }], `cfg.proxies[0].hw.id: the proxy's hardware id '${P.id}' names other values in cfg.accelerators[0].hw (ids name the configurations in the results): rename one`],
    ['proxies', [{ hw: { ...P, id: 'x' }, dataflow: 'kcp_ws' }, { hw: { ...P, id: 'x', nocBw: 7 }, dataflow: 'rs' }], "cfg.proxies[1].hw.id: the proxy's hardware id 'x' names other values in cfg.proxies[0].hw (ids name the configurations in the results): rename one"],
    ['thresholds', 'some', 'cfg.thresholds: expected \'pareto\', \'all\' or a list of quality thresholds, got the string "some"'],
    ['accelerators', [], 'cfg.accelerators: expected a non-empty array of accelerators (buildAccelerators(hardware, dataflows)), got an array'],
    ['proxies', [{ hw: { ...P, numPes: 1.5 }, dataflow: 'kcp_ws' }], 'cfg.proxies[0].hw.numPes: expected an integer in 1..2147483647, got 1.5'],
    ['proxies', [{ hw: P }], 'cfg.proxies[0].dataflow: expected a dataflow name (kcp_ws, rs, xp_ws, ...) or dataflow file, got undefined'],
    ['proxies', [], "cfg.proxies: no proxy accelerator: mode 'all' runs phase 1 on the proxies (e.g. [{ hw: MAESTRO_DEFAULT_HW, dataflow: 'kcp_ws' }])"],
    ['chunkSize', 0, 'cfg.chunkSize: expected an integer >= 1, got 0'],
    ['space', 42, 'cfg.space: expected a string (the space name: nb301, alphanet, classic or a space file), got 42'],
    ['onProgress', 'yes', 'cfg.onProgress: expected a function (label, done, total), got the string "yes"'],
    ['shapes', { count: 3, offsets: new Uint32Array(4), seq: new Uint32Array(0) }, 'cfg.shapes: describes 3 architectures (offsets 4, seq 0), the run has 4 (cfg.archIds): compile the same ids'],
  ])('%s = %o', async (field, value, message) => {
    const e = await rejection(withField(field, value));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe(message);
  });

  it('accelerators: hardware, dataflow and index of each are checked (once per run)', async () => {
    const bad = (over: object) => ({ ...buildAccelerators([P], ['kcp_ws'])[0]!, ...over });
    expect((await rejection(withField('accelerators', [bad({ hw: { ...P, l1Size: -5 } })]))).message).toBe(
      'cfg.accelerators[0].hw.l1Size: expected an integer in 0..2147483647, got -5',
    );
    expect((await rejection(withField('accelerators', [bad({ hw: { numPes: 256 } as Hardware })]))).message).toMatch(/^cfg\.accelerators\[0\]\.hw: missing l1Size, l2Size, nocBw, offchipBw /);
    const two = buildAccelerators([P, { ...P, id: 'Q' }], ['kcp_ws']);
    expect((await rejection(withField('accelerators', [two[0], { ...two[1], index: 0 }]))).message).toBe(
      'cfg.accelerators[1].index: 0 is the index of an earlier accelerator: indices must be distinct',
    );
  });

  it('per-threshold selection without explicit thresholds: the existing rule, now naming the field', async () => {
    const e = await rejection(withField('selection', { mode: 'per-threshold' }));
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe('cfg.thresholds: per-threshold selection needs explicit thresholds (a non-empty list)');
  });

  it('full mode with explicit thresholds needs no proxy; a missing config or a bad evaluator is a TypeError', async () => {
    const r = await runCodesign(toyConfig({ proxies: [], mode: 'full', thresholds: [2.5] }), toyEvaluator());
    expect(r.perThreshold[0]!.full!.archId).toBe(1);
    expect(await rejection(undefined)).toEqual(new TypeError('runCodesign: cfg must be a RunConfig object, got undefined'));
    expect(await rejection(toyConfig(), {})).toEqual(
      new TypeError('runCodesign: evaluator must be an ArchEvaluator (an object with evaluate(archIds, hw, dataflow)), got an object; omit it to use the Wasm cost model'),
    );
  });

  it('valid configurations run as before (the toy run: known answers)', async () => {
    const r = await runCodesign(toyConfig({ selection: { tolerance: 0, topK: 0 }, problem: { objective: 'latency', latencyCap: Infinity } }), toyEvaluator());
    expect(r.thresholds).toEqual([4, 3, 2, 1]);
    expect(r.perThreshold.map((t) => t.full && [t.full.archId, t.full.value])).toEqual([[0, 40], [1, 30], [1, 30], [3, 10]]);
    // Plain number arrays as quality (not only Float64Array) keep working.
    const q = await runCodesign(toyConfig({ quality: [4, 3, 2, 1] as unknown as Float64Array }), toyEvaluator());
    expect(q.agreement).toEqual(r.agreement);
  });
});

describe('runCodesign without an evaluator: the Wasm cost model (as codesign search)', () => {
  const P2: Hardware = { id: 'H2', numPes: 16, l1Size: 100, l2Size: 3000, nocBw: 500, offchipBw: 50 };
  const ids = [0, 1, 2, 3, 4, 5, 6, 7];
  function nb301Config(over: Partial<RunConfig> = {}): RunConfig {
    const flops = getSpace('nb301').columns.find((c) => c.name === 'flops')!;
    return {
      space: 'nb301',
      archIds: Int32Array.from(ids),
      quality: Float64Array.from(ids, (id) => flops.values[id]!),
      qualityName: 'flops',
      accelerators: buildAccelerators([P, P2], ['kcp_ws', 'xp_ws']),
      proxies: [{ hw: P, dataflow: 'kcp_ws' }],
      problem: { objective: 'latency' },
      selection: {},
      thresholds: 'all',
      mode: 'all',
      ...over,
    };
  }

  it('gives the same result as an explicit ModelArchEvaluator, and MAESTRO-model numbers', async () => {
    const cfg = nb301Config();
    const byDefault = await runCodesign(cfg);
    // (the default evaluator's compiled space also gives the layer-analysis counts: the explicit
    // run gets them from the same shapes)
    const shapes = compileIds(loadSearchSpace('nb301'), ids);
    const explicit = await runCodesign({ ...cfg, shapes }, new ModelArchEvaluator({ space: 'nb301', ids }));
    expect(resultJson(byDefault, { timings: false })).toBe(resultJson(explicit, { timings: false }));
    expect(byDefault.searches.full!.layerAnalyses).toBeGreaterThan(0);
    const top = byDefault.perThreshold[0]!;
    expect(top.threshold).toBe(136441728);
    expect([top.full!.archId, top.full!.accelId, top.full!.value]).toEqual([7, 'P/kcp_ws', 3816596]);
    expect(byDefault.agreement.certifiedAgrees).toBe(8);
    // The same number from the cost model directly (CONV on kcp_ws, DSCONV on dpt, GEMM on nmk).
    const net = applyDataflow({ name: 'a7', layers: getSpace('nb301').layers(7) }, builtinDataflow('kcp_ws'), { dsconv: builtinDataflow('dpt'), gemm: builtinDataflow('nmk') });
    expect((await CostModel.load()).evaluateNetwork(net, P).totals.runtime).toBe(3816596);
  });

  it("applies the run's invalid rule: skip sums the valid layers (32 PEs: kcp_ws's Cluster(64) rejects every CONV layer)", async () => {
    const P32 = { ...P, id: 'P32', numPes: 32 };
    const cfg = nb301Config({ accelerators: buildAccelerators([P32], ['kcp_ws']), proxies: [{ hw: P32, dataflow: 'kcp_ws' }], mode: 'full' });
    const infeasible = await runCodesign(cfg);
    expect(infeasible.perThreshold.every((t) => t.full === null)).toBe(true);
    const skip = await runCodesign({ ...cfg, invalid: 'skip' });
    const explicit = await runCodesign({ ...cfg, invalid: 'skip', shapes: compileIds(loadSearchSpace('nb301'), ids) }, new ModelArchEvaluator({ space: 'nb301', ids, invalid: 'skip' }));
    expect(skip.invalid).toBe('skip');
    expect(resultJson(skip, { timings: false })).toBe(resultJson(explicit, { timings: false }));
    expect(skip.perThreshold.some((t) => t.full !== null)).toBe(true);
  });

  it('the space, the ids and the dataflows it needs are checked with their fields', async () => {
    const space = await rejection(nb301Config({ space: 'no-such-space' }), 'none');
    expect(space).toBeInstanceOf(UserError);
    expect(space.message).toMatch(/^cfg\.space: the default evaluator \(the Wasm cost model; pass an ArchEvaluator as runCodesign's second argument for anything else\) cannot load space 'no-such-space': /);
    const id = await rejection(nb301Config({ archIds: Int32Array.from([0, 99999]), quality: Float64Array.from([1, 2]) }), 'none');
    expect(id.message).toBe('cfg.archIds[1]: architecture 99999 is not in space nb301 (ids 0..9999)');
    const df = await rejection(nb301Config({ accelerators: buildAccelerators([P], ['kcp_ws', 'nope']) }), 'none');
    expect(df.message).toBe("cfg.accelerators[1].dataflow: 'nope' is neither a built-in dataflow (kcp_ws, rs, xp_ws, ykp_os, dpt, nmk) nor a readable file");
  });
});

describe('runCodesign: what the CLI refuses, the library refuses too', () => {
  it('a repeated accelerator id or architecture id, an empty threshold list', async () => {
    const [a, b] = toyConfig().accelerators;
    expect((await rejection(toyConfig({ accelerators: [a!, { ...b!, id: a!.id }] }))).message).toBe(
      `cfg.accelerators[1].id: '${a!.id}' is the id of an earlier accelerator: ids name the accelerators in the results`,
    );
    expect((await rejection(toyConfig({ archIds: Int32Array.from([0, 1, 1, 3]) }))).message).toBe('cfg.archIds[2]: architecture 1 is listed twice: give each once');
    expect((await rejection(toyConfig({ thresholds: [] }))).message).toBe("cfg.thresholds: expected 'pareto', 'all' or a non-empty list of quality thresholds, got an array");
  });

  it("an evaluator's malformed or negative results: an error naming them, never a ranked answer", async () => {
    const returning = (r: unknown): ArchEvaluator => ({ evaluate: () => r as never });
    expect((await rejection(toyConfig(), returning(undefined))).message).toBe(
      "the evaluator's evaluate() returned undefined, not { latency, energy } arrays (one value per architecture)",
    );
    const negative: ArchEvaluator = { evaluate: (ids) => ({ latency: Float64Array.from(ids, () => -5), energy: Float64Array.from(ids, () => 1) }) };
    expect((await rejection(toyConfig(), negative)).message).toMatch(/^the evaluator gave architecture 0 on .* a negative latency \(-5\): costs are >= 0/);
    const answering = (l: unknown, e: unknown): ArchEvaluator => ({ evaluate: (ids) => ({ latency: Array.from(ids, () => l), energy: Array.from(ids, () => e) }) as never });
    // values that are not numbers used to count as infeasible without a word
    expect((await rejection(toyConfig(), answering('5', 1))).message).toMatch(/^the evaluator gave architecture 0 on .* a latency of the string "5": expected a number \(Infinity, NaN or null: infeasible\)$/);
    expect((await rejection(toyConfig(), answering(1, 5n))).message).toMatch(/ an energy of bigint 5: expected a number/);
    expect((await rejection(toyConfig(), answering(-Infinity, 1))).message).toMatch(/a negative latency \(-Infinity\)/);
  });
});
