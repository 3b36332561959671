/**
 * ONE space-file loader for `evaluate --space` and `search --space` (src/spaces/space-file.ts):
 * the `{"architectures": [...]}` format checks its layers with the JSON network list's code (same
 * messages, file:line:column and JSON path), both commands accept the same formats, and a MAESTRO
 * mapping file keeps its dataflows.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getSpace, readNetworksFile, SPACE_FILE_FORMATS } from '../../src/spaces/index.js';
import { loadSearchSpace } from '../../src/search/spaces.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'spfile-'));
const put = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const CONV = { type: 'CONV', dims: { K: 64, C: 3, R: 3, S: 3, Y: 34, X: 34 } };
/** `{"architectures": [{"layers": [layer], "flops": 1}]}` on one line, with `arch` merged in. */
const arch1 = (layer: unknown, arch: object = {}) => JSON.stringify({ architectures: [{ layers: [layer], flops: 1, ...arch }] });
/** The one-line error both commands print for `file`. */
async function bothFail(file: string): Promise<string> {
  const e = await runCli(['evaluate', '--space', file, '--no-progress']);
  const s = await runCli(['search', '--space', file, '--quality', 'flops', '--no-progress', '--no-summary', '--workers', '0']);
  expect(e.code).toBe(2);
  expect(s.code).toBe(2);
  expect(s.err).toBe(e.err);
  expect(e.err.split('\n')).toHaveLength(2); // one line
  return e.err;
}

describe('{"architectures": [...]}: layers checked as in a JSON network list', () => {
  const cases: Array<[string, string, string]> = [
    ['unknown dimension', arch1({ ...CONV, dims: { ...CONV.dims, Q: 7 } }),
      ":1:96: architectures[0].layers[0].dims.Q: unknown dimension (expected N G K C R S Y X Y' X' M)"],
    ['missing required dimension', arch1({ type: 'CONV', dims: { C: 3, R: 3, S: 3, Y: 34, X: 34 } }),
      ':1:52: architectures[0].layers[0].dims: missing dimension K for a CONV layer'],
    ['dimension too large', arch1({ ...CONV, dims: { ...CONV.dims, K: 1000000000000 } }),
      ':1:57: architectures[0].layers[0].dims.K: value 1000000000000 is too large (limit 2147483647)'],
    ['GEMM with CONV dims', arch1({ type: 'GEMM', dims: CONV.dims }),
      ':1:64: architectures[0].layers[0].dims.C: a GEMM layer has no dimension C (allowed: M N K)'],
    ['unknown key on an architecture', arch1(CONV, { bogus: 1 }),
      ':1:113: architectures[0].bogus: unknown key "bogus" (expected "model", "layers", "accuracy", "flops", "params")'],
    ['unknown key on a layer', arch1({ bogus: 1, ...CONV }),
      ':1:39: architectures[0].layers[0].bogus: unknown layer key "bogus" (expected name, type, stride, strideX, strideY, dims, net, comment)'],
    ['unknown key on the document', JSON.stringify({ architectures: [{ layers: [CONV] }], networks: [] }),
      ':1:108: networks: unknown key "networks" (expected "name", "architectures")'],
    ['model and layers', arch1(CONV, { model: 'x.m' }),
      ':1:19: architectures[0]: give "model" or "layers", not both'],
    ['a model file that is not there', JSON.stringify({ architectures: [{ model: 'nosuch.m' }] }),
      ":1:28: architectures[0].model: cannot read model file 'nosuch.m': cannot read file (no such file)"],
    ['a figure for some architectures only', JSON.stringify({ architectures: [{ layers: [CONV], flops: 1 }, { layers: [CONV] }] }),
      ':1:106: architectures[1]: "flops" given for 1 of 2 architectures; missing here'],
    ['an empty list', '{"architectures": []}', ':1:19: architectures: expected "architectures": [...] (non-empty)'],
  ];
  for (const [name, text, msg] of cases)
    it(`${name}: one located line, exit 2, from evaluate and search alike`, async () => {
      const f = put(`${name.replace(/\W+/g, '-')}.json`, text);
      expect(await bothFail(f)).toBe(`codesign: ${f}${msg}\n`);
    });

  it('NGCONV and TRCONV layers, strides, a model file next to the JSON: read as by the other front ends', () => {
    put('one.m', 'Network one {\n Layer L0 {\n Type: CONV\n Stride { X: 2, Y: 2 }\n Dimensions { K: 16, C: 3, R: 3, S: 3, Y: 34, X: 34 }\n }\n}\n');
    const ng = { type: 'NGCONV', dims: { G: 2, K: 64, C: 4, R: 3, S: 3, Y: 34, X: 34 } };
    const tr = { type: 'TRCONV', strideX: 2, strideY: 2, dims: { K: 8, C: 4, R: 3, S: 3, Y: 8, X: 8 } };
    const f = put('ok.json', JSON.stringify({ name: 'mine', architectures: [{ layers: [ng, tr], accuracy: 70 }, { model: 'one.m', accuracy: 71.5 }] }));
    const s = getSpace(f);
    expect(s.size).toBe(2);
    expect([s.label(0), s.label(1)]).toEqual(['0', '1']);
    expect(s.layers(0).map((l) => [l.type, l.strideX, l.dims])).toEqual([['NGCONV', 1, ng.dims], ['TRCONV', 2, tr.dims]]);
    expect(s.layers(1)).toEqual([{ name: 'L0', type: 'CONV', strideX: 2, strideY: 2, dims: { K: 16, C: 3, R: 3, S: 3, Y: 34, X: 34 } }]);
    expect(s.columns.map((c) => [c.name, Array.from(c.values)])).toEqual([['accuracy', [70, 71.5]]]);
    expect(s.mapping).toBeUndefined();
    // search reads the same file with the same loader.
    const q = loadSearchSpace(f);
    expect(q.layersOf(1)).toEqual(s.layers(1));
    expect(Array.from(q.quality.accuracy!)).toEqual([70, 71.5]);
    expect(q.paperIds).toEqual([0, 1]);
  });
});

describe('evaluate and search accept the same space files', () => {
  it('a {"architectures"} file and a JSON network list evaluate the same numbers', async () => {
    const arch = put('arch.json', JSON.stringify({ architectures: [{ layers: [CONV], flops: 3 }, { layers: [{ ...CONV, dims: { ...CONV.dims, K: 32 } }], flops: 2 }] }));
    const list = put('list.json', JSON.stringify([{ name: 'a', layers: [CONV], flops: 3 }, { name: 'b', layers: [{ ...CONV, dims: { ...CONV.dims, K: 32 } }], flops: 2 }]));
    const a = await runCli(['evaluate', '--space', arch, '--hw', 'default', '--no-progress']);
    const l = await runCli(['evaluate', '--space', list, '--hw', 'default', '--no-progress']);
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(a.out).toBe('id,layers,latency_cycles,energy_nj,macs,flops\n0,1,163841,979.0201781000002,1769472,3\n1,1,81921,496.9899133,884736,2\n');
    expect(l.out).toBe(a.out.replace('\n0,', '\na,').replace('\n1,', '\nb,'));
  });

  it('files that are no space: the same line from both commands', async () => {
    for (const [name, text, where] of [
      ['w.json', '{"foo": 1}', ':1:1'],
      ['w2.json', '"text"', ':1:1'],
      ['w.txt', 'a,b,c\n', ''],
      ['empty.m', '', ''],
    ] as const) {
      const f = put(name, text);
      expect(await bothFail(f)).toBe(`codesign: ${f}${where}: ${SPACE_FILE_FORMATS}\n`);
    }
    const bin = put('bin.json', '[\0]');
    expect(await bothFail(bin)).toBe(`codesign: ${bin}:1:2: --space: not a text file (NUL byte: binary data?)\n`);
  });

  it('a MAESTRO mapping file keeps its dataflows (mapping), a model file has none', () => {
    const vgg = path.resolve(import.meta.dirname, '../../data/models/vgg16_xp_ws.m');
    const s = readNetworksFile(vgg);
    expect(s.size).toBe(1);
    expect(s.label(0)).toBe('vgg16');
    const net = s.mapping!(0);
    expect(net.layers).toHaveLength(13);
    expect(net.layers[0].dataflow.directives.length).toBeGreaterThan(0);
    expect(s.layers(0).map((l) => l.dims)).toEqual(net.layers.map((l) => l.dims));
    const model = put('model.m', 'Network m {\n Layer L0 {\n Type: CONV\n Dimensions { K: 16, C: 3, R: 3, S: 3, Y: 34, X: 34 }\n }\n}\n');
    expect(readNetworksFile(model).mapping).toBeUndefined();
  });
});

describe('JSON network lists: nothing dropped, reordered or guessed', () => {
  const net = (name: unknown, extra: object = {}) => ({ name, layers: [CONV], ...extra });
  const err = async (doc: unknown) => (await bothFail(put(`n${Math.random().toString(36).slice(2)}.json`, JSON.stringify(doc)))).replace(/^.*?\.json/, '');
  it('{"networks": {...}} keeps the file\'s order (Object.entries put "0" and "2" before "10"); a name that is another network\'s id is refused', async () => {
    const ordered = readNetworksFile(put('ord.json', '{"networks": {"b": [{"type":"CONV","dims":{"K":16,"C":8,"R":3,"S":3,"Y":16,"X":16}}], "1": [{"type":"CONV","dims":{"K":32,"C":8,"R":3,"S":3,"Y":16,"X":16}}], "a": [{"type":"CONV","dims":{"K":64,"C":8,"R":3,"S":3,"Y":16,"X":16}}]}}'));
    expect([0, 1, 2].map((i) => [ordered.label!(i), ordered.layers(i)[0]!.dims.K])).toEqual([['b', 16], ['1', 32], ['a', 64]]);
    const c = JSON.stringify([CONV]);
    expect((await bothFail(put('num.json', `{"networks": {"10": ${c}, "2": ${c}, "0": ${c}}}`))).replace(/^.*?\.json/, '')).toBe(
      ":1:93: networks.2: network name '2' is the id of another network (ids are positions: --ids, --quality CSV); use a name that is not a number, or the network's position (1)\n",
    );
    expect(await err([net('1'), net('2')])).toMatch(/^:1:10: \[0\]\.name: network name '1' is the id of another network .* position \(0\)/);
    expect(await err([net('a'), net('b'), net('0-1')])).toMatch(/^:1:\d+: \[2\]\.name: network name '0-1' reads as a range of ids in --ids/); // (--ids 0-1 selected it alone)
    expect(await err([net('all')])).toMatch(/\[0\]\.name: network name 'all' is a keyword of --ids/);
    expect(await err([net(' 1'), net('b')])).toMatch(/\[0\]\.name: network name ' 1' starts or ends with blanks/); // (--ids ' 1' selected network 1)
    expect(await err([net('net1'), { layers: [CONV] }])).toMatch(/\[1\]\.name: this network has no name, and its default name 'net1' is another network's: name it/);
    // (its own position, or beyond the last id: no other network's id)
    expect(readNetworksFile(put('pos.json', JSON.stringify([net('0'), net('x'), net('2'), net('7')]))).size).toBe(4);
  });
  it('a figure of some networks only, an unknown network key, a name that is not a string, stride with strideX: errors (were a missing column, ignored, "net0", strideX winning)', async () => {
    expect(await err([net('a', { accuracy: 0.7 }), net('b')])).toBe(':1:105: [1]: "accuracy" given for 1 of 2 networks; missing here\n');
    expect(await err([net('a', { Accuracy: 0.7 })])).toBe(':1:100: [0].Accuracy: unknown network key "Accuracy" (expected name, layers, accuracy, flops, params, comment)\n');
    expect(await err([net(5)])).toBe(':1:10: [0].name: expected a string, got 5\n');
    expect(await err([net(null)])).toBe(':1:10: [0].name: expected a string, got null\n');
    expect(await err([{ name: 'a', layers: [{ ...CONV, stride: [2, 2], strideX: 1 }] }])).toBe(':1:112: [0].layers[0].strideX: give "stride" or "strideX" / "strideY", not both\n');
    const s = readNetworksFile(put('fig.json', JSON.stringify([net('a', { accuracy: 0.7, comment: 'x' }), net('b', { accuracy: 0.5 })])));
    expect(s.columns.map((c) => [c.name, c.values])).toEqual([['accuracy', [0.7, 0.5]]]);
  });
});
