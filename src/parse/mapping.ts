/**
 * MAESTRO semantics on top of the DFSL syntax: mapping files, model files, dataflow files,
 * combining a model with a dataflow, and MAESTRO's per-layer mapping rules.
 *
 * - In a mapping file, `Sz(D)` is resolved to the size of dimension D of the layer the
 *   Dataflow block is written in (as MAESTRO does at parse time), and a layer without a
 *   Dataflow block reuses the previous layer's (already resolved) dataflow.
 * - Dataflow files and `applyDataflow` keep `Sz(D)` symbolic: it is resolved against each
 *   layer later (`resolveDataflow`).
 */
import { UserError, type SourceLocation } from '../errors.js';
import type { Dataflow, DimName, Directive, Layer, MappedLayer, MappedNetwork, Network, SizeExpr } from '../model/types.js';
import { parseMaestroText, type MaestroFile } from './dfsl.js';
import { locationOf, setLocation, shareLocation } from './locations.js';

function tokLoc(f: MaestroFile, t: { line: number; column: number }, field?: string): SourceLocation {
  return field === undefined ? { file: f.file, line: t.line, column: t.column } : { file: f.file, line: t.line, column: t.column, field };
}

/**
 * Parse a MAESTRO mapping file (layers with dataflows) into a MappedNetwork. `text` is the file's
 * content (`loadMapping(path)` reads a file), `file` its name for error locations.
 * @throws TypeError when `text` is not a string; UserError (file:line:column) for bad content.
 */
export function parseMapping(text: string, file: string): MappedNetwork {
  if (typeof text !== 'string')
    throw new TypeError(`parseMapping: text must be the mapping file's content as a string (loadMapping(path) reads a file), got ${text === null ? 'null' : Array.isArray(text) ? 'an array' : typeof text}`);
  const f = parseMaestroText(text, file);
  if (f.dataflow && f.dataflowToken) {
    throw new UserError('a mapping file cannot have a top-level Dataflow block: put Dataflow inside each Layer (or use a model file plus a dataflow file)', tokLoc(f, f.dataflowToken, 'Dataflow'));
  }
  if (!f.network) throw new UserError("expected a 'Network' block (this is not a mapping file)", tokLoc(f, f.eofToken));
  // The parsed tree is this function's own: its layers and dataflows become the result in place
  // (no copies: a large mapping file's parse is mostly allocation).
  let prev: Dataflow | undefined;
  const layers: MappedLayer[] = f.network.layers.map((l) => {
    if (l.dataflow) resolveSizesInPlace(l.dataflow, l);
    else if (prev) l.dataflow = cloneDataflow(prev);
    else throw new UserError('no Dataflow, and no previous layer to reuse one from', { file, field: `Layer ${l.name}`, ...locationOf(l) });
    prev = l.dataflow;
    return l as MappedLayer;
  });
  const net: MappedNetwork = f.network as MappedNetwork;
  net.layers = layers;
  return net;
}

/** Parse a MAESTRO model file (layers without dataflows) into a Network. */
export function parseModel(text: string, file: string): Network {
  const f = parseMaestroText(text, file);
  if (f.dataflow && f.dataflowToken) {
    throw new UserError('a model file cannot have a Dataflow block (give the dataflow in a separate dataflow file)', tokLoc(f, f.dataflowToken, 'Dataflow'));
  }
  if (!f.network) throw new UserError("expected a 'Network' block (this is not a model file)", tokLoc(f, f.eofToken));
  const layers: Layer[] = f.network.layers.map((l) => {
    if (l.dataflow) {
      const loc = locationOf(l.dataflow) ?? { file };
      throw new UserError(`layer ${l.name} has a Dataflow block: a model file has none (use it as a mapping file instead)`, loc);
    }
    const out: Layer = { name: l.name, type: l.type, strideX: l.strideX, strideY: l.strideY, dims: l.dims };
    shareLocation(l, out);
    return out;
  });
  const net: Network = { name: f.network.name, layers };
  setLocation(net, locationOf(f.network) ?? { file });
  return net;
}

/**
 * Parse a dataflow file: one top-level `Dataflow { ... }` block (optionally after Constant
 * definitions). `name` defaults to the file's base name without extension (e.g. `kcp_ws`).
 */
export function parseDataflow(text: string, file: string, name?: string): Dataflow {
  const f = parseMaestroText(text, file);
  if (f.network && f.networkToken) {
    throw new UserError('a dataflow file contains only a Dataflow block, not a Network', tokLoc(f, f.networkToken, 'Network'));
  }
  if (!f.dataflow) throw new UserError("expected a 'Dataflow' block (this is not a dataflow file)", tokLoc(f, f.eofToken));
  const df: Dataflow = { name: name ?? baseName(file), directives: f.dataflow.directives };
  setLocation(df, locationOf(f.dataflow) ?? { file });
  return df;
}

/** `dir/kcp_ws.m` -> `kcp_ws`. */
function baseName(file: string): string {
  const b = file.split(/[\\/]/).pop() ?? file;
  const dot = b.indexOf('.');
  return dot > 0 ? b.slice(0, dot) : b;
}

function cloneDataflow(df: Dataflow): Dataflow {
  const out: Dataflow = { ...df, directives: df.directives.map((d) => cloneDirective(d)) };
  shareLocation(df, out);
  return out;
}

function cloneDirective(d: Directive): Directive {
  const c = { ...d } as Directive;
  shareLocation(d, c);
  return c;
}

function resolveSize(e: SizeExpr, layer: Layer, dir: Directive): number {
  if (typeof e === 'number') return e;
  const v = layer.dims[e.sz];
  if (v === undefined) {
    throw new UserError(`Sz(${e.sz}): dimension ${e.sz} is not declared in the Dimensions of layer ${layer.name}`, locationOf(dir) ?? {});
  }
  return v;
}

/** resolveDataflow on `df` itself (a dataflow nobody else holds: parseMapping's own). */
function resolveSizesInPlace(df: Dataflow, layer: Layer): void {
  for (const d of df.directives) {
    d.size = resolveSize(d.size, layer, d);
    if (d.kind !== 'Cluster') d.offset = resolveSize(d.offset, layer, d);
  }
}

/**
 * Replace every `Sz(D)` in `df` by the size of D in `layer` (MAESTRO's reading of Sz).
 * Throws UserError (at the directive) if D is not declared in the layer's Dimensions.
 */
export function resolveDataflow(df: Dataflow, layer: Layer): Dataflow {
  const directives = df.directives.map((d) => {
    const c =
      d.kind === 'Cluster'
        ? { ...d, size: resolveSize(d.size, layer, d) }
        : { ...d, size: resolveSize(d.size, layer, d), offset: resolveSize(d.offset, layer, d) };
    shareLocation(d, c);
    return c;
  });
  const out: Dataflow = { ...df, directives };
  shareLocation(df, out);
  return out;
}

/** Options for `applyDataflow`. */
export interface ApplyDataflowOptions {
  /** Dataflow for DSCONV layers (the paper uses `dpt`); default: the main dataflow. */
  dsconv?: Dataflow;
  /** Dataflow for GEMM layers; default: the main dataflow. */
  gemm?: Dataflow;
}

/** Is `d` a Dataflow object (its `directives` an array)? For argument checks at the API boundary. */
export function isDataflow(d: unknown): d is Dataflow {
  return d !== null && typeof d === 'object' && Array.isArray((d as Dataflow).directives);
}

/**
 * Map every layer of a model with a dataflow, as MAESTRO's `modelfile_to_mapping.py` does
 * (DSCONV layers may get their own dataflow). `Sz(D)` stays symbolic.
 */
export function applyDataflow(net: Network, df: Dataflow, opts: ApplyDataflowOptions = {}): MappedNetwork {
  if (net === null || typeof net !== 'object' || !Array.isArray(net.layers))
    throw new TypeError(`applyDataflow: net must be a Network { name, layers: [...] } (parseModel), got ${net === null ? 'null' : typeof net}`);
  if (!isDataflow(df))
    throw new TypeError(
      `applyDataflow: df must be a Dataflow (builtinDataflow('kcp_ws'), parseDataflow(text, file)), got ${typeof df === 'string' ? `the string ${JSON.stringify(df)}` : df === null ? 'null' : typeof df}`,
    );
  for (const k of ['dsconv', 'gemm'] as const)
    if (opts?.[k] !== undefined && !isDataflow(opts[k])) throw new TypeError(`applyDataflow: opts.${k} must be a Dataflow, got ${typeof opts[k]}`);
  const layers = net.layers.map((l) => {
    const chosen = l.type === 'DSCONV' && opts.dsconv ? opts.dsconv : l.type === 'GEMM' && opts.gemm ? opts.gemm : df;
    const ml: MappedLayer = { name: l.name, type: l.type, strideX: l.strideX, strideY: l.strideY, dims: l.dims, dataflow: chosen };
    shareLocation(l, ml);
    return ml;
  });
  return { name: net.name, layers };
}

/** Dimensions a directive may name for this layer: declared ones, plus Y/Y' and X/X' derived from each other. */
export function layerDimSet(layer: Layer): Set<DimName> {
  const s = new Set(Object.keys(layer.dims) as DimName[]);
  if (layer.type !== 'GEMM') {
    if (s.has('Y') || s.has("Y'")) {
      s.add('Y');
      s.add("Y'");
    }
    if (s.has('X') || s.has("X'")) {
      s.add('X');
      s.add("X'");
    }
  }
  return s;
}

/**
 * MAESTRO's mapping rules for one mapped layer. Returns the first violation as a UserError
 * pointing at the offending directive, or undefined:
 * - `Sz(D)` needs D declared in the layer's Dimensions;
 * - every mapped dimension must be a dimension of the layer ("Dimension N not found");
 * - `TemporalMap` on R or S must have size == offset == the size of R/S.
 * MAESTRO aborts the whole run on these; codesign reports them per layer.
 */
export function checkMappedLayer(layer: MappedLayer): UserError | undefined {
  const dims = layerDimSet(layer);
  const where = (d: object): SourceLocation => locationOf(d) ?? locationOf(layer) ?? {};
  for (const d of layer.dataflow.directives) {
    let size: number;
    try {
      size = resolveSize(d.size, layer, d);
      if (d.kind === 'Cluster') continue;
      const offset = resolveSize(d.offset, layer, d);
      if (!dims.has(d.dim)) {
        return new UserError(`dimension ${d.dim} not found (the layer has ${[...dims].join(', ')})`, where(d));
      }
      if (d.kind === 'TemporalMap' && (d.dim === 'R' || d.dim === 'S')) {
        const full = layer.dims[d.dim];
        if (size !== offset) {
          return new UserError(`TemporalMap on ${d.dim} must have size == offset (got ${size}, ${offset})`, where(d));
        }
        if (full !== undefined && size !== full) {
          return new UserError(`TemporalMap size of ${d.dim} (${size}) must equal the dimension size of ${d.dim} (${full})`, where(d));
        }
      }
    } catch (e) {
      if (e instanceof UserError) return e;
      throw e;
    }
  }
  return undefined;
}
