/**
 * Architecture spaces: a numbered set of architectures, each a list of accelerator layers,
 * with optional per-architecture figures (accuracy, FLOPs, parameters).
 */
import type { Layer } from '../model/types.js';
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';

/** A per-architecture figure shipped with a space (e.g. accuracy). */
export interface SpaceColumn {
  /** Output column name: `accuracy`, `flops`, `params`. */
  name: string;
  /** What it is, with unit. */
  description: string;
  /** Value per architecture id. */
  values: ArrayLike<number>;
}

/** A numbered set of architectures (ids 0..size-1). */
export interface ArchitectureSpace {
  /** `nb301`, `alphanet`, `classic`, or the file it was read from. */
  name: string;
  size: number;
  /** Label of architecture `id` in outputs: the number, or the network name. */
  label(id: number): string;
  /** Accelerator layers of architecture `id` (a fresh array). */
  layers(id: number): Layer[];
  /** The ids the paper evaluated, in its order (`--ids paper`), if the space has them. */
  paperIds?: readonly number[];
  /** Per-architecture figures. */
  columns: SpaceColumn[];
}

/** What {@link parseIds} needs of a space: its size, name, paper ids and, if named, labels. */
export interface IdSource {
  name: string;
  size: number;
  paperIds?: readonly number[];
  /** Label of an id; ids can then also be given by label (e.g. `vgg16`). */
  label?(id: number): string;
}

/** How {@link parseIds} reads a list. */
export interface IdOptions {
  /** Flag named in errors (default `--ids`). */
  flag?: string;
  /** An id given twice: an error (default; `evaluate` prints one row per id) or kept once (`merge`). */
  duplicates?: 'error' | 'merge';
}

/**
 * Parse an `--ids` value: `paper`, `all`, a list of ids, ranges `A-B` (inclusive) and, for spaces
 * with named architectures, names; or `@FILE`, such a list read from a file. Items are separated
 * by commas or line breaks (and blanks, where an item is not a name containing them). Order is
 * kept; an id given twice is an error or kept once ({@link IdOptions.duplicates}).
 */
export function parseIds(spec: string, space: IdSource, options: IdOptions | string = {}): number[] {
  const opts: IdOptions = typeof options === 'string' ? { flag: options } : options; // a string: the flag (older API)
  const flag = opts.flag ?? '--ids';
  let text = spec.trim();
  if (text.startsWith('@')) {
    const file = text.slice(1);
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch {
      throw new UserError(`cannot read id file '${file}'`, { field: flag });
    }
  }
  if (text === 'all') return Array.from({ length: space.size }, (_, i) => i);
  if (text === 'paper') {
    if (!space.paperIds) throw new UserError(`space ${space.name} has no paper id list (use all or a list)`, { field: flag });
    return [...space.paperIds];
  }
  const byLabel = new Map<string, number>();
  let named = false; // some label is not just the id
  if (space.label)
    for (let i = 0; i < space.size; i++) {
      const l = space.label(i);
      byLabel.set(l, i);
      if (l !== String(i)) named = true;
    }
  const tokens: string[] = [];
  for (const item of text.split(/[,\r\n]+/)) {
    const tok = item.trim();
    if (tok === '') continue;
    if (byLabel.has(tok)) tokens.push(tok);
    else for (const t of tok.split(/\s+/)) tokens.push(t); // (no spread: one line may hold a million ids)
  }
  if (tokens.length === 0) throw new UserError(`no architecture ids in '${spec}'`, { field: flag });
  const out: number[] = [];
  const seen = new Set<number>();
  const add = (id: number, tok: string): void => {
    if (seen.has(id)) {
      if (opts.duplicates === 'merge') return;
      throw new UserError(`id ${tok} given twice`, { field: flag });
    }
    seen.add(id);
    out.push(id);
  };
  const range = `ids 0..${space.size - 1}`;
  for (const tok of tokens) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(tok);
    if (byLabel.has(tok)) {
      add(byLabel.get(tok)!, tok);
    } else if (m && m[2] === undefined) {
      const id = Number(tok);
      if (id >= space.size) throw new UserError(`id ${tok} out of range: ${space.name} has ${range}`, { field: flag });
      add(id, tok);
    } else if (m) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a > b) throw new UserError(`'${tok}' out of range (an empty range: start after end)`, { field: flag });
      if (b >= space.size) throw new UserError(`'${tok}' out of range: ${space.name} has ${range}`, { field: flag });
      for (let i = a; i <= b; i++) add(i, String(i));
    } else {
      const names = named ? ', a name' : '';
      throw new UserError(`'${tok}' is not an id or range A-B${names}, all or paper`, { field: flag });
    }
  }
  return out;
}
