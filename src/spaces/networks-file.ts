/**
 * JSON network lists (`--space FILE.json`, read by `readNetworksFile`, src/spaces/space-file.ts):
 *
 * - `[{ "name": "net", "layers": [LAYER, ...] }, ...]`
 * - `{ "networks": [ { "name", "layers" }, ... ] }`
 * - `{ "networks": { "net": [LAYER, ...], ... } }` (the shared oracle's spec-networks.json)
 * - `{ "name": "net", "layers": [LAYER, ...] }` (one network)
 *
 * with LAYER = `{ "name"?: string, "type": "CONV"|"DSCONV"|"GEMM"|"NGCONV"|"TRCONV", "stride"?:
 * [sx, sy] (or "strideX"/"strideY"; default 1), "dims": { "K": 64, "C": 3, ... } }`.
 * Optional per-network numbers `accuracy`, `flops`, `params` become output columns (each given
 * for every network or for none). A network's keys are `name`, `layers`, those and `comment`; its
 * name is a string, unique, and not another network's position (ids are positions); a
 * `{"networks": {...}}` object keeps the file's order (also for names like "10" and "2").
 * Layers are checked like the other JSON inputs: dimensions allowed / required for the layer
 * type (LAYER_DIM_RULES), integers 1..2^31-1, no duplicate keys, no unknown layer keys (`net`
 * and `comment` are allowed: the oracle's spec file has `net`). Errors name file:line:column
 * and the JSON path. {@link layerFromJson} is also the layer check of the architectures format
 * (src/spaces/architectures-file.ts).
 */
import path from 'node:path';
import { UserError } from '../errors.js';
import type { DimName, Layer, LayerType } from '../model/types.js';
import { DIM_NAMES, LAYER_DIM_RULES, LAYER_TYPES, MAX_INT, parseJsonLocated, type Json, type LocatedJson } from '../parse/index.js';
import { spaceId, type ArchitectureSpace, type SpaceColumn } from './space.js';

const EXTRA_COLUMNS = ['accuracy', 'flops', 'params'] as const;

/** A figure a network of a JSON network list may carry (a space column when every network has it). */
export type NetworkFigure = (typeof EXTRA_COLUMNS)[number];

/** A named network with optional figures. */
export interface NamedNetwork {
  /** Network name (the architecture's label). */
  name: string;
  /** Its layers, in order. */
  layers: Layer[];
  /** `accuracy`, `flops`, `params` where given; a space column only when every network has it. */
  figures?: Partial<Record<NetworkFigure, number>>;
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
    label: (id) => nets[spaceId(name, nets.length, id)]!.name,
    layers: (id) => nets[spaceId(name, nets.length, id)]!.layers.map((l) => ({ ...l, dims: { ...l.dims } })),
    columns,
  };
}

type Obj = { [k: string]: Json };
/** True for a JSON object (not an array, not null). */
export const isJsonObject = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isObj = isJsonObject;

/** Keys a network object may have (`comment` as for layers). */
const NETWORK_KEYS = ['name', 'layers', ...EXTRA_COLUMNS, 'comment'];

/** Keys a layer object may have. */
const LAYER_KEYS = ['name', 'type', 'stride', 'strideX', 'strideY', 'dims', 'net', 'comment'];

/** Parse a JSON network list (formats in the module comment). */
export function parseNetworksJson(text: string, file: string): NamedNetwork[] {
  return networksFromDoc(parseJsonLocated(text, file), file); // line/column errors, duplicate keys, depth limit
}

/** A located error at JSON path `p` of `doc` (the path is the field). */
export function jsonFailer(doc: LocatedJson): JsonFail {
  return (p, reason) => {
    throw new UserError(reason, { ...doc.at(p), field: jsonPath(p) || undefined });
  };
}

/** The networks of an already parsed JSON network list (formats in the module comment). */
export function networksFromDoc(doc: LocatedJson, file: string): NamedNetwork[] {
  const fail = jsonFailer(doc);
  const v = doc.value;
  let list: { name: string; body: Json; where: Array<string | number> }[];
  // (a network object's name: a string, or none: then `net<position>`)
  const nameOf = (n: Json, i: number, where: Array<string | number>): string => {
    if (!isObj(n) || n.name === undefined) return `net${i}`;
    if (typeof n.name !== 'string') return fail([...where, 'name'], `expected a string, got ${JSON.stringify(n.name)}`);
    return n.name;
  };
  if (Array.isArray(v)) {
    list = v.map((n, i) => ({ name: nameOf(n, i, [i]), body: n, where: [i] }));
  } else if (isObj(v) && Array.isArray(v.networks)) {
    list = v.networks.map((n, i) => ({ name: nameOf(n, i, ['networks', i]), body: n, where: ['networks', i] }));
  } else if (isObj(v) && isObj(v.networks)) {
    // (in the file's order: ids are positions, and Object.entries puts names like "10", "2" first)
    const nets = v.networks;
    list = doc.keysInFileOrder(nets).map((name) => ({ name, body: { name, layers: nets[name]! }, where: ['networks', name] }));
  } else if (isObj(v) && Array.isArray(v.layers)) {
    list = [{ name: typeof v.name === 'string' ? v.name : path.basename(file), body: v, where: [] }];
  } else {
    return fail(['networks'], 'expected a list of networks, {"networks": ...} or {"name", "layers"}');
  }
  if (list.length === 0) fail(['networks'], 'no networks');
  // A name is its network's id in every output and in --ids: one network a name, and not empty.
  const named = isObj(v) && isObj(v.networks); // ({"networks": {"name": ...}}: the key is the name)
  const seen = new Set<string>();
  list.forEach(({ name, where }, i) => {
    const at = named ? where : [...where, 'name'];
    if (name.trim() === '') fail(at, 'empty network name (a name is its id in the results and in --ids)');
    if (name.trim() !== name) fail(at, `network name '${name}' starts or ends with blanks (--ids reads names without them)`);
    if (seen.has(name))
      fail(
        at,
        named || (isObj(list[i]!.body) && (list[i]!.body as Obj).name !== undefined)
          ? `network name '${name}' used twice (a name is its id in the results and in --ids)`
          : `this network has no name, and its default name '${name}' is another network's: name it`,
      );
    // A number as a name must not be another network's id: ids are positions (--ids, a --quality CSV).
    if (/^\d+$/.test(name) && Number(name) !== i && Number(name) < list.length)
      fail(at, `network name '${name}' is the id of another network (ids are positions: --ids, --quality CSV); use a name that is not a number, or the network's position (${i})`);
    // (--ids reads a name before a range: `0-1` would select that network, not networks 0 and 1)
    if (/^\d+-\d+$/.test(name)) fail(at, `network name '${name}' reads as a range of ids in --ids; use a name that is not A-B`);
    if (name === 'all' || name === 'paper') fail(at, `network name '${name}' is a keyword of --ids; use another name`);
    seen.add(name);
  });
  const nets = list.map(({ name, body, where }): NamedNetwork => {
    // {"networks": {"net": [...]}}: the layers array sits at networks.net itself.
    const layersPath = isObj(v) && isObj(v.networks) ? where : [...where, 'layers'];
    if (!isObj(body) || !Array.isArray(body.layers)) return fail(where.length ? where : ['layers'], 'expected an object with a "layers" array');
    if (!named) for (const k of Object.keys(body)) if (!NETWORK_KEYS.includes(k)) fail([...where, k], `unknown network key "${k}" (expected ${NETWORK_KEYS.join(', ')})`);
    const layers = body.layers.map((l, i) => layerFromJson(l, [...layersPath, i], fail));
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
  // A figure of some networks only would be no column at all (spaceFromNetworks): say so.
  for (const c of EXTRA_COLUMNS) {
    const missing = nets.findIndex((n) => n.figures![c] === undefined);
    if (missing >= 0 && nets.some((n) => n.figures![c] !== undefined))
      fail(list[missing]!.where, `"${c}" given for ${nets.filter((n) => n.figures![c] !== undefined).length} of ${nets.length} networks; missing here`);
  }
  return nets;
}

/** `[0].layers[1].dims.K` / `networks.net[0]`. */
export function jsonPath(p: ReadonlyArray<string | number>): string {
  let s = '';
  for (const x of p) s += typeof x === 'number' ? `[${x}]` : s === '' ? x : `.${x}`;
  return s;
}

/** Throws a located UserError for JSON path `p`. */
export type JsonFail = (p: ReadonlyArray<string | number>, reason: string) => never;

/**
 * Check and convert one JSON layer at path `where` (LAYER in the module comment); a layer
 * without a name is named by its path.
 */
export function layerFromJson(l: Json, where: Array<string | number>, fail: JsonFail): Layer {
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
    if ((v as number) > MAX_INT) fail(p, `value ${v} is too large (limit ${MAX_INT})`);
    if ((v as number) < 1) fail(p, `expected a positive integer (>= 1), got ${v}`);
    return v as number;
  };
  let sx = 1;
  let sy = 1;
  if (l.stride !== undefined && l.stride !== null) {
    if (!Array.isArray(l.stride) || l.stride.length !== 2) fail([...where, 'stride'], 'expected [strideX, strideY]');
    sx = posInt((l.stride as Json[])[0], [...where, 'stride', 0]);
    sy = posInt((l.stride as Json[])[1], [...where, 'stride', 1]);
  }
  if (l.stride !== undefined && l.stride !== null && (l.strideX !== undefined || l.strideY !== undefined))
    fail([...where, l.strideX !== undefined ? 'strideX' : 'strideY'], 'give "stride" or "strideX" / "strideY", not both');
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
  const name = typeof l.name === 'string' ? l.name : jsonPath(where);
  return { name, type: type as LayerType, strideX: sx, strideY: sy, dims };
}
