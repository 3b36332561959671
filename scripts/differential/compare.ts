/**
 * Comparing codesign's results with MAESTRO's CSV output for one case: every one of the 52 CSV
 * columns (names; integer columns exactly; floating columns to relative 1e-5, as MAESTRO prints
 * 6 significant digits), the CSV row byte for byte, and who rejects what.
 */
import { NUMERIC_COLUMN_KEYS, type LayerMetrics, type NumericColumnKey } from '../../src/model/columns.js';
import type { CostModel, NetworkOptions, NetworkResult } from '../../src/model/costmodel.js';
import type { Hardware, MappedNetwork } from '../../src/model/types.js';
import { parseHardware, parseMapping } from '../../src/parse/index.js';
import { columnFormat, formatMaestroRow, maestroName } from '../../src/report/maestro-csv.js';
import { hardwareOverrides, type HardwareFlags } from '../../src/cli/maestro/flags.js';
import { jobHardware } from '../../src/cli/maestro/inputs.js';

/** MAESTRO hardware flags (`--num_pes=8`) -> `codesign maestro`'s parsed options. */
export function parseHardwareFlags(flags: readonly string[]): HardwareFlags {
  const f: Record<string, number> = {};
  for (const a of flags) {
    const m = /^--(\w+)=(\d+)$/.exec(a);
    if (!m) throw new Error(`bad hardware flag ${a}`);
    f[m[1]!] = Number(m[2]);
  }
  return f as HardwareFlags;
}

/** Relative tolerance for floating columns. */
export const REL_TOL = 1e-5;

/** Does MAESTRO's printed cell equal our value (exactly for integer columns)? */
export function cellMatches(key: NumericColumnKey, cell: string, v: number, exact?: bigint): boolean {
  const e = cell.trim();
  if (e === 'nan' || e === '-nan') return Number.isNaN(v);
  if (e === 'inf') return v === Infinity;
  if (e === '-inf') return v === -Infinity;
  const x = Number(e);
  if (e === '' || Number.isNaN(x)) return false;
  if (columnFormat(key) !== 'double') {
    // Integer columns exactly, also above 2^53 where doubles can no longer tell them apart (there
    // the row's exact count, when it has one).
    if (Math.abs(x) < 2 ** 53) return x === v;
    return /^-?\d+$/.test(e) && Number.isInteger(v) && BigInt(e) === (exact ?? BigInt(v));
  }
  if (x === v) return true;
  return Math.abs(x - v) <= REL_TOL * Math.max(Math.abs(x), Math.abs(v));
}

/** One differing value. */
export interface CellMismatch {
  layer: number;
  col: string;
  expected: string;
  got: number | string;
}

/** How a case compares. */
export type Verdict =
  | 'match' // MAESTRO and we give the same rows
  | 'mismatch' // both give rows, some values differ
  | 'both-reject' // MAESTRO gives no (complete) result and we reject a layer
  | 'we-reject' // MAESTRO gives a result, we reject
  | 'we-accept'; // MAESTRO gives no result, we give numbers

export interface Comparison {
  verdict: Verdict;
  /** Layers whose row was compared, and per column [matched, compared] counts. */
  rowsCompared: number;
  rowsMatching: number;
  columns: Record<string, [number, number]>;
  mismatches: CellMismatch[];
  /** Our error per layer (null = metrics), or the parse error for the whole case. */
  ourErrors: (string | null)[];
  parseError?: string;
  /** MAESTRO printed nan/inf somewhere. */
  maestroNonFinite: boolean;
  /** Cells whose printed text differs from MAESTRO's although the values match (last digit, spacing). */
  csvTextDiffs: { layer: number; col: string; maestro: string; ours: string }[];
}

/** MAESTRO's CSV line -> cells (trimmed). */
export function csvCells(line: string): string[] {
  return line.split(',').map((c) => c.trim());
}

/**
 * Parse a case's `mapping` / `hardware` (MAESTRO file texts; hardware '' = none) and evaluate it
 * with `cm`, the hardware `flags` applied as `codesign maestro` applies them. Throws on a parse error.
 */
export function evaluateCase(
  cm: CostModel,
  mapping: string,
  hardware: string,
  flags: readonly string[],
  opts: NetworkOptions = {},
): { net: MappedNetwork; fileHw: Hardware | undefined; hw: Hardware; res: NetworkResult } {
  const net = parseMapping(mapping, 'map.m');
  const fileHw = hardware !== '' ? parseHardware(hardware, 'hw.m') : undefined;
  const hw = jobHardware(fileHw, hardwareOverrides(parseHardwareFlags(flags)));
  return { net, fileHw, hw, res: cm.evaluateNetwork(net, hw, opts) };
}

/**
 * Evaluate a case (see {@link evaluateCase}) and compare with MAESTRO's CSV data `lines`.
 * `maestroComplete`: MAESTRO exited normally with one row per layer.
 */
export function compareCase(cm: CostModel, mapping: string, hardware: string, lines: string[], maestroComplete: boolean, flags: readonly string[] = []): Comparison {
  const columns: Record<string, [number, number]> = {};
  const mismatches: CellMismatch[] = [];
  const csvTextDiffs: Comparison['csvTextDiffs'] = [];
  const maestroNonFinite = lines.some((l) => /\b(-?nan|inf)\b/.test(l));
  let res: NetworkResult;
  let nLayers = 0;
  try {
    const c = evaluateCase(cm, mapping, hardware, flags);
    nLayers = c.net.layers.length;
    res = c.res;
  } catch (e) {
    const msg = (e as Error).message;
    return {
      verdict: maestroComplete ? 'we-reject' : 'both-reject',
      rowsCompared: 0, rowsMatching: 0, columns, mismatches, ourErrors: [], parseError: msg, maestroNonFinite, csvTextDiffs: [],
    };
  }
  const ourErrors = res.rows.map((r) => ('error' in r ? r.error : null));
  const weReject = ourErrors.some((e) => e !== null);
  let rowsCompared = 0;
  let rowsMatching = 0;
  const add = (col: string, ok: boolean) => {
    const c = (columns[col] ??= [0, 0]);
    c[1]++;
    if (ok) c[0]++;
  };
  // Compare every row both sides have (MAESTRO may print the first rows of a network, then abort).
  lines.forEach((line, i) => {
    const row = res.rows[i];
    if (!row || !('metrics' in row)) return;
    rowsCompared++;
    const m: LayerMetrics = row.metrics;
    const cells = csvCells(line);
    let all = true;
    const check = (col: string, ok: boolean, expected: string, got: number | string) => {
      add(col, ok);
      if (!ok) {
        all = false;
        mismatches.push({ layer: i, col, expected, got });
      }
    };
    check('net', cells[0] === maestroName(res.name), cells[0] ?? '', maestroName(res.name));
    check('layer', cells[1] === maestroName(row.layer), cells[1] ?? '', maestroName(row.layer));
    NUMERIC_COLUMN_KEYS.forEach((key, k) => {
      const cell = cells[k + 2] ?? '';
      check(key, cellMatches(key, cell, m[key], row.exact?.[key]), cell, m[key]);
    });
    const ours = formatMaestroRow(res.name, row.layer, m, {}, row.exact);
    add('(csv bytes)', ours === line + '\n');
    if (ours !== line + '\n') {
      const a = ours.replace(/\n$/, '').split(',');
      const b = line.split(',');
      for (let k = 0; k < Math.max(a.length, b.length); k++) {
        if (a[k] !== b[k]) csvTextDiffs.push({ layer: i, col: k < 2 ? (k ? 'layer' : 'net') : NUMERIC_COLUMN_KEYS[k - 2] ?? `#${k}`, maestro: b[k] ?? '', ours: a[k] ?? '' });
      }
    }
    if (all) rowsMatching++;
  });
  let verdict: Verdict;
  if (maestroComplete && lines.length === nLayers) {
    verdict = weReject ? 'we-reject' : rowsMatching === nLayers ? 'match' : 'mismatch';
  } else {
    verdict = weReject ? 'both-reject' : 'we-accept';
  }
  return { verdict, rowsCompared, rowsMatching, columns, mismatches, ourErrors, maestroNonFinite, csvTextDiffs };
}
