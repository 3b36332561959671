/**
 * `codesign maestro --print_res=true` prints MAESTRO's report byte for byte, `--print_res=false`
 * what MAESTRO prints then (the hardware parser's blank line, the bandwidth check when it writes
 * the CSV), and without `--print_res` nothing: stdout compared with
 * what the MAESTRO binary printed for the same command line (test/fixtures/maestro/expected-stdout,
 * named `<hw file or no-hw-file>--<mapping>--<flags>.txt`). report_mix.m holds one layer of each kind
 * (multi-level kcp_ws / rs, single-level yxp_os, DSCONV, GEMM with constants, and a layer of runtime
 * 0 whose throughput MAESTRO prints as -nan); the flags give buffer and bandwidth warnings, [PASS],
 * no hardware file or one without l1_size_cstr (no leading blank line) and no CSV (no bandwidth analysis).
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/run-cli.js';
import { ldAdd, ldFormat, ldFormatQuotient, ldFromDouble, ldFromInteger } from '../../src/report/long-double.js';
import { maestroHardwareBlankLines } from '../../src/report/maestro-stdout.js';
import { declaredHardwareKeys, parseHardware, parseHardwareJson } from '../../src/parse/index.js';

const FIX = fileURLToPath(new URL('../fixtures/maestro/', import.meta.url));
const EXPECTED = path.join(FIX, 'expected-stdout');

describe('maestro --print_res=true|false: MAESTRO\'s stdout', () => {
  const files = readdirSync(EXPECTED).filter((f) => f.endsWith('.txt'));
  it('has fixtures', () => expect(files.length).toBeGreaterThanOrEqual(4));
  for (const f of files) {
    it(f, async () => {
      const [hw, mapping, ...flags] = f.replace(/\.txt$/, '').split('--');
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'cs-report-')), 'out.csv');
      const args = ['maestro', `--Mapping_file=${path.join(FIX, 'mapping', `${mapping}.m`)}`, ...flags.map((x) => `--${x}`), '--out', out];
      if (hw !== 'no-hw-file') args.push(`--HW_file=${path.join(FIX, 'hw', `${hw}.m`)}`);
      const r = await runCli(args);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toBe(readFileSync(path.join(EXPECTED, f), 'utf8'));
    });
  }

  it('goes to stderr when the CSV goes to stdout; --summary prints the short table', async () => {
    const args = [`--HW_file=${path.join(FIX, 'hw', 'accelerator_1.m')}`, `--Mapping_file=${path.join(FIX, 'mapping', 'report_mix.m')}`];
    const r = await runCli(['maestro', ...args, '--print_res=true', '--out', '-']);
    expect(r.out.startsWith('Neural Network Name, Layer Number')).toBe(true);
    expect(r.err).toBe(readFileSync(path.join(EXPECTED, 'accelerator_1--report_mix--print_res=true.txt'), 'utf8'));
    const s = await runCli(['maestro', ...args, '--summary', '--out', path.join(mkdtempSync(path.join(tmpdir(), 'cs-report-')), 'o.csv')]);
    expect(s.out).toMatch(/^Network ReportMix \(6 layers\)\n/);
  });

  it('without --print_res prints nothing; --print_res=false goes to stderr with --out -', async () => {
    const args = [`--HW_file=${path.join(FIX, 'hw', 'accelerator_1.m')}`, `--Mapping_file=${path.join(FIX, 'mapping', 'report_mix.m')}`];
    const q = await runCli(['maestro', ...args, '--out', path.join(mkdtempSync(path.join(tmpdir(), 'cs-report-')), 'o.csv')]);
    expect([q.code, q.out, q.err]).toEqual([0, '', '']);
    const r = await runCli(['maestro', ...args, '--print_res=false', '--out', '-']);
    expect(r.out.startsWith('Neural Network Name, Layer Number')).toBe(true);
    expect(r.err).toBe(readFileSync(path.join(EXPECTED, 'accelerator_1--report_mix--print_res=false.txt'), 'utf8'));
  });
});

describe("MAESTRO's leading blank lines", () => {
  it('one for a hardware file that declares l1_size_cstr, none without it, a JSON file or no file', () => {
    const blank = (text: string) => maestroHardwareBlankLines(parseHardware(text, 'hw.m'));
    expect(blank('num_pes: 4\nl1_size_cstr: 100\n')).toBe(1);
    expect(blank('num_pes: 4\nl2_size_cstr: 100\n')).toBe(0);
    expect(maestroHardwareBlankLines(undefined)).toBe(0);
    expect(maestroHardwareBlankLines(parseHardwareJson('{"numPes": 4, "l1Size": 100, "l2Size": 1, "nocBw": 1, "offchipBw": 1}', 'hw.json'))).toBe(0);
    expect(declaredHardwareKeys(parseHardware('num_pes: 4\nNoC_NumHops: 2\n', 'hw.m'))).toEqual(new Set(['num_pes', 'NoC_NumHops']));
  });
});

describe('long double (x86 80-bit) arithmetic', () => {
  it('rounds sums to 64 mantissa bits, ties to even', () => {
    const two64 = ldFromInteger(2n ** 64n);
    expect(ldFormat(two64, 25)).toBe('18446744073709551616');
    // 2^64 + 1 is a tie between 2^64 and 2^64 + 2: the even mantissa (2^64) wins; 2^64 + 3 rounds up to 2^64 + 4.
    expect(ldAdd(two64, ldFromInteger(1n))).toEqual(ldFromInteger(2n ** 64n));
    expect(ldAdd(two64, ldFromInteger(3n))).toEqual(ldFromInteger(2n ** 64n + 4n));
    // A long double keeps what a double sum loses: 2^53 + 1.
    expect(ldFormat(ldAdd(ldFromDouble(2 ** 53), ldFromDouble(1)), 20)).toBe('9007199254740993');
    expect(2 ** 53 + 1).toBe(2 ** 53);
  });

  it('prints like std::cout: 6 significant digits of the exact value', () => {
    expect(ldFormat(ldAdd(ldFromDouble(0.1), ldFromDouble(0.2)))).toBe('0.3');
    expect(ldFormat(ldFromDouble(7444))).toBe('7444');
    expect(ldFormat(ldFromDouble(1.86755e6 + 0.4))).toBe('1.86755e+06');
    expect(ldFormatQuotient(ldFromDouble(1), ldFromDouble(7))).toBe('0.142857');
    expect(ldFormatQuotient(ldFromDouble(2), ldFromInteger(3000000n))).toBe('6.66667e-07');
    expect(ldFormat(ldFromDouble(-2.5))).toBe('-2.5');
  });
});

describe('a large report is written in chunks', () => {
  it('the chunks join to the whole report; no chunk holds more than 1,024 layers', async () => {
    const { CostModel } = await import('../../src/model/costmodel.js');
    const { parseMapping } = await import('../../src/parse/index.js');
    const { maestroReport, writeMaestroReport } = await import('../../src/report/maestro-stdout.js');
    const net = parseMapping(readFileSync(path.join(FIX, 'mapping', 'report_mix.m'), 'utf8'), 'report_mix.m');
    const big = { ...net, layers: Array.from({ length: 2500 }, (_, i) => ({ ...net.layers[i % 2]!, name: `L${i}` })) };
    const model = await CostModel.load();
    const hw = parseHardware(readFileSync(path.join(FIX, 'hw', 'accelerator_1.m'), 'utf8'), 'accelerator_1.m');
    const rows = model.evaluateNetwork(big, hw, { tensorSizes: true }).rows as Parameters<typeof maestroReport>[0];
    const chunks: string[] = [];
    writeMaestroReport(rows, hw, { csv: true, blankLines: 1 }, (c) => chunks.push(c));
    expect(chunks.length).toBe(3);
    expect(chunks.join('')).toBe(maestroReport(rows, hw, { csv: true, blankLines: 1 }));
    expect(chunks[0]!.split('\n').filter((l) => l.startsWith('Layer ')).length).toBeLessThanOrEqual(1024 * 2);
  });
});
