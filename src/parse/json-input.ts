/**
 * The JSON form of codesign's inputs: the domain types of src/model/types.ts written as JSON
 * (schema in FORMATS.md and `INPUT_JSON_SCHEMA`). Validation is strict: unknown keys, wrong
 * types, non-integers, values out of 1..2^31-1 and missing fields are errors naming the file,
 * line, column and JSON path.
 */
import { UserError } from '../errors.js';
import type {
  Dataflow,
  DimName,
  Directive,
  Hardware,
  Layer,
  LayerDims,
  LayerType,
  MappedNetwork,
  Network,
  SizeExpr,
} from '../model/types.js';
import { parseJsonLocated, type Json, type LocatedJson } from './json-located.js';
import { DIM_NAMES, HARDWARE_DEFAULTS, HARDWARE_MIN, LAYER_DIM_RULES, LAYER_TYPES, LEVEL_DIRECTIVES_MESSAGE, MAX_DIRECTIVES, MAX_INT, MAX_LEVEL_DIRECTIVES } from './limits.js';
import { setLocation } from './locations.js';
import { resolveDataflow } from './mapping.js';

type Path = Array<string | number>;

class Validator {
  constructor(readonly doc: LocatedJson) {}

  fail(path: Path, reason: string): never {
    throw new UserError(reason, this.doc.at(path));
  }

  describe(v: Json): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'an array';
    if (typeof v === 'object') return 'an object';
    if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v)}`;
    return `${typeof v} ${String(v)}`;
  }

  object(v: Json, path: Path, allowed: readonly string[], required: readonly string[]): { [k: string]: Json } {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, `expected an object, got ${this.describe(v)}`);
    const o = v as { [k: string]: Json };
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.fail([...path, k], `unknown key "${k}" (expected ${allowed.map((a) => `"${a}"`).join(', ')})`);
    }
    for (const k of required) {
      if (!(k in o)) this.fail(path, `missing required key "${k}"`);
    }
    return o;
  }

  array(v: Json, path: Path): Json[] {
    if (!Array.isArray(v)) this.fail(path, `expected an array, got ${this.describe(v)}`);
    return v as Json[];
  }

  string(v: Json, path: Path): string {
    if (typeof v !== 'string') this.fail(path, `expected a string, got ${this.describe(v)}`);
    return v as string;
  }

  int(v: Json, path: Path, min = 1): number {
    if (typeof v !== 'number') this.fail(path, `expected an integer >= ${min}, got ${this.describe(v)}`);
    const x = v as number;
    if (!Number.isInteger(x)) this.fail(path, `expected an integer >= ${min}, got ${x}`);
    if (x > MAX_INT) this.fail(path, `value ${x} is too large (limit ${MAX_INT})`);
    if (x < min) this.fail(path, `value ${x} is not allowed (expected an integer >= ${min})`);
    return x;
  }

  oneOf<T extends string>(v: Json, path: Path, options: readonly T[], what: string): T {
    if (typeof v !== 'string' || !options.includes(v as T)) {
      this.fail(path, `expected ${what} (${options.join(', ')}), got ${this.describe(v)}`);
    }
    return v as T;
  }
}

const HW_KEYS = ['id', 'numPes', 'l1Size', 'l2Size', 'nocBw', 'offchipBw', 'nocHops', 'vectorWidth'] as const;

function hardwareFrom(val: Validator, v: Json, path: Path): Hardware {
  const o = val.object(v, path, HW_KEYS, ['numPes']);
  const opt = (k: keyof typeof HARDWARE_DEFAULTS) => (o[k] === undefined ? HARDWARE_DEFAULTS[k] : val.int(o[k], [...path, k], HARDWARE_MIN[k]));
  const hw: Hardware = {
    numPes: val.int(o.numPes, [...path, 'numPes'], HARDWARE_MIN.numPes),
    l1Size: opt('l1Size'),
    l2Size: opt('l2Size'),
    nocBw: opt('nocBw'),
    offchipBw: opt('offchipBw'),
    nocHops: opt('nocHops'),
  };
  if (o.vectorWidth !== undefined) hw.vectorWidth = val.int(o.vectorWidth, [...path, 'vectorWidth'], HARDWARE_MIN.vectorWidth);
  if (o.id !== undefined) hw.id = val.string(o.id, [...path, 'id']);
  setLocation(hw, val.doc.at(path));
  return hw;
}

function sizeFrom(val: Validator, v: Json, path: Path): SizeExpr {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = val.object(v, path, ['sz'], ['sz']);
    return { sz: val.oneOf(o.sz, [...path, 'sz'], DIM_NAMES, 'a dimension name') };
  }
  if (typeof v !== 'number') val.fail(path, `expected an integer >= 1 or {"sz": DIM}, got ${val.describe(v)}`);
  return val.int(v, path);
}

function directiveFrom(val: Validator, v: Json, path: Path): Directive {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) val.fail(path, `expected a directive object, got ${val.describe(v)}`);
  const kind = val.oneOf((v as { kind: Json }).kind ?? null, [...path, 'kind'], ['SpatialMap', 'TemporalMap', 'Cluster'] as const, 'a directive kind');
  let d: Directive;
  if (kind === 'Cluster') {
    const o = val.object(v, path, ['kind', 'size', 'clusterType'], ['size', 'clusterType']);
    d = { kind, size: sizeFrom(val, o.size, [...path, 'size']), clusterType: val.oneOf(o.clusterType, [...path, 'clusterType'], ['P', 'L'] as const, 'a cluster type') };
  } else {
    const o = val.object(v, path, ['kind', 'size', 'offset', 'dim'], ['size', 'offset', 'dim']);
    d = {
      kind,
      size: sizeFrom(val, o.size, [...path, 'size']),
      offset: sizeFrom(val, o.offset, [...path, 'offset']),
      dim: val.oneOf(o.dim, [...path, 'dim'], DIM_NAMES, 'a dimension name'),
    };
  }
  setLocation(d, val.doc.at(path));
  return d;
}

function dataflowFrom(val: Validator, v: Json, path: Path): Dataflow {
  const o = val.object(v, path, ['name', 'directives'], ['directives']);
  const arr = val.array(o.directives, [...path, 'directives']);
  if (arr.length === 0) val.fail([...path, 'directives'], 'a dataflow needs at least one directive');
  if (arr.length > MAX_DIRECTIVES) {
    val.fail([...path, 'directives', MAX_DIRECTIVES], `too many directives: a dataflow may have at most ${MAX_DIRECTIVES} (the cost model's limit)`);
  }
  const df: Dataflow = { directives: arr.map((d, i) => directiveFrom(val, d, [...path, 'directives', i])) };
  let levelCount = 0; // directives of the current cluster level
  df.directives.forEach((d, i) => {
    levelCount = d.kind === 'Cluster' ? 0 : levelCount + 1;
    if (levelCount > MAX_LEVEL_DIRECTIVES) val.fail([...path, 'directives', i], LEVEL_DIRECTIVES_MESSAGE);
  });
  if (o.name !== undefined) df.name = val.string(o.name, [...path, 'name']);
  setLocation(df, val.doc.at(path));
  return df;
}

function dimsFrom(val: Validator, v: Json, path: Path, type: LayerType): LayerDims {
  const rule = LAYER_DIM_RULES[type];
  const o = val.object(v, path, rule.allowed, []);
  const dims: LayerDims = {};
  for (const k of Object.keys(o) as DimName[]) dims[k] = val.int(o[k], [...path, k]);
  for (const req of rule.required) {
    const alts = req.split('|') as DimName[];
    const present = alts.filter((a) => dims[a] !== undefined);
    if (present.length === 0) val.fail(path, `missing dimension ${alts.join(' or ')} for a ${type} layer`);
    if (present.length > 1) val.fail(path, `both ${alts.join(' and ')} given: declare the input size or the output size, not both`);
  }
  return dims;
}

function layerFrom(val: Validator, v: Json, path: Path, mapped: boolean | 'optional'): Layer & { dataflow?: Dataflow } {
  const keys = ['name', 'type', 'strideX', 'strideY', 'dims', 'dataflow'];
  const o = val.object(v, path, mapped === false ? keys.slice(0, 5) : keys, mapped === true ? ['name', 'type', 'dims', 'dataflow'] : ['name', 'type', 'dims']);
  const type = val.oneOf(o.type, [...path, 'type'], LAYER_TYPES, 'a layer type');
  const layer: Layer & { dataflow?: Dataflow } = {
    name: val.string(o.name, [...path, 'name']),
    type,
    strideX: o.strideX === undefined ? 1 : val.int(o.strideX, [...path, 'strideX']),
    strideY: o.strideY === undefined ? 1 : val.int(o.strideY, [...path, 'strideY']),
    dims: dimsFrom(val, o.dims, [...path, 'dims'], type),
  };
  setLocation(layer, val.doc.at(path));
  if (o.dataflow !== undefined) layer.dataflow = resolveDataflow(dataflowFrom(val, o.dataflow, [...path, 'dataflow']), layer);
  return layer;
}

function networkFrom(val: Validator, v: Json, path: Path, mapped: boolean): Network<Layer & { dataflow?: Dataflow }> {
  const o = val.object(v, path, ['name', 'layers'], ['layers']);
  const arr = val.array(o.layers, [...path, 'layers']);
  if (arr.length === 0) val.fail([...path, 'layers'], 'network has no layers');
  const net = {
    name: o.name === undefined ? '' : val.string(o.name, [...path, 'name']),
    layers: arr.map((l, i) => layerFrom(val, l, [...path, 'layers', i], mapped)),
  };
  setLocation(net, val.doc.at(path));
  return net;
}

/** Unwrap `{"hardware": ...}` / `{"network": ...}` envelopes: returns [value, path]. */
function pick(val: Validator, key: 'hardware' | 'network'): [Json, Path] {
  const v = val.doc.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && ('hardware' in v || 'network' in v || 'dataflow' in v)) {
    const o = val.object(v, [], ['hardware', 'network', 'dataflow'], [key]);
    return [o[key], [key]];
  }
  return [v, []];
}

/** Parse hardware JSON: a Hardware object, or `{"hardware": {...}, ...}`. */
export function parseHardwareJson(text: string, file: string): Hardware {
  const val = new Validator(parseJsonLocated(text, file));
  const [v, p] = pick(val, 'hardware');
  return hardwareFrom(val, v, p);
}

/**
 * Parse a mapped network from JSON: a MappedNetwork object, or `{"network": {...}, ...}`.
 * Every layer needs a `dataflow`; `{"sz": D}` sizes are resolved against the layer.
 */
export function parseMappingJson(text: string, file: string): MappedNetwork {
  const val = new Validator(parseJsonLocated(text, file));
  const [v, p] = pick(val, 'network');
  return networkFrom(val, v, p, true) as MappedNetwork;
}

/** Parse an unmapped network (model) from JSON: layers without `dataflow`. */
export function parseModelJson(text: string, file: string): Network {
  const val = new Validator(parseJsonLocated(text, file));
  const [v, p] = pick(val, 'network');
  return networkFrom(val, v, p, false);
}

/** Parse a dataflow from JSON: a Dataflow object, or `{"dataflow": {...}}`. */
export function parseDataflowJson(text: string, file: string): Dataflow {
  const val = new Validator(parseJsonLocated(text, file));
  const v = val.doc.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'dataflow' in v) {
    const o = val.object(v, [], ['dataflow'], ['dataflow']);
    return dataflowFrom(val, o.dataflow, ['dataflow']);
  }
  return dataflowFrom(val, v, []);
}

/** Parse `{"hardware": {...}, "network": {...}}` (a mapped network) from one JSON file. */
export function parseInputJson(text: string, file: string): { hardware: Hardware; network: MappedNetwork } {
  const val = new Validator(parseJsonLocated(text, file));
  const o = val.object(val.doc.value, [], ['hardware', 'network'], ['hardware', 'network']);
  return { hardware: hardwareFrom(val, o.hardware, ['hardware']), network: networkFrom(val, o.network, ['network'], true) as MappedNetwork };
}

/** JSON Schema (draft 2020-12) of the combined input `{"hardware", "network"}`. */
export const INPUT_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'codesign input (hardware + mapped network)',
  type: 'object',
  additionalProperties: false,
  required: ['hardware', 'network'],
  $defs: {
    posInt: { type: 'integer', minimum: 1, maximum: MAX_INT },
    dim: { enum: [...DIM_NAMES] },
    size: { oneOf: [{ $ref: '#/$defs/posInt' }, { type: 'object', additionalProperties: false, required: ['sz'], properties: { sz: { $ref: '#/$defs/dim' } } }] },
    hardware: {
      type: 'object',
      additionalProperties: false,
      required: ['numPes'],
      properties: {
        id: { type: 'string' },
        numPes: { $ref: '#/$defs/posInt' },
        l1Size: { type: 'integer', minimum: HARDWARE_MIN.l1Size, maximum: MAX_INT, default: MAX_INT },
        l2Size: { type: 'integer', minimum: HARDWARE_MIN.l2Size, maximum: MAX_INT, default: MAX_INT },
        nocBw: { $ref: '#/$defs/posInt', default: MAX_INT },
        offchipBw: { $ref: '#/$defs/posInt', default: MAX_INT },
        nocHops: { type: 'integer', minimum: HARDWARE_MIN.nocHops, maximum: MAX_INT, default: 1 },
        vectorWidth: { $ref: '#/$defs/posInt', default: 1 },
      },
    },
    directive: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'size', 'offset', 'dim'],
          properties: { kind: { enum: ['SpatialMap', 'TemporalMap'] }, size: { $ref: '#/$defs/size' }, offset: { $ref: '#/$defs/size' }, dim: { $ref: '#/$defs/dim' } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'size', 'clusterType'],
          properties: { kind: { const: 'Cluster' }, size: { $ref: '#/$defs/size' }, clusterType: { enum: ['P', 'L'] } },
        },
      ],
    },
    dataflow: {
      type: 'object',
      additionalProperties: false,
      required: ['directives'],
      properties: { name: { type: 'string' }, directives: { type: 'array', minItems: 1, items: { $ref: '#/$defs/directive' } } },
    },
    layer: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'type', 'dims'],
      properties: {
        name: { type: 'string' },
        type: { enum: [...LAYER_TYPES] },
        strideX: { $ref: '#/$defs/posInt', default: 1 },
        strideY: { $ref: '#/$defs/posInt', default: 1 },
        dims: { type: 'object', additionalProperties: false, properties: Object.fromEntries(DIM_NAMES.map((d) => [d, { $ref: '#/$defs/posInt' }])) },
        dataflow: { $ref: '#/$defs/dataflow' },
      },
    },
    network: {
      type: 'object',
      additionalProperties: false,
      required: ['layers'],
      properties: { name: { type: 'string' }, layers: { type: 'array', minItems: 1, items: { $ref: '#/$defs/layer' } } },
    },
  },
  properties: { hardware: { $ref: '#/$defs/hardware' }, network: { $ref: '#/$defs/network' } },
} as const;

