/**
 * A differential-test case (network + hardware) and its MAESTRO input files.
 * The SAME text is given to the MAESTRO binary and to codesign's parsers, so a case tests
 * parsing and the cost model together.
 */

/** One layer: dimensions in declaration order, dataflow as MAESTRO directive statements. */
export interface CaseLayer {
  name: string;
  type: string;
  strideX: number;
  strideY: number;
  /** Whether to write a `Stride { }` line (MAESTRO's default is 1). */
  writeStride: boolean;
  dims: [string, number][];
  /** Directive statements without the `;`, e.g. `SpatialMap(1,1) K`, `Cluster(64,P)`. */
  dataflow: string[];
  /** Where the dataflow came from: `builtin:kcp_ws`, `known:maeri#43`, `perturbed:rs`, `random`. */
  dfName: string;
}

/**
 * Hardware values; an absent key is left out (MAESTRO's default applies). Normally a hardware
 * file; with `asFlags` MAESTRO's command-line flags instead (no --HW_file: `--num_pes`,
 * `--l1_size_cstr`, ..., `--noc_hops`, `--noc_hop_latency`; MAESTRO's defaults then differ: 7 PEs,
 * off-chip BW 70000, NoC latency hop latency (0) x hops (1)).
 */
export interface CaseHw {
  numPes: number;
  l1Size?: number;
  l2Size?: number;
  nocBw?: number;
  offchipBw?: number;
  nocHops?: number;
  /** `--num_simd_lanes` (ALUs per PE), in both modes. */
  simdLanes?: number;
  /** Give the hardware as command-line flags, without a hardware file. */
  asFlags?: boolean;
  /** `--noc_hop_latency` (flags mode only). */
  hopLatency?: number;
}

export interface Case {
  id: string;
  /** `single` (one layer) or `network`. */
  family: 'single' | 'network';
  hw: CaseHw;
  layers: CaseLayer[];
  /**
   * Text style of the mapping file (MAESTRO accepts all): 0 plain; 1 tabs, `//` comments, spaces
   * inside parentheses; 2 no colons in Dimensions (`K 64`), `Stride { X:2, Y:2 }`;
   * 3 CRLF-free one-line blocks. Default 0.
   */
  style?: number;
}

/** The mapping file MAESTRO reads. */
export function mappingText(c: Case, net = 'net'): string {
  const st = c.style ?? 0;
  const out = st === 1 ? [`// differential case ${c.id}`, `Network ${net} {`] : [`Network ${net} {`];
  const ind = st === 1 ? '\t\t' : '  ';
  for (const l of c.layers) {
    const dims =
      st === 2 ? l.dims.map(([k, v]) => `${k} ${v}`).join(',') : l.dims.map(([k, v]) => `${k}: ${v}`).join(', ');
    const stride = st === 2 ? `Stride { X:${l.strideX}, Y:${l.strideY} }` : `Stride { X: ${l.strideX}, Y: ${l.strideY} }`;
    const df = l.dataflow.map((d) => (st === 1 ? d.replace(/^(\w+)\((.*)\) (\S+)$/, '$1 ($2) $3').replace(/,/g, ', ') : d));
    if (st === 3) {
      out.push(`Layer ${l.name} { Type: ${l.type} ${l.writeStride ? stride : ''} Dimensions { ${dims} } Dataflow { ${df.map((d) => `${d};`).join(' ')} } }`);
      continue;
    }
    out.push(`Layer ${l.name} {`, `${st === 1 ? '\t' : ''}Type: ${l.type}${st === 1 ? ' // layer type' : ''}`);
    if (l.writeStride) out.push(stride);
    out.push(`Dimensions { ${dims} }`);
    out.push('Dataflow {', ...df.map((d) => `${ind}${d};`), '}', '}');
  }
  out.push('}', '');
  return out.join('\n');
}

/** The hardware file MAESTRO reads ('' in flags mode: no file). */
export function hardwareText(hw: CaseHw): string {
  if (hw.asFlags) return '';
  const lines = [`num_pes: ${hw.numPes}`];
  if (hw.l1Size !== undefined) lines.push(`l1_size_cstr: ${hw.l1Size}`);
  if (hw.l2Size !== undefined) lines.push(`l2_size_cstr: ${hw.l2Size}`);
  if (hw.nocBw !== undefined) lines.push(`noc_bw_cstr: ${hw.nocBw}`);
  if (hw.offchipBw !== undefined) lines.push(`offchip_bw_cstr: ${hw.offchipBw}`);
  if (hw.nocHops !== undefined) lines.push(`NoC_NumHops: ${hw.nocHops}`);
  return lines.join('\n') + '\n';
}

/** MAESTRO command-line flags of the hardware (`--name=value`): all of it in flags mode, else the SIMD lanes. */
export function hardwareFlags(hw: CaseHw): string[] {
  const f: string[] = [];
  const add = (k: string, v: number | undefined) => v !== undefined && f.push(`--${k}=${v}`);
  if (hw.asFlags) {
    add('num_pes', hw.numPes);
    add('l1_size_cstr', hw.l1Size);
    add('l2_size_cstr', hw.l2Size);
    add('noc_bw_cstr', hw.nocBw);
    add('offchip_bw_cstr', hw.offchipBw);
    add('noc_hops', hw.nocHops);
    add('noc_hop_latency', hw.hopLatency);
  }
  add('num_simd_lanes', hw.simdLanes);
  return f;
}

/** One-line description of a layer for reports: `CONV s2x2 K=64 C=3 R=3 S=3 Y=224 X=224`. */
export function describeLayer(l: CaseLayer): string {
  const s = l.writeStride ? ` s${l.strideX}x${l.strideY}` : '';
  return `${l.type}${s} ${l.dims.map(([k, v]) => `${k}=${v}`).join(' ')}`;
}

/** One-line description of hardware: `pes=100 l1=512 l2=3000 noc=64 off=50 hops=2`. */
export function describeHw(hw: CaseHw): string {
  const f = (k: string, v: number | undefined) => (v === undefined ? '' : ` ${k}=${v}`);
  return `${hw.asFlags ? 'flags ' : ''}pes=${hw.numPes}${f('l1', hw.l1Size)}${f('l2', hw.l2Size)}${f('noc', hw.nocBw)}${f('off', hw.offchipBw)}${f('hops', hw.nocHops)}${f('hoplat', hw.hopLatency)}${f('simd', hw.simdLanes)}`;
}
