/**
 * Architecture spaces: a numbered set of architectures, each a list of accelerator layers,
 * with optional per-architecture figures (accuracy, FLOPs, parameters).
 */
import type { Layer } from '../model/types.js';
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

/**
 * Parse an `--ids` value: `paper`, `all`, or a comma list of ids, ranges `A-B` (inclusive) and,
 * for spaces with named architectures, names. Order is kept; duplicates are an error.
 */
export function parseIds(spec: string, space: ArchitectureSpace, flag = '--ids'): number[] {
  const s = spec.trim();
  if (s === 'all') return Array.from({ length: space.size }, (_, i) => i);
  if (s === 'paper') {
    if (!space.paperIds) throw new UserError(`space ${space.name} has no paper id list (use all or a list)`, { field: flag });
    return [...space.paperIds];
  }
  const out: number[] = [];
  const seen = new Set<number>();
  const add = (id: number, tok: string): void => {
    if (seen.has(id)) throw new UserError(`id ${tok} given twice`, { field: flag });
    seen.add(id);
    out.push(id);
  };
  const byLabel = new Map<string, number>();
  for (let i = 0; i < space.size; i++) byLabel.set(space.label(i), i);
  for (const raw of s.split(',')) {
    const tok = raw.trim();
    if (tok === '') throw new UserError(`empty id in '${spec}'`, { field: flag });
    const range = /^(\d+)-(\d+)$/.exec(tok);
    if (byLabel.has(tok)) {
      add(byLabel.get(tok)!, tok);
    } else if (/^\d+$/.test(tok)) {
      const id = Number(tok);
      if (id >= space.size) throw new UserError(`id ${tok} out of range: ${space.name} has ids 0..${space.size - 1}`, { field: flag });
      add(id, tok);
    } else if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (a > b || b >= space.size) throw new UserError(`bad range ${tok}: ${space.name} has ids 0..${space.size - 1}`, { field: flag });
      for (let i = a; i <= b; i++) add(i, String(i));
    } else {
      throw new UserError(`'${tok}' is not an id, a range A-B, all or paper`, { field: flag });
    }
  }
  return out;
}
