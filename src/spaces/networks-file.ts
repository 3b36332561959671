/**
 * Architecture sets from files: `--space FILE`.
 *
 * - A MAESTRO mapping file (`Network { Layer { ... Dataflow { ... } } }`) or model file (no
 *   Dataflow blocks): ONE architecture, its layers (dataflows in the file are ignored: the
 *   dataflow comes from `--dataflow`).
 * - A JSON network list (`.json`), one of:
 *   - `[{ "name": "net", "layers": [LAYER, ...] }, ...]`
 *   - `{ "networks": [ { "name", "layers" }, ... ] }`
 *   - `{ "networks": { "net": [LAYER, ...], ... } }` (the shared oracle's spec-networks.json)
 *   - `{ "name": "net", "layers": [LAYER, ...] }` (one network)
 *   with LAYER = `{ "name"?: string, "type": "CONV"|"DSCONV"|"GEMM"|..., "stride"?: [sx, sy]
 *   (or "strideX"/"strideY"; default 1), "dims": { "K": 64, "C": 3, ... } }`.
 *   Optional per-network numbers `accuracy`, `flops`, `params` become output columns.
 *   Layers are checked like the other JSON inputs: dimensions allowed / required for the layer
 *   type (LAYER_DIM_RULES), integers 1..2^31-1, no duplicate keys, no unknown layer keys (`net`
 *   and `comment` are allowed: the oracle's spec file has `net`). Errors name file:line:column
 *   and the JSON path.
 */
import path from 'node:path';
import { UserError } from '../errors.js';
import type { DimName, Layer, LayerType } from '../model/types.js';
import { DIM_NAMES, LAYER_DIM_RULES, LAYER_TYPES, MAX_INT, parseJsonLocated, parseMapping, parseModel, readInputFile, type Json } from '../parse/index.js';
import type { ArchitectureSpace, SpaceColumn } from './space.js';

const EXTRA_COLUMNS = ['accuracy', 'flops', 'params'] as const;

/** A named network with optional figures. */
export interface NamedNetwork {
  name: string;
  layers: Layer[];
  figures?: Partial<Record<(typeof EXTRA_COLUMNS)[number], number>>;
}

/** Build a space from named networks (ids = list positions, labels = names). */
export function spaceFromNetworks(name: string, nets: readonly NamedNetwork[]): ArchitectureSpace {
  const columns: SpaceColumn[] = [];
  for (const c of EXTRA_COLUMNS) {
    if (nets.length > 0 && nets.every((n) => typeof n.figures?.[c] === 'number')) {
      columns.push({ name: c, description: `${c} (from ${name})`, values: nets.map((n) => n.figures![c]!) });
    }
  }
  return {
    name,
    size: nets.length,
    label: (id) => nets[id].name,
    layers: (id) => nets[id].layers.map((l) => ({ ...l, dims: { ...l.dims } })),
    columns,
  };
}

/** Read `--space FILE`: MAESTRO mapping/model file or JSON network list. */
export function readNetworksFile(file: string): ArchitectureSpace {
  let text: string;
  try {
    text = readInputFile(file);
  } catch (e) {
    if (e instanceof UserError) throw new UserError(e.reason, { ...e.location, field: e.location.field ?? '--space' });
    throw e;
  }
  if (file.toLowerCase().endsWith('.json') || /^\uFEFF?\s*[[{]/.test(text)) return spaceFromNetworks(file, parseNetworksJson(text, file));
  // MAESTRO text: a mapping file if any layer has a Dataflow block (outside comments), else a model file.
  const net = /\bDataflow\s*\{/.test(text.replace(/\/\/[^\n]*/g, '')) ? parseMapping(text, file) : parseModel(text, file);
  const layers: Layer[] = net.layers.map((l) => ({ name: l.name, type: l.type, strideX: l.strideX, strideY: l.strideY, dims: { ...l.dims } }));
  if (layers.length === 0) throw new UserError('the network has no layers', { file });
  return spaceFromNetworks(file, [{ name: net.name || path.basename(file), layers }]);
}

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys a layer object may have. */
const LAYER_KEYS = ['name', 'type', 'stride', 'strideX', 'strideY', 'dims', 'net', 'comment'];

/** Parse a JSON network list (formats in the module comment). */
export function parseNetworksJson(text: string, file: string): NamedNetwork[] {
  const doc = parseJsonLocated(text, file); // line/column errors, duplicate keys, depth limit
  const fail = (p: ReadonlyArray<string | number>, reason: string): never => {
    throw new UserError(reason, { ...doc.at(p), field: pathText(p) || undefined });
  };
  const v = doc.value;
  let list: { name: string; body: Json; where: Array<string | number> }[];
  if (Array.isArray(v)) {
    list = v.map((n, i) => ({ name: isObj(n) && typeof n.name === 'string' ? n.name : `net${i}`, body: n, where: [i] }));
  } else if (isObj(v) && Array.isArray(v.networks)) {
    list = v.networks.map((n, i) => ({ name: isObj(n) && typeof n.name === 'string' ? n.name : `net${i}`, body: n, where: ['networks', i] }));
  } else if (isObj(v) && isObj(v.networks)) {
    list = Object.entries(v.networks).map(([name, layers]) => ({ name, body: { name, layers }, where: ['networks', name] }));
  } else if (isObj(v) && Array.isArray(v.layers)) {
    list = [{ name: typeof v.name === 'string' ? v.name : path.basename(file), body: v, where: [] }];
  } else {
    return fail(['networks'], 'expected a list of networks, {"networks": ...} or {"name", "layers"}');
  }
  if (list.length === 0) fail(['networks'], 'no networks');
  return list.map(({ name, body, where }) => {
    // {"networks": {"net": [...]}}: the layers array sits at networks.net itself.
    const layersPath = isObj(v) && isObj(v.networks) ? where : [...where, 'layers'];
    if (!isObj(body) || !Array.isArray(body.layers)) return fail(where.length ? where : ['layers'], 'expected an object with a "layers" array');
    const layers = body.layers.map((l, i) => parseLayerJson(l, [...layersPath, i], fail));
    if (layers.length === 0) fail(layersPath, 'the network has no layers');
    const figures: NamedNetwork['figures'] = {};
    for (const c of EXTRA_COLUMNS) {
      const x = body[c];
      if (x === undefined) continue;
      if (typeof x !== 'number' || !Number.isFinite(x)) fail([...where, c], 'expected a number');
      figures[c] = x as number;
    }
    return { name, layers, figures };
  });
}

/** `[0].layers[1].dims.K` / `networks.net[0]`. */
function pathText(p: ReadonlyArray<string | number>): string {
  let s = '';
  for (const x of p) s += typeof x === 'number' ? `[${x}]` : s === '' ? x : `.${x}`;
  return s;
}

type Fail = (p: ReadonlyArray<string | number>, reason: string) => never;

function parseLayerJson(l: Json, where: Array<string | number>, fail: Fail): Layer {
  if (!isObj(l)) return fail(where, 'expected a layer object');
  for (const k of Object.keys(l)) {
    if (!LAYER_KEYS.includes(k)) fail([...where, k], `unknown layer key "${k}" (expected ${LAYER_KEYS.join(', ')})`);
  }
  const type = l.type;
  if (typeof type !== 'string' || !(LAYER_TYPES as readonly string[]).includes(type)) {
    fail([...where, 'type'], `expected one of ${LAYER_TYPES.join(', ')}`);
  }
  const posInt = (v: Json | undefined, p: Array<string | number>): number => {
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(p, `expected a positive integer, got ${JSON.stringify(v) ?? String(v)}`);
    if ((v as number) > MAX_INT) fail(p, `expected a positive integer, value ${v} is too large (limit ${MAX_INT})`);
    if ((v as number) < 1) fail(p, `expected a positive integer, value ${v} is not allowed (expected an integer >= 1)`);
    return v as number;
  };
  let sx = 1;
  let sy = 1;
  if (l.stride !== undefined && l.stride !== null) {
    if (!Array.isArray(l.stride) || l.stride.length !== 2) fail([...where, 'stride'], 'expected [strideX, strideY]');
    sx = posInt((l.stride as Json[])[0], [...where, 'stride', 0]);
    sy = posInt((l.stride as Json[])[1], [...where, 'stride', 1]);
  }
  if (l.strideX !== undefined) sx = posInt(l.strideX, [...where, 'strideX']);
  if (l.strideY !== undefined) sy = posInt(l.strideY, [...where, 'strideY']);
  if (!isObj(l.dims)) return fail([...where, 'dims'], 'expected an object of dimensions');
  const rule = LAYER_DIM_RULES[type as LayerType];
  const dims: Layer['dims'] = {};
  for (const [k, v] of Object.entries(l.dims)) {
    if (!(DIM_NAMES as readonly string[]).includes(k)) fail([...where, 'dims', k], `unknown dimension (expected ${DIM_NAMES.join(' ')})`);
    if (!(rule.allowed as readonly string[]).includes(k)) fail([...where, 'dims', k], `a ${type} layer has no dimension ${k} (allowed: ${rule.allowed.join(' ')})`);
    dims[k as DimName] = posInt(v, [...where, 'dims', k]);
  }
  for (const req of rule.required) {
    const alts = req.split('|') as DimName[];
    const present = alts.filter((a) => dims[a] !== undefined);
    if (present.length === 0) fail([...where, 'dims'], `missing dimension ${alts.join(' or ')} for a ${type} layer`);
    if (present.length > 1) fail([...where, 'dims'], `both ${alts.join(' and ')} given: declare the input size or the output size, not both`);
  }
  if (l.name !== undefined && typeof l.name !== 'string') fail([...where, 'name'], 'expected a string');
  const name = typeof l.name === 'string' ? l.name : pathText(where);
  return { name, type: type as LayerType, strideX: sx, strideY: sy, dims };
}
