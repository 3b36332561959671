/**
 * No output over an input: an output file that IS one of the run's input files (the same file by
 * device and inode: also through `./x`, an absolute path, a symlink or a hard link), or two
 * outputs that are one file, or standard output redirected to such a file, would destroy data
 * (`maestro --Mapping_file a.m --out a.m` appended CSV rows to the mapping). Refused, before any
 * work, in one line naming both flags.
 */
import { fstatSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { STDOUT_PATH } from './output-file.js';

/** A flag and the file it names (undefined / '-' entries are skipped). */
export type NamedFile = readonly [flag: string, file: string | undefined];

/** `dev:ino` of an existing file, undefined when there is none. */
function fileId(file: string): string | undefined {
  try {
    const s = statSync(file);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * `dev:ino` of standard output when it is a regular file (`> out.json`), a pipe or a socket
 * (`| cat`: then `/dev/stdout` names it too), else undefined (a terminal, /dev/null).
 */
function stdoutId(): { id: string; file: boolean } | undefined {
  try {
    const s = fstatSync(1);
    return s.isFile() || s.isFIFO() || s.isSocket() ? { id: `${s.dev}:${s.ino}`, file: s.isFile() } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refuse outputs that would overwrite an input or each other. `stdout`: the run writes to
 * standard output (e.g. `--out -`, or a report), so a redirection of it onto an input or an output
 * file is refused too.
 */
export function refuseOutputsOverInputs(outputs: readonly NamedFile[], inputs: readonly NamedFile[], stdout = false): void {
  const known = new Map<string, string>(); // file id -> 'the input of --flag' / 'the output of --flag'
  for (const [flag, file] of inputs) {
    if (file === undefined || file === STDOUT_PATH || file === '') continue;
    const id = fileId(file);
    if (id !== undefined && !known.has(id)) known.set(id, `the input ${flag} ${file}`);
  }
  for (const [flag, file] of outputs) {
    if (file === undefined || file === STDOUT_PATH || file === '') continue;
    const id = fileId(file);
    if (id === undefined) continue; // a new file: no input is it
    const other = known.get(id);
    if (other) throw new UserError(`${file} is also ${other}: writing it would destroy that file; give ${flag} another file`, { field: flag });
    known.set(id, `the output ${flag} ${file}`);
  }
  const out = stdout ? stdoutId() : undefined;
  const other = out === undefined ? undefined : known.get(out.id);
  if (other && !out!.file && other.startsWith('the output')) {
    // `--csv /dev/stdout` into a pipe the JSON goes to as well: two outputs run together
    const flag = outputs.find(([f, file]) => file !== undefined && file !== STDOUT_PATH && file !== '' && fileId(file) === out!.id)?.[0];
    throw new UserError(`${other.replace(/^the output \S+ /, '')} is standard output, which this run writes to as well: the two would run together; give ${flag ?? 'it'} a file`, { field: flag });
  }
  if (other && out!.file) throw new UserError(`standard output is redirected to ${other}: the two would overwrite each other; redirect it elsewhere`);
  // (a pipe or socket that is also an input, e.g. one socket as stdin and stdout: reading it is fine)
}

/**
 * Refuse a file flag given an empty value (`--HW_file ''` ran on the default hardware, `--out ''`
 * wrote to standard output, `--evaluator ''` used the built-in model: as if it were not given).
 * `flags`: [flag, value] pairs.
 */
export function refuseEmptyPaths(flags: readonly (readonly [flag: string, value: unknown])[]): void { // (flags that take a file)
  for (const [flag, value] of flags)
    if (typeof value === 'string' && value.trim() === '') throw new UserError(`expected a file name, got an empty value`, { field: flag });
}
