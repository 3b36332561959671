/**
 * The output flags of `codesign search` checked before any work: each file writable, no two
 * outputs on one file (or both on standard output), no output over one of the run's inputs.
 */
import { resolve as resolvePath } from 'node:path';
import { UserError } from '../../errors.js';
import { refuseOutputsOverInputs, type NamedFile } from '../inputs-outputs.js';
import { checkOutPath, STDOUT_PATH } from '../output-file.js';
import { BUILTIN_DATAFLOWS } from '../../accelerators/accelerators.js';
import type { SearchSpace } from '../../search/spaces.js';
import { idsFile } from '../../spaces/space.js';
import { BUILTIN_SPACES as BUILTIN_SPACE_NAMES } from '../../spaces/index.js';
import type { SearchCliOptions } from './options.js';

/** Spaces shipped with the package (fixed data: no digest needed). */
const BUILTIN_SPACES = new Set<string>(BUILTIN_SPACE_NAMES);

/** The output flags of `codesign search`, in the order they are written. */
const OUTPUT_FLAGS = [
  ['out', '--out'],
  ['csv', '--csv'],
  ['report', '--report'],
  ['checkpoint', '--checkpoint'],
] as const;

/**
 * The files a search reads, by flag: the space file (and the model files it names), an `@FILE`
 * id list, the quality CSV, accelerator / proxy / dataflow files, the evaluator module. Keywords
 * (`nb301`, `rs`, `default`, `paper`) are left out: a file of that name is not what they mean.
 */
function searchInputFiles(opts: SearchCliOptions, space: SearchSpace): NamedFile[] {
  const keywords = new Set([...BUILTIN_SPACES, 'paper', 'grid', 'default', 'per-dataflow', 'accuracy', 'flops', 'params', ...BUILTIN_DATAFLOWS]);
  const list = (flag: string, spec: string | undefined) => (spec ?? '').split(',').map((s) => [flag, s.trim()] as const);
  const out: NamedFile[] = [['--space', space.name], ...(space.files ?? []).map((f) => ['--space', f] as const), ['--ids', idsFile(opts.ids)], ['--quality', opts.quality], ['--accelerators', opts.accelerators], ['--evaluator', opts.evaluator]];
  out.push(...list('--dataflows', opts.dataflows));
  // a proxy FILE, or FILE/DATAFLOW (either side may be a file)
  for (const [flag, p] of list('--proxy', opts.proxy)) {
    out.push([flag, p]);
    for (let i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) out.push([flag, p.slice(0, i)], [flag, p.slice(i + 1)]);
  }
  return out.filter(([, f]) => f === undefined || !keywords.has(f));
}

/**
 * Fail fast, before any work, when an output file cannot be written (missing or non-directory
 * parent, a directory given as file: `checkOutPath`) or when two output flags name
 * the same file (one would overwrite the other, e.g. the checkpoint).
 */
export function checkOutputPaths(opts: Pick<SearchCliOptions, 'out' | 'csv' | 'report' | 'checkpoint'>): void {
  const seen = new Map<string, string>();
  for (const [key, flag] of OUTPUT_FLAGS) {
    const file = opts[key];
    if (file === undefined) continue;
    if (file === STDOUT_PATH) {
      // '-' = standard output, for one of --out / --csv / --report (a checkpoint must be a file).
      if (key === 'checkpoint') throw new UserError("the checkpoint must be a file, not '-' (standard output)", { field: flag });
      const other = seen.get(STDOUT_PATH);
      if (other) throw new UserError(`standard output is already taken by ${other}: give one of them a file`, { field: flag });
      seen.set(STDOUT_PATH, flag);
      continue;
    }
    checkOutPath(file, flag);
    const abs = resolvePath(file);
    const other = seen.get(abs);
    if (other) throw new UserError(`same file as ${other}: give each output its own file`, { file, field: flag });
    seen.set(abs, flag);
  }
}

/**
 * Check the output flags of a search over `space` before any work: {@link checkOutputPaths}, then
 * no output over one of its input files (nor standard output redirected onto one, when the run
 * writes to it: the JSON without --out, or an output given as '-').
 */
export function checkSearchOutputs(opts: SearchCliOptions, space: SearchSpace): void {
  checkOutputPaths(opts);
  refuseOutputsOverInputs(
    OUTPUT_FLAGS.map(([key, flag]) => [flag, opts[key]] as const),
    searchInputFiles(opts, space),
    opts.out === undefined || OUTPUT_FLAGS.some(([key]) => opts[key] === STDOUT_PATH),
  );
}
