/**
 * Architecture spaces: a numbered set of architectures, each a list of accelerator layers,
 * with optional per-architecture figures (accuracy, FLOPs, parameters).
 */
import type { Layer, MappedNetwork } from '../model/types.js';
import { UserError, echoInput, withField } from '../errors.js';

export { echoInput };
import { readInputFile } from '../parse/load.js';
import { splitLines } from '../parse/lines.js';

/** A per-architecture figure shipped with a space (e.g. accuracy). */
export interface SpaceColumn {
  /** Output column name: `accuracy`, `flops`, `params`. */
  name: string;
  /** What it is, with unit. */
  description: string;
  /** Value per architecture id. */
  values: ArrayLike<number>;
}

/**
 * A numbered set of architectures (ids 0..size-1), as `getSpace` returns it: `layers(id)`,
 * `label(id)`, `paperIds`, and `columns`, its per-architecture figures (accuracy, flops, params
 * where the space has them). It has no `quality` field: a search's quality is one column's values,
 * e.g. `Float64Array.from(ids, (id) => space.columns.find((c) => c.name === 'flops')!.values[id])`.
 */
export interface ArchitectureSpace {
  /** `nb301`, `alphanet`, `classic`, or the file it was read from. */
  name: string;
  /** Number of architectures (ids 0..size-1). */
  size: number;
  /** Label of architecture `id` in outputs: the number, or the network name. */
  label(id: number): string;
  /** Accelerator layers of architecture `id` (a fresh array). */
  layers(id: number): Layer[];
  /** The ids the paper evaluated, in its order (`--ids paper`), if the space has them. */
  paperIds?: readonly number[];
  /** Per-architecture figures. */
  columns: SpaceColumn[];
  /**
   * Architecture `id` with the dataflows its file gives each layer (a MAESTRO mapping file);
   * absent when the space has no dataflows of its own. `evaluate` uses them unless a dataflow
   * flag is given.
   */
  mapping?(id: number): MappedNetwork;
  /** Further files the space was read from (the model files an `{"architectures"}` file names). */
  files?: readonly string[];
}

/** The file an `--ids @FILE` value names, or undefined for a list. */
export function idsFile(spec: string | undefined): string | undefined {
  const t = spec?.trim();
  return t?.startsWith('@') ? t.slice(1) : undefined;
}

/** What {@link parseIds} needs of a space: its size, name, paper ids and, if named, labels. */
export interface IdSource {
  /** Space name (for messages). */
  name: string;
  /** Number of ids (0..size-1). */
  size: number;
  /** The ids `paper` stands for; absent: every id. */
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
 * kept; an id given twice is an error or kept once ({@link IdOptions.duplicates}). `paper` is the
 * space's paper list, or every id of a space that has none (a file), as `all`.
 *
 * In a file, blank lines and lines starting with `#` (comments) are skipped, and errors name the
 * file and line (`ids.txt:3: --ids: 'x' is not an id ...`). Echoed items have their control
 * characters escaped ({@link echoInput}).
 */
export function parseIds(spec: string, space: IdSource, options: IdOptions | string = {}): number[] {
  const opts: IdOptions = typeof options === 'string' ? { flag: options } : options; // a string: the flag (older API)
  const flag = opts.flag ?? '--ids';
  let text = spec.trim();
  let file: string | undefined;
  if (text.startsWith('@')) {
    file = text.slice(1);
    text = readIdFile(file, flag);
  }
  const byLabel = new Map<string, number>();
  let named = false; // some label is not just the id
  if (space.label)
    for (let i = 0; i < space.size; i++) {
      const l = space.label(i);
      byLabel.set(l, i);
      if (l !== String(i)) named = true;
    }
  // Items and (in a file) their lines. (No spread: one line may hold a million ids.)
  const tokens: string[] = [];
  const lineOf: number[] = [];
  const lines = splitLines(text); // CRLF, CR or LF
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (file !== undefined && /^\s*#/.test(line)) continue; // a comment line
    // (a whole line that is a name is that name, also one with commas: `a,b` on a line of its own)
    for (const item of line.includes(',') && !byLabel.has(line.trim()) ? line.split(',') : [line]) {
      const tok = item.trim();
      if (tok === '') continue;
      if (!/\s/.test(tok) || byLabel.has(tok)) {
        tokens.push(tok);
        lineOf.push(i + 1);
      } else
        for (const t of tok.split(/\s+/)) {
          tokens.push(t);
          lineOf.push(i + 1);
        }
    }
  }
  const at = (k: number) => (file === undefined ? { field: flag } : { file, line: lineOf[k], field: flag });
  if (tokens.length === 0) {
    if (file !== undefined) throw new UserError('no architecture ids in the file', { file, field: flag });
    throw new UserError(`no architecture ids in '${echoInput(spec)}'`, { field: flag });
  }
  if (tokens.length === 1 && tokens[0] === 'all') return Array.from({ length: space.size }, (_, i) => i);
  if (tokens.length === 1 && tokens[0] === 'paper') return space.paperIds ? [...space.paperIds] : Array.from({ length: space.size }, (_, i) => i);
  const out: number[] = [];
  const merge = opts.duplicates === 'merge';
  const seen = new IdSet(space.size);
  const range = `ids 0..${space.size - 1}`;
  tokens.forEach((tok, k) => {
    const add = (id: number, shown: string): void => {
      if (seen.has(id)) {
        if (merge) return;
        // (which network it is: its position when `shown` is a name, its name when it has one)
        const label = space.label?.(id);
        const which = [shown !== String(id) ? `network ${id}` : '', label !== undefined && label !== shown && label !== String(id) ? `'${echoInput(label)}'` : ''].filter((x) => x !== '');
        throw new UserError(`id ${shown}${which.length ? ` (${which.join(', ')})` : ''} given twice`, at(k));
      }
      seen.add(id);
      out.push(id);
    };
    const m = /^(\d+)(?:-(\d+))?$/.exec(tok);
    if (byLabel.has(tok)) {
      add(byLabel.get(tok)!, echoInput(tok));
    } else if (m && m[2] === undefined) {
      const id = Number(tok);
      if (id >= space.size) throw new UserError(`id ${echoInput(tok)} out of range: ${space.name} has ${range}`, at(k));
      add(id, tok);
    } else if (m) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a > b) throw new UserError(`'${echoInput(tok)}' out of range (an empty range: start after end)`, at(k));
      if (b >= space.size) throw new UserError(`'${echoInput(tok)}' out of range: ${space.name} has ${range}`, at(k));
      if (merge) {
        // Only the ids of the range not taken yet: a range costs its new ids, not its length.
        for (let i = seen.nextFree(a); i <= b; i = seen.nextFree(i + 1)) {
          seen.add(i);
          out.push(i);
        }
      } else for (let i = a; i <= b; i++) add(i, String(i)); // stops at the first id taken: every id before it is new
    } else {
      if (tok === 'all' || tok === 'paper') throw new UserError(`'${tok}' stands alone: it cannot be part of a list`, at(k));
      const names = named ? ', a name' : '';
      throw new UserError(`'${echoInput(tok)}' is not an id or range A-B${names}, all or paper`, at(k));
    }
  });
  return out;
}

/**
 * The ids taken so far of a space of `size` ids, with the first free id at or after any id in
 * near-constant amortized time (a union-find whose classes are runs of taken ids, each pointing
 * past its run), so that merging overlapping ranges costs the number of new ids, not their lengths.
 */
export class IdSet {
  /** `next[i] === i`: id i is free; otherwise a pointer to a later id, on the way to the next free one. */
  private readonly next: Int32Array;

  /** An empty set of the ids `0..size-1`. */
  constructor(readonly size: number) {
    this.next = new Int32Array(size + 1); // next[size] = size: the sentinel, never taken
    for (let i = 0; i <= size; i++) this.next[i] = i;
  }

  /** True when `id` (0..size-1) has been added. */
  has(id: number): boolean {
    return this.next[id] !== id;
  }

  /** Take `id` (0..size-1). */
  add(id: number): void {
    if (this.next[id] === id) this.next[id] = id + 1;
  }

  /** The smallest free id >= `from` (0..size), or `size` when every id from there on is taken. */
  nextFree(from: number): number {
    const next = this.next;
    let root = from;
    while (next[root] !== root) root = next[root];
    for (let i = from; next[i] !== i; ) {
      const j = next[i];
      next[i] = root; // path compression
      i = j;
    }
    return root;
  }
}

/** The text of an id file (`@FILE`): size limit and text checks of every input file. */
function readIdFile(file: string, flag: string): string {
  try {
    return readInputFile(file).replace(/^\uFEFF/, '');
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const io = /^cannot read file \((.*)\)$/.exec(e.reason);
    if (io) throw new UserError(`cannot read id file '${echoInput(file)}' (${io[1]})`, { field: flag });
    throw withField(e, flag); // a directory, too large, not text (file:line:col)
  }
}

/**
 * `id` when it numbers an architecture of a space of `size` (0..size-1); else a RangeError naming
 * the space (not a property read of undefined deep in a layer builder).
 */
export function spaceId(space: string, size: number, id: number): number {
  if (Number.isInteger(id) && id >= 0 && id < size) return id;
  throw new RangeError(`architecture ${typeof id === 'number' ? id : `${typeof id} ${String(id)}`} is not in space ${space} (ids 0..${size - 1})`);
}
