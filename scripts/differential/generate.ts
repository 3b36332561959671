/**
 * Random but sensible differential cases: layers (CONV, DSCONV, GEMM, NGCONV, TRCONV; odd sizes,
 * strides 1-3, Y < R, Y'/X' forms, batch N), dataflows (codesign's built-ins, MAESTRO's own
 * mapping-file dataflows, random perturbations of both, random multi-level ones) and hardware
 * (any num_pes 1..1024, NoC 0..8 hops, missing keys -> MAESTRO defaults).
 */
import { readFileSync } from 'node:fs';
import { BUILTIN_DATAFLOW_NAMES, builtinDataflow } from '../../src/dataflows/builtin.js';
import type { Directive, Layer, SizeExpr } from '../../src/model/types.js';
import { paperHardware } from '../../src/accelerators/paper.js';
import { DIM_NAMES } from '../../src/parse/limits.js';
import { alphanetSpace, nb301Space } from '../../src/spaces/index.js';
import type { ArchitectureSpace } from '../../src/spaces/space.js';
import type { Case, CaseHw, CaseLayer } from './case.js';
import { Rng } from './rng.js';

/** A dataflow known by name, with the layer types it was written for. */
export interface NamedDataflow {
  name: string;
  types: string[];
  directives: string[];
}

function exprText(e: SizeExpr): string {
  return typeof e === 'number' ? String(e) : `Sz(${e.sz})`;
}

/** A typed directive as a MAESTRO statement (without `;`). */
export function directiveText(d: Directive): string {
  return d.kind === 'Cluster' ? `Cluster(${exprText(d.size)},${d.clusterType})` : `${d.kind}(${exprText(d.size)},${exprText(d.offset)}) ${d.dim}`;
}

/** codesign's built-in dataflows as statements. */
export function builtinDataflows(): NamedDataflow[] {
  const types: Record<string, string[]> = {
    kcp_ws: ['CONV', 'TRCONV'], rs: ['CONV', 'TRCONV'], xp_ws: ['CONV', 'TRCONV', 'DSCONV'], ykp_os: ['CONV', 'TRCONV'],
    dpt: ['DSCONV'], nmk: ['GEMM'],
  };
  return BUILTIN_DATAFLOW_NAMES.map((n) => ({
    name: `builtin:${n}`,
    types: types[n]!,
    directives: builtinDataflow(n).directives.map(directiveText),
  }));
}

/** MAESTRO's own dataflows (scripts/differential/known-dataflows.json). */
export function knownDataflows(file: string): NamedDataflow[] {
  const j = JSON.parse(readFileSync(file, 'utf8')) as { dataflows: NamedDataflow[] };
  return j.dataflows.map((d) => ({ ...d, name: `known:${d.name}` }));
}

const CONV_DIMS = ['K', 'C', 'R', 'S', 'Y', 'X'];

/** Dimension names a layer's dataflow may map. */
function mappableDims(l: CaseLayer): string[] {
  const declared = l.dims.map(([k]) => k);
  if (l.type === 'GEMM') return ['M', 'N', 'K'];
  const base = l.type === 'NGCONV' ? ['G', ...CONV_DIMS] : CONV_DIMS;
  const withN = declared.includes('N') ? ['N', ...base] : base;
  return declared.includes("Y'") ? withN.map((d) => (d === 'Y' ? "Y'" : d === 'X' ? "X'" : d)) : withN;
}

// ---------------------------------------------------------------- layers

function channels(rng: Rng): number {
  return rng.weighted<() => number>([
    [() => rng.pick([1, 2, 3, 4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 1024, 2048]), 5],
    [() => rng.logInt(1, 2048), 4],
    [() => rng.int(1, 40), 1],
  ])();
}

function spatial(rng: Rng, window: number): number {
  return rng.weighted<() => number>([
    [() => rng.int(1, 16), 3],
    [() => rng.int(7, 64), 4],
    [() => rng.pick([7, 14, 28, 56, 112, 224, 227, 299, 300]), 2],
    [() => rng.int(65, 300), 1],
    [() => (window > 1 ? rng.int(1, window - 1) : 1), 1], // smaller than the filter
  ])();
}

function convLayer(rng: Rng, type: string, name: string): CaseLayer {
  const r = type === 'TRCONV' ? rng.pick([2, 2, 3, 4]) : rng.weighted([[1, 3], [3, 4], [5, 1.5], [7, 1.5]] as const);
  const s = rng.chance(0.85) ? r : rng.pick([1, 3, 5, 7]);
  const y = spatial(rng, r);
  const x = rng.chance(0.7) ? (y >= s || rng.chance(0.3) ? y : s) : spatial(rng, s);
  const sx = rng.weighted([[1, 5], [2, 3], [3, 1]] as const);
  const sy = rng.chance(0.85) ? sx : rng.int(1, 3);
  let k = type === 'DSCONV' ? (rng.chance(0.85) ? 1 : channels(rng)) : channels(rng);
  let c = channels(rng);
  const dims: [string, number][] = [];
  if (rng.chance(0.12)) dims.push(['N', rng.int(1, 4)]);
  if (type === 'NGCONV') {
    const g = rng.pick([1, 2, 4, 8, 32, 64]);
    dims.push(['G', g]);
    k = rng.pick([1, 2, 4, 8, 16]);
    c = rng.chance(0.7) ? g * rng.pick([1, 2, 4, 8]) : c;
  }
  if (type !== 'DSCONV' || rng.chance(0.9)) dims.push(['K', k]);
  dims.push(['C', c], ['R', r], ['S', s]);
  if (rng.chance(0.1) && type !== 'TRCONV') {
    dims.push(["Y'", Math.max(1, Math.floor((y - r) / sy) + 1)], ["X'", Math.max(1, Math.floor((x - s) / sx) + 1)]);
  } else {
    dims.push(['Y', y], ['X', x]);
  }
  if (rng.chance(0.1)) rng.shuffle(dims); // declaration order should not matter
  return { name, type, strideX: sx, strideY: sy, writeStride: rng.chance(0.95), dims, dataflow: [], dfName: '' };
}

function gemmLayer(rng: Rng, name: string): CaseLayer {
  const d = () => (rng.chance(0.5) ? rng.pick([1, 8, 16, 64, 100, 128, 256, 512, 1000, 1024, 2048]) : rng.logInt(1, 2048));
  const dims: [string, number][] = [['M', d()], ['N', d()], ['K', d()]];
  if (rng.chance(0.3)) rng.shuffle(dims);
  return { name, type: 'GEMM', strideX: 1, strideY: 1, writeStride: false, dims, dataflow: [], dfName: '' };
}

function randomLayer(rng: Rng, name: string): CaseLayer {
  const type = rng.weighted([['CONV', 10], ['DSCONV', 3], ['GEMM', 3], ['NGCONV', 1], ['TRCONV', 1]] as const);
  return type === 'GEMM' ? gemmLayer(rng, name) : convLayer(rng, type, name);
}

// ---------------------------------------------------------------- dataflows

interface ParsedDirective {
  kind: string;
  size: string;
  offset: string;
  dim: string;
}

const DIRECTIVE_RE = /^(SpatialMap|TemporalMap)\((.+),(.+)\) (\S+)$/;
const CLUSTER_RE = /^Cluster\((.+),([PL])\)$/;

function parseStatement(s: string): ParsedDirective {
  const m = DIRECTIVE_RE.exec(s);
  if (m) return { kind: m[1]!, size: m[2]!, offset: m[3]!, dim: m[4]! };
  const c = CLUSTER_RE.exec(s);
  if (c) return { kind: 'Cluster', size: c[1]!, offset: c[2]!, dim: '' };
  throw new Error(`cannot parse statement ${s}`);
}

function statementText(d: ParsedDirective): string {
  return d.kind === 'Cluster' ? `Cluster(${d.size},${d.offset})` : `${d.kind}(${d.size},${d.offset}) ${d.dim}`;
}

function sizeChoice(rng: Rng, dims: string[]): string {
  return rng.weighted<() => string>([
    [() => String(rng.pick([1, 1, 2, 3, 4, 5, 7, 8, 16, 32, 64])), 6],
    [() => `Sz(${rng.pick(dims.filter((d) => !d.endsWith("'")))})`, 2],
    [() => String(rng.int(1, 300)), 1],
  ])();
}

/** Apply 1-3 random edits to a dataflow. */
export function perturb(rng: Rng, stmts: string[], l: CaseLayer): string[] {
  const ds = stmts.map(parseStatement);
  const dims = mappableDims(l);
  const maps = () => ds.map((d, i) => [d, i] as const).filter(([d]) => d.kind !== 'Cluster');
  const n = rng.int(1, 3);
  for (let e = 0; e < n; e++) {
    const op = rng.weighted([['size', 4], ['cluster', 2], ['swap', 2], ['kind', 2], ['dim', 1], ['delete', 1], ['addCluster', 1], ['dropCluster', 1]] as const);
    const ms = maps();
    if (ms.length === 0) break;
    const [d, i] = rng.pick(ms);
    switch (op) {
      case 'size': {
        const isRS = d.dim === 'R' || d.dim === 'S';
        if (isRS && rng.chance(0.7)) break; // MAESTRO only accepts TemporalMap(Sz,Sz) on R/S: mostly keep it
        d.size = sizeChoice(rng, dims);
        d.offset = rng.weighted<() => string>([[() => d.size, 3], [() => '1', 3], [() => sizeChoice(rng, dims), 2]])();
        break;
      }
      case 'cluster': {
        const cs = ds.filter((x) => x.kind === 'Cluster');
        if (cs.length) rng.pick(cs).size = rng.pick(['1', '2', '3', '4', '8', '9', '16', '32', '64', '100', 'Sz(R)', 'Sz(S)', String(rng.int(1, 128))]);
        break;
      }
      case 'swap': {
        const j = i + (rng.chance(0.5) ? 1 : -1);
        if (j >= 0 && j < ds.length && ds[j]!.kind !== 'Cluster') [ds[i], ds[j]] = [ds[j]!, ds[i]!];
        break;
      }
      case 'kind':
        d.kind = d.kind === 'SpatialMap' ? 'TemporalMap' : 'SpatialMap';
        break;
      case 'dim':
        d.dim = rng.pick(dims);
        break;
      case 'delete':
        ds.splice(i, 1);
        break;
      case 'addCluster': {
        const at = rng.int(1, ds.length);
        const inner = rng.pick(dims);
        ds.splice(at, 0, { kind: 'Cluster', size: rng.pick(['2', '4', '8', '16', 'Sz(R)']), offset: 'P', dim: '' }, { kind: 'SpatialMap', size: '1', offset: '1', dim: inner.replace("'", '') });
        break;
      }
      case 'dropCluster': {
        const ci = ds.findIndex((x) => x.kind === 'Cluster');
        if (ci >= 0) ds.splice(ci, 1);
        break;
      }
    }
  }
  return ds.map(statementText);
}

/** A random dataflow of 1-3 cluster levels (or `levels`) over the layer's dimensions. */
export function randomDataflow(rng: Rng, l: CaseLayer, levels: number = rng.weighted([[1, 3], [2, 4], [3, 1]] as const)): string[] {
  const dims = mappableDims(l);
  const out: string[] = [];
  for (let lv = 0; lv < levels; lv++) {
    const sub = lv === 0 ? dims.slice() : rng.shuffle(dims.map((d) => d.replace("'", ''))).slice(0, rng.int(1, dims.length));
    rng.shuffle(sub);
    const nSpatial = rng.chance(0.85) ? 1 : 2;
    const sp = new Set(rng.shuffle(sub.slice()).slice(0, nSpatial));
    for (const d of sub) {
      const kind = sp.has(d) ? 'SpatialMap' : 'TemporalMap';
      if ((d === 'R' || d === 'S') && !sp.has(d)) {
        out.push(`TemporalMap(Sz(${d}),Sz(${d})) ${d}`);
      } else if ((d === 'Y' || d === 'X') && rng.chance(0.6)) {
        const w = d === 'Y' ? 'R' : 'S';
        out.push(`${kind}(${rng.chance(0.7) ? `Sz(${w})` : rng.pick(['3', '4', '8', '10'])},${rng.pick(['1', '1', '2'])}) ${d}`);
      } else if (d === 'R' || d === 'S') {
        out.push(`SpatialMap(1,1) ${d}`);
      } else {
        const n = rng.pick([1, 1, 1, 2, 3, 4, 8, 16, 64]);
        out.push(`${kind}(${n},${rng.chance(0.8) ? n : Math.max(1, n >> 1)}) ${d}`);
      }
    }
    if (lv < levels - 1) out.push(`Cluster(${rng.pick(['2', '3', '4', '8', '16', '32', '64', 'Sz(R)'])},P)`);
  }
  return out;
}

/** Choose a dataflow for a layer. */
function assignDataflow(rng: Rng, l: CaseLayer, builtins: NamedDataflow[], known: NamedDataflow[], profile: Profile): void {
  const fits = (d: NamedDataflow) => d.types.includes(l.type) || (d.types.includes('ANY') && l.type !== 'GEMM');
  const source =
    profile === 'valid'
      ? rng.weighted([['builtin', 6], ['known', 4], ['perturbed', 1]] as const)
      : rng.weighted([['builtin', 4], ['known', 4], ['perturbed', 3], ['random', 2]] as const);
  const pool = (xs: NamedDataflow[]) => {
    const f = xs.filter(fits);
    return f.length && (profile === 'valid' || rng.chance(0.9)) ? f : xs;
  };
  if (source === 'random') {
    l.dataflow = randomDataflow(rng, l);
    l.dfName = 'random';
    return;
  }
  const base = rng.pick(pool(source === 'known' ? known : source === 'builtin' ? builtins : rng.chance(0.5) ? builtins : known));
  if (source === 'perturbed') {
    l.dataflow = perturb(rng, base.directives, l);
    l.dfName = `perturbed:${base.name.replace(/^\w+:/, '')}`;
  } else {
    l.dataflow = base.directives.slice();
    l.dfName = base.name;
  }
  // ykp_os-style dataflows map R/S with offset 7: MAESTRO only accepts them when R = S = 7.
  if (/ykp_os/.test(l.dfName) && rng.chance(0.6)) {
    for (const d of l.dims) if (d[0] === 'R' || d[0] === 'S') d[1] = 7;
  }
}

function randomHw(rng: Rng, profile: Profile): CaseHw {
  const numPes = profile === 'valid' ? rng.int(128, 1024) : rng.weighted<() => number>([
    [() => 2 ** rng.int(0, 10), 2],
    [() => 2 ** rng.int(6, 10), 3],
    [() => rng.int(1, 1024), 2],
    [() => rng.int(100, 1024), 3],
    [() => rng.pick([60, 100, 168, 200, 300, 500, 1000]), 2],
  ])();
  const hw: CaseHw = { numPes };
  const keep = (p: number) => rng.chance(p);
  if (keep(0.95)) hw.l1Size = rng.chance(0.02) ? 0 : rng.pick([1, 16, 64, 100, 256, 512, 1024, 4096, 65536, rng.int(1, 100000)]);
  if (keep(0.95)) hw.l2Size = rng.pick([100, 1000, 3000, 65536, 1 << 20, rng.int(1, 10_000_000)]);
  if (keep(0.95)) hw.nocBw = rng.weighted<() => number>([[() => rng.logInt(1, 2000), 3], [() => rng.pick([1, 16, 32, 64, 256, 300, 1000, 2000]), 2]])();
  if (keep(0.95)) hw.offchipBw = rng.weighted<() => number>([[() => rng.logInt(1, 2000), 3], [() => rng.pick([1, 50, 150, 350, 1000, 2000]), 2]])();
  if (keep(0.85)) hw.nocHops = rng.int(0, 8);
  return hw;
}

/**
 * MAESTRO's command-line hardware (option `--cli-hw SHARE`): with probability `share` a case
 * gets `--num_simd_lanes` (1..16; with a hardware file too), and half of those give the whole
 * hardware as flags without a hardware file, with `--noc_hop_latency` 0..4 (MAESTRO's latency is
 * then hop latency x hops; absent keys take MAESTRO's command-line defaults; in 20% `--noc_hops`
 * without `--noc_hop_latency`, which leaves the latency 0, see src/cli/maestro.ts). Drawn from its own
 * random stream, so the other choices of a seed do not change.
 */
function cliHw(rng: Rng, hw: CaseHw, share: number): CaseHw {
  if (!rng.chance(share)) return hw;
  const out: CaseHw = { ...hw, simdLanes: rng.weighted<() => number>([[() => rng.int(1, 4), 3], [() => rng.pick([8, 16]), 1], [() => rng.int(5, 16), 1]])() };
  if (rng.chance(0.5)) {
    out.asFlags = true;
    // 80%: `--noc_hop_latency` too; else `--noc_hops` alone, which MAESTRO multiplies by its
    // default per-hop latency 0 (the draws are those of earlier versions, which gave both or neither).
    const latencyToo = rng.chance(0.8);
    if (latencyToo || out.nocHops !== undefined) {
      const latency = rng.int(0, 4);
      if (latencyToo) out.hopLatency = latency;
    }
  }
  return out;
}

/**
 * A NoC latency of 0 (option `--zero-latency SHARE`): with probability `share` a case's hardware
 * file says `NoC_NumHops: 0` (with its hardware as flags: `--noc_hop_latency 0`). MAESTRO's
 * zero-latency NoC sends nothing in -1 cycles, which makes negative runtimes at lower cluster
 * levels. Drawn from its own random stream, so the other choices of a seed do not change.
 */
function zeroLatency(rng: Rng, hw: CaseHw, share: number): CaseHw {
  if (!rng.chance(share)) return hw;
  return hw.asFlags ? { ...hw, hopLatency: 0, nocHops: hw.nocHops ?? 1 } : { ...hw, nocHops: 0 };
}

/**
 * Deep cluster hierarchies (option `--deep SHARE`): with probability `share` a layer's dataflow is
 * replaced by a random one of 3 or 4 cluster levels (MAESTRO's most: 3 Cluster directives), where
 * a level's runtime feeds two levels up. Own random stream, like cliHw.
 */
function deepen(rng: Rng, layers: CaseLayer[], share: number): void {
  for (const l of layers) {
    if (!rng.chance(share)) continue;
    l.dataflow = randomDataflow(rng, l, rng.pick([3, 4]));
    l.dfName = 'random-deep';
  }
}

/**
 * Generation profile: `mixed` (anything, about 40% of cases MAESTRO rejects), `valid` (dataflows
 * written for the layer type, >= 128 PEs: mostly cases MAESTRO evaluates) or `paper` (the paper's
 * workload: a whole paper model of NB301 or AlphaNet on one of the paper's 50 accelerators, CONV
 * layers mapped with kcp_ws, rs or xp_ws, DSCONV with dpt, GEMM with nmk).
 */
export type Profile = 'mixed' | 'valid' | 'paper';

/** A paper model on a paper accelerator (profile `paper`). */
function paperCase(rng: Rng, id: string, spaces: ArchitectureSpace[], builtins: NamedDataflow[]): Case {
  const space = rng.pick(spaces);
  const model = rng.pick(space.paperIds ?? [...Array(space.size).keys()]);
  const conv = rng.pick(['kcp_ws', 'rs', 'xp_ws']);
  const df = (type: string) => builtins.find((d) => d.name === `builtin:${type === 'DSCONV' ? 'dpt' : type === 'GEMM' ? 'nmk' : conv}`)!;
  const layers = space.layers(model).map((l: Layer): CaseLayer => {
    const d = df(l.type);
    return {
      name: l.name,
      type: l.type,
      strideX: l.strideX,
      strideY: l.strideY,
      writeStride: l.type !== 'GEMM',
      // MAESTRO's customary declaration order (DIM_NAMES).
      dims: DIM_NAMES.filter((k) => l.dims[k] !== undefined).map((k) => [k, l.dims[k]!]),
      dataflow: d.directives.slice(),
      dfName: d.name,
    };
  });
  const hw = rng.pick(paperHardware());
  return {
    id: `${id}:${space.name}#${model}`,
    family: 'network',
    hw: { numPes: hw.numPes, l1Size: hw.l1Size, l2Size: hw.l2Size, nocBw: hw.nocBw, offchipBw: hw.offchipBw },
    layers,
  };
}

/** Case generator over a seed. */
export class CaseGenerator {
  private readonly rng: Rng;
  private readonly cliRng: Rng;
  private readonly zeroRng: Rng;
  private readonly deepRng: Rng;
  private readonly builtins = builtinDataflows();
  private paperSpaces: ArchitectureSpace[] | undefined;

  constructor(
    seed: number,
    private readonly known: NamedDataflow[],
    private readonly networkShare = 0.25,
    private readonly profile: Profile = 'mixed',
    /** Share of cases with MAESTRO command-line hardware (see cliHw). */
    private readonly cliShare = 0,
    /** Share of cases with a NoC latency of 0 (see zeroLatency). */
    private readonly zeroShare = 0,
    /** Share of layers with a 3-4 level random dataflow (see deepen). */
    private readonly deepShare = 0,
  ) {
    this.rng = new Rng(seed);
    this.cliRng = new Rng(seed ^ 0x5a5a5a5a);
    this.zeroRng = new Rng(seed ^ 0x0f0f0f0f);
    this.deepRng = new Rng(seed ^ 0x33cc33cc);
  }

  next(id: string): Case {
    const c = this.draw(id);
    if (this.cliShare > 0) c.hw = cliHw(this.cliRng, c.hw, this.cliShare);
    if (this.zeroShare > 0) c.hw = zeroLatency(this.zeroRng, c.hw, this.zeroShare);
    if (this.deepShare > 0 && this.profile !== 'paper') deepen(this.deepRng, c.layers, this.deepShare);
    return c;
  }

  private draw(id: string): Case {
    const rng = this.rng;
    if (this.profile === 'paper') return paperCase(rng, id, (this.paperSpaces ??= [nb301Space(), alphanetSpace()]), this.builtins);
    const network = rng.chance(this.networkShare);
    const n = network ? rng.int(2, 6) : 1;
    const layers: CaseLayer[] = [];
    for (let i = 0; i < n; i++) {
      // Layer names as real mapping files spell them (MAESTRO prints the last piece after - ( ) etc.).
      const name = rng.weighted<string>([[`L${i}`, 6], [`CONV${i + 1}_1`, 1], [`Conv2d-${i + 1}`, 1], [`block${i}.conv`, 1], [`Bottleneck${i}_2`, 1]]);
      const l = randomLayer(rng, name);
      // In networks, often reuse one dataflow for all layers of a type (as MAESTRO's files do).
      const prev = layers.find((p) => p.type === l.type);
      if (network && prev && rng.chance(0.5)) {
        l.dataflow = prev.dataflow.slice();
        l.dfName = prev.dfName;
      } else {
        assignDataflow(rng, l, this.builtins, this.known, this.profile);
      }
      layers.push(l);
    }
    const style = rng.weighted([[0, 6], [1, 2], [2, 1], [3, 1]] as const);
    return { id, family: network ? 'network' : 'single', hw: randomHw(rng, this.profile), layers, style };
  }
}
