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
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { DimName, Layer, LayerType } from '../model/types.js';
import { LAYER_TYPES, parseMapping, parseModel } from '../parse/index.js';
import type { ArchitectureSpace, SpaceColumn } from './space.js';

const DIMS: readonly DimName[] = ['N', 'G', 'K', 'C', 'R', 'S', 'Y', 'X', "Y'", "X'", 'M'];
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
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { file, field: '--space' });
  }
  if (file.toLowerCase().endsWith('.json') || /^\s*[[{]/.test(text)) return spaceFromNetworks(file, parseNetworksJson(text, file));
  // MAESTRO text: a mapping file if any layer has a Dataflow block, else a model file.
  const net = /\bDataflow\b/.test(text) ? parseMapping(text, file) : parseModel(text, file);
  const layers: Layer[] = net.layers.map((l) => ({ name: l.name, type: l.type, strideX: l.strideX, strideY: l.strideY, dims: { ...l.dims } }));
  if (layers.length === 0) throw new UserError('the network has no layers', { file });
  return spaceFromNetworks(file, [{ name: net.name || path.basename(file), layers }]);
}

/** Parse a JSON network list (formats in the module comment). */
export function parseNetworksJson(text: string, file: string): NamedNetwork[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UserError(`invalid JSON: ${(e as Error).message}`, { file });
  }
  const fail = (field: string, reason: string): never => {
    throw new UserError(reason, { file, field });
  };
  let list: { name: string; body: unknown; where: string }[];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(doc)) {
    list = doc.map((n, i) => ({ name: isObj(n) && typeof n.name === 'string' ? n.name : `net${i}`, body: n, where: `[${i}]` }));
  } else if (isObj(doc) && Array.isArray(doc.networks)) {
    list = doc.networks.map((n, i) => ({ name: isObj(n) && typeof n.name === 'string' ? n.name : `net${i}`, body: n, where: `networks[${i}]` }));
  } else if (isObj(doc) && isObj(doc.networks)) {
    list = Object.entries(doc.networks).map(([name, layers]) => ({ name, body: { name, layers }, where: `networks.${name}` }));
  } else if (isObj(doc) && Array.isArray(doc.layers)) {
    list = [{ name: typeof doc.name === 'string' ? doc.name : path.basename(file), body: doc, where: '' }];
  } else {
    return fail('networks', 'expected a list of networks, {"networks": ...} or {"name", "layers"}');
  }
  if (list.length === 0) fail('networks', 'no networks');
  return list.map(({ name, body, where }) => {
    if (!isObj(body) || !Array.isArray(body.layers)) return fail(where || 'layers', 'expected an object with a "layers" array');
    const layers = (body.layers as unknown[]).map((l, i) => parseLayerJson(l, `${where ? where + '.' : ''}layers[${i}]`, fail));
    if (layers.length === 0) fail(`${where}.layers`, 'the network has no layers');
    const figures: NamedNetwork['figures'] = {};
    for (const c of EXTRA_COLUMNS) {
      if (body[c] === undefined) continue;
      if (typeof body[c] !== 'number' || !Number.isFinite(body[c])) fail(`${where}.${c}`, 'expected a number');
      figures[c] = body[c] as number;
    }
    return { name, layers, figures };
  });
}

function parseLayerJson(l: unknown, where: string, fail: (field: string, reason: string) => never): Layer {
  if (typeof l !== 'object' || l === null || Array.isArray(l)) return fail(where, 'expected a layer object');
  const o = l as Record<string, unknown>;
  const type = o.type;
  if (typeof type !== 'string' || !(LAYER_TYPES as readonly string[]).includes(type)) {
    fail(`${where}.type`, `expected one of ${LAYER_TYPES.join(', ')}`);
  }
  const posInt = (v: unknown, field: string): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 0x7fffffff) fail(field, 'expected a positive integer');
    return v as number;
  };
  let sx = 1;
  let sy = 1;
  if (o.stride !== undefined && o.stride !== null) {
    if (!Array.isArray(o.stride) || o.stride.length !== 2) fail(`${where}.stride`, 'expected [strideX, strideY]');
    sx = posInt((o.stride as unknown[])[0], `${where}.stride[0]`);
    sy = posInt((o.stride as unknown[])[1], `${where}.stride[1]`);
  }
  if (o.strideX !== undefined) sx = posInt(o.strideX, `${where}.strideX`);
  if (o.strideY !== undefined) sy = posInt(o.strideY, `${where}.strideY`);
  if (typeof o.dims !== 'object' || o.dims === null || Array.isArray(o.dims)) return fail(`${where}.dims`, 'expected an object of dimensions');
  const dims: Layer['dims'] = {};
  for (const [k, v] of Object.entries(o.dims as Record<string, unknown>)) {
    if (!(DIMS as readonly string[]).includes(k)) fail(`${where}.dims.${k}`, `unknown dimension (expected ${DIMS.join(' ')})`);
    dims[k as DimName] = posInt(v, `${where}.dims.${k}`);
  }
  const name = typeof o.name === 'string' ? o.name : where;
  return { name, type: type as LayerType, strideX: sx, strideY: sy, dims };
}
