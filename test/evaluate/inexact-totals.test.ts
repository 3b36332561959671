/**
 * Totals of 2^53 cycles or more are not exact in a double: `evaluate` refuses them (empty totals
 * and a warning) and `search` counts such a pair infeasible, whatever made them that large. Here
 * a NoC latency of 2^31-1 cycles on an ordinary layer (MAESTRO prints 576425570078818303 cycles;
 * as a double that would be 576425570078818300), with no layer "at risk" of 32-bit overflow.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'inexact-'));
const put = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const SPACE = put('big.json', JSON.stringify([{ name: 'big', layers: [{ type: 'CONV', dims: { K: 65535, C: 1, R: 1, S: 1, Y: 127, X: 129 } }] }]));
const HW = 'num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n';

describe('totals beyond 2^53', () => {
  it('maestro prints the exact runtime; evaluate refuses the inexact total', async () => {
    const far = put('far.m', `${HW}NoC_NumHops: 2147483647\n`);
    const m = await runCli(['maestro', '--HW_file', far, '--Mapping_file', put('big.m',
      'Network n {\n Layer L {\n Type: CONV\n Dimensions { K: 65535, C: 1, R: 1, S: 1, Y: 127, X: 129 }\n Dataflow {\n SpatialMap(1,1) K;\n TemporalMap(64,64) C;\n TemporalMap(Sz(R),Sz(R)) R;\n TemporalMap(Sz(S),Sz(S)) S;\n TemporalMap(Sz(R),1) Y;\n TemporalMap(Sz(S),1) X;\n Cluster(64, P);\n SpatialMap(1,1) C;\n TemporalMap(Sz(R),1) Y;\n TemporalMap(Sz(S),1) X;\n TemporalMap(Sz(R),Sz(R)) R;\n TemporalMap(Sz(S),Sz(S)) S;\n }\n }\n}\n'), '--out', '-']);
    expect(m.code).toBe(0);
    expect(m.out.split('\n')[1]!.split(',')[3]).toBe('576425570078818303');
    const e = await runCli(['evaluate', '--space', SPACE, '--HW_file', far]);
    expect(e.code).toBe(0);
    expect(e.out).toBe('id,layers,latency_cycles,energy_nj,macs\nbig,1,,,\n');
    expect(e.err).toMatch(/network too large: its latency of about 5\.7643e\+17 cycles is beyond 2\^53, not exact as a double/);
    const near = await runCli(['evaluate', '--space', SPACE, '--HW_file', put('near.m', HW)]);
    expect(near.out).toBe('id,layers,latency_cycles,energy_nj,macs\nbig,1,536838145,5745061.664174099,1073659905\n');
  });

  it('search: the pair is infeasible (inf in the CSV), the answer is the exact one', async () => {
    const acc = put('acc.csv', 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw,noc_hops\nfar,256,100,3000,1000,50,2147483647\nnear,256,100,3000,1000,50,1\n');
    const out = path.join(dir, 's.json');
    const csv = path.join(dir, 's.csv');
    for (const memo of [[], ['--no-memo']]) {
      const r = await runCli(['search', '--space', SPACE, '--quality', put('q.csv', 'id,quality\n0,1\n'), '--accelerators', acc, '--dataflows', 'kcp_ws',
        '--workers', '0', '--no-timings', '--no-summary', '--no-progress', ...memo, '--out', out, '--csv', csv]);
      expect([r.code, r.err]).toEqual([0, '']);
      expect(readFileSync(csv, 'utf8')).toContain('\n0,1,far/kcp_ws,accelerator,256,100,3000,1000,50,kcp_ws,inf,inf,');
      const t = JSON.parse(readFileSync(out, 'utf8')).perThreshold[0];
      expect([t.full.accelId, t.full.latency, t.certified.accelId]).toEqual(['near/kcp_ws', 536838145, 'near/kcp_ws']);
    }
  });
});

describe('guardOverflow: a MAC count beyond 2^53 says so (it printed two equal rounded counts as if they differed)', () => {
  it('140,001 layers of 68,050,548,225 MACs: empty totals, the reason names the MAC count', async () => {
    const { guardOverflow } = await import('../../src/cli/evaluate.js');
    const layer = { name: 'c', type: 'CONV' as const, strideX: 1, strideY: 1, dims: { K: 1023, C: 1023, R: 1, S: 1, Y: 255, X: 255 } };
    const n = 140_001;
    const space = { name: 'huge', size: 1, label: () => 'many', layers: () => Array.from({ length: n }, () => ({ ...layer })), columns: [] };
    const r = { id: 0, label: 'many', layers: n, latency_cycles: 2.2e14, energy_nj: 1e12, macs: 68_050_548_225 * n, figures: {}, failures: [] as never[] };
    guardOverflow([r], space, 256);
    expect([r.latency_cycles, r.energy_nj, r.macs]).toEqual([null, null, null]);
    expect((r.failures as Array<{ reason: string }>)[0]!.reason).toBe(
      "network too large: its MAC count of about 9.5271e+15 is beyond 2^53, not exact as a double (codesign maestro prints each layer's count exactly)",
    );
  });
});
