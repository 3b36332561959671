/**
 * `codesign evaluate` inputs and outputs: a MAESTRO mapping file as the space is evaluated with
 * its own dataflows (the totals of `codesign maestro` on it) unless a dataflow flag is given;
 * `--out -` is stdout; progress lines only for runs that last (as `search`); a run whose
 * architectures all have empty totals still exits 0 with one warning line.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stderrProgress } from '../../src/cli/evaluate.js';
import { CostModel } from '../../src/model/costmodel.js';
import { parseMapping } from '../../src/parse/index.js';
import { MAESTRO_DEFAULT_HW } from '../../src/accelerators/paper.js';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(import.meta.dirname, '../..');
const VGG = path.join(root, 'data/models/vgg16_xp_ws.m'); // every layer mapped with xp_ws
const MOBILENET = path.join(root, 'data/models/MobileNetV2_kcp_ws.m'); // kcp_ws, and a dpt-like dataflow on DSCONV layers
const dir = mkdtempSync(path.join(tmpdir(), 'evin-'));
const HW = path.join(dir, 'hw.m');
writeFileSync(HW, 'num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n'); // = --hw default

/** Sums of `codesign maestro`'s CSV columns for `mapping` on HW. */
async function maestroTotals(mapping: string): Promise<{ runtime: number; energy: number; macs: number }> {
  const r = await runCli(['maestro', '--HW_file', HW, '--Mapping_file', mapping, '--out', '-']);
  expect(r.code).toBe(0);
  const [head, ...rows] = r.out.trim().split('\n').map((l) => l.split(',').map((c) => c.trim()));
  const col = (name: string) => head.indexOf(name);
  const sum = (name: string) => rows.reduce((s, row) => s + Number(row[col(name)]), 0);
  return { runtime: sum('Runtime (Cycles)'), energy: sum('Activity count-based Energy (nJ)'), macs: sum('Num MACs') };
}

/** `evaluate --format jsonl` rows. */
async function evaluate(...args: string[]): Promise<Array<Record<string, number | string | null>>> {
  const r = await runCli(['evaluate', '--hw', 'default', '--format', 'jsonl', ...args]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out.trim().split('\n').map((l) => JSON.parse(l));
}

describe('evaluate --space MAPPING.m', () => {
  it("without a dataflow flag: the file's own dataflows, the totals of codesign maestro on the file", async () => {
    const [row] = await evaluate('--space', VGG);
    const m = await maestroTotals(VGG);
    expect(m.runtime).toBe(407356425);
    expect(row).toMatchObject({ id: 'vgg16', layers: 13, latency_cycles: m.runtime, macs: m.macs });
    expect(Math.abs((row.energy_nj as number) - m.energy) / m.energy).toBeLessThan(1e-6); // (the CSV prints 6 digits)
    // Exactly the whole-network evaluation codesign maestro runs.
    const model = await CostModel.load();
    const net = parseMapping(readFileSync(VGG, 'utf8'), VGG);
    const t = model.evaluateNetwork(net, MAESTRO_DEFAULT_HW).totals;
    expect([row.latency_cycles, row.energy_nj, row.macs]).toEqual([t.runtime, t.energy_nj, t.num_macs]);
  });

  it('a dataflow flag overrides the file, as before', async () => {
    const [kcp] = await evaluate('--space', VGG, '--dataflow', 'kcp_ws');
    expect(kcp.latency_cycles).toBe(349276225);
    const [dsconv] = await evaluate('--space', VGG, '--dsconv-dataflow', 'dpt');
    expect(dsconv).toEqual(kcp); // any dataflow flag: --dataflow's default for CONV layers
    const [xp] = await evaluate('--space', VGG, '--dataflow', 'xp_ws');
    expect(xp).toMatchObject({ latency_cycles: 407356425 }); // the file's dataflow, given by hand
  });

  it('a file mapped with kcp_ws / dpt: the same numbers either way; a model file: --dataflow as always', async () => {
    const [own] = await evaluate('--space', MOBILENET);
    const [flag] = await evaluate('--space', MOBILENET, '--dataflow', 'kcp_ws');
    expect(own).toEqual(flag);
    const m = await maestroTotals(MOBILENET);
    expect([own.latency_cycles, own.macs]).toEqual([m.runtime, m.macs]);
    const model = path.join(dir, 'model.m');
    writeFileSync(model, readFileSync(VGG, 'utf8').replace(/Dataflow\s*\{[^}]*\}/g, ''));
    const [fromModel] = await evaluate('--space', model);
    expect(fromModel.latency_cycles).toBe(349276225); // kcp_ws, the --dataflow default
  });

  it('a layer the file maps badly: empty totals and the warning, exit 0', async () => {
    const bad = path.join(dir, 'bad.m');
    writeFileSync(bad, 'Network n {\n Layer L0 {\n Type: CONV\n Dimensions { K: 16, C: 3, R: 3, S: 3, Y: 34, X: 34 }\n Dataflow {\n SpatialMap(1,1) K;\n TemporalMap(2,2) R;\n }\n }\n}\n');
    const r = await runCli(['evaluate', '--space', bad, '--hw', 'default']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('id,layers,latency_cycles,energy_nj,macs\nn,1,,,\n');
    expect(r.err).toBe(
      'codesign evaluate: warning: 1 of 1 architectures have layers without a MAESTRO result (empty totals); ' +
        `first: ${bad} id n, layer 0 L0 (CONV): TemporalMap size of R (2) must equal the dimension size of R (3)\n`,
    );
  });

  it('--HW_file with a CSV hardware list (search --accelerators takes those): one line saying so, for evaluate and maestro', async () => {
    const csv = path.join(dir, 'accs.csv');
    writeFileSync(csv, 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\na,64,100,3000,400,50\n');
    const e = await runCli(['evaluate', '--space', 'nb301', '--ids', '1', '--HW_file', csv]);
    expect([e.code, e.err]).toEqual([2, `codesign: ${csv}: --HW_file: a CSV file is a list of hardware configurations (for codesign search --accelerators); this takes one configuration: a MAESTRO hardware file or a JSON object ({"numPes": 256, "l1Size": 100, ...}) (or pick one of its configurations with --hw-id ID)\n`]);
    const m = await runCli(['maestro', '--HW_file', csv, '--Mapping_file', new URL('../../examples/cli/net.m', import.meta.url).pathname]);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/^codesign: .*accs\.csv: a CSV file is a list of hardware configurations/);
  });

  it('a row MAESTRO prints that is no cost (0 MACs, negative energy): empty totals with its own dataflows too, as with --dataflow', async () => {
    // X = 2 < S = 3: kcp_ws's maps cover no iteration; MAESTRO prints runtime 0, 0 MACs, energy -169.19 nJ.
    const kcp = readFileSync(new URL('../../examples/cli/kcp_ws.m', import.meta.url), 'utf8').replace(/\/\/.*\n/g, '');
    const none = path.join(dir, 'none.m');
    writeFileSync(none, `Network N {\n Layer L {\n Type: CONV\n Stride { X: 2, Y: 2 }\n Dimensions { K: 32, C: 3, R: 3, S: 3, Y: 224, X: 2 }\n ${kcp}\n }\n}\n`);
    const want =
      'codesign evaluate: warning: 1 of 1 architectures have layers without a MAESTRO result (empty totals); ' +
      `first: ${none} id N, layer 0 L (CONV): the mapping computes nothing (0 MACs; MAESTRO's runtime 0, energy -169.1855712 nJ): no cost of this layer\n`;
    for (const flags of [[], ['--dataflow', 'kcp_ws']]) {
      const r = await runCli(['evaluate', '--space', none, '--HW_file', new URL('../../examples/cli/hw.m', import.meta.url).pathname, ...flags]);
      expect([r.code, r.out, r.err]).toEqual([0, 'id,layers,latency_cycles,energy_nj,macs\nN,1,,,\n', want]);
    }
  });
});

describe('evaluate outputs', () => {
  it('--out - writes to stdout (no file named -), as codesign maestro', async () => {
    const dash = path.resolve('-');
    const existed = existsSync(dash);
    const a = await runCli(['evaluate', '--space', 'nb301', '--ids', '1,7', '--out', '-']);
    const b = await runCli(['evaluate', '--space', 'nb301', '--ids', '1,7']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out.split('\n')[0]).toBe('id,layers,latency_cycles,energy_nj,macs,flops');
    expect(existsSync(dash)).toBe(existed);
  });

  it("a network's name is its id in the output, kept as written even where it looks like a number", async () => {
    const layer = { type: 'CONV', dims: { K: 8, C: 8, R: 1, S: 1, Y: 4, X: 4 } };
    const file = path.join(dir, 'numeric-names.json');
    writeFileSync(file, JSON.stringify(['007', 'a', '5', '3'].map((name) => ({ name, layers: [layer] }))));
    const json = await evaluate('--space', file, '--ids', 'all');
    expect(json.map((r) => r.id)).toEqual(['007', 'a', '5', 3]); // "3" names id 3: the same either way
    const csv = await runCli(['evaluate', '--hw', 'default', '--space', file, '--ids', 'all']);
    expect(csv.out.split('\n').slice(1, 5).map((l) => l.split(',')[0])).toEqual(['007', 'a', '5', '3']);
    // each id as printed selects its row again
    const again = await evaluate('--space', file, '--ids', '007,5');
    expect(again.map((r) => r.id)).toEqual(['007', '5']);
  });

  it('a network name given twice or empty is an error at its place (two rows with one id; --ids took the last)', async () => {
    const layer = { type: 'CONV', dims: { K: 8, C: 8, R: 1, S: 1, Y: 4, X: 4 } };
    const dup = path.join(dir, 'dup-names.json');
    writeFileSync(dup, JSON.stringify([{ name: 'dup', layers: [layer] }, { name: 'dup', layers: [layer] }]));
    const a = await runCli(['evaluate', '--space', dup]);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/^codesign: .*dup-names\.json:1:97: \[1\]\.name: network name 'dup' used twice \(a name is its id in the results and in --ids\)\n$/); // (column 97: the second "dup")
    const empty = path.join(dir, 'empty-name.json');
    writeFileSync(empty, JSON.stringify([{ name: '', layers: [layer] }]));
    const b = await runCli(['evaluate', '--space', empty]);
    expect(b.err).toMatch(/^codesign: .*empty-name\.json:1:\d+: \[0\]\.name: empty network name/);
  });

  it('a short run prints nothing on stderr (no progress lines when stderr is not a terminal)', async () => {
    const r = await runCli(['evaluate', '--space', 'nb301', '--ids', '1']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });

  it('every architecture without totals: exit 0 (documented), ONE warning line saying how many', async () => {
    const r = await runCli(['evaluate', '--space', 'nb301', '--ids', '1,2', '--hw', '16:100:3000:1000:50']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('id,layers,latency_cycles,energy_nj,macs,flops\n1,431,,,,134741376\n2,335,,,,117717120\n');
    expect(r.err).toBe(
      'codesign evaluate: warning: 2 of 2 architectures have layers without a MAESTRO result (empty totals); first: nb301 id 1, layer 0 L0 (CONV): ' +
        'Cluster sizes need more PEs than num_pes (MAESTRO gets zero clusters and crashes)\n',
    );
  });
});

describe('evaluate progress lines (as search: 1 s on a terminal, 10 s otherwise)', () => {
  /** Lines a run with these (phase, done, total, ms since start) events prints. */
  function lines(tty: boolean, events: Array<['layers' | 'analysis' | 'done', number, number, number]>): string[] {
    const out: string[] = [];
    let t = 0;
    const p = stderrProgress('nb301', { isTTY: tty, write: (s: string) => out.push(s) }, () => t);
    for (const [phase, done, total, at] of events) {
      t = at;
      p(phase, done, total);
    }
    return out;
  }
  const SHORT: Array<['layers' | 'analysis' | 'done', number, number, number]> = [['layers', 1, 1, 50], ['analysis', 0, 30, 60], ['analysis', 30, 30, 150], ['done', 1, 1, 200]];

  it('a 0.2 s run: nothing, terminal or not', () => {
    expect(lines(false, SHORT)).toEqual([]);
    expect(lines(true, SHORT)).toEqual([]);
  });

  it('a long run: on a terminal after 1 s (layers at most every 0.5 s), elsewhere after 10 s', () => {
    const LONG: Array<['layers' | 'analysis' | 'done', number, number, number]> = [
      ['layers', 256, 1024, 900], ['layers', 512, 1024, 1200], ['layers', 768, 1024, 1500], ['layers', 1024, 1024, 11000],
      ['analysis', 0, 32, 11100], ['analysis', 32, 32, 12000], ['done', 1024, 1024, 12500],
    ];
    expect(lines(true, LONG)).toEqual([
      'codesign evaluate: nb301: building layers 512/1024 (1.2 s)\n',
      'codesign evaluate: nb301: building layers 1024/1024 (11.0 s)\n',
      'codesign evaluate: nb301: analysing 32 distinct layer shapes\n',
      'codesign evaluate: nb301: 1024 architectures evaluated in 12.5 s\n',
    ]);
    expect(lines(false, LONG)).toEqual([
      'codesign evaluate: nb301: building layers 1024/1024 (11.0 s)\n',
      'codesign evaluate: nb301: analysing 32 distinct layer shapes\n',
      'codesign evaluate: nb301: 1024 architectures evaluated in 12.5 s\n',
    ]);
  });
});

describe('a misspelt flag is named, on one line', () => {
  it("evaluate --spa: 'unknown option' with the suggestion on the same line (was \"--space not specified\"; search's suggestion was a second line)", async () => {
    const e = await runCli(['evaluate', '--spa', 'nb301', '--ids', '1']);
    expect([e.code, e.err]).toEqual([2, "codesign: unknown option '--spa' (did you mean --space?)\n"]);
    const s = await runCli(['search', '--spa', 'nb301']);
    expect([s.code, s.err]).toEqual([2, "codesign: unknown option '--spa' (did you mean --space?)\n"]);
    const none = await runCli(['evaluate', '--ids', '1']);
    expect([none.code, none.err]).toEqual([2, "codesign: required option '--space <space>' not specified\n"]);
  });
});
