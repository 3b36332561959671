/**
 * The public entry (src/index.ts, `import ... from 'codesign'`): what the README promises is
 * exported, and bad arguments to its functions are clear errors, never a raw
 * "Cannot read properties of undefined".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { kendall, spearman } from '../../src/search/rankcorr.js';
import { checkArchitectureIds, compileSpace } from '../../src/evaluate/compile.js';
import { thrown } from '../helpers/thrown.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');


describe('rankCorrelations (listed in the README Library API)', () => {
  it('is exported from the public entry', () => {
    const section = README.split('\n## Library API\n')[1]?.split('\n## ')[0] ?? '';
    expect(section).toContain('`rankCorrelations(series)`');
    expect(typeof lib.rankCorrelations).toBe('function');
  });

  it('gives Spearman and Kendall tau-b matrices (real numbers, = pairwise)', () => {
    // Latencies of 5 architectures on 3 accelerators.
    const a = [10, 20, 30, 40, 50];
    const b = [12, 25, 31, 29, 60]; // one swap
    const c = [50, 40, 30, 20, 10]; // reversed
    const r = lib.rankCorrelations([a, b, c]);
    expect(r.spearman![0]![1]).toBeCloseTo(0.9, 15);
    expect(r.kendall![0]![1]).toBeCloseTo(0.8, 15);
    expect(r.spearman![0]![2]).toBe(-1);
    expect(r.kendall![0]![2]).toBe(-1);
    expect(r.spearman![1]![2]).toBe(spearman(b, c));
    expect(r.kendall![1]![2]).toBeCloseTo(kendall(b, c), 15);
    expect(r.spearman!.map((row, i) => row[i])).toEqual([1, 1, 1]);
    expect(lib.rankCorrelations([a, b], { kendall: false })).toEqual({ spearman: [[1, r.spearman![0]![1]], [r.spearman![0]![1], 1]] });
    // Infinity (an infeasible pair) ranks last, as in the search.
    expect(lib.rankCorrelations([[1, 2, Infinity], [1, 2, 3]]).spearman![0]![1]).toBe(1);
  });

  it('bad series: clear errors', () => {
    expect(thrown(() => lib.rankCorrelations([[1, 2, 3], [1, 2]]))).toEqual(new RangeError('series differ in length: series[1] has 2 values, series[0] 3'));
    expect(thrown(() => lib.rankCorrelations([[1, 2, 3], [1, NaN, 2]]))).toEqual(
      new RangeError('rankCorrelations: series[1][1] is NaN: every value must be a number other than NaN (Infinity is fine)'),
    );
    expect(thrown(() => lib.rankCorrelations([[1, 2, 3], undefined as unknown as number[]]))).toEqual(
      new TypeError('rankCorrelations: series[1] must be an array or typed array of numbers, got undefined'),
    );
    expect(thrown(() => lib.rankCorrelations(null as unknown as number[][]))).toBeInstanceOf(TypeError);
  });
});

describe('clear errors for bad arguments', () => {
  it('builtinDataflow of an unknown name', () => {
    const e = thrown(() => lib.builtinDataflow('nope' as lib.BuiltinDataflowName));
    expect(e).toBeInstanceOf(lib.UserError);
    expect(e.message).toBe(
      "dataflow: unknown built-in dataflow 'nope' (expected one of kcp_ws, rs, xp_ws, ykp_os, dpt, nmk; a dataflow file: resolveDataflowSpec or parseDataflow)",
    );
    expect(thrown(() => lib.builtinDataflow('constructor' as lib.BuiltinDataflowName))).toBeInstanceOf(lib.UserError);
    // Valid names unchanged.
    expect(lib.builtinDataflow('kcp_ws').directives).toHaveLength(12);
    expect(lib.builtinDataflow('nmk').name).toBe('nmk');
  });

  it('parseMapping of something that is not text', () => {
    expect(thrown(() => lib.parseMapping(42 as unknown as string, 'net.m'))).toEqual(
      new TypeError("parseMapping: text must be the mapping file's content as a string (loadMapping(path) reads a file), got number"),
    );
    expect(thrown(() => lib.parseMapping(undefined as unknown as string, 'net.m'))).toBeInstanceOf(TypeError);
  });

  it('checkHardware is exported and names the field', () => {
    expect(() => lib.checkHardware({ numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 })).not.toThrow();
    expect(() => lib.checkHardware({ numPes: 1.5, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 })).toThrow(
      'hw.numPes: expected an integer in 1..2147483647, got 1.5',
    );
  });

  it('architecture ids outside a space (helper for compileArchitectures) and compileSpace arguments', () => {
    expect(() => checkArchitectureIds([0, 5, 9999], 10000, 'nb301')).not.toThrow();
    expect(thrown(() => checkArchitectureIds([0, 99999], 10000, 'nb301'))).toEqual(new RangeError('ids[1]: architecture 99999 is not in space nb301 (ids 0..9999)'));
    expect(thrown(() => checkArchitectureIds([-1], 10, 'classic'))).toEqual(new RangeError('ids[0]: architecture -1 is not in space classic (ids 0..9)'));
    expect(thrown(() => checkArchitectureIds([1.5], 10, 'classic'))).toBeInstanceOf(RangeError);
    expect(thrown(() => compileSpace(-1, () => []))).toEqual(new RangeError('compileSpace: count must be an integer >= 0, got -1'));
    expect(thrown(() => compileSpace(1, () => undefined as unknown as []))).toEqual(
      new TypeError('compileSpace: the layers of architecture 0 are not an array (got undefined)'),
    );
  });
});

describe('SpaceEvaluator arguments', () => {
  it('fractional / string architecture indices, a bad dataflow choice or hardware: clear errors, not silent zeros', async () => {
    const model = await lib.CostModel.load();
    const space = lib.getSpace('classic');
    const compiled = lib.compileArchitectures(space, [0, 1]);
    const ev = new lib.SpaceEvaluator(model, compiled);
    const HW = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 };
    const df = { main: lib.builtinDataflow('kcp_ws') };
    expect(ev.evaluate(HW, df, [1]).latency[0]).toBeGreaterThan(0);
    expect(thrown(() => ev.evaluate(HW, df, [1.5]))).toEqual(new RangeError('archs[0]: architecture index 1.5 out of range: expected an integer in 0..1'));
    expect(thrown(() => ev.evaluate(HW, df, ['1' as unknown as number]))).toEqual(
      new RangeError('archs[0]: architecture index the string "1" out of range: expected an integer in 0..1'),
    );
    expect(thrown(() => ev.evaluate(HW, { main: 'kcp_ws' } as never))).toEqual(
      new TypeError("df: expected { main: Dataflow, dsconv?, gemm? } (e.g. { main: builtinDataflow('kcp_ws') }), got an object with main the string \"kcp_ws\""),
    );
    expect(thrown(() => ev.evaluate(HW, undefined as never))).toBeInstanceOf(TypeError);
    expect(thrown(() => ev.evaluate(null as never, df)).message).toMatch(/^hw: expected a Hardware object/);
    expect(thrown(() => new lib.SpaceEvaluator(null as never, compiled)).message).toMatch(/^SpaceEvaluator: model must be a CostModel/);
    expect(thrown(() => new lib.SpaceEvaluator(model, null as never)).message).toMatch(/^SpaceEvaluator: space must be a CompiledSpace/);
  });
});

describe('more argument checks at the entry', () => {
  it('parsers, getSpace, applyDataflow, compileArchitectures: a TypeError naming what is wrong', () => {
    expect(thrown(() => lib.parseHardware(null as never, 'hw.m'))).toEqual(
      new TypeError("text: expected a MAESTRO file's content as a string (loadMapping / loadModel / loadDataflow / loadHardware read a file), got null"),
    );
    expect(thrown(() => lib.parseModel(42 as never, 'm.m'))).toBeInstanceOf(TypeError);
    expect(thrown(() => lib.getSpace(42 as never))).toEqual(new TypeError("getSpace: expected nb301, alphanet, classic or a space file's path, got number"));
    expect(thrown(() => lib.applyDataflow(null as never, lib.builtinDataflow('kcp_ws'))).message).toMatch(/^applyDataflow: net must be a Network/);
    const net = lib.parseModel('Network n {\n Layer L {\n Type: CONV\n Dimensions { K: 8, C: 8, R: 3, S: 3, Y: 10, X: 10 }\n }\n}\n', 'n.m');
    expect(thrown(() => lib.applyDataflow(net, 'rs' as never)).message).toBe(
      "applyDataflow: df must be a Dataflow (builtinDataflow('kcp_ws'), parseDataflow(text, file)), got the string \"rs\"",
    );
    expect(thrown(() => lib.compileArchitectures(null as never, [1])).message).toMatch(/^compileArchitectures: space must be an ArchitectureSpace/);
  });
});

describe('a row MAESTRO prints that is no cost (a mapping that computes nothing)', () => {
  // R = 9 > Y = 4: kcp_ws's maps cover no iteration; MAESTRO prints runtime 0, 0 MACs and a
  // negative energy for it (as the MAESTRO binary does for such layers: see result-check.ts).
  const hw = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 };
  const layer = { name: 'A', type: 'CONV', strideX: 1, strideY: 1, dims: { K: 32, C: 3, R: 9, S: 3, Y: 4, X: 56 }, dataflow: lib.builtinDataflow('kcp_ws') } as const;
  const ok = { ...layer, name: 'B', dims: { K: 32, C: 3, R: 3, S: 3, Y: 4, X: 56 } };

  it('evaluateLayer gives MAESTRO\'s row; meaninglessResult says why it is no cost', async () => {
    const model = await lib.CostModel.load();
    const m = model.evaluateLayer(layer, hw);
    expect([m.runtime, m.num_macs, m.energy_nj]).toEqual([0, 0, -563.8472448]);
    expect(lib.meaninglessResult(m.runtime, m.energy_nj, m.num_macs)).toMatch(/^the mapping computes nothing \(0 MACs; MAESTRO's runtime 0, energy -563.8472448 nJ\)/);
    const good = model.evaluateLayer(ok, hw);
    expect(lib.meaninglessResult(good.runtime, good.energy_nj, good.num_macs)).toBeUndefined();
  });

  it('evaluateNetwork marks its row (noCost) and counts it, next to rejected', async () => {
    const model = await lib.CostModel.load();
    const r = model.evaluateNetwork({ name: 'N', layers: [ok, layer] }, hw, { isolated: true });
    expect(r.rejected).toBe(0);
    expect(r.noCost).toBe(1);
    expect('noCost' in r.rows[0]!).toBe(false);
    expect(r.rows[1]).toMatchObject({ layer: 'A', noCost: expect.stringMatching(/^the mapping computes nothing/) });
    expect(model.evaluateNetwork({ name: 'M', layers: [ok] }, hw).noCost).toBe(0);
  });
});
