/**
 * `codesign maestro` through the CLI entry `main()`: byte-for-byte equality with the CSVs the real
 * MAESTRO binary wrote (test/fixtures/maestro/expected), MAESTRO's append semantics, flags,
 * batch mode, JSON inputs, and one-line errors with exit code 2 for malformed inputs.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAESTRO_CSV_HEADER } from '../../src/model/columns.js';
import { parseMaestroCsv } from '../../src/report/maestro-csv.js';
import { runBatch } from '../../src/cli/maestro/batch.js';
import { InputCache } from '../../src/cli/maestro/inputs.js';
import { CostModel } from '../../src/model/costmodel.js';
import { runCli } from '../helpers/run-cli.js';
import { parseHardware } from '../../src/parse/hardware.js';
import { parseMapping } from '../../src/parse/mapping.js';
import { MAESTRO_DEFAULT_HW } from '../../src/accelerators/paper.js';

const fx = path.resolve(__dirname, '../fixtures/maestro');
const expectedDir = path.join(fx, 'expected');
const HW = path.join(fx, 'hw/accelerator_1.m');
const mapping = (b: string) => path.join(fx, 'mapping', `${b}.m`);
const expected = (hw: string, b: string) => readFileSync(path.join(expectedDir, hw, `${b}.csv`), 'utf8');
let tmp = '';

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'codesign-maestro-'));
});

/** Run `codesign maestro ...args`; returns exit code and captured stdout / stderr. */
const run = (...args: string[]) => runCli(['maestro', ...args]);

const cases = readdirSync(expectedDir).flatMap((hw) =>
  readdirSync(path.join(expectedDir, hw)).map((f) => [hw, f.replace(/\.csv$/, '')] as const),
);

describe('codesign maestro = MAESTRO, byte for byte', () => {
  it.each(cases)('%s / %s', async (hw, b) => {
    const out = path.join(tmp, `${hw}-${b}.csv`);
    const r = await run(`--HW_file=${path.join(fx, 'hw', hw + '.m')}`, `--Mapping_file=${mapping(b)}`, `--out=${out}`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(expected(hw, b));
  });
});

describe('output file handling', () => {
  it('appends like MAESTRO (header once), --overwrite replaces', async () => {
    const out = path.join(tmp, 'append.csv');
    const exp = expected('accelerator_1', 'vgg16_xp_ws');
    const rows = exp.slice(exp.indexOf('\n') + 1);
    expect((await run('--HW_file', HW, '--Mapping_file', mapping('vgg16_xp_ws'), '--out', out)).code).toBe(0);
    expect((await run('--HW_file', HW, '--Mapping_file', mapping('vgg16_xp_ws'), '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(exp + rows);
    expect((await run('--HW_file', HW, '--Mapping_file', mapping('vgg16_xp_ws'), '--out', out, '--overwrite')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(exp);
  });

  it('a large network (20,000 layers: CSV written in chunks) gets progress lines on stderr', async () => {
    // One layer with its dataflow, then 19,999 layers R that reuse it (MAESTRO's rule).
    const one = readFileSync(mapping('example'), 'utf8');
    const first = one.slice(one.indexOf('Layer'), one.lastIndexOf('}'));
    const rest = 'Layer R { Type: CONV Stride { X: 1, Y: 1 } Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 16, X: 16 } }\n';
    const f = path.join(tmp, 'large.m');
    writeFileSync(f, `Network large {\n${first}\n${rest.repeat(19999)}}\n`);
    const out = path.join(tmp, 'large.csv');
    const r = await run('--HW_file', HW, '--Mapping_file', f, '--out', out, '--overwrite');
    expect(r.code).toBe(0);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^codesign maestro: 20000 layers parsed \(\d+\.\d s\); evaluating$/);
    expect(lines[1]).toMatch(/^codesign maestro: 20000 layers evaluated \(\d+\.\d s\); writing the CSV$/);
    expect(lines[2]).toBe(`codesign maestro: 20000 CSV rows written to ${out} (${/\((\d+\.\d s)\)$/.exec(lines[2]!)![1]})`);
    const csv = readFileSync(out, 'utf8').split('\n');
    expect(csv).toHaveLength(20002); // header, 20,000 rows, final newline
    // From the third row on every layer is R after R (its L1 energy uses the previous layer's counts).
    expect(new Set(csv.slice(3, 20001))).toHaveProperty('size', 1);
  });

  it('--out - writes the CSV to stdout', async () => {
    const r = await run('--HW_file', HW, '--Mapping_file', mapping('example'), '--out', '-');
    expect(r.code).toBe(0);
    expect(r.out).toBe(expected('accelerator_1', 'example'));
  });

  it("default output: <mapping base name>.csv in the current directory", async () => {
    const dir = path.join(tmp, 'cwd');
    mkdirSync(dir, { recursive: true });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await run(`--HW_file=${HW}`, `--Mapping_file=${mapping('example')}`, '--print_res=false', '--print_res_csv_file=true', '--print_log_file=false');
      expect(r.code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(readFileSync(path.join(dir, 'example.csv'), 'utf8')).toBe(expected('accelerator_1', 'example'));
  });

  it("--print_res_csv_file=false writes nothing; --print_res=true prints MAESTRO's report, --summary a summary", async () => {
    const out = path.join(tmp, 'nocsv.csv');
    const p = await run('--HW_file', HW, '--Mapping_file', mapping('vgg16_xp_ws'), '--out', out, '--print_res_csv_file=false', '--print_res=true');
    expect(p.code).toBe(0);
    expect(existsSync(out)).toBe(false);
    // MAESTRO's report (byte for byte: test/cli/maestro-report.test.ts); no bandwidth check without the CSV.
    expect(p.out.split('\n[Performance Analysis]\n').length - 1).toBe(13);
    expect(p.out).toContain('Buffer Analysis:\n[WARNING:Buffer] Per-layer L2 size requirement [4458] is larger than the given L2 size [3000]\n');
    expect(p.out).not.toContain('BW Analysis');
    const r = await run('--HW_file', HW, '--Mapping_file', mapping('vgg16_xp_ws'), '--out', out, '--print_res_csv_file=false', '--summary');
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(false);
    expect(r.out).toContain('Network vgg16 (13 layers)');
    expect(r.out).toContain('Hardware: 256 PEs, L1 100 B, L2 3000 B, NoC BW 1000, off-chip BW 50, NoC hops 1');
    const rows = parseMaestroCsv(expected('accelerator_1', 'vgg16_xp_ws'));
    const total = rows.reduce((s, x) => s + x.metrics.runtime, 0);
    expect(r.out).toContain(`Total: ${total} cycles`);
    expect(r.out).toContain('Warning: per-layer L2 size requirement 4458 B exceeds the given L2 size 3000 B');
    expect(r.out).toContain('Warning: per-layer off-chip BW requirement 223 exceeds the given off-chip BW 50');
  });

  it('hardware flags override the hardware file', async () => {
    const out = path.join(tmp, 'flags.csv');
    const r = await run('--HW_file', HW, '--Mapping_file', mapping('example'), '--out', out, '--num_pes=64', '--noc_bw_cstr', '50', '--offchip_bw_cstr=150', '--noc_hops=2');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(expected('small_64pe_2hops', 'example'));
  });

  /** Run the MAESTRO CSV `dir/<mapping>[--flag=value...].csv` names (plus `args`) and compare with it. */
  async function expectNamedCsv(dir: string, f: string, ...args: string[]): Promise<void> {
    const [base, ...flags] = f.replace(/\.csv$/, '').split('--');
    const r = await run(...args, `--Mapping_file=${mapping(base!)}`, '--out', '-', ...flags.map((x) => `--${x}`));
    // --noc_hops alone without a hardware file changes nothing (as in MAESTRO), and says so
    const hopsAlone = args.length === 0 && flags.some((x) => x.startsWith('noc_hops=')) && !flags.some((x) => x.startsWith('noc_hop_latency='));
    expect(r.err, f).toBe(
      hopsAlone
        ? 'codesign maestro: --noc_hops without --noc_hop_latency changes nothing without a hardware file, as in MAESTRO (its NoC latency is --noc_hop_latency, default 0, x --noc_hops)\n'
        : '',
    );
    expect(r.out, f).toBe(readFileSync(path.join(dir, f), 'utf8'));
  }

  it("no hardware file: MAESTRO's command-line defaults (7 PEs, NoC latency 0) and flags (incl. --noc_hop_latency x --noc_hops, --num_simd_lanes)", async () => {
    const dir = path.join(fx, 'expected-no-hw-file');
    for (const f of readdirSync(dir)) await expectNamedCsv(dir, f);
  });

  it('--num_simd_lanes (vector width) with a hardware file, as MAESTRO applies it', async () => {
    // expected-flags/<hw>/<mapping>--flag=value.csv: MAESTRO's CSVs for --HW_file=hw/<hw>.m plus the flags.
    const dir = path.join(fx, 'expected-flags');
    for (const hw of readdirSync(dir)) {
      for (const f of readdirSync(path.join(dir, hw))) await expectNamedCsv(path.join(dir, hw), f, `--HW_file=${path.join(fx, 'hw', hw + '.m')}`);
    }
    // The same through a JSON hardware file's vectorWidth.
    const json = path.join(tmp, 'hw-vw8.json');
    writeFileSync(json, JSON.stringify({ hardware: { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50, vectorWidth: 8 } }));
    const j = await run('--HW_file', json, '--Mapping_file', mapping('Resnet50_kcp_ws'), '--out', '-');
    expect(j.err).toBe('');
    expect(j.out).toBe(readFileSync(path.join(dir, 'accelerator_1', 'Resnet50_kcp_ws--num_simd_lanes=8.csv'), 'utf8'));
  });

  it("MAESTRO's own run script works unchanged: abbreviated options, options without effect", async () => {
    // The command line of MAESTRO's validation/maeri/run_eval_vgg16_maeri.sh, verbatim but for
    // --print_res (MAESTRO's readable log): --noc_bw / --l1_size / --l2_size are boost's guesses
    // for --noc_bw_cstr / --l1_size_cstr / --l2_size_cstr; --noc_mc_support, --do_* change nothing.
    const flags = [
      '--print_res_csv_file=true', '--print_log_file=false', '--noc_bw=1000000000', '--noc_hop_latency=0', '--noc_mc_support=true',
      '--num_pes=256', '--num_simd_lanes=1', '--l1_size=5120', '--l2_size=1024000', '--do_implicit_reduction=true',
      '--do_fg_sync=false', '--do_reduction_op=true', '--do_dse=false',
    ];
    const r = await run(`--Mapping_file=${mapping('vgg16_maeri')}`, '--out', '-', ...flags);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(path.join(fx, 'expected-scripts', 'run_eval_vgg16_maeri.csv'), 'utf8'));
    // Any start of one option's name stands for it (--Mapping, --num_p), as in MAESTRO.
    const short = await run(`--Mapping=${mapping('vgg16_maeri')}`, '--out', '-', ...flags.map((f) => f.replace('--num_pes', '--num_p')));
    expect(short.out).toBe(r.out);
    // More than one: an error, as in MAESTRO (which aborts there).
    const amb = await run(`--Mapping_file=${mapping('example')}`, '--noc_hop=1');
    expect(amb.code).toBe(2);
    expect(amb.err).toBe('codesign: --noc_hop: ambiguous option: it is the start of --noc_hops, --noc_hop_latency\n');
    // A flag and its abbreviation are the same flag given twice.
    const twice = await run(`--Mapping_file=${mapping('example')}`, '--noc_bw=5', '--noc_bw_cstr=6');
    expect(twice.code).toBe(2);
    expect(twice.err).toBe('codesign: --noc_bw_cstr: given more than once (each flag at most once)\n');
    // Values are checked by type; the bandwidth sweep (both sweep flags true) is refused.
    const bad = await run(`--Mapping_file=${mapping('example')}`, '--do_dse=maybe');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("argument 'maybe' is invalid. expected true or false, got 'maybe'");
    const sweep = await run(`--Mapping_file=${mapping('example')}`, '--bw_sweep=true', '--top_bw_only=true');
    expect(sweep.code).toBe(2);
    expect(sweep.err).toBe("codesign: --bw_sweep: MAESTRO's NoC bandwidth sweep (--bw_sweep=true with --top_bw_only=true) is not supported\n");
    // MAESTRO's older input options: ignored, as by MAESTRO, with a note.
    const old = await run('--HW_file', HW, `--Mapping_file=${mapping('example')}`, '--out', '-', '--dataflow_file=kcp_ws.m');
    expect(old.code).toBe(0);
    expect(old.out).toBe(expected('accelerator_1', 'example'));
    expect(old.err).toMatch(/^codesign maestro: --dataflow_file is ignored, as by MAESTRO/);
  });

  it('L1 / L2 size constraints of 0 are accepted, as by MAESTRO (they change no column)', async () => {
    // MAESTRO evaluates such a hardware file; the sizes only feed its "larger than the given size"
    // warning, so the CSV is byte for byte the one for accelerator_1 (L1 100, L2 3000).
    const hw = path.join(tmp, 'hw-zero-sizes.m');
    writeFileSync(hw, 'num_pes: 256\nl1_size_cstr: 0\nl2_size_cstr: 0\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n');
    const r = await run('--HW_file', hw, '--Mapping_file', mapping('example'), '--out', '-');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(expected('accelerator_1', 'example'));
    const f = await run('--HW_file', HW, '--Mapping_file', mapping('example'), '--out', '-', '--l1_size_cstr=0', '--l2_size_cstr', '0');
    expect(f.code).toBe(0);
    expect(f.out).toBe(expected('accelerator_1', 'example'));
  });

  it('--full_names prints names as written', async () => {
    const r = await run('--HW_file', HW, '--Mapping_file', mapping('mnasnet_xp_ws'), '--out', '-', '--full_names');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[1].startsWith('torchvision.models.mnasnet,Conv2d-1,256,')).toBe(true);
    expect(lines[1].slice(lines[1].indexOf(',256,'))).toBe(expected('accelerator_1', 'mnasnet_xp_ws').split('\n')[1].slice(lines[1].indexOf(',256,') - 'Conv2d-1'.length + 1));
  });
});

describe('other input forms', () => {
  it('model file + dataflow file (+ DSCONV dataflow) = the mapping file', async () => {
    const r = await run(
      '--HW_file', HW,
      '--Model_file', path.join(fx, 'model/Resnet50_model.m'),
      '--Dataflow_file', path.join(fx, 'dataflow/kcp_ws.m'),
      '--DSCONV_dataflow_file', path.join(fx, 'dataflow/dpt.m'),
      '--out', '-',
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe(expected('accelerator_1', 'Resnet50_kcp_ws'));
  });

  it('model file + dataflow file: a layer the dataflow cannot map is named (the directive is in the dataflow file)', async () => {
    const model = path.join(tmp, 'gemm_model.m');
    writeFileSync(model, 'Network g {\n  Layer conv { Type: CONV Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 16, X: 16 } }\n  Layer fc { Type: GEMM Dimensions { M: 100, N: 1, K: 128 } }\n}\n');
    const df = path.join(fx, 'dataflow/kcp_ws.m');
    const r = await run('--HW_file', HW, '--Model_file', model, '--Dataflow_file', df, '--out', path.join(tmp, 'g.csv'));
    expect(r.code).toBe(3);
    expect(r.err.split('\n')[0]).toMatch(new RegExp(`^codesign: ${df.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: layer fc: Dataflow\\.\\w+: dimension C not found \\(the layer has M, N, K\\) \\(layer skipped: no CSV row\\)$`));
  });

  it('JSON hardware and mapping files give the same CSV', async () => {
    const hw = path.join(tmp, 'hw.json');
    const net = path.join(tmp, 'net.json');
    writeFileSync(hw, JSON.stringify({ hardware: { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 } }));
    writeFileSync(
      net,
      JSON.stringify({
        network: {
          name: 'ResNeXt50',
          layers: [
            {
              name: 'CONV1',
              type: 'CONV',
              dims: { K: 64, C: 128, R: 3, S: 3, Y: 224, X: 224 },
              dataflow: {
                directives: [
                  { kind: 'SpatialMap', size: 1, offset: 1, dim: 'K' },
                  { kind: 'TemporalMap', size: 64, offset: 64, dim: 'C' },
                  { kind: 'TemporalMap', size: { sz: 'R' }, offset: { sz: 'R' }, dim: 'R' },
                  { kind: 'TemporalMap', size: { sz: 'S' }, offset: { sz: 'S' }, dim: 'S' },
                  { kind: 'TemporalMap', size: { sz: 'R' }, offset: 1, dim: 'Y' },
                  { kind: 'TemporalMap', size: { sz: 'S' }, offset: 1, dim: 'X' },
                  { kind: 'Cluster', size: 64, clusterType: 'P' },
                  { kind: 'SpatialMap', size: 1, offset: 1, dim: 'C' },
                  { kind: 'TemporalMap', size: { sz: 'R' }, offset: 1, dim: 'Y' },
                  { kind: 'TemporalMap', size: { sz: 'S' }, offset: 1, dim: 'X' },
                  { kind: 'TemporalMap', size: { sz: 'R' }, offset: { sz: 'R' }, dim: 'R' },
                  { kind: 'TemporalMap', size: { sz: 'S' }, offset: { sz: 'S' }, dim: 'S' },
                ],
              },
            },
          ],
        },
      }),
    );
    const r = await run('--HW_file', hw, '--Mapping_file', net, '--out', '-');
    expect(r.err).toBe('');
    expect(r.out).toBe(expected('accelerator_1', 'example'));
    // One combined file {"hardware", "network"} works without --HW_file.
    const both = path.join(tmp, 'both.json');
    writeFileSync(both, JSON.stringify({ ...JSON.parse(readFileSync(hw, 'utf8')), ...JSON.parse(readFileSync(net, 'utf8')) }));
    const r2 = await run('--Mapping_file', both, '--out', '-');
    expect(r2.err).toBe('');
    expect(r2.out).toBe(expected('accelerator_1', 'example'));
    // Its own hardware with too few PEs for Cluster(64, P): the closing line names no default hardware.
    const small = JSON.parse(readFileSync(both, 'utf8'));
    small.hardware.numPes = 16;
    small.network.layers = [small.network.layers[0], { ...small.network.layers[0], name: 'CONV2' }];
    writeFileSync(path.join(tmp, 'small.json'), JSON.stringify(small));
    const r3 = await run('--Mapping_file', path.join(tmp, 'small.json'), '--out', '-');
    expect(r3.code).toBe(3);
    expect(r3.err.trim().split('\n').at(-1)).toBe('codesign maestro: 2 of 2 layers rejected (no row), 0 evaluated');
  });
});

describe('rejected layers', () => {
  it('a layer MAESTRO rejects gets no row, a located line on stderr, exit code 3', async () => {
    const out = path.join(tmp, 'unet.csv');
    const r = await run('--HW_file', HW, '--Mapping_file', mapping('UNet_kcp_ws'), '--out', out);
    expect(r.code).toBe(3);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('codesign maestro: 2 of 23 layers rejected (no row), 21 evaluated');
    expect(lines[0]).toBe(
      `codesign: ${mapping('UNet_kcp_ws')}:8:4: Layer CONV1_1.Dataflow.TemporalMap: TemporalMap size of R (7) must equal the dimension size of R (3) (layer skipped: no CSV row)`,
    );
    // The next layer's energy (kcp_ws has cluster levels) would take CONV1_1's L1 counts: no row
    // either, rather than a number resting on counts that are not there (MAESTRO prints nothing).
    expect(lines[1]).toMatch(/UNet_kcp_ws\.m:17:2: layer CONV1_2: its energy uses the L1 counts of the layer before it \(CONV1_1\), which has no result \(layer skipped: no CSV row\)$/);
    const csv = readFileSync(out, 'utf8').split('\n');
    expect(csv[0]).toBe(MAESTRO_CSV_HEADER);
    expect(csv.filter((l) => l !== '')).toHaveLength(22); // header + 21 of the 23 layers
    expect(csv.some((l) => l.startsWith('UNet,CONV1_1,'))).toBe(false);
  });
  it('without a hardware file, the closing line says MAESTRO\'s 7-PE default was used (most layers of a real network need more)', async () => {
    const out = path.join(tmp, 'resnet-default-hw.csv');
    const r = await run('--Mapping_file', mapping('Resnet50_kcp_ws'), '--out', out);
    expect(r.code).toBe(3);
    expect(r.err.trim().split('\n').at(-1)).toBe("codesign maestro: 50 of 66 layers rejected (no row), 16 evaluated; no --HW_file or --num_pes: MAESTRO's command-line default of 7 PEs was used");
    const withPes = await run('--Mapping_file', mapping('Resnet50_kcp_ws'), '--num_pes', '32', '--out', path.join(tmp, 'resnet-32pe.csv'));
    expect(withPes.err).not.toContain('default of');
  });
});

describe('found by mutation fuzzing against the MAESTRO binary', () => {
  it('a row whose energy would take a rejected layer\'s L1 counts is not written (it printed -1.94891e+14 nJ)', async () => {
    const m = path.join(tmp, 'after-rejected.m');
    writeFileSync(
      m,
      `Network N {
  Layer A {
    Type: CONV
    Dimensions { K: 64, C: 64, R: 1048576, S: 1, Y: 56, X: 56 }
    Dataflow { TemporalMap(2,2) K; TemporalMap(4,4) C; TemporalMap(Sz(R),Sz(R)) R; SpatialMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X;
      Cluster(3,P); SpatialMap(1,1) X; SpatialMap(1,1) S; TemporalMap(Sz(S),Sz(S)) S; }
  }
  Layer B {
    Type: CONV
    Dimensions { K: 1, C: 1, R: 1, S: 1, Y: 8, X: 8 }
    Dataflow { SpatialMap(1,1) Y; TemporalMap(1,1) X; Cluster(1,P); SpatialMap(1,1) X; }
  }
  Layer C {
    Type: CONV
    Dimensions { K: 1, C: 1, R: 1, S: 1, Y: 8, X: 8 }
    Dataflow { SpatialMap(1,1) Y; TemporalMap(1,1) X; Cluster(1,P); SpatialMap(1,1) X; }
  }
}
`,
    );
    const r = await run('--HW_file', HW, '--Mapping_file', m, '--out', '-');
    expect(r.code).toBe(3);
    const err = r.err.trim().split('\n');
    expect(err[0]).toMatch(/after-rejected\.m:2:3: layer A: layer too large: its energy_nj would be -\d+\.\d+ \(negative\)/);
    expect(err[1]).toBe(`codesign: ${m}:8:3: layer B: its energy uses the L1 counts of the layer before it (A), which has no result (layer skipped: no CSV row)`);
    // C follows B, whose own counts are sound: written, with no negative number anywhere
    const rows = r.out.trim().split('\n').slice(1);
    expect(rows.map((l) => l.split(',')[1])).toEqual(['C']);
    expect(rows[0]).not.toContain('-');
    // --isolated: each layer its own one-layer network, no layer takes another's counts
    const iso = await run('--HW_file', HW, '--Mapping_file', m, '--out', '-', '--isolated');
    expect(iso.err.trim().split('\n')).toHaveLength(1); // A only
    expect(iso.out.trim().split('\n').slice(1).map((l) => l.split(',')[1])).toEqual(['B', 'C']);
  });

  it("a lone CR ends a line (and a // comment): an old-Mac hardware file keeps every key", () => {
    const hw = parseHardware('num_pes: 256\r// memory limits\rl1_size_cstr: 100\rl2_size_cstr: 3000\rnoc_bw_cstr: 10\roffchip_bw_cstr: 5\r', 'cr.m');
    expect([hw.numPes, hw.l1Size, hw.l2Size, hw.nocBw, hw.offchipBw]).toEqual([256, 100, 3000, 10, 5]);
    expect(() => parseHardware('num_pes: 256\r\rbogus: 1\r', 'cr.m')).toThrow(/^cr\.m:3:1: unknown hardware key 'bogus'/);
    expect(() => parseHardware('num_pes: 256\r\n\r\nbogus: 1\r\n', 'crlf.m')).toThrow(/^crlf\.m:3:1: /);
  });

  it('entries on one line separated by commas, as MAESTRO reads them (its CSV and report identical, checked against the binary)', () => {
    const hw = parseHardware('num_pes: 64, l1_size_cstr: 1000, l2_size_cstr: 3000,\nnoc_bw_cstr: 500; offchip_bw_cstr: 50\n', 'c.m');
    expect([hw.numPes, hw.l1Size, hw.l2Size, hw.nocBw, hw.offchipBw]).toEqual([64, 1000, 3000, 500, 50]);
    expect(() => parseHardware('num_pes: 64,, l1_size_cstr: 1000\n', 'c.m')).toThrow(/^c\.m:1:13: expected a hardware key/); // (one separator)
  });

  it('a // glued to a word or number is refused (MAESTRO reads the rest of the line: N: 4 below)', () => {
    const text = 'Network N {\n Layer A {\n  Type: CONV\n  Dimensions { K: 16, C: 16, R: 1, S: 1, Y: 8, X: 8//, N: 4\n  }\n  Dataflow { SpatialMap(1,1) K; TemporalMap(1,1) C; TemporalMap(1,1) Y; TemporalMap(1,1) X; }\n }\n}\n';
    expect(() => parseMapping(text, 'g.m')).toThrow("g.m:4:51: '8//': put a blank before a // comment (MAESTRO reads '8//...' as one word and goes on reading the line after it)");
    expect(parseMapping(text.replace('8//', '8 //'), 'g.m').layers[0]!.dims.N).toBeUndefined();
    expect(() => parseMapping(text.replace('X: 8//, N: 4\n  }', 'X: 8 }// N: 4\n'), 'g.m')).toThrow("g.m:4:53: '}//': put a blank before a // comment");
  });

  it("Y with X' (or Y' with X) is rejected: MAESTRO reads an uninitialised size (valgrind), its numbers vary", async () => {
    const cm = await CostModel.load();
    const layer = parseMapping(
      "Network A {\n Layer B {\n  Type: CONV\n  Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 56, X': 56 }\n  Dataflow { SpatialMap(1,1) K; TemporalMap(64,64) C; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S; TemporalMap(3,1) Y; TemporalMap(3,1) X; }\n }\n}\n",
      'mix.m',
    ).layers[0]!;
    expect(() => cm.evaluateLayer(layer, MAESTRO_DEFAULT_HW)).toThrow("layer B: Dimensions mix Y and X' (an input and an output size): MAESTRO reads an uninitialised size");
    // Both sizes of one axis: the parsers' message, not a "mix" of the other axis.
    expect(() => cm.evaluateLayer({ ...layer, dims: { K: 16, C: 16, R: 3, S: 3, Y: 16, X: 16, "Y'": 14 } }, MAESTRO_DEFAULT_HW)).toThrow("layer B: both Y and Y' given: declare the input size or the output size, not both");
    expect(() => cm.evaluateLayer({ ...layer, dims: { K: 16, C: 16, R: 3, S: 3, "Y'": 14, X: 16, "X'": 14 } }, MAESTRO_DEFAULT_HW)).toThrow("layer B: both X and X' given");
  });
});

describe('bad input: one line on stderr, exit code 2, nothing written', () => {
  const good = readFileSync(mapping('example'), 'utf8');
  const write = (name: string, text: string) => {
    const p = path.join(tmp, name);
    writeFileSync(p, text);
    return p;
  };
  it.each([
    ['truncated file', () => write('t1.m', good.slice(0, good.indexOf('Cluster'))), ': Layer CONV1.Dataflow: expected \'}\' to close Dataflow (file is truncated), got end of file'],
    ['unknown directive', () => write('t2.m', good.replace('SpatialMap(1,1) K', 'SpatialMop(1,1) K')), ":9:4: Layer CONV1.Dataflow: expected 'SpatialMap', 'TemporalMap', 'Cluster' or '}', got 'SpatialMop'"],
    ['missing dim', () => write('t3.m', good.replace('R: 3, ', '')), ':7:3: Layer CONV1.Dimensions: missing dimension R for a CONV layer'],
    ['negative size', () => write('t4.m', good.replace('K: 64', 'K: -64')), ':7:19: Layer CONV1.Dimensions.K: negative value -64 not allowed (expected an integer >= 1)'],
    ['zero size', () => write('t5.m', good.replace('C: 128', 'C: 0')), ':7:26: Layer CONV1.Dimensions.C: value 0 is not allowed (expected an integer >= 1)'],
    ['huge number', () => write('t6.m', good.replace('Y:224', 'Y:4294967296')), ':7:45: Layer CONV1.Dimensions.Y: value 4294967296 is too large (limit 2147483647)'],
    ['wrong type', () => write('t7.m', good.replace('Type: CONV', 'Type: 3')), ": Layer CONV1.Type: expected a layer type (CONV, DSCONV, GEMM, NGCONV, TRCONV), got '3'"],
  ])('%s', async (_n, make, tail) => {
    const file = make();
    const out = path.join(tmp, 'never.csv');
    const r = await run('--HW_file', HW, '--Mapping_file', file, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter((l) => l)).toHaveLength(1);
    expect(r.err.startsWith(`codesign: ${file}:`)).toBe(true);
    expect(r.err.trimEnd().slice(`codesign: ${file}`.length)).toMatch(new RegExp(tail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$'));
    expect(existsSync(out)).toBe(false);
  });

  it('bad hardware file', async () => {
    const hw = write('hw-bad.m', 'num_pes: 256\nnoc_bw_cstr: 0\n');
    const r = await run('--HW_file', hw, '--Mapping_file', mapping('example'), '--out', '-');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`codesign: ${hw}:2:14: noc_bw_cstr: value 0 is not allowed (expected an integer >= 1)\n`);
    const neg = write('hw-neg.m', 'num_pes: 256\nl1_size_cstr: -5\n');
    const n = await run('--HW_file', neg, '--Mapping_file', mapping('example'), '--out', '-');
    expect(n.code).toBe(2);
    expect(n.err).toBe(`codesign: ${neg}:2:15: l1_size_cstr: negative value -5 not allowed (expected an integer >= 0)\n`);
  });

  it('missing file', async () => {
    const r = await run('--HW_file', path.join(tmp, 'nope.m'), '--Mapping_file', mapping('example'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`codesign: ${path.join(tmp, 'nope.m')}: cannot read file (no such file)\n`);
  });

  it('no mapping file', async () => {
    const r = await run('--HW_file', HW);
    expect(r.code).toBe(2);
    expect(r.err).toBe('codesign: missing --Mapping_file (or --Model_file with --Dataflow_file)\n');
  });

  it('bad flag values', async () => {
    const a = await run('--HW_file', HW, '--Mapping_file', mapping('example'), '--num_pes=0');
    expect(a.code).toBe(2);
    expect(a.err).toContain("option '--num_pes <n>' argument '0' is invalid. value 0 is not allowed (expected an integer >= 1)");
    const b = await run('--HW_file', HW, '--Mapping_file', mapping('example'), '--print_res=maybe');
    expect(b.code).toBe(2);
    expect(b.err).toContain("expected true or false, got 'maybe'");
    // Options neither MAESTRO nor codesign has are unknown, not silently ignored.
    const c = await run('--HW_file', HW, '--Mapping_file', mapping('example'), '--bogus=true');
    expect(c.code).toBe(2);
    expect(c.err).toBe("codesign: unknown option '--bogus=true'\n");
    const d = await run('--Mapping_file', mapping('example'), '--num_simd_lanes=0');
    expect(d.code).toBe(2);
    expect(d.err).toContain("option '--num_simd_lanes <n>' argument '0' is invalid. value 0 is not allowed (expected an integer >= 1)");
    // MAESTRO's int product would wrap: refused, one line.
    const e = await run('--Mapping_file', mapping('example'), '--noc_hop_latency=65536', '--noc_hops=65536');
    expect(e.code).toBe(2);
    expect(e.err).toBe('codesign: --noc_hop_latency x --noc_hops = 4294967296 is above 2147483647 (MAESTRO\'s int would wrap)\n');
    const f = await run('--Mapping_file', mapping('example'), '--noc_hop_latency=2147483647', '--noc_hops=2147483647');
    expect(f.err).toBe('codesign: --noc_hop_latency x --noc_hops = 4611686014132420609 is above 2147483647 (MAESTRO\'s int would wrap)\n');
  });
});

describe('batch mode', () => {
  it('runs every job in one process; a failing job writes <out>.err and the batch goes on', async () => {
    const dir = path.join(tmp, 'batch');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'broken.m'), 'Network X { Layer L { Type: CONV ');
    const rel = (p: string) => path.relative(dir, p);
    const jobs = [
      { HW_file: rel(HW), Mapping_file: rel(mapping('vgg16_xp_ws')), out: 'a.csv' },
      { HW_file: rel(HW), Mapping_file: 'broken.m', out: 'b.csv' },
      { HW_file: rel(path.join(fx, 'hw/small_64pe_2hops.m')), Mapping_file: rel(mapping('Transformer_Layers')), out: 'c.csv' },
      { HW_file: rel(HW), Mapping_file: rel(mapping('UNet_kcp_ws')), out: 'd.csv' },
    ];
    writeFileSync(path.join(dir, 'jobs.jsonl'), jobs.map((j) => JSON.stringify(j)).join('\n') + '\n\n{"bad json"\n');
    const r = await run('--batch', path.join(dir, 'jobs.jsonl'), '--overwrite');
    expect(r.code).toBe(1);
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe(expected('accelerator_1', 'vgg16_xp_ws'));
    expect(readFileSync(path.join(dir, 'c.csv'), 'utf8')).toBe(expected('small_64pe_2hops', 'Transformer_Layers'));
    expect(existsSync(path.join(dir, 'b.csv'))).toBe(false);
    const bErr = JSON.parse(readFileSync(path.join(dir, 'b.csv.err'), 'utf8'));
    expect(bErr.error).toBe(`${path.join(dir, 'broken.m')}:1:34: Layer L: expected '}' to close layer L (file is truncated), got end of file`);
    const dErr = JSON.parse(readFileSync(path.join(dir, 'd.csv.err'), 'utf8'));
    expect(dErr.layers.map((l: { layer: string }) => l.layer)).toEqual(['CONV1_1', 'CONV1_2']); // CONV1_2's energy needs CONV1_1's counts
    expect(r.err).toContain('job 2 (');
    expect(r.err).toContain('jobs.jsonl:6) failed: ');
    expect(r.err).toContain('batch done: 5 jobs, 3 failed');
  });

  it('long batches report progress on stderr', async () => {
    const dir = path.join(tmp, 'batch-progress');
    mkdirSync(dir, { recursive: true });
    const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify({ HW_file: HW, Mapping_file: mapping('example'), out: `o${i}.csv` }));
    writeFileSync(path.join(dir, 'jobs.jsonl'), lines.join('\n'));
    const log: string[] = [];
    const engine = await CostModel.load();
    const s = runBatch(path.join(dir, 'jobs.jsonl'), engine, { overwrite: true }, (x) => log.push(x));
    expect(s).toEqual({ jobs: 25, failed: 0 });
    expect(log[log.length - 1]).toBe('codesign maestro: 25/25 jobs done, 0 failed\n');
    expect(readFileSync(path.join(dir, 'o24.csv'), 'utf8')).toBe(expected('accelerator_1', 'example'));
    // --no-progress: none of these lines
    const quiet: string[] = [];
    expect(runBatch(path.join(dir, 'jobs.jsonl'), engine, { overwrite: true, progress: false }, (x) => quiet.push(x))).toEqual({ jobs: 25, failed: 0 });
    expect(quiet).toEqual([]);
    // The command: a clean batch ends with its count line, but says nothing with --no-progress.
    const loud = await run('--batch', path.join(dir, 'jobs.jsonl'), '--overwrite');
    expect([loud.code, loud.err.split('\n').slice(-2)]).toEqual([0, ['codesign maestro: batch done: 25 jobs, 0 failed', '']]);
    expect(await run('--batch', path.join(dir, 'jobs.jsonl'), '--overwrite', '--no-progress')).toEqual({ code: 0, out: '', err: '' });
  });

  it('a batch keeps a parsed network only until the last job naming it; a single run keeps it', () => {
    const a = mapping('example');
    const b = mapping('GEMM_Example');
    const cache = new InputCache(new Map([[a, 2], [b, 1]]));
    const first = cache.mapping(a);
    expect(cache.mapping(b)).not.toBe(cache.mapping(b)); // named once: never kept
    expect(cache.mapping(a)).toBe(first); // second (last) use: parsed once
    expect(cache.mapping(a)).not.toBe(first); // beyond the plan: parsed again, same content
    expect(cache.mapping(a)).toEqual(first);
    const single = new InputCache();
    expect(single.mapping(b)).toBe(single.mapping(b));
  });

  it('an invalid job that names its out still writes <out>.err; malformed JSON is located at line:column', async () => {
    const dir = path.join(tmp, 'batch-invalid');
    mkdirSync(dir, { recursive: true });
    const jobs = [
      JSON.stringify({ Mapping_file: mapping('example'), out: 'a.csv', bogus: 1 }),
      JSON.stringify({ out: 'b.csv' }),
      '  {"Mapping_file": "x.m", "out": }',
      '{"Mapping_file": "x.m"',
      '{"Mapping_file": "x.m',
    ];
    writeFileSync(path.join(dir, 'jobs.jsonl'), jobs.join('\n') + '\n');
    const r = await run('--batch', path.join(dir, 'jobs.jsonl'));
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'a.csv.err'), 'utf8')).error).toMatch(/jobs\.jsonl:1: unknown job key "bogus"/);
    expect(JSON.parse(readFileSync(path.join(dir, 'b.csv.err'), 'utf8')).error).toMatch(/jobs\.jsonl:2: Mapping_file: a job needs "Mapping_file"/);
    expect(r.err).toContain(`job 3 (${path.join(dir, 'jobs.jsonl')}:3) failed: ${path.join(dir, 'jobs.jsonl')}:3:34: invalid JSON job: unexpected '}'\n`);
    // A job is one line: a cut-off job ends at the end of its line, not of the file.
    expect(r.err).toContain(`${path.join(dir, 'jobs.jsonl')}:4:23: invalid JSON job: expected ',' or '}', got end of line\n`);
    expect(r.err).toContain(`${path.join(dir, 'jobs.jsonl')}:5:22: invalid JSON job: unterminated string (the line ends early)\n`);
  });

  it('--print_res=true and --summary are refused with --batch (one run\'s report); --print_res=false is accepted', async () => {
    const jobs = path.join(tmp, 'batch', 'jobs.jsonl');
    for (const flag of ['--print_res=true', '--summary']) {
      const r = await run('--batch', jobs, flag);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`codesign: ${flag.replace(/=.*/, '')}: not supported with --batch (each job writes its CSV)\n`);
    }
  });

  it('missing jobs file exits 2', async () => {
    const r = await run('--batch', path.join(tmp, 'none.jsonl'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`codesign: ${path.join(tmp, 'none.jsonl')}: cannot read file (no such file)\n`);
  });
});
