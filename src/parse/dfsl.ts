/**
 * Parser for MAESTRO's dataflow specification language (DFSL): the syntax shared by mapping
 * files (`Network { Layer { Type, Stride, Dimensions, Dataflow } }`), model files (the same
 * without `Dataflow`) and dataflow files (a single top-level `Dataflow { ... }`), plus
 * `Constant NAME value;` definitions. See FORMATS.md for the grammar.
 *
 * This module only builds the syntax tree-like result (`MaestroFile`); mapping.ts turns it into
 * the domain types with MAESTRO's semantics (Sz resolution, dataflow inheritance).
 */
import type { Dataflow, DimName, Directive, Layer, LayerDims, LayerType, Network, SizeExpr } from '../model/types.js';
import { Lexer, type Token } from './lexer.js';
import { TokenStream } from './token-stream.js';
import { DIM_NAMES, LAYER_DIM_RULES, LAYER_TYPES, LEVEL_DIRECTIVES_MESSAGE, MAX_DIRECTIVES, MAX_LEVEL_DIRECTIVES, UNSUPPORTED_LAYER_TYPES } from './limits.js';
import { adoptLocation } from './locations.js';
import { echoInput } from '../errors.js';

/** A layer as written: its own `Dataflow` block, if it has one. */
export interface ParsedLayer extends Layer {
  /** The layer's own `Dataflow` block; undefined when it has none. */
  dataflow?: Dataflow;
}

/** Everything one DFSL file defines. */
export interface MaestroFile {
  /** The file name given to the parser (for messages). */
  file: string;
  /** `Constant NAME value;` definitions, in order. */
  constants: Map<string, number>;
  /** The `Network` block, if any. */
  network?: Network<ParsedLayer>;
  /** Where the `Network` keyword is (for errors). */
  networkToken?: Token;
  /** A top-level `Dataflow` block (dataflow files), if any. */
  dataflow?: Dataflow;
  /** Where the top-level `Dataflow` keyword is (for errors); undefined without one. */
  dataflowToken?: Token;
  /** The end-of-file token (for "missing X" errors). */
  eofToken: Token;
}

const DIM_SET = new Set<string>(DIM_NAMES);
const TYPE_SET = new Set<string>(LAYER_TYPES);

/** Parse the text of a DFSL file. Throws UserError (file:line:col) on any syntax problem. */
export function parseMaestroText(text: string, file: string): MaestroFile {
  const ts = new TokenStream(new Lexer(text, file));
  const out: MaestroFile = { file, constants: new Map(), eofToken: ts.peek() };
  while (!ts.atEnd()) {
    const t = ts.peek();
    if (ts.isWord('Constant')) {
      ts.next();
      parseConstant(ts, out.constants);
    } else if (ts.isWord('Network')) {
      if (out.network) throw ts.error(t, 'a file may contain only one Network block', 'Network');
      ts.next();
      out.networkToken = t;
      out.network = parseNetwork(ts, out.constants, t);
    } else if (ts.isWord('Dataflow')) {
      if (out.dataflow) throw ts.error(t, 'a file may contain only one top-level Dataflow block', 'Dataflow');
      ts.next();
      out.dataflowToken = t;
      out.dataflow = parseDataflowBlock(ts, out.constants, t);
    } else if (ts.isWord('Accelerator')) {
      throw ts.error(t, 'Accelerator blocks are not supported: give the hardware in a separate hardware file (--HW_file)');
    } else {
      throw ts.unexpected("'Constant', 'Network' or 'Dataflow'");
    }
    ts.optionalPunct(';');
  }
  out.eofToken = ts.peek();
  return out;
}

function parseConstant(ts: TokenStream, constants: Map<string, number>): void {
  const nameTok = ts.expectWord('a constant name', 'Constant');
  const name = nameTok.text;
  if (name === 'Sz' || name.endsWith("'")) {
    throw ts.error(nameTok, `'${echoInput(name)}' cannot be used as a constant name`, 'Constant');
  }
  if (constants.has(name)) throw ts.error(nameTok, `constant '${echoInput(name)}' is already defined`, `Constant ${echoInput(name)}`);
  const value = ts.expectInt(`Constant ${name}`);
  ts.optionalPunct(';');
  constants.set(name, value);
}

/**
 * A network or layer name: adjacent word/number/'-' tokens (so `Conv2d-1` and
 * `torchvision.models.mnasnet` are single names). Returns '' when the name is omitted.
 */
function parseName(ts: TokenStream, what: string): string {
  let name = '';
  let prevEnd = -1;
  for (;;) {
    const t = ts.peek();
    const namePart = t.kind === 'word' || t.kind === 'number' || (t.kind === 'punct' && t.text === '-');
    if (!namePart) break;
    if (prevEnd >= 0 && t.start !== prevEnd) {
      throw ts.error(t, `expected '{' after ${what} name '${echoInput(name)}', got '${echoInput(t.text)}' (names cannot contain spaces)`);
    }
    name += t.text;
    prevEnd = t.end;
    ts.next();
  }
  return name;
}

function parseNetwork(ts: TokenStream, constants: Map<string, number>, kw: Token): Network<ParsedLayer> {
  const name = parseName(ts, 'network');
  ts.expectPunct('{', 'Network');
  const net: Network<ParsedLayer> = { name, layers: [] };
  adoptLocation(net, ts.loc(kw, 'Network'));
  for (;;) {
    if (ts.isPunct('}')) {
      ts.next();
      break;
    }
    if (ts.isWord('Layer')) {
      const lt = ts.next();
      net.layers.push(parseLayer(ts, constants, lt));
      ts.optionalPunct(';');
      continue;
    }
    throw ts.unexpected(ts.atEnd() ? "'}' to close Network (file is truncated)" : "'Layer' or '}'", 'Network');
  }
  if (net.layers.length === 0) throw ts.error(kw, 'network has no layers', 'Network');
  return net;
}

function parseLayer(ts: TokenStream, constants: Map<string, number>, kw: Token): ParsedLayer {
  const rawName = parseName(ts, 'layer');
  const name = rawName === '' ? 'Layer' : rawName;
  const field = `Layer ${name}`;
  ts.expectPunct('{', field);
  let type: LayerType | undefined;
  let stride: { X?: number; Y?: number } | undefined;
  let dims: LayerDims | undefined;
  let dimsTok: Token | undefined;
  let dataflow: Dataflow | undefined;
  const seen = new Set<string>();
  for (;;) {
    const t = ts.peek();
    if (ts.isPunct('}')) {
      ts.next();
      break;
    }
    if (t.kind !== 'word' || !['Type', 'Stride', 'Dimensions', 'Dataflow'].includes(t.text)) {
      throw ts.unexpected(
        ts.atEnd() ? `'}' to close layer ${name} (file is truncated)` : "'Type', 'Stride', 'Dimensions', 'Dataflow' or '}'",
        field,
      );
    }
    if (seen.has(t.text)) throw ts.error(t, `duplicate ${t.text} in layer ${name}`, `${field}.${t.text}`);
    seen.add(t.text);
    ts.next();
    if (t.text === 'Type') type = parseType(ts, `${field}.Type`);
    else if (t.text === 'Stride') stride = parseStride(ts, `${field}.Stride`);
    else if (t.text === 'Dimensions') {
      dimsTok = t;
      dims = parseDims(ts, constants, `${field}.Dimensions`);
    } else dataflow = parseDataflowBlock(ts, constants, t, field);
    ts.optionalPunct(';'); // `Type: CONV;` (MAESTRO reads ';' as a blank)
  }
  if (type === undefined) throw ts.error(kw, 'no Type', field);
  if (dims === undefined || dimsTok === undefined) throw ts.error(kw, 'no Dimensions', field);
  checkDims(ts, type, dims, dimsTok, `${field}.Dimensions`);
  const layer: ParsedLayer = { name, type, strideX: stride?.X ?? 1, strideY: stride?.Y ?? 1, dims };
  if (dataflow) layer.dataflow = dataflow;
  adoptLocation(layer, ts.loc(kw, field));
  return layer;
}

function parseType(ts: TokenStream, field: string): LayerType {
  ts.optionalPunct(':');
  const t = ts.expectWord('a layer type (CONV, DSCONV, GEMM, NGCONV, TRCONV)', field);
  if (TYPE_SET.has(t.text)) return t.text as LayerType;
  if (UNSUPPORTED_LAYER_TYPES.includes(t.text)) {
    throw ts.error(t, `layer type ${t.text} is not supported (MAESTRO does not analyse it); expected CONV, DSCONV, GEMM, NGCONV or TRCONV`, field);
  }
  throw ts.error(t, `unknown layer type '${echoInput(t.text)}' (expected CONV, DSCONV, GEMM, NGCONV or TRCONV)`, field);
}

function parseStride(ts: TokenStream, field: string): { X?: number; Y?: number } {
  ts.expectPunct('{', field);
  const out: { X?: number; Y?: number } = {};
  for (;;) {
    if (ts.optionalPunct('}')) return out;
    const t = ts.peek();
    if (t.kind !== 'word' || (t.text !== 'X' && t.text !== 'Y')) {
      throw ts.unexpected(ts.atEnd() ? "'}' to close Stride (file is truncated)" : "'X', 'Y' or '}'", field);
    }
    ts.next();
    const key = t.text as 'X' | 'Y';
    if (out[key] !== undefined) throw ts.error(t, `duplicate stride ${key}`, `${field}.${key}`);
    ts.optionalPunct(':');
    out[key] = ts.expectInt(`${field}.${key}`);
    entrySeparator(ts);
  }
}

/** The optional ',' or ';' after a Stride or Dimensions entry (`K: 64, C: 3` or `K: 64; C: 3`). */
function entrySeparator(ts: TokenStream): void {
  if (!ts.optionalPunct(',')) ts.optionalPunct(';');
}

/** A value that must be a positive integer: a literal or a defined constant. */
function parseValue(ts: TokenStream, constants: Map<string, number>, field: string): number {
  const t = ts.peek();
  if (t.kind === 'word') {
    const v = constants.get(t.text);
    if (v === undefined) throw ts.error(t, `'${echoInput(t.text)}' is not a number or a defined constant`, field);
    ts.next();
    return v;
  }
  return ts.expectInt(field);
}

function parseDimName(ts: TokenStream, field: string): DimName {
  const t = ts.peek();
  if (t.kind === 'word' && DIM_SET.has(t.text)) {
    ts.next();
    return t.text as DimName;
  }
  if (t.kind === 'word') {
    throw ts.error(t, `unknown dimension '${echoInput(t.text)}' (expected one of ${DIM_NAMES.join(', ')})`, field);
  }
  throw ts.unexpected(`a dimension name (${DIM_NAMES.join(', ')})`, field);
}

function parseDims(ts: TokenStream, constants: Map<string, number>, field: string): LayerDims {
  ts.expectPunct('{', field);
  const dims: LayerDims = {};
  for (;;) {
    if (ts.optionalPunct('}')) return dims;
    if (ts.atEnd()) throw ts.unexpected("'}' to close Dimensions (file is truncated)", field);
    const t = ts.peek();
    const d = parseDimName(ts, field);
    ts.optionalPunct(':');
    const v = parseValue(ts, constants, `${field}.${d}`);
    // A repeat is tolerated only as `D: 1` twice (MAESTRO's own UNet_RS.m has `N: 1, N: 1`);
    // MAESTRO would count a repeated dimension twice, so any other repeat is ambiguous.
    if (dims[d] !== undefined && !(dims[d] === 1 && v === 1)) {
      throw ts.error(t, `duplicate dimension ${d}`, `${field}.${d}`);
    }
    dims[d] = v;
    entrySeparator(ts);
  }
}

function checkDims(ts: TokenStream, type: LayerType, dims: LayerDims, at: Token, field: string): void {
  const rule = LAYER_DIM_RULES[type];
  for (const d of Object.keys(dims) as DimName[]) {
    if (!rule.allowed.includes(d)) {
      throw ts.error(at, `dimension ${d} is not allowed in a ${type} layer (allowed: ${rule.allowed.join(', ')})`, field);
    }
  }
  for (const req of rule.required) {
    const alts = req.split('|') as DimName[];
    const present = alts.filter((a) => dims[a] !== undefined);
    if (present.length === 0) {
      throw ts.error(at, `missing dimension ${alts.join(' or ')} for a ${type} layer`, field);
    }
    if (present.length > 1) {
      throw ts.error(at, `both ${alts.join(' and ')} given: declare the input size or the output size, not both`, field);
    }
  }
}

function parseSize(ts: TokenStream, constants: Map<string, number>, field: string): SizeExpr {
  if (ts.isWord('Sz') && ts.isPunct('(', 1)) {
    ts.next();
    ts.next();
    const d = parseDimName(ts, field);
    ts.expectPunct(')', field);
    return { sz: d };
  }
  return parseValue(ts, constants, field);
}

function parseDataflowBlock(ts: TokenStream, constants: Map<string, number>, kw: Token, owner?: string): Dataflow {
  const field = owner ? `${owner}.Dataflow` : 'Dataflow';
  ts.expectPunct('{', field);
  const directives: Directive[] = [];
  // Field names of the block's directives, made once per kind (every directive's location keeps one).
  const fields: Record<string, string> = {};
  const fieldOf = (kind: string): string => (fields[kind] ??= `${field}.${kind}`);
  let levelCount = 0; // directives of the current cluster level
  for (;;) {
    if (ts.optionalPunct('}')) break;
    const t = ts.peek();
    if (directives.length === MAX_DIRECTIVES && !ts.isPunct('}')) {
      throw ts.error(t, `too many directives: a dataflow may have at most ${MAX_DIRECTIVES} (the cost model's limit)`, field);
    }
    if (t.kind === 'word' && (t.text === 'SpatialMap' || t.text === 'TemporalMap')) {
      ts.next();
      const f = fieldOf(t.text);
      ts.expectPunct('(', f);
      const size = parseSize(ts, constants, f);
      ts.optionalPunct(',');
      const offset = parseSize(ts, constants, f);
      ts.expectPunct(')', f);
      const dim = parseDimName(ts, f);
      const dir: Directive = { kind: t.text, size, offset, dim };
      if (++levelCount > MAX_LEVEL_DIRECTIVES) throw ts.error(t, LEVEL_DIRECTIVES_MESSAGE, f);
      adoptLocation(dir, ts.loc(t, f));
      directives.push(dir);
    } else if (ts.isWord('Cluster')) {
      ts.next();
      const f = fieldOf('Cluster');
      ts.expectPunct('(', f);
      const size = parseSize(ts, constants, f);
      ts.optionalPunct(',');
      const ct = ts.peek();
      if (ct.kind !== 'word' || (ct.text !== 'P' && ct.text !== 'L')) throw ts.unexpected("cluster type 'P' or 'L'", f);
      ts.next();
      ts.expectPunct(')', f);
      const dir: Directive = { kind: 'Cluster', size, clusterType: ct.text as 'P' | 'L' };
      levelCount = 0;
      adoptLocation(dir, ts.loc(t, f));
      directives.push(dir);
    } else {
      throw ts.unexpected(
        ts.atEnd() ? "'}' to close Dataflow (file is truncated)" : "'SpatialMap', 'TemporalMap', 'Cluster' or '}'",
        field,
      );
    }
    ts.optionalPunct(';');
  }
  if (directives.length === 0) throw ts.error(kw, 'Dataflow block is empty', field);
  const df: Dataflow = { directives };
  adoptLocation(df, ts.loc(kw, field));
  return df;
}
