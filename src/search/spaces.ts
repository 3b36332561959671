/**
 * Architecture spaces for the search: the paper's embedded sets (nb301, alphanet), `classic`, or a
 * user file, with the architecture ids to search (`--ids`), their quality (`--quality`) and layers.
 *
 * A space file is any file `codesign evaluate --space` reads, or an architectures file:
 * - architectures file (JSON): `{ "name"?: string, "architectures": [ { "model"?: "net.m",
 *   "layers"?: Layer[], "accuracy"?: number, "flops"?: number, "params"?: number } ] }` (one of
 *   `model` — a MAESTRO model file, relative to the JSON file — or `layers`);
 * - a JSON network list (`[{"name","layers"}]`, `{"networks": ...}`, `{"name","layers"}`) or a
 *   MAESTRO mapping / model file: src/spaces/networks-file.ts (`readNetworksFile`).
 * Architecture id = index in the list. Quality comes only from the file's `accuracy` / `flops` /
 * `params` numbers or `--quality FILE.csv`, never a silent default.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Layer } from '../model/types.js';
import { UserError } from '../errors.js';
import { loadAlphaNetData, loadNb301Data } from '../spaces/data.js';
import { nb301Layers } from '../spaces/nb301.js';
import { alphanetLayers } from '../spaces/alphanet.js';
import { parseModel } from '../parse/index.js';
import { parseJsonLocated } from '../parse/json-located.js';
import { readInputFile } from '../parse/load.js';
import { parseNetworksJson, readNetworksFile, spaceFromNetworks } from '../spaces/networks-file.js';
import { classicSpace } from '../spaces/classic.js';
import { parseIds as parseArchIds, type ArchitectureSpace } from '../spaces/space.js';

/** The space file formats `--space FILE` accepts (for error messages). */
export const SPACE_FILE_FORMATS =
  'expected a space file: {"architectures": [...]}, a JSON network list ([{"name", "layers"}], {"networks": ...} or {"name", "layers"}), or a MAESTRO mapping / model file';

/** Quality measures a space may provide. */
export type QualityKind = 'accuracy' | 'flops' | 'params';

/** A loaded architecture space. */
export interface SearchSpace {
  /** `nb301`, `alphanet`, or the file path. */
  name: string;
  size: number;
  /** The paper's architecture ids (or all, for files). */
  paperIds: number[];
  /** Quality per id (length `size`), when the space provides it. */
  quality: Partial<Record<QualityKind, Float64Array>>;
  /** Layers of architecture `id`. */
  layersOf(id: number): Layer[];
  /** Label of architecture `id` where the space names its architectures (`--ids` may use it). */
  label?(id: number): string;
}

interface SpaceFileEntry {
  model?: string;
  layers?: Layer[];
  accuracy?: number;
  flops?: number;
  params?: number;
}

/** A search space from an evaluate space (ids, layers, and its accuracy / flops / params columns). */
export function searchSpaceOf(space: ArchitectureSpace): SearchSpace {
  const quality: SearchSpace['quality'] = {};
  for (const c of space.columns)
    if (c.name === 'accuracy' || c.name === 'flops' || c.name === 'params') quality[c.name] = Float64Array.from(c.values);
  return {
    name: space.name,
    size: space.size,
    paperIds: space.paperIds ? [...space.paperIds] : Array.from({ length: space.size }, (_, i) => i),
    quality,
    layersOf: (id) => space.layers(id),
    label: (id) => space.label(id),
  };
}

/** Load a space by name (`nb301`, `alphanet`, `classic`) or file path (formats in the module comment). */
export function loadSearchSpace(spec: string): SearchSpace {
  if (spec === 'nb301') {
    const d = loadNb301Data();
    return {
      name: 'nb301',
      size: d.genotypes.length,
      paperIds: d.modelIndex,
      quality: { flops: d.flops16 },
      layersOf: (id) => nb301Layers(d.genotypes[id]),
    };
  }
  if (spec === 'alphanet') {
    const d = loadAlphaNetData();
    return {
      name: 'alphanet',
      size: d.configs.length,
      paperIds: d.selectIndex,
      quality: { accuracy: d.accuracy, flops: d.mflops, params: d.mparams },
      layersOf: (id) => alphanetLayers(d.configs[id]),
    };
  }
  if (spec === 'classic') return searchSpaceOf(classicSpace());
  return loadSpaceFile(spec);
}

function loadSpaceFile(file: string): SearchSpace {
  if (file.trim() === '' || !existsSync(file) || !statSync(file).isFile())
    throw new UserError(`cannot read space file (${existsSync(file) ? 'not a file' : 'ENOENT'}); expected nb301, alphanet, classic or a space file`, { file });
  const text = readInputFile(file); // one line for binary / huge / unreadable files
  const jsonLike = file.toLowerCase().endsWith('.json') || /^\uFEFF?\s*[[{]/.test(text);
  if (!jsonLike) {
    // A MAESTRO mapping / model file, as `evaluate --space` reads it.
    if (!/\bNetwork\b/.test(text.replace(/\/\/[^\n]*/g, ''))) throw new UserError(SPACE_FILE_FORMATS, { file });
    return searchSpaceOf(readNetworksFile(file));
  }
  const doc = parseJsonLocated(text, file); // UserError with line/column on malformed JSON
  const v = doc.value;
  const isObj = v !== null && typeof v === 'object' && !Array.isArray(v);
  if (Array.isArray(v) || (isObj && !('architectures' in v) && ('networks' in v || 'layers' in v)))
    return searchSpaceOf(spaceFromNetworks(file, parseNetworksJson(text, file))); // evaluate's JSON network list
  if (!isObj) throw new UserError(SPACE_FILE_FORMATS, doc.at([]));
  const data = v as { name?: string; architectures?: SpaceFileEntry[] };
  const list = data.architectures;
  if (list === undefined) throw new UserError(SPACE_FILE_FORMATS, doc.at([]));
  if (!Array.isArray(list) || list.length === 0) throw new UserError('expected "architectures": [...] (non-empty)', doc.at(['architectures']));
  const layers: Layer[][] = list.map((a, i) => {
    const at = (...path: (string | number)[]) => doc.at(['architectures', i, ...path]);
    if (!a || typeof a !== 'object' || Array.isArray(a)) throw new UserError('expected an object', at());
    if (a.layers !== undefined) {
      if (!Array.isArray(a.layers) || a.layers.length === 0) throw new UserError('expected a non-empty array of layers', at('layers'));
      a.layers.forEach((l, j) => {
        if (!l || !['CONV', 'DSCONV', 'GEMM'].includes(l.type) || typeof l.dims !== 'object' || l.dims === null || Array.isArray(l.dims))
          throw new UserError('expected { type: CONV|DSCONV|GEMM, dims: {...} }', at('layers', j));
        for (const [d, v] of Object.entries(l.dims))
          if (!Number.isInteger(v) || (v as number) < 1) throw new UserError(`expected a positive integer`, at('layers', j, 'dims', d));
        for (const k of ['strideX', 'strideY'] as const)
          if (l[k] !== undefined && (!Number.isInteger(l[k]) || (l[k] as number) < 1)) throw new UserError('expected a positive integer', at('layers', j, k));
      });
      return a.layers.map((l, j) => ({ name: l.name ?? `L${j}`, type: l.type, strideX: l.strideX ?? 1, strideY: l.strideY ?? 1, dims: l.dims }));
    }
    if (typeof a.model === 'string') {
      const p = resolve(dirname(file), a.model);
      let text: string;
      try {
        text = readFileSync(p, 'utf8');
      } catch {
        throw new UserError(`cannot read model file '${a.model}'`, at('model'));
      }
      return parseModel(text, p).layers;
    }
    throw new UserError('needs "model" (MAESTRO model file) or "layers"', at());
  });
  const quality: SearchSpace['quality'] = {};
  for (const k of ['accuracy', 'flops', 'params'] as const) {
    const have = list.filter((a) => a[k] !== undefined).length;
    if (have === 0) continue;
    if (have !== list.length) {
      const i = list.findIndex((a) => a[k] === undefined);
      throw new UserError(`"${k}" given for ${have} of ${list.length} architectures; missing here`, doc.at(['architectures', i]));
    }
    quality[k] = Float64Array.from(list, (a, i) => {
      const v = a[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new UserError(`expected a number`, doc.at(['architectures', i, k]));
      return v;
    });
  }
  return { name: file, size: list.length, paperIds: list.map((_, i) => i), quality, layersOf: (id) => layers[id] };
}

/**
 * Parse `codesign search --ids` ({@link parseArchIds}: `paper`, `all`, ids, ranges, names,
 * `@FILE`); an id given twice (overlapping ranges) is searched once.
 */
export function parseIds(spec: string, space: SearchSpace): number[] {
  return parseArchIds(spec, space, { duplicates: 'merge' });
}

/**
 * Quality of the chosen ids from `--quality` (`accuracy`, `flops`, `params` or a CSV `id,quality`).
 * With no `--quality`: the space's accuracy, or a UserError when it has none (never a silent default).
 */
export function resolveQuality(spec: string | undefined, space: SearchSpace, ids: readonly number[]): { name: string; values: Float64Array } {
  if (spec === undefined) {
    if (space.quality.accuracy) return { name: 'accuracy', values: Float64Array.from(ids, (i) => space.quality.accuracy![i]) };
    const avail = Object.keys(space.quality);
    throw new UserError(
      `space '${space.name}' has no accuracy: choose --quality ${[...avail, 'FILE.csv'].join('|')}`,
      { field: '--quality' },
    );
  }
  if (spec === 'accuracy' || spec === 'flops' || spec === 'params') {
    const v = space.quality[spec];
    if (!v) throw new UserError(`space '${space.name}' has no ${spec} (available: ${Object.keys(space.quality).join(', ') || 'none'}; or FILE.csv)`, { field: '--quality' });
    return { name: spec, values: Float64Array.from(ids, (i) => v[i]) };
  }
  let text: string;
  try {
    text = readFileSync(spec, 'utf8');
  } catch {
    throw new UserError(`'${spec}' is not accuracy, flops, params or a readable CSV file`, { field: '--quality' });
  }
  const map = new Map<number, { q: number; line: number }>();
  text.split(/\r?\n/).forEach((line, i) => {
    const l = line.trim();
    if (l === '' || (i === 0 && /[a-z]/i.test(l.split(',')[0]))) return; // header
    const cells = l.split(',');
    const id = Number(cells[0]);
    const q = Number(cells[1]);
    if (cells.length < 2 || !Number.isInteger(id)) throw new UserError('expected id,quality', { file: spec, line: i + 1, field: 'id' });
    if (!Number.isFinite(q)) throw new UserError(`quality '${cells[1]}' is not a number`, { file: spec, line: i + 1, field: 'quality' });
    const first = map.get(id);
    if (first) throw new UserError(`architecture ${id} already has a quality (line ${first.line})`, { file: spec, line: i + 1, field: 'id' });
    map.set(id, { q, line: i + 1 });
  });
  return {
    name: spec,
    values: Float64Array.from(ids, (id) => {
      const e = map.get(id);
      if (e === undefined) throw new UserError(`no quality for architecture ${id}`, { file: spec });
      return e.q;
    }),
  };
}
