/**
 * The built-in dataflows (MAESTRO's / the paper's `tools/frontend/dataflow/*.m` and
 * `nmk` for GEMM), as typed {@link Dataflow} objects, and `--dataflow NAME|FILE` resolution.
 *
 * - `kcp_ws`: NVDLA-like, weight stationary (K spatial, then C spatial in clusters of 64).
 * - `rs`: Eyeriss-like row stationary (Y' spatial, clusters of R rows).
 * - `xp_ws`: X-parallel weight stationary (ShiDianNao-like).
 * - `ykp_os`: Y and K parallel, output stationary (clusters of 16). As MAESTRO's own text it
 *   steps R and S by 7 (`TemporalMap(Sz(R),7) R`), which MAESTRO accepts only for 7 x 7 filters:
 *   a layer with R or S other than 7 is rejected ("MAESTRO requires TemporalMap(Sz(R),Sz(R)) on R").
 * - `dpt`: depthwise (C spatial); the paper maps every DSCONV layer with it.
 * - `nmk`: GEMM (M spatial, K spatial in clusters of 100).
 * Equal, directive for directive, to the texts in the shared oracle (`spec-public.json`), checked
 * by test/evaluate/dataflows.test.ts.
 */
import { UserError } from '../errors.js';
import type { Dataflow, DimName, Directive, SizeExpr } from '../model/types.js';

const sz = (d: DimName): SizeExpr => ({ sz: d });
const T = (size: SizeExpr, offset: SizeExpr, dim: DimName): Directive => ({ kind: 'TemporalMap', size, offset, dim });
const S = (size: SizeExpr, offset: SizeExpr, dim: DimName): Directive => ({ kind: 'SpatialMap', size, offset, dim });
const P = (size: SizeExpr): Directive => ({ kind: 'Cluster', size, clusterType: 'P' });

/** Names of the built-in dataflows. */
export const BUILTIN_DATAFLOW_NAMES = ['kcp_ws', 'rs', 'xp_ws', 'ykp_os', 'dpt', 'nmk'] as const;

/** A built-in dataflow name. */
export type BuiltinDataflowName = (typeof BUILTIN_DATAFLOW_NAMES)[number];

const BUILTIN: Readonly<Record<BuiltinDataflowName, readonly Directive[]>> = {
  kcp_ws: [
    S(1, 1, 'K'), T(64, 64, 'C'), T(sz('R'), sz('R'), 'R'), T(sz('S'), sz('S'), 'S'), T(sz('R'), 1, 'Y'), T(sz('S'), 1, 'X'),
    P(64),
    S(1, 1, 'C'), T(sz('R'), 1, 'Y'), T(sz('S'), 1, 'X'), T(sz('R'), sz('R'), 'R'), T(sz('S'), sz('S'), 'S'),
  ],
  rs: [
    S(1, 1, "Y'"), T(1, 1, "X'"), T(1, 1, 'C'), T(16, 16, 'K'), T(sz('R'), sz('R'), 'R'), T(sz('S'), sz('S'), 'S'),
    P(sz('R')),
    S(1, 1, 'Y'), S(1, 1, 'R'), T(sz('S'), sz('S'), 'S'),
  ],
  xp_ws: [T(1, 1, 'K'), T(1, 1, 'C'), T(sz('R'), 1, 'Y'), S(sz('S'), 1, 'X'), T(sz('R'), sz('R'), 'R'), T(sz('S'), sz('S'), 'S')],
  ykp_os: [
    T(16, 16, 'K'), S(sz('R'), 1, 'Y'), T(sz('S'), 1, 'X'), T(1, 1, 'C'),
    P(16),
    S(1, 1, 'K'), T(sz('R'), 1, 'Y'), T(sz('S'), 1, 'X'), T(sz('R'), 7, 'R'), T(sz('S'), 7, 'S'),
  ],
  dpt: [S(1, 1, 'C'), T(sz('R'), 1, 'Y'), T(sz('S'), 1, 'X'), T(sz('R'), sz('R'), 'R'), T(sz('S'), sz('S'), 'S')],
  nmk: [T(1, 1, 'N'), S(1, 1, 'M'), T(100, 100, 'K'), P(100), T(1, 1, 'N'), T(1, 1, 'M'), S(1, 1, 'K')],
};

/** True if `name` is a built-in dataflow name. */
export function isBuiltinDataflow(name: string): name is BuiltinDataflowName {
  return (BUILTIN_DATAFLOW_NAMES as readonly string[]).includes(name);
}

/**
 * A fresh copy of a built-in dataflow (`name` set).
 * @throws UserError for any other name, e.g. `dataflow: unknown built-in dataflow 'nope' (expected
 *   one of kcp_ws, rs, xp_ws, ykp_os, dpt, nmk; a dataflow file: resolveDataflowSpec or parseDataflow)`.
 */
export function builtinDataflow(name: BuiltinDataflowName): Dataflow {
  const directives = Object.hasOwn(BUILTIN, name) ? BUILTIN[name] : undefined;
  if (directives === undefined)
    throw new UserError(
      `unknown built-in dataflow ${typeof name === 'string' ? `'${name}'` : `(got ${name === null ? 'null' : typeof name})`} (expected one of ${BUILTIN_DATAFLOW_NAMES.join(', ')}; a dataflow file: resolveDataflowSpec or parseDataflow)`,
      { field: 'dataflow' },
    );
  return { name, directives: directives.map((d) => ({ ...d })) };
}

/** Canonical text of a dataflow's directives (equal keys <=> identical directives). */
export function dataflowKey(df: Dataflow): string {
  const s = (e: SizeExpr): string => (typeof e === 'number' ? String(e) : `Sz(${e.sz})`);
  return df.directives
    .map((d) => (d.kind === 'Cluster' ? `Cluster(${s(d.size)},${d.clusterType})` : `${d.kind}(${s(d.size)},${s(d.offset)})${d.dim}`))
    .join(';');
}
