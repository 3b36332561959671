import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const shared = path.resolve(import.meta.dirname, '../..', '../shared');
const tmp = mkdtempSync(path.join(tmpdir(), 'h3cli-'));

/** Run the CLI; returns exit code and captured stdout / stderr. */
const run = (...args: string[]) => runCli(args);

/** Oracle totals for one net / dataflow / hw id. */
function oracle(net: string, df: string, hw: string): { runtime: number; energy: number } {
  const lines = readFileSync(path.join(shared, 'oracle/networks.csv'), 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const c = (n: string) => head.indexOf(n);
  let runtime = 0;
  let energy = 0;
  for (const l of lines.slice(1)) {
    const f = l.split(',');
    if (f[c('net')] === net && f[c('dataflow')] === df && f[c('hw_id')] === hw) {
      runtime += Number(f[c('runtime')]);
      energy += Number(f[c('energy_nj')]);
    }
  }
  return { runtime, energy };
}

describe('codesign evaluate', () => {
  it('nb301 samples 1,7,42 on n0 with rs: json totals equal the oracle', async () => {
    const hwFile = path.join(tmp, 'n0.m');
    writeFileSync(hwFile, 'num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 300\n');
    const outFile = path.join(tmp, 'out.json');
    const r = await run('evaluate', '--space', 'nb301', '--ids', '1,7,42', '--dataflow', 'rs', '--HW_file', hwFile, '--format', 'json', '--out', outFile);
    expect(r.err).not.toMatch(/warning|error/);
    expect(r.code).toBe(0);
    const rows = JSON.parse(readFileSync(outFile, 'utf8'));
    expect(rows.map((x: any) => [x.id, x.layers])).toEqual([[1, 431], [7, 407], [42, 547]]);
    expect(Object.keys(rows[0])).toEqual(['id', 'layers', 'latency_cycles', 'energy_nj', 'macs', 'flops']);
    expect(rows[0].flops).toBe(134741376);
    for (const row of rows) {
      const o = oracle(`nb301_${row.id}`, 'rs', 'n0');
      expect(Math.abs(row.latency_cycles - o.runtime) / o.runtime).toBeLessThan(1e-6);
      expect(Math.abs(row.energy_nj - o.energy) / o.energy).toBeLessThan(1e-5);
    }
  });

  it('a JSON network file (the oracle spec) with --hw and csv', async () => {
    const r = await run('evaluate', '--space', path.join(shared, 'oracle/spec-networks.json'), '--ids', 'Resnet50,MobileNetV2', '--dataflow', 'xp_ws', '--hw', '64:512:65536:300:50', '--no-progress');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('id,layers,latency_cycles,energy_nj,macs');
    const [name, layers, latency, energy] = lines[1].split(',');
    expect([name, layers]).toEqual(['Resnet50', '66']);
    const o = oracle('Resnet50_kcp_ws.m', 'xp_ws', 'n2');
    expect(Math.abs(Number(latency) - o.runtime) / o.runtime).toBeLessThan(1e-6);
    expect(Math.abs(Number(energy) - o.energy) / o.energy).toBeLessThan(1e-5);
    expect(lines[2].startsWith('MobileNetV2,56,')).toBe(true);
  });

  it('alphanet rows carry accuracy, flops, params', async () => {
    const r = await run('evaluate', '--space', 'alphanet', '--ids', '0,1', '--format', 'jsonl', '--no-progress');
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[1]).toMatchObject({ id: 1, layers: 95, accuracy: 69.61624076843262, flops: 388.766848, params: 9.140544 });
    expect(rows[1].latency_cycles).toBeGreaterThan(0);
  });

  it('architectures with rejected layers: empty totals and one warning naming the layer', async () => {
    const r = await run('evaluate', '--space', 'nb301', '--ids', '1,7', '--hw', '32:100:3000:1000:50', '--no-progress');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').slice(1)).toEqual(['1,431,,,,134741376', '7,407,,,,136441728']);
    expect(r.err).toMatch(/warning: 2 of 2 architectures have layers without a MAESTRO result .* first: nb301 id 1, layer 0 L0 \(CONV\): Cluster sizes need more PEs/);
  });

  it('L1 / L2 size constraints of 0 change no result (as in MAESTRO)', async () => {
    const a = await run('evaluate', '--space', 'nb301', '--ids', '3,4', '--hw', '256:0:0:1000:50', '--no-progress');
    const b = await run('evaluate', '--space', 'nb301', '--ids', '3,4', '--hw', 'default', '--no-progress');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
  });

  it('bad input: one clear line, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--space', 'nb301', '--ids', '10000'], /--ids: id 10000 out of range: nb301 has ids 0\.\.9999/],
      [['--space', 'nb301', '--ids', '1,x'], /--ids: 'x' is not an id/],
      [['--space', 'nosuch'], /--space: 'nosuch' is not nb301, alphanet, classic or a readable file/],
      [['--space', 'nb301', '--ids', '1', '--dataflow', 'zz'], /--dataflow: 'zz' is neither a built-in dataflow/],
      [['--space', 'nb301', '--ids', '1', '--format', 'xml'], /--format: expected csv, json or jsonl/],
      [['--space', 'nb301', '--ids', '1', '--hw', '1:2'], /--hw: expected default or PES:L1:L2:NOC:OFFCHIP/],
      [['--space', 'nb301', '--ids', '1', '--hw', '0:100:3000:1000:50'], /--hw: values must be integers 1\.\.2147483647 \(L1 and L2 may be 0\)/],
      [['--space', 'nb301', '--ids', '1', '--HW_file', '/nonexistent/hw.m'], /\/nonexistent\/hw\.m: --HW_file: cannot read file/],
    ];
    for (const [args, re] of cases) {
      const r = await run('evaluate', ...args, '--no-progress');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(re);
    }
  });
});
