/**
 * MAESTRO's per-layer CSV columns (52, in MAESTRO's order), with the stable keys
 * codesign uses for them everywhere (results objects, JSON output, conformance tests).
 *
 * Keys that also appear in `../shared/oracle/public.csv` use the oracle's names.
 */

/** Column keys in MAESTRO CSV order. The first two are strings, the rest numbers. */
export const COLUMN_KEYS = [
  'net', // 0  Neural Network Name
  'layer', // 1  Layer Number (MAESTRO writes the layer NAME here)
  'num_pes', // 2  NumPEs
  'runtime', // 3  Runtime (Cycles)
  'energy_nj', // 4  Activity count-based Energy (nJ)
  'throughput', // 5  Throughput (MACs/Cycle)
  'perf_per_energy', // 6  Throughput Per Energy (GMACs/s*J)
  'area', // 7  Area
  'power', // 8  Power
  'noc_bw_req', // 9  NoC BW Req (Elements/cycle)
  'avg_bw_req', // 10 Avg BW Req
  'peak_bw_req', // 11 Peak BW Req
  'vector_width', // 12 Vector Width
  'offchip_bw_req', // 13 Offchip BW Req (Elements/cycle)
  'l2_size_req', // 14 L2 SRAM Size Req (Bytes)
  'l1_size_req', // 15 L1 SRAM Size Req (Bytes)
  'mc_weight', // 16 Multicasting Factor (Weight)
  'mc_input', // 17 Multicasting Factor (Input)
  'input_pixels', // 18 Num Total Input Pixels
  'weight_pixels', // 19 Num Total Weight Pixels
  'ops_per_joule', // 20 Ops/J
  'num_macs', // 21 Num MACs
  'pe_power', // 22 PE power
  'l1_power', // 23 L1 power
  'l2_power', // 24 L2 power
  'noc_power', // 25 NOC power
  'in_l1_rd', // 26 input l1 read
  'in_l1_wr', // 27 input l1 write
  'in_l2_rd', // 28 input l2 read
  'in_l2_wr', // 29 input l2 write
  'in_reuse', // 30 input reuse factor
  'w_l1_rd', // 31 filter l1 read
  'w_l1_wr', // 32 filter l1 write
  'w_l2_rd', // 33 filter l2 read
  'w_l2_wr', // 34 filter l2 write
  'w_reuse', // 35 filter reuse factor
  'out_l1_rd', // 36 output l1 read
  'out_l1_wr', // 37 output l1 write
  'out_l2_rd', // 38 output l2 read
  'out_l2_wr', // 39 output l2 write
  'out_reuse', // 40 output reuse factor
  'ingress_min', // 41 Ingress Delay (Min)
  'ingress_max', // 42 Ingress Delay (Max)
  'ingress_avg', // 43 Ingress Delay (Avg)
  'egress_min', // 44 Egress Delay (Min)
  'egress_max', // 45 Egress Delay (Max)
  'egress_avg', // 46 Egress Delay (Avg)
  'compute_min', // 47 Compute Delay (Min)
  'compute_max', // 48 Compute Delay (Max) -- MAESTRO's header mislabels it "(Min)"
  'compute_avg', // 49 Compute Delay (Avg)
  'util_pes', // 50 Avg number of utilized PEs
  'arith_intensity', // 51 Arithmetic Intensity
] as const;

/** A key of MAESTRO's CSV columns (see COLUMN_KEYS). */
export type ColumnKey = (typeof COLUMN_KEYS)[number];
/** The 50 numeric columns (all but `net` and `layer`), in MAESTRO order. */
export type NumericColumnKey = Exclude<ColumnKey, 'net' | 'layer'>;
/** Keys of the 50 numeric columns, in MAESTRO order (result row slot OUT_COLUMNS + index). */
export const NUMERIC_COLUMN_KEYS = COLUMN_KEYS.slice(2) as readonly NumericColumnKey[];
/** Number of numeric result slots per layer (50). */
export const NUM_NUMERIC_COLUMNS = NUMERIC_COLUMN_KEYS.length;

/** Per-layer result: every numeric MAESTRO column by key. */
export type LayerMetrics = Record<NumericColumnKey, number>;

/**
 * Exact values of a layer's integer count columns that are beyond 2^53, where the number in
 * {@link LayerMetrics} is only the nearest double (MAESTRO prints them as exact 64-bit integers).
 */
export type ExactCounts = Partial<Record<NumericColumnKey, bigint>>;

/**
 * MAESTRO's CSV header line, byte for byte (without the trailing newline), as written by
 * MAESTRO's `--print_res_csv_file=true`.
 */
export const MAESTRO_CSV_HEADER =
  'Neural Network Name, Layer Number, NumPEs, Runtime (Cycles), Activity count-based Energy (nJ), ' +
  'Throughput (MACs/Cycle), Throughput Per Energy (GMACs/s*J), Area, Power, NoC BW Req (Elements/cycle), ' +
  'Avg BW Req, Peak BW Req, Vector Width, Offchip BW Req (Elements/cycle),  L2 SRAM Size Req (Bytes), ' +
  'L1 SRAM Size Req (Bytes), Multicasting Factor (Weight), Multicasting Factor (Input), Num Total Input Pixels, ' +
  'Num Total Weight Pixels, Ops/J, Num MACs, PE power, L1 power, L2 power, NOC power, ' +
  'input l1 read, input l1 write, input l2 read, input l2 write, input reuse factor,' +
  'filter l1 read, filter l1 write, filter l2 read, filter l2 write, filter reuse factor,' +
  'output l1 read, output l1 write, output l2 read, output l2 write, output reuse factor,' +
  'Ingress Delay (Min), Ingress Delay (Max), Ingress Delay (Avg), Egress Delay (Min), Egress Delay (Max),  Egress Delay (Avg),' +
  'Compute Delay (Min), Compute Delay (Min), Compute Delay (Avg),' +
  'Avg number of utilized PEs, Arithmetic Intensity';
