/**
 * `codesign search` guards (QA findings, notes/qa-search.md): output paths checked before any work,
 * a cap on --workers, every space file `evaluate` reads, and results MAESTRO's 32-bit arithmetic
 * would wrap treated as infeasible (never ranked).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { chooseWorkers, maxWorkers } from '../../src/cli/search.js';
import { Checkpoint } from '../../src/search/checkpoint.js';
import { loadSearchSpace, SPACE_FILE_FORMATS } from '../../src/search/spaces.js';
import { OverflowGuard, riskPes } from '../../src/search/overflow-guard.js';
import { compileSpace } from '../../src/evaluate/compile.js';
import { builtinDataflow } from '../../src/dataflows/builtin.js';
import type { CostModel } from '../../src/model/costmodel.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'h11g-'));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
/** An evaluator module that records that work started (and fails if it did). */
const MARK = path.join(dir, 'worked');
const TRAP = file('trap.mjs', `import { writeFileSync } from 'node:fs';\nexport function createEvaluator() { writeFileSync(${JSON.stringify(MARK)}, 'x'); throw new Error('work started'); }\n`);

const run = (args: string[]) => runCli(['search', '--no-progress', '--no-summary', ...args]);

const conv = (K: number, C: number, Y: number) => ({ type: 'CONV', dims: { K, C, R: 3, S: 3, Y, X: Y } });
const LAYERS = [
  [conv(16, 8, 18), conv(32, 16, 10)],
  [conv(32, 8, 18)],
  [conv(8, 8, 34), conv(8, 8, 34), conv(16, 8, 18)],
];
const FLOPS = [30, 20, 10];
const COMMON = ['--accelerators', 'random:5:3', '--dataflows', 'kcp_ws,rs', '--mode', 'all', '--no-timings', '--no-correlations'];

/** Search result JSON without the space name (which differs between files). */
function result(out: string): unknown {
  const j = JSON.parse(readFileSync(out, 'utf8'));
  delete j.space;
  return j;
}

describe('search: output paths are checked before any work', () => {
  const base = ['--space', 'alphanet', '--ids', '0-9', '--accelerators', 'default', '--workers', '0', '--evaluator', TRAP];
  for (const [flag, target, msg] of [
    ['--out', '/nonexist-h11/x.json', '/nonexist-h11/x.json: --out: cannot write file: directory /nonexist-h11 does not exist'],
    ['--csv', '/nonexist-h11/x.csv', '/nonexist-h11/x.csv: --csv: cannot write file: directory /nonexist-h11 does not exist'],
    ['--report', dir, `${dir}: --report: cannot write file: it is a directory`],
    ['--checkpoint', '/nonexist-h11/x.ck', '/nonexist-h11/x.ck: --checkpoint: cannot write file: directory /nonexist-h11 does not exist'],
  ] as const)
    it(`${flag} into a missing directory / a directory: one line, exit 2, nothing evaluated`, async () => {
      const r = await run([...base, flag, target]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`codesign: ${msg}\n`);
      expect(existsSync(MARK)).toBe(false);
    });

  it('two outputs naming the same file (e.g. --out = --checkpoint): one line, exit 2', async () => {
    const f = path.join(dir, 'same.json');
    const r = await run([...base, '--out', f, '--checkpoint', f]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`codesign: ${f}: --checkpoint: same file as --out: give each output its own file\n`);
    expect(existsSync(MARK)).toBe(false);
  });

  it('a checkpoint that cannot be opened is a UserError naming the file and errno', () => {
    expect(() => Checkpoint.open('/nonexist-h11/x.ck', { space: 's' })).toThrow('/nonexist-h11/x.ck: --checkpoint: cannot write file (ENOENT)');
  });
});

describe('search: --workers', () => {
  it('values above 4 x CPUs (max 256) are refused with one line, exit 2', async () => {
    const cap = Math.min(256, 4 * availableParallelism());
    expect(maxWorkers()).toBe(cap);
    for (const w of ['100000', String(cap + 1)]) {
      const r = await run(['--space', 'nb301', '--ids', '1-3', '--accelerators', 'default', '--mode', 'semi', '--quality', 'flops', '--workers', w]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`codesign: --workers: at most ${cap} worker threads (4 per available CPU, max 256), got ${w}\n`);
    }
    for (const w of ['-1', '1.5', 'abc', '']) {
      const r = await run(['--space', 'nb301', '--quality', 'flops', '--workers', w]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`codesign: --workers: expected an integer >= 0, got '${w}'\n`);
    }
  });

  it('never more workers than evaluator calls', () => {
    expect(chooseWorkers(8, 3, false)).toBe(3);
    expect(chooseWorkers(2, 100, false)).toBe(2);
    expect(chooseWorkers(0, 100, false)).toBe(0);
    expect(chooseWorkers(undefined, 100, true)).toBe(0);
    expect(chooseWorkers(undefined, 1, false)).toBe(1);
    expect(chooseWorkers(undefined, 1000, false)).toBe(availableParallelism());
  });
});

describe('search: every space file evaluate reads', () => {
  const arch = file('arch.json', JSON.stringify({ architectures: LAYERS.map((layers, i) => ({ layers, flops: FLOPS[i] })) }));
  const list = file('list.json', JSON.stringify(LAYERS.map((layers, i) => ({ name: `n${i}`, layers, flops: FLOPS[i] }))));
  const named = file('named.json', JSON.stringify({ networks: Object.fromEntries(LAYERS.map((l, i) => [`n${i}`, l])) }));
  const q = file('q.csv', 'id,quality\n' + FLOPS.map((f, i) => `${i},${f}`).join('\n') + '\n');

  it('a JSON network list (with or without figures) gives the same search as the architectures format', async () => {
    const outs: unknown[] = [];
    for (const [space, quality] of [[arch, 'flops'], [list, 'flops'], [named, q], [list, q]]) {
      const out = path.join(dir, `r${outs.length}.json`);
      const r = await run(['--space', space, '--quality', quality, '--workers', '0', ...COMMON, '--out', out]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      // (a named list's answers also carry archLabel: compare the rest)
      const j = JSON.parse(JSON.stringify(result(out)), (k, v) => (k === 'archLabel' ? undefined : v)) as { quality: string };
      j.quality = 'q';
      outs.push(j);
    }
    for (const o of outs.slice(1)) expect(o).toEqual(outs[0]);
    expect((outs[0] as { architectures: number }).architectures).toBe(3);
  });

  it('MAESTRO model and mapping files: one architecture, as evaluate reads them', () => {
    const model = file('one.m', 'Network one {\n Layer L0 {\n Type: CONV\n Dimensions { K: 16, C: 3, R: 3, S: 3, Y: 34, X: 34 }\n }\n}\n');
    const s = loadSearchSpace(model);
    expect(s.size).toBe(1);
    expect(s.layersOf(0)[0].dims).toEqual({ K: 16, C: 3, R: 3, S: 3, Y: 34, X: 34 });
    expect(s.quality).toEqual({});
    const mapping = file('one-map.m', 'Network one {\n Layer L0 {\n Type: CONV\n Dimensions { K: 16, C: 3, R: 3, S: 3, Y: 34, X: 34 }\n Dataflow {\n SpatialMap(1,1) K;\n TemporalMap(3,3) C;\n TemporalMap(Sz(R),Sz(R)) R;\n TemporalMap(Sz(S),Sz(S)) S;\n TemporalMap(Sz(R),1) Y;\n TemporalMap(Sz(S),1) X;\n }\n }\n}\n');
    expect(loadSearchSpace(mapping).layersOf(0)).toEqual(s.layersOf(0));
    expect(loadSearchSpace('classic').size).toBeGreaterThan(0);
  });

  it('quality never a silent default; a wrong file names the accepted formats', async () => {
    const r = await run(['--space', list, '--workers', '0', '--accelerators', 'default']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`codesign: --quality: space '${list}' has no accuracy: choose --quality flops|FILE.csv\n`);
    for (const [name, text, where] of [
      ['w.json', '{"foo": 1}', ':1:1'],
      ['w.txt', 'a,b,c\n', ''],
      ['w2.json', '"text"', ':1:1'],
    ] as const) {
      const f = file(name, text);
      const e = await run(['--space', f, '--quality', 'flops']);
      expect(e.code).toBe(2);
      expect(e.err).toBe(`codesign: ${f}${where}: ${SPACE_FILE_FORMATS}\n`);
    }
    expect(SPACE_FILE_FORMATS).toMatch(/"architectures".*network list.*MAESTRO mapping \/ model file/);
  });
});

describe('search: MAESTRO 32-bit overflow is infeasible, never ranked', () => {
  const hwBig = file('hwbig.m', 'num_pes: 2147483647\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n');
  const hwBoth = file('hwboth.csv', 'num_pes,l1_size,l2_size,noc_bw,offchip_bw\n2147483647,100,3000,1000,50\n256,100,3000,1000,50\n');

  it('num_pes 2147483647: rs / xp_ws rows the model rejects (32-bit overflow) are infeasible; kcp_ws saturates (same as 1M PEs); any workers, memo or not', async () => {
    const outs: string[] = [];
    for (const extra of [['--workers', '0'], ['--workers', '2'], ['--workers', '0', '--no-memo']]) {
      const out = path.join(dir, `big${outs.length}.json`);
      const r = await run(['--space', 'nb301', '--ids', '1-3', '--accelerators', hwBig, '--quality', 'flops', '--mode', 'all', '--no-timings', '--no-correlations', ...extra, '--out', out]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const j = JSON.parse(readFileSync(out, 'utf8'));
      // `codesign evaluate --space nb301 --ids 1,2,3 --hw 1048576:100:3000:1000:50` gives the same latencies.
      expect(j.perThreshold.map((t: { full: { archId: number; accelId: string; latency: number } }) => [t.full.archId, t.full.accelId, t.full.latency])).toEqual([
        [1, 'hwbig/kcp_ws', 3377498],
        [2, 'hwbig/kcp_ws', 2906346],
        [3, 'hwbig/kcp_ws', 1866364],
      ]);
      outs.push(readFileSync(out, 'utf8'));
    }
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
    // rs / xp_ws alone: every pair infeasible, no answer (never a wrapped number ranked).
    const out = path.join(dir, 'big-rs.json');
    const r = await run(['--space', 'nb301', '--ids', '1-3', '--accelerators', hwBig, '--dataflows', 'rs,xp_ws', '--quality', 'flops', '--mode', 'all', '--workers', '0', '--no-timings', '--out', out]);
    expect(r.code).toBe(0);
    for (const t of JSON.parse(readFileSync(out, 'utf8')).perThreshold) expect([t.semi, t.full, t.certified]).toEqual([null, null, null]);
  }, 60_000);

  it('next to a sane accelerator, only the sane one is chosen where the huge one overflows', async () => {
    const out = path.join(dir, 'both.json');
    const r = await run(['--space', 'nb301', '--ids', '1-3', '--accelerators', hwBoth, '--dataflows', 'rs', '--quality', 'flops', '--mode', 'full', '--workers', '0', '--no-timings', '--out', out]);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    // `codesign evaluate --space nb301 --ids 1,2,3 --hw 256:100:3000:1000:50 --dataflow rs`.
    expect(j.perThreshold.map((t: { full: { archId: number; accelId: string; latency: number } }) => [t.full.archId, t.full.accelId, t.full.latency])).toEqual([
      [1, 'hwboth_1/rs', 20251757],
      [2, 'hwboth_1/rs', 17627037],
      [3, 'hwboth_1/rs', 12164223],
    ]);
  }, 60_000);

  it('the backstop: a row with a count beyond 2^53 or negative (on a shape at risk) makes the network infeasible', () => {
    const space = compileSpace(2, (i) => (i === 0 ? [{ name: 'a', type: 'CONV', strideX: 1, strideY: 1, dims: { K: 8, C: 8, R: 1, S: 1, Y: 8, X: 8 } }] : [{ name: 'b', type: 'CONV', strideX: 1, strideY: 1, dims: { K: 65536, C: 65536, R: 1, S: 1, Y: 8, X: 8 } }]));
    let calls = 0;
    const model = { evaluateLayer: () => (calls++, { runtime: 10, energy_nj: 5, num_macs: 2 ** 32, area: -1 }) } as unknown as CostModel;
    const guard = new OverflowGuard(space);
    const hw = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 };
    const df = builtinDataflow('kcp_ws');
    expect(guard.atRisk(0, 256)).toBe(false);
    expect(guard.atRisk(0, 2 ** 31 - 1)).toBe(true);
    expect(guard.overflows(0, hw, df, 'kcp_ws', model)).toBe(false);
    expect(calls).toBe(0); // shapes not at risk are never checked
    expect(guard.overflows(1, hw, df, 'kcp_ws', model)).toBe(true);
    expect(guard.overflows(1, hw, df, 'kcp_ws', model)).toBe(true);
    expect(calls).toBe(1); // once per (shape, hardware, dataflow)
  });

  it('a huge layer in a space file: that network is infeasible, also with --invalid skip (MAESTRO prints wrapped numbers there, not no row)', async () => {
    const huge = { type: 'CONV', dims: { K: 4096, C: 4096, R: 3, S: 3, Y: 1026, X: 1026 } }; // 1.6e14 MACs
    expect(riskPes(huge as never)).toBe(1);
    expect(riskPes(conv(16, 8, 18) as never)).toBe(Math.floor(2147483647 / 18) + 1);
    const space = file('huge.json', JSON.stringify([
      { name: 'ok', layers: LAYERS[0], flops: 1 },
      { name: 'huge', layers: [...LAYERS[0], huge], flops: 2 },
    ]));
    const runIt = async (extra: string[]) => {
      const out = path.join(dir, `huge-${extra.join('')}.json`);
      const r = await run(['--space', space, '--quality', 'flops', '--accelerators', 'default', '--dataflows', 'kcp_ws', '--mode', 'full', '--thresholds', '1,2', '--workers', '0', '--no-timings', ...extra, '--out', out]);
      expect(r.code).toBe(0);
      return JSON.parse(readFileSync(out, 'utf8')).perThreshold.map((t: { full: { archId: number; latency: number } | null }) => t.full && [t.full.archId, t.full.latency]);
    };
    const plain = await runIt([]);
    const okLatency = plain[1][1];
    expect(okLatency).toBeGreaterThan(0);
    expect(plain).toEqual([null, [0, okLatency]]); // thresholds high to low: 2 (only the huge one), 1
    expect(await runIt(['--no-memo'])).toEqual([null, [0, okLatency]]);
    // skip too: a wrapped layer is not one MAESTRO prints no row for (and such layers appear as
    // bandwidth shrinks: skipping them made a slower accelerator cheaper, and certified wrong).
    expect(await runIt(['--invalid', 'skip'])).toEqual([null, [0, okLatency]]);
    expect(await runIt(['--invalid', 'skip', '--no-memo'])).toEqual([null, [0, okLatency]]);
  }, 60_000);
});

describe('proxy ids against the accelerators\' ids', () => {
  const clash = file('clash.csv', 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\nmaestro-default,128,100,3000,1000,50\nx/y,64,100,3000,1000,50\n128:100:3000:1000:50,64,100,3000,500,50\n');
  const B = ['--space', 'alphanet', '--ids', '0-9', '--accelerators', clash, '--dataflows', 'kcp_ws', '--workers', '0', '--no-timings', '--out', path.join(dir, 'clash.json')];
  it('the default proxy against an accelerator also named maestro-default (two configurations shared one id in the results): refused', async () => {
    const r = await run(B);
    expect([r.code, r.err]).toEqual([2, "codesign: --accelerators: the proxy's id 'maestro-default' names an accelerator's hardware with other values (ids name the configurations in the results): rename that accelerator, or give it as the proxy (--proxy maestro-default)\n"]);
    const ok = await run([...B, '--proxy', 'maestro-default']); // that accelerator as the proxy
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'clash.json'), 'utf8')).proxies[0].hw.numPes).toBe(128);
  });
  it("an id with a '/' is that id (was: unknown dataflow 'y'); a shortcut that is another accelerator's id is refused (was: a new proxy built from the text)", async () => {
    const slash = await run([...B, '--proxy', 'x/y']);
    expect([slash.code, slash.err]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(path.join(dir, 'clash.json'), 'utf8')).proxies[0]).toMatchObject({ hw: { id: 'x/y', numPes: 64 }, dataflow: 'kcp_ws' });
    const both = await run([...B, '--proxy', '128:100:3000:1000:50']);
    expect([both.code, both.err]).toEqual([2, "codesign: --proxy: '128:100:3000:1000:50' is both a hardware shortcut and the id of an accelerator with other values: rename that accelerator\n"]);
  });
});
