/**
 * Architecture spaces for the search: the paper's embedded sets (nb301, alphanet), `classic`, or a
 * user file, with the architecture ids to search (`--ids`), their quality (`--quality`) and layers.
 *
 * A space file is read by the loader of `codesign evaluate --space` (`readNetworksFile`,
 * src/spaces/space-file.ts): `{"architectures": [...]}`, a JSON network list or a MAESTRO mapping /
 * model file (its dataflows are not used here: `--dataflows` defines the accelerators).
 * Architecture id = index in the list. Quality comes only from the file's `accuracy` / `flops` /
 * `params` numbers or `--quality FILE.csv`, never a silent default.
 */
import { existsSync, statSync } from 'node:fs';
import type { Layer } from '../model/types.js';
import { UserError, withField } from '../errors.js';
import { loadAlphaNetData, loadNb301Data } from '../spaces/data.js';
import { nb301Layers } from '../spaces/nb301.js';
import { alphanetLayers } from '../spaces/alphanet.js';
import { readInputFile } from '../parse/load.js';
import { splitLines } from '../parse/lines.js';
import { RANGE_REASON, readDecimal } from '../parse/decimal.js';
import { readNetworksFile, SPACE_FILE_FORMATS } from '../spaces/space-file.js';
import { classicSpace } from '../spaces/classic.js';
import { echoInput, parseIds as parseArchIds, type ArchitectureSpace } from '../spaces/space.js';
import { readCsvCells } from '../parse/csv-cells.js';

export { SPACE_FILE_FORMATS };

/** Quality measures a space may provide. */
export type QualityKind = 'accuracy' | 'flops' | 'params';

/**
 * `codesign search`'s view of a space: `quality` by kind and `layersOf`. Library users get an
 * `ArchitectureSpace` from `getSpace` (figures in its `columns`); `loadSearchSpace` builds this one.
 */
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
  /** Further files the space was read from (model files named by an `{"architectures"}` file). */
  files?: readonly string[];
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
    ...(space.files ? { files: space.files } : {}),
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
  // (a pipe or a device, e.g. /dev/stdin, is read as every input file is: up to the size limit)
  if (file.trim() === '' || !existsSync(file) || statSync(file).isDirectory())
    throw new UserError(`cannot read space file (${existsSync(file) ? 'a directory' : 'ENOENT'}); expected nb301, alphanet, classic or a space file`, { file });
  return searchSpaceOf(readNetworksFile(file));
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
  const map = readQualityCsv(spec, space);
  return {
    name: spec,
    values: Float64Array.from(ids, (id) => {
      const e = map.get(id);
      if (e === undefined) throw new UserError(`no quality for architecture ${id}`, { file: spec });
      return e.q;
    }),
  };
}

/**
 * Read a quality CSV: lines `id,quality` (a first line whose id cell has a letter, and does not
 * start with a digit, sign or dot, is a header; blank lines are skipped). Ids are decimal integers naming an architecture of the space, each
 * at most once; qualities finite decimal numbers (sign, fraction, exponent allowed; not hex,
 * binary, empty, NaN or Infinity). Errors name the file and line (`q.csv:3: quality: ...`).
 */
function readQualityCsv(file: string, space: SearchSpace): Map<number, { q: number; line: number }> {
  let text: string;
  try {
    text = readInputFile(file); // 64 MiB limit, text checks (a byte-order mark: see readCsvCells)
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    if (/^(cannot read file|is a directory)/.test(e.reason))
      throw new UserError(`'${echoInput(file)}' is not accuracy, flops, params or a readable CSV file`, { field: '--quality' });
    throw withField(e, '--quality');
  }
  const map = new Map<number, { q: number; line: number }>();
  // Architecture names (a space that names them: a JSON network list, the classic networks) -> id.
  // (built on the first name met; none when the labels are just the ids)
  let byName: Map<string, number> | undefined;
  const names = (): Map<string, number> => {
    if (!byName) {
      byName = new Map();
      for (let id = 0; id < space.size && space.label; id++) {
        const name = space.label(id);
        if (name !== String(id) && !byName.has(name)) byName.set(name, id);
      }
    }
    return byName;
  };
  splitLines(text).forEach((raw, i) => {
    const l = raw.trim();
    const line = i + 1;
    const cells = readCsvCells(l, { file, line });
    const [head, second] = cells;
    // A header: a first line whose id cell has a letter (not `0x0`) and whose quality cell is no number (`id,quality`; not `vgg16,71.5`).
    if (l === '' || (i === 0 && /[a-z]/i.test(head!) && !/^[\d+\-.]/.test(head!) && (second === undefined || 'error' in readDecimal(second)))) return;
    if (cells.length !== 2) throw new UserError(`expected id,quality (2 columns), got ${cells.length} column${cells.length === 1 ? '' : 's'}`, { file, line });
    const [idText, qText] = cells;
    // (a decimal is an id; else an architecture's name, where the space names them)
    const named = /^\d+$/.test(idText) ? undefined : names().get(idText);
    if (!/^\d+$/.test(idText) && named === undefined) {
      const hasNames = names().size > 0;
      throw new UserError(
        `expected id,quality with id a decimal integer >= 0${hasNames ? " or an architecture's name" : ''}, got ${idText === '' ? 'an empty id' : `'${echoInput(idText)}'${hasNames ? ` (no architecture of ${space.name} has that name)` : ''}`}`,
        { file, line, field: 'id' },
      );
    }
    const id = named ?? Number(idText);
    if (id >= space.size) throw new UserError(`id ${echoInput(idText)} out of range: ${space.name} has ids 0..${space.size - 1}`, { file, line, field: 'id' });
    if (qText === '') throw new UserError('quality is empty (expected a decimal number, e.g. 0.75, -3 or 1e-3)', { file, line, field: 'quality' });
    const read = readDecimal(qText);
    if ('error' in read) {
      const why = read.error === 'syntax' ? 'is not a number (expected a decimal number, e.g. 0.75, -3 or 1e-3)' : `is ${RANGE_REASON[read.error]}`;
      throw new UserError(`quality '${echoInput(qText)}' ${why}`, { file, line, field: 'quality' });
    }
    const q = read.value;
    const first = map.get(id);
    if (first) throw new UserError(`architecture ${id} already has a quality (line ${first.line})`, { file, line, field: 'id' });
    map.set(id, { q, line });
  });
  return map;
}
