/**
 * MAESTRO's `--print_res=true` report, byte for byte: what the MAESTRO binary writes to stdout
 * for a network (a block per layer, the buffer analysis, and, when it writes the CSV, the
 * bandwidth analysis). Numbers are printed with the C++ types MAESTRO prints them with: 64-bit
 * counts in full, doubles and long doubles with 6 significant digits (the report's energy sums
 * are long double sums, emulated exactly in ./long-double.ts).
 */
import type { LayerResult } from '../model/costmodel.js';
import type { NumericColumnKey } from '../model/columns.js';
import type { Hardware } from '../model/types.js';
import { L1_ENERGY_MULTIPLIER, L2_ENERGY_MULTIPLIER } from '../model/network.js';
import { formatCppDouble, formatCppLong } from './format-number.js';
import { declaredHardwareKeys } from '../parse/hardware.js';
import { ldAdd, ldFormat, ldFormatQuotient, ldFromDouble, ldFromInteger, type LongDouble } from './long-double.js';

/** A layer's row with its per-tensor buffer sizes (`evaluateNetwork(..., { tensorSizes: true })`). */
export type ReportRow = Required<Pick<LayerResult, 'tensorSizes'>> & LayerResult;

/** MAESTRO's tensors in its order, with the columns of their counts. */
const TENSORS = [
  { name: 'input', l1rd: 'in_l1_rd', l1wr: 'in_l1_wr', l2rd: 'in_l2_rd', l2wr: 'in_l2_wr' },
  { name: 'filter', l1rd: 'w_l1_rd', l1wr: 'w_l1_wr', l2rd: 'w_l2_rd', l2wr: 'w_l2_wr' },
  { name: 'output', l1rd: 'out_l1_rd', l1wr: 'out_l1_wr', l2rd: 'out_l2_rd', l2wr: 'out_l2_wr' },
] as const;

/** A 64-bit count of the row, exact (beyond 2^53 too). */
function count(r: LayerResult, key: NumericColumnKey): bigint {
  return r.exact?.[key] ?? BigInt(r.metrics[key]);
}

/** `long` count as a double (C++'s conversion: nearest). */
const toDouble = (v: bigint): number => Number(v);

/** The report block of one layer (MAESTRO's PrintAnalysisResultsSingleCluster). */
export function maestroLayerReport(r: ReportRow): string {
  const m = r.metrics;
  const macs = count(r, 'num_macs');
  const runtime = count(r, 'runtime');
  const throughput = toDouble(macs) / toDouble(runtime);
  const out: string[] = ['', '', `Num MACs: ${macs}`, '', '[Performance Analysis]', `Runtime: ${runtime} cycles`];
  out.push(`Throughput: ${formatCppDouble(throughput)} MACs/cycle`, '[Buffer Access Analysis]');
  let l1Write = 0n;
  let l1Read = 0n;
  let l2Size = 0n;
  let l1Size = 0n;
  TENSORS.forEach((t, i) => {
    const l2 = BigInt(r.tensorSizes.l2[i]!);
    const l1 = BigInt(r.tensorSizes.l1[i]!);
    const rd = count(r, t.l1rd);
    const wr = count(r, t.l1wr);
    out.push(
      `Tensor ${t.name}`,
      `L2 size requirement: ${l2}`,
      `L1 size requirement: ${l1}`,
      `L2 buffer write: ${count(r, t.l2wr)}`,
      `L2 buffer read: ${count(r, t.l2rd)}`,
      `L1 buffer write: ${wr}`,
      `L1 buffer read: ${rd}`,
      `Data reuse factor: ${formatCppDouble(toDouble(rd) / toDouble(wr))}`,
    );
    l1Write += wr;
    l1Read += rd;
    l2Size += l2;
    l1Size += l1;
  });
  out.push(`Overall data reuse factor: ${formatCppDouble(toDouble(l1Read) / toDouble(l1Write))}`, '[Energy Analysis]', '-For each data class');
  // Each energy is a double product (count x multiplier) kept in a long double; the totals are long double sums.
  const zero: LongDouble = ldFromDouble(0);
  let l2WriteE = zero;
  let l2ReadE = zero;
  let l1WriteE = zero;
  let l1ReadE = zero;
  for (const t of TENSORS) {
    const e = [
      toDouble(count(r, t.l2wr)) * L2_ENERGY_MULTIPLIER,
      toDouble(count(r, t.l2rd)) * L2_ENERGY_MULTIPLIER,
      toDouble(count(r, t.l1wr)) * L1_ENERGY_MULTIPLIER,
      toDouble(count(r, t.l1rd)) * L1_ENERGY_MULTIPLIER,
    ];
    out.push(
      `Tensor ${t.name}`,
      `L2 buffer write energy: ${formatCppDouble(e[0]!)} X MAC energy`,
      `L2 buffer read energy: ${formatCppDouble(e[1]!)} X MAC energy`,
      `L1 buffer write energy: ${formatCppDouble(e[2]!)} X MAC energy`,
      `L1 buffer read energy: ${formatCppDouble(e[3]!)} X MAC energy`,
    );
    l2WriteE = ldAdd(l2WriteE, ldFromDouble(e[0]!));
    l2ReadE = ldAdd(l2ReadE, ldFromDouble(e[1]!));
    l1WriteE = ldAdd(l1WriteE, ldFromDouble(e[2]!));
    l1ReadE = ldAdd(l1ReadE, ldFromDouble(e[3]!));
  }
  const total = [l2ReadE, l1WriteE, l1ReadE, ldFromInteger(macs)].reduce(ldAdd, l2WriteE);
  out.push(
    '',
    '[Summary]',
    `Total L2 buffer requirement: ${l2Size}`,
    `Total L1 buffer requirement: ${l1Size}`,
    `Total L2 buffer write energy: ${ldFormat(l2WriteE)} X MAC energy`,
    `Total L2 buffer read energy: ${ldFormat(l2ReadE)} X MAC energy`,
    `Total L1 buffer write energy: ${ldFormat(l1WriteE)} X MAC energy`,
    `Total L1 buffer read energy: ${ldFormat(l1ReadE)} X MAC energy`,
    `Total MAC energy: ${macs} X MAC energy`,
    `Peak bandwidth requirement: ${count(r, 'peak_bw_req')}`,
    `Avg bandwidth requirement: ${formatCppDouble(m.avg_bw_req)}`,
    '',
    `Total energy consumption: ${ldFormat(total)} X MAC energy`,
    `Runtime: ${runtime} cycles`,
    `Throughput: ${formatCppDouble(throughput)} MACs/cycle`,
    `Performance per MAC energy: ${perEnergy(throughput, total)} MACs/cycle/(MAC_energy)`,
  );
  for (const [title, key] of [
    ['Ingress Delay', 'ingress'],
    ['Egress Delay', 'egress'],
    ['Computation Delay', 'compute'],
  ] as const) {
    out.push(title, `Min: ${formatCppLong(m[`${key}_min`])}`, `Max: ${formatCppLong(m[`${key}_max`])}`, `Avg: ${formatCppLong(m[`${key}_avg`])}`);
  }
  out.push(`Average number of utilized PEs: ${formatCppDouble(m.util_pes)}`, `Arithmetic intensity: ${formatCppDouble(m.arith_intensity)}`);
  return lines(out);
}

/** throughput / total energy in long double (a layer of runtime 0 has a NaN throughput: `-nan`). */
function perEnergy(throughput: number, total: LongDouble): string {
  return Number.isFinite(throughput) ? ldFormatQuotient(ldFromDouble(throughput), total) : formatCppDouble(NaN);
}

/** One of MAESTRO's checks: its title, then the warnings that apply, or `[PASS]`. */
function check(title: string, warnings: ReadonlyArray<string | false>): string[] {
  const w = warnings.filter((x): x is string => x !== false);
  return [title, ...(w.length > 0 ? w : ['[PASS]'])];
}

/** Lines, each ended by a newline. */
const lines = (xs: readonly string[]): string => xs.join('\n') + '\n';

/** The buffer analysis after the layers' blocks: the largest per-layer L1 / L2 requirement vs the hardware. */
export function maestroBufferAnalysis(rows: readonly ReportRow[], hw: Hardware): string {
  let maxL1 = 0n;
  let maxL2 = 0n;
  let sumL1 = 0n;
  let sumL2 = 0n;
  for (const r of rows) {
    const l2 = r.tensorSizes.l2.reduce((s, v) => s + BigInt(v), 0n);
    const l1 = r.tensorSizes.l1.reduce((s, v) => s + BigInt(v), 0n);
    sumL2 += l2;
    sumL1 += l1;
    if (l1 > maxL1) maxL1 = l1;
    if (l2 > maxL2) maxL2 = l2;
  }
  return lines([
    ...check('Buffer Analysis:', [
      maxL1 > BigInt(hw.l1Size) && `[WARNING:Buffer] Per-layer L1 size requirement [${maxL1}] is larger than the given L1 size [${hw.l1Size}]`,
      maxL2 > BigInt(hw.l2Size) && `[WARNING:Buffer] Per-layer L2 size requirement [${maxL2}] is larger than the given L2 size [${hw.l2Size}]`,
    ]),
    '[Model-wise Buffer Summary]',
    `Model-wise total L2 size usage: ${sumL2}`,
    `Model-wise total L1 size usage: ${sumL1}`,
  ]);
}

/** The bandwidth analysis MAESTRO prints when it writes the CSV: the largest per-layer NoC / off-chip requirement. */
export function maestroBwAnalysis(rows: readonly LayerResult[], hw: Hardware): string {
  let maxNoc = 0n;
  let maxOff = 0n;
  for (const r of rows) {
    const noc = count(r, 'peak_bw_req');
    const off = count(r, 'offchip_bw_req');
    if (noc > maxNoc) maxNoc = noc;
    if (off > maxOff) maxOff = off;
  }
  return lines(
    check('BW Analysis:', [
      maxNoc > BigInt(hw.nocBw) && `[WARNING:BW] Per-layer NoC BW requirement [${maxNoc}] is larger than the given NoC BW [${hw.nocBw}]`,
      maxOff > BigInt(hw.offchipBw) && `[WARNING:BW] Per-layer OffChip BW requirement [${maxOff}] is larger than the given OffChip BW [${hw.offchipBw}]`,
    ]),
  );
}

/**
 * Everything MAESTRO writes to stdout with `--print_res=true` for these rows: the blank lines its
 * hardware-file parser prints (`blankLines`: one per `l1_size_cstr` entry it reads, see
 * {@link maestroHardwareBlankLines}), the layers' blocks, the buffer analysis, and the bandwidth
 * analysis when it writes the CSV (`csv`).
 */
export function maestroReport(rows: readonly ReportRow[], hw: Hardware, opts: { csv: boolean; blankLines: number }): string {
  let s = '';
  writeMaestroReport(rows, hw, opts, (chunk) => (s += chunk));
  return s;
}

/** Layers' blocks written at a time by {@link writeMaestroReport} (~2 KB each). */
const REPORT_CHUNK_LAYERS = 1024;

/**
 * {@link maestroReport} handed to `write` in chunks of layers: a report of hundreds of thousands
 * of layers (about 2 KB a layer) is never one string (V8 caps a string near 2^29 characters).
 */
export function writeMaestroReport(rows: readonly ReportRow[], hw: Hardware, opts: { csv: boolean; blankLines: number }, write: (chunk: string) => void): void {
  let s = '\n'.repeat(opts.blankLines);
  for (let i = 0; i < rows.length; i++) {
    s += maestroLayerReport(rows[i]!);
    if ((i + 1) % REPORT_CHUNK_LAYERS === 0) {
      write(s);
      s = '';
    }
  }
  s += maestroBufferAnalysis(rows, hw);
  if (opts.csv) s += maestroBwAnalysis(rows, hw);
  write(s);
}

/**
 * What MAESTRO writes to stdout with `--print_res=false`: the blank lines its hardware-file parser
 * prints and, when it writes the CSV (`csv`), the bandwidth analysis (it prints that whatever
 * `--print_res` says).
 */
export function maestroQuietReport(rows: readonly LayerResult[], hw: Hardware, opts: { csv: boolean; blankLines: number }): string {
  return '\n'.repeat(opts.blankLines) + (opts.csv ? maestroBwAnalysis(rows, hw) : '');
}

/**
 * The blank lines MAESTRO's hardware-file parser prints before anything else: one for each
 * `l1_size_cstr` entry of the file (none without a file, or for a JSON hardware file).
 */
export function maestroHardwareBlankLines(fileHw: Hardware | undefined): number {
  return fileHw !== undefined && declaredHardwareKeys(fileHw)?.has('l1_size_cstr') ? 1 : 0;
}
