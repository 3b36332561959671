/**
 * MAESTRO's per-layer CSV format, byte for byte: the header (`MAESTRO_CSV_HEADER`) and one row
 * per layer, as MAESTRO's CSV writer prints them:
 *
 *   net,layer,<24 fields joined by ","> then "," then, per tensor (input, filter, output),
 *   "l1rd, l1wr, l2rd, l2wr, reuse, " then the nine delays joined by ", " then
 *   ", util" ", arith_intensity" and a newline.
 *
 * Integer-typed columns (C++ `long`/`int` in MAESTRO) print in full, floating ones like
 * `std::ostream` (6 significant digits). Names print as MAESTRO prints them (see `maestroName`).
 */
import { MAESTRO_CSV_HEADER, NUMERIC_COLUMN_KEYS, type ExactCounts, type LayerMetrics, type NumericColumnKey } from '../model/columns.js';
import { formatCppDouble, formatCppInt, formatCppLong, formatCppLongDoubleQuotient } from './format-number.js';

export { MAESTRO_CSV_HEADER };

/** How MAESTRO's writer types each numeric column. */
export type ColumnFormat = 'int' | 'long' | 'double';

const INT_COLUMNS = new Set<NumericColumnKey>(['num_pes', 'vector_width', 'l2_size_req', 'l1_size_req']);
const DOUBLE_COLUMNS = new Set<NumericColumnKey>([
  'energy_nj',
  'throughput',
  'perf_per_energy',
  'area',
  'power',
  'avg_bw_req',
  'mc_weight',
  'mc_input',
  'ops_per_joule',
  'pe_power',
  'l1_power',
  'l2_power',
  'noc_power',
  'in_reuse',
  'w_reuse',
  'out_reuse',
  'util_pes',
  'arith_intensity',
]);

/** The C++ type MAESTRO prints column `key` with. */
export function columnFormat(key: NumericColumnKey): ColumnFormat {
  if (INT_COLUMNS.has(key)) return 'int';
  if (DOUBLE_COLUMNS.has(key)) return 'double';
  return 'long';
}

/** Format one numeric value of column `key` as MAESTRO prints it. */
export function formatColumnValue(key: NumericColumnKey, v: number): string {
  const f = columnFormat(key);
  return f === 'double' ? formatCppDouble(v) : f === 'int' ? formatCppInt(v) : formatCppLong(v);
}

/**
 * The name MAESTRO prints for a network or layer name: its tokenizer splits names on
 * ` ,->():\t;`, and the last piece wins (`Conv2d-1` prints as `1`).
 */
export function maestroName(name: string): string {
  const parts = name.split(/[ ,\->():\t;]+/).filter((p) => p !== '');
  return parts.length ? parts[parts.length - 1] : name;
}

/** Options for `formatMaestroRow`. */
export interface MaestroRowOptions {
  /** Print names exactly as given instead of as MAESTRO mangles them. Default false. */
  fullNames?: boolean;
}

/**
 * Reuse factors: MAESTRO prints them as the `long double` quotient l1 read / l1 write, which
 * rounds differently from the double quotient at some decimal ties: format that quotient exactly.
 */
const REUSE_QUOTIENTS: Partial<Record<NumericColumnKey, readonly [NumericColumnKey, NumericColumnKey]>> = {
  in_reuse: ['in_l1_rd', 'in_l1_wr'],
  w_reuse: ['w_l1_rd', 'w_l1_wr'],
  out_reuse: ['out_l1_rd', 'out_l1_wr'],
};

/** Prints one column of a metrics record (counts beyond 2^53 from `exact`). */
type CellFormatter = (m: LayerMetrics, exact: ExactCounts | undefined) => string;

/**
 * How each numeric column (NUMERIC_COLUMN_KEYS order) is printed, decided once: by its C++ type;
 * counts beyond 2^53 from `exact` (MAESTRO prints its 64-bit integers in full, and a reuse
 * factor divides them exactly).
 */
const CELLS: readonly CellFormatter[] = NUMERIC_COLUMN_KEYS.map((key): CellFormatter => {
  const q = REUSE_QUOTIENTS[key];
  if (q) {
    const [rd, wr] = q;
    return (m, exact) => formatCppLongDoubleQuotient(exact?.[rd] ?? m[rd], exact?.[wr] ?? m[wr]);
  }
  const f = columnFormat(key);
  if (f === 'double') return (m) => formatCppDouble(m[key]);
  if (f === 'int') return (m) => formatCppInt(m[key]);
  return (m, exact) => {
    const e = exact?.[key];
    return e !== undefined ? e.toString() : formatCppLong(m[key]);
  };
});

/**
 * What MAESTRO's writer prints after each numeric column: ',' after the first 24, ', ' after
 * the tensor groups, the delays and utilisation, a newline after the last.
 */
const AFTER: readonly string[] = NUMERIC_COLUMN_KEYS.map((_, k) => (k < 24 ? ',' : k < NUMERIC_COLUMN_KEYS.length - 1 ? ', ' : '\n'));

/**
 * One CSV row (with trailing newline) for a layer's metrics; `exact`: the exact values of its
 * counts beyond 2^53 (a cost-model row's `exact`), printed in full as MAESTRO does.
 */
export function formatMaestroRow(net: string, layer: string, m: LayerMetrics, opts: MaestroRowOptions = {}, exact?: ExactCounts): string {
  let s = (opts.fullNames ? net : maestroName(net)) + ',' + (opts.fullNames ? layer : maestroName(layer)) + ',';
  for (let k = 0; k < CELLS.length; k++) s += CELLS[k]!(m, exact) + AFTER[k]!;
  return s;
}

/** The header line with its newline. */
export function maestroCsvHeaderLine(): string {
  return MAESTRO_CSV_HEADER + '\n';
}

/** A whole CSV (header + rows) for a list of layer results. */
export function formatMaestroCsv(
  net: string,
  rows: ReadonlyArray<{ layer: string; metrics: LayerMetrics; exact?: ExactCounts }>,
  opts: MaestroRowOptions & { header?: boolean } = {},
): string {
  let s = opts.header === false ? '' : maestroCsvHeaderLine();
  for (const r of rows) s += formatMaestroRow(net, r.layer, r.metrics, opts, r.exact);
  return s;
}

/**
 * Parse a MAESTRO CSV (header + rows) into names and metrics (for tests and comparisons).
 * Numbers are read with `Number` (`-nan` -> NaN, `inf` -> Infinity).
 */
export function parseMaestroCsv(text: string): Array<{ net: string; layer: string; metrics: LayerMetrics }> {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const out: Array<{ net: string; layer: string; metrics: LayerMetrics }> = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',').map((c) => c.trim());
    while (cells.length > 52 && cells[cells.length - 1] === '') cells.pop();
    const metrics = {} as LayerMetrics;
    NUMERIC_COLUMN_KEYS.forEach((k, i) => {
      const c = cells[i + 2];
      metrics[k] = c === '-nan' || c === 'nan' ? NaN : c === 'inf' ? Infinity : c === '-inf' ? -Infinity : Number(c);
    });
    out.push({ net: cells[0], layer: cells[1], metrics });
  }
  return out;
}
