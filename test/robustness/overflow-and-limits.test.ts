/**
 * Numeric overflow and resource limits: huge-but-valid dimensions / num_pes never yield MAESTRO's
 * wrapped numbers (a clear error instead), and no input can hang the CLI (enormous --ids ranges,
 * huge Constants, thousands of directives, deep nesting, many jobs).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { run, tempDir, put, expectOneLineError, esc, VALID } from './helpers.js';
import { expectedMacs, overflowRisk, resultOverflow } from '../../src/parse/result-check.js';
import { CostModel } from '../../src/model/costmodel.js';
import { parseMapping } from '../../src/parse/index.js';
import type { Layer } from '../../src/model/types.js';

let dir = '';
let hwM = '';
let modelM = '';
beforeAll(() => {
  dir = tempDir();
  hwM = put(dir, 'hw.m', VALID.hwM);
  modelM = put(dir, 'model.m', VALID.modelM());
});

const conv = (K: number, C: number, R: number, S: number, Y: number, X: number, strideX = 1, strideY = 1): Layer => ({
  name: 'L',
  type: 'CONV',
  strideX,
  strideY,
  dims: { K, C, R, S, Y, X },
});

describe('result-check (unit)', () => {
  it('expectedMacs by layer type, with strides and output sizes', () => {
    expect(expectedMacs(conv(64, 3, 7, 7, 224, 224, 2, 2))).toBe(64 * 3 * 49 * 109 * 109);
    expect(expectedMacs({ name: 'd', type: 'DSCONV', dims: { C: 32, R: 3, S: 3, Y: 10, X: 10 } })).toBe(32 * 9 * 64);
    expect(expectedMacs({ name: 'g', type: 'GEMM', dims: { M: 5, N: 6, K: 7 } })).toBe(210);
    expect(expectedMacs({ name: 'o', type: 'CONV', dims: { K: 2, C: 3, R: 3, S: 3, "Y'": 4, "X'": 5 } })).toBe(2 * 3 * 9 * 20);
    expect(expectedMacs(conv(1, 1, 5, 5, 4, 4))).toBe(0); // Y < R: no output
  });

  it('only layers where 32-bit overflow is possible are at risk', () => {
    expect(overflowRisk(conv(512, 512, 3, 3, 14, 14), 256)).toBe(false);
    expect(overflowRisk(conv(64, 64, 3, 3, 572, 572), 256)).toBe(true); // 1.3e10 MACs (UNet-like)
    expect(overflowRisk(conv(1, 1, 1, 1, 8, 8), 2147483647)).toBe(true); // num_pes x a dimension
    // A small layer is never refused, whatever MAESTRO prints (e.g. its 0-runtime FC rows).
    expect(resultOverflow(conv(8, 8, 1, 1, 1, 1), { num_macs: 0, runtime: 0, l2_size_req: -5 }, 256)).toBeUndefined();
  });

  it('backstop: refuses negative / beyond-2^53 counts, never second-guesses a MAC count', () => {
    const big = conv(2729, 6, 6, 4, 3110, 75608);
    const want = expectedMacs(big);
    expect(resultOverflow(big, { num_macs: want, l2_size_req: -2 }, 256)).toMatch(/l2_size_req would be -2 \(negative\)/);
    expect(resultOverflow(big, { num_macs: 2 ** 53 + 2 }, 256)).toMatch(/num_macs would be \d+ \(beyond 2\^53/);
    expect(resultOverflow(big, { num_macs: want * 1.5, runtime: 1e12 }, 256)).toBeUndefined();
    expect(resultOverflow(big, { num_macs: want, area: 2.35e21, power: 1e20 }, 256)).toBeUndefined(); // doubles in MAESTRO too
    // MAESTRO's real answers may be far from the MAC count (the cost model rejects wrapped ones).
    expect(resultOverflow(big, { num_macs: want * 0.005 }, 256)).toBeUndefined();
    expect(resultOverflow(conv(2 ** 30, 2 ** 30, 7, 7, 2 ** 20, 2 ** 20), { num_macs: 1 }, 1)).toMatch(/exceed 2\^53/);
  });

  it('with the exact counts at hand (codesign maestro), counts beyond 2^53 are fine; negatives are not', () => {
    const big = conv(2729, 6, 6, 4, 3110, 75608);
    expect(resultOverflow(big, { num_macs: 2 ** 53 + 2, in_l1_rd: 2 ** 60 }, 256, true)).toBeUndefined();
    expect(resultOverflow(conv(2 ** 30, 2 ** 30, 7, 7, 2 ** 20, 2 ** 20), { num_macs: 1 }, 1, true)).toBeUndefined();
    expect(resultOverflow(big, { num_macs: 5, l2_size_req: -2 }, 256, true)).toMatch(/l2_size_req would be -2 \(negative\)/);
  });
});

describe('integer counts beyond 2^53', () => {
  // Differential case s92-9474 (test/differential/fixtures): MAESTRO prints 110731044308387580 MACs
  // (C is mapped twice); as a double that is 110731044308387584. The kernel's own 64-bit counts
  // (evaluateExact, asked for by evaluateNetwork) keep it exact.
  const fixture = (JSON.parse(readFileSync(path.resolve(__dirname, '../differential/fixtures/maestro-network.json'), 'utf8')) as {
    cases: Array<{ id: string; mapping: string; hardware: string; rows: string[] }>;
  }).cases.find((c) => c.id === 's92-9474')!;

  it('the cost model returns them exactly (row.exact), the nearest double in metrics', async () => {
    const model = await CostModel.load();
    const { parseHardware } = await import('../../src/parse/index.js');
    const res = model.evaluateNetwork(parseMapping(fixture.mapping, 'c.m'), parseHardware(fixture.hardware, 'hw.m'));
    const row = res.rows[0]!;
    expect('metrics' in row && row.metrics.num_macs).toBe(110731044308387584);
    expect('exact' in row && row.exact).toEqual({
      num_macs: 110731044308387580n,
      in_l1_rd: 110731044308387580n,
      w_l1_rd: 110731044308387580n,
      out_l1_rd: 110731044308387580n,
      out_l1_wr: 110731044308387580n,
    });
    expect('exact' in res.rows[1]!).toBe(false); // a small layer: no exact counts needed
  });

  it('codesign maestro prints them in full: CSV byte-identical to MAESTRO', async () => {
    const map = put(dir, 'beyond53.m', fixture.mapping);
    const hw = put(dir, 'beyond53_hw.m', fixture.hardware);
    const r = await run('maestro', '--HW_file', hw, '--Mapping_file', map, '--out', '-');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(1, 3)).toEqual(fixture.rows);
  });
});

describe('huge but valid inputs through the CLI', () => {
  it('MAESTRO-wrapped MAC count (K=2729 C=6 R=6 S=4 Y=3110 X=75608, kcp_ws): located error, exit 3, no row', async () => {
    // MAESTRO 1.0 prints 718158228048 MACs for this layer (it has 92252501240400): its int arithmetic wraps.
    const f = put(dir, 'wrap.m', VALID.mappingM('K: 2729, C: 6, R: 6, S: 4, Y: 3110, X: 75608'));
    const out = path.join(dir, 'wrap.csv');
    const r = await run('maestro', '--HW_file', hwM, '--Mapping_file', f, '--out', out, '--overwrite');
    expectOneLineError(r, 3, new RegExp(`${esc(f)}:2:3: layer L1: layer too large: MAESTRO's 32-bit int arithmetic overflows`));
    expect(readFileSync(out, 'utf8').split('\n').filter(Boolean)).toHaveLength(1); // header only
  });

  it('num_pes = 2^31-1 (MAESTRO loops for minutes, then wraps): clear error', async () => {
    const hw = put(dir, 'hwbig.m', 'num_pes: 2147483647\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n');
    const xp = VALID.dataflowM; // any dataflow: the kcp_ws one here
    const f = put(dir, 'smallnet.m', VALID.mappingM('K: 69, C: 2, R: 5, S: 2, Y: 9, X: 21').replace(VALID.dataflowM.replace(/\n/g, '\n    '), xp.replace(/\n/g, '\n    ')));
    const r = await run('maestro', '--HW_file', hw, '--Mapping_file', f, '--out', '-');
    if (r.code === 3) expect(r.err).toMatch(/layer too large: MAESTRO's 32-bit int arithmetic overflows/);
    else expect(r.code).toBe(0); // kcp_ws happens not to wrap here; the xp_ws case is pinned below
    const model = await CostModel.load();
    const xpws = readFileSync(path.resolve(__dirname, '../fixtures/maestro/dataflow/xp_ws.m'), 'utf8').replace(/^[\s\S]*?Dataflow\s*\{/, 'Dataflow {');
    const net = parseMapping(`Network n { Layer L { Type: CONV Dimensions { K: 69, C: 2, R: 5, S: 2, Y: 9, X: 21 } ${xpws} } }`, 'x.m');
    const hwv = { numPes: 2147483647, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50, nocHops: 1 };
    const row = model.evaluateNetwork(net, hwv).rows[0];
    // The cost model detects the wrap (MAESTRO: spatial coverage 2 + (2^31-2) wraps, L2 size -2).
    expect('error' in row && row.error).toMatch(/32-bit int arithmetic overflows/);
  });

  it('iteration-count overflow (K=C=Y=X=2^20) is rejected, for .m and JSON alike', async () => {
    const f = put(dir, 'huge.m', VALID.mappingM('K: 1048576, C: 1048576, R: 3, S: 3, Y: 1048576, X: 1048576'));
    const r = await run('maestro', '--HW_file', hwM, '--Mapping_file', f, '--out', '-');
    expectOneLineError(r, 3, /huge\.m:2:3: layer L1: layer too large/);
    const j = put(dir, 'huge.json', JSON.stringify([{ name: 'n', layers: [VALID.layerJson({ K: 1048576, C: 1048576, R: 3, S: 3, Y: 1048576, X: 1048576 })] }]));
    const e = await run('evaluate', '--space', j, '--hw', 'default', '--no-progress', '--format', 'jsonl');
    expect(e.code).toBe(0);
    expect(JSON.parse(e.out)).toMatchObject({ id: 'n', latency_cycles: null, energy_nj: null, macs: null });
    expect(e.err).toMatch(/warning: 1 of 1 architectures .* layer too large/);
  });

  it('evaluate: wrapped totals become empty totals with a warning', async () => {
    const j = put(dir, 'wrap.json', JSON.stringify({ name: 'w', layers: [VALID.layerJson({ K: 2729, C: 6, R: 6, S: 4, Y: 3110, X: 75608 })] }));
    const e = await run('evaluate', '--space', j, '--hw', '256:100:3000:1000:50', '--no-progress');
    expect(e.out).toBe('id,layers,latency_cycles,energy_nj,macs\nw,1,,,\n');
    expect(e.err).toMatch(/warning: 1 of 1 architectures .* layer too large: MAESTRO's 32-bit int arithmetic overflows/);
  });
});

describe('no input hangs', () => {
  it('enormous --ids ranges and ids are refused at once', async () => {
    for (const ids of ['0-1000000000', '0-1e9', '99999999999999999999', '1-1,1', '-5', ',,,']) {
      expectOneLineError(await run('evaluate', '--space', 'nb301', '--ids', ids, '--no-progress'), 2, /--ids/);
    }
  });

  it('a dataflow with thousands of directives: one located error at parse time', async () => {
    // (levels of 20 directives and a Cluster: under the per-level limit of 24, over the total of 44)
    const many = 'Dataflow {\n' + ('SpatialMap(1,1) K;\nTemporalMap(1,1) C;\n'.repeat(10) + 'Cluster(2,P);\n').repeat(500) + '}\n';
    const f = put(dir, 'many.m', many);
    const oneLevel = put(dir, 'level.m', 'Dataflow {\n' + 'SpatialMap(1,1) K;\nTemporalMap(1,1) C;\n'.repeat(5000) + '}\n');
    expectOneLineError(await run('maestro', '--HW_file', hwM, '--Model_file', modelM, '--Dataflow_file', oneLevel, '--out', '-'), 2,
      /level\.m:26:1: Dataflow\.SpatialMap: too many directives in one cluster level: at most 24/);
    expectOneLineError(await run('maestro', '--HW_file', hwM, '--Model_file', modelM, '--Dataflow_file', f, '--out', '-'), 2, /many\.m:46:1: Dataflow: too many directives: a dataflow may have at most 44/);
    expectOneLineError(await run('evaluate', '--space', modelM, '--dataflow', f, '--no-progress'), 2, /many\.m:46:1: Dataflow: too many directives/);
    const dj = put(dir, 'many.json', JSON.stringify({ directives: Array.from({ length: 50 }, () => ({ kind: 'SpatialMap', size: 1, offset: 1, dim: 'K' })) }));
    expectOneLineError(await run('maestro', '--HW_file', hwM, '--Model_file', modelM, '--Dataflow_file', dj, '--out', '-'), 2, /many\.json:\d+:\d+: directives\[44\]: too many directives/);
  });

  it('giant Constant values and many Constants', async () => {
    const f = put(dir, 'const.m', 'Constant KK 99999999999999999999999999;\n' + VALID.mappingM('K: KK, C: 64, R: 3, S: 3, Y: 56, X: 56'));
    expectOneLineError(await run('maestro', '--HW_file', hwM, '--Mapping_file', f, '--out', '-'), 2, /const\.m:1:\d+: .*too large/);
    const g = put(dir, 'consts.m', Array.from({ length: 20000 }, (_, i) => `Constant C${i} ${i + 1};`).join('\n') + '\n' + VALID.mappingM());
    const r = await run('maestro', '--HW_file', hwM, '--Mapping_file', g, '--out', '-');
    expect(r.code).toBe(0);
  });

  it('deeply nested braces (.m) and brackets (JSON)', async () => {
    const f = put(dir, 'deep.m', 'Network n {' + '{'.repeat(100000) + '}'.repeat(100000) + '}');
    expectOneLineError(await run('maestro', '--HW_file', hwM, '--Mapping_file', f, '--out', '-'), 2, /deep\.m:1:12: /);
    const j = put(dir, 'deep.json', '{"network":'.repeat(50000) + '1' + '}'.repeat(50000));
    expectOneLineError(await run('maestro', '--HW_file', hwM, '--Mapping_file', j, '--out', '-'), 2, /deep\.json:1:\d+: invalid JSON: nesting deeper than 64 levels/);
    const s = put(dir, 'deep-space.json', '['.repeat(100000) + ']'.repeat(100000));
    expectOneLineError(await run('evaluate', '--space', s, '--no-progress'), 2, /deep-space\.json:1:\d+: invalid JSON: nesting/);
  });
});

describe('flags and output paths', () => {
  it('unknown / conflicting / malformed flags: one line, exit 2, no help dump', async () => {
    const m = put(dir, 'map.m', VALID.mappingM());
    const cases: Array<[string[], RegExp]> = [
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['evaluate'], /required option '--space <space>' not specified/],
      [['maestro', '--HW_file', hwM, '--Mapping_file', m, '--bogus'], /unknown option '--bogus'/],
      [['maestro', '--HW_file', hwM, '--Mapping_file', m, '--Model_file', modelM, '--Dataflow_file', modelM], /either --Mapping_file or --Model_file/],
      [['maestro', '--HW_file', hwM, '--Model_file', modelM], /--Model_file needs --Dataflow_file/],
      [['maestro', '--HW_file', hwM, '--Mapping_file', m, '--DSCONV_dataflow_file', modelM], /^codesign: --DSCONV_dataflow_file goes with --Model_file and --Dataflow_file/],
      [['maestro', '--num_pes', '1e9', '--Mapping_file', m], /--num_pes/],
      [['maestro', '--num_pes', '2147483648', '--Mapping_file', m], /too large/],
      [['maestro', '--print_res', 'maybe', '--Mapping_file', m], /expected true or false/],
      [['maestro', '--batch', m, '--HW_file', hwM], /--batch takes its files from the jobs file/],
      [['evaluate', '--space', modelM, '--hw', 'default', '--HW_file', hwM], /either --HW_file or --hw/],
      [['evaluate', '--space', modelM, '--hw', '1:2:3'], /--hw: expected default or PES/],
      [['evaluate', '--space', modelM, '--hw', '99999999999:1:1:1:1'], /--hw: values must be integers/],
      [['evaluate', '--space', modelM, '--format', 'xml'], /--format: expected csv, json or jsonl/],
      [['evaluate', '--space', modelM, '--dataflow', 'nope'], /--dataflow: 'nope' is neither a built-in dataflow/],
      [['maestro', '--HW_file', hwM, `--HW_file=${hwM}`, '--Mapping_file', m], /^codesign: --HW_file: given more than once/],
      [['evaluate', '--space', modelM, '--ids', '1', '--ids', '2'], /^codesign: --ids: given more than once/],
    ];
    for (const [args, re] of cases) expectOneLineError(await run(...args), 2, re);
  });

  it('--out into a missing directory or onto a directory: exit 2 before any work, nothing written', async () => {
    const m = put(dir, 'map2.m', VALID.mappingM());
    const missing = path.join(dir, 'no', 'such', 'dir', 'x.csv');
    expectOneLineError(await run('maestro', '--HW_file', hwM, '--Mapping_file', m, '--out', missing), 2, /x\.csv: --out: cannot write file: directory .* does not exist/);
    expectOneLineError(await run('maestro', '--HW_file', hwM, '--Mapping_file', m, '--out', dir), 2, /--out: cannot write file: it is a directory/);
    const e = await run('evaluate', '--space', modelM, '--out', missing);
    expectOneLineError(e, 2, /x\.csv: --out: cannot write file: directory .* does not exist/); // no progress lines: checked before the work
    expectOneLineError(await run('evaluate', '--space', modelM, '--out', dir, '--no-progress'), 2, /--out: cannot write file: it is a directory/);
    expect(existsSync(path.join(dir, 'no'))).toBe(false);
  });
});
