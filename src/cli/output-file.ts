/**
 * Writing an output file in chunks (large CSVs are never one string), safely: a file is replaced
 * only once it is complete, and an append that does not finish is taken back.
 *
 * - Replacing (`'w'`) a regular file, or creating one: the chunks go to a temporary file in the
 *   same directory (`.<name>.<pid>.<n>.tmp`, the old file's permissions), renamed over the file
 *   at the end. An error, an exception of the producer or an interruption removes the temporary
 *   file: the old file stays as it was (or absent). A symbolic link is followed (its target is
 *   replaced); a file this process may not write is refused as before (EACCES). Temporary files
 *   of earlier writes of the same file whose process died (killed by a signal mid-write) are
 *   removed by the next write. Where no temporary file can be made (a read-only directory) and for anything but
 *   a regular file (`/dev/null`, a FIFO), the file is written in place, as before.
 * - Appending (`'a'`, MAESTRO's mode): the file's size is noted first; an error, an exception or
 *   an interruption truncates it back to that size.
 */
import { accessSync, constants as fsConstants, closeSync, fchmodSync, fstatSync, ftruncateSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { writeFully } from '../write-fully.js';
import path from 'node:path';
import { UserError } from '../errors.js';
import { processAlive } from '../process-alive.js';

/** The output path that means standard output (`--out -`). */
export const STDOUT_PATH = '-';

/** An output file being written ({@link openOutputFile}). */
export interface OutputFile {
  /** Write a chunk. Throws an I/O error as it is (a closed pipe, EPIPE, drops the rest quietly). */
  write(chunk: string): void;
  /** Finish: the chunks become the file's content (replace) or its new end (append). */
  commit(): void;
  /** Give up: returns true when the file was left as it was before (false: written in place, not undone). */
  abort(): boolean;
}

/** Counter of this process's temporary files (their names stay distinct). */
let tempCount = 0;

/**
 * Open `file` for writing: `flags` 'w' to replace it (or create it), 'a' to append to it. The
 * chunks written only count once {@link OutputFile.commit} is called; {@link OutputFile.abort}
 * leaves the file as it was (see the module comment). An error opening it is thrown as it is.
 */
export function openOutputFile(file: string, flags: 'w' | 'a'): OutputFile {
  if (flags === 'a') return appendingFile(file);
  const target = replaceTarget(file);
  if (target !== null) {
    removeStaleTemps(target.path);
    const tmp = path.join(path.dirname(target.path), `.${path.basename(target.path)}.${process.pid}.${++tempCount}.tmp`);
    let fd: number | undefined;
    try {
      fd = openSync(tmp, 'wx');
      if (target.mode !== undefined) fchmodSync(fd, target.mode);
    } catch {
      if (fd !== undefined) discard(fd, tmp);
      fd = undefined; // no temporary file here (read-only directory, name too long): in place
    }
    if (fd !== undefined) return replacingFile(fd, tmp, target.path);
  }
  const fd = openSync(file, 'w');
  return { write: chunkWriter(fd), commit: () => closeSync(fd), abort: () => (closeQuietly(fd), false) };
}

/**
 * The regular file that replacing `file` replaces (a link followed), with its permissions; a new
 * file without them. Null for anything else (a device, a FIFO, a directory, a dangling link):
 * written in place (an error, if any, is opening's).
 */
function replaceTarget(file: string): { path: string; mode?: number } | null {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return null;
    try {
      lstatSync(file);
      return null; // a dangling link: opening creates its target, as before
    } catch {
      return { path: file }; // a new file (or a missing directory: opening says so)
    }
  }
  try {
    const st = statSync(real);
    if (!st.isFile()) return null;
    accessSync(real, fsConstants.W_OK); // a read-only file stays refused (EACCES on opening), not replaced
    return { path: real, mode: st.mode & 0o7777 };
  } catch {
    return null;
  }
}

/**
 * Remove the temporary files of earlier writes of `target` whose process is gone: a write that a
 * signal killed outright (no handler: `search --csv`, `evaluate --out`) leaves its temporary file
 * behind; the next write of the same file clears it.
 */
function removeStaleTemps(target: string): void {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const m = /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length));
    const pid = m ? Number(m[1]) : NaN;
    if (m && pid !== process.pid && !processAlive(pid)) removeQuietly(path.join(dir, name)); // (this process's own: in use)
  }
}

/** Writing to temporary file `tmp` (open as `fd`), renamed over `target` on commit. */
function replacingFile(fd: number, tmp: string, target: string): OutputFile {
  let open = true;
  return {
    write: chunkWriter(fd),
    commit: () => {
      open = false;
      try {
        closeSync(fd);
        renameSync(tmp, target);
      } catch (e) {
        removeQuietly(tmp);
        throw e;
      }
    },
    abort: () => {
      if (open) discard(fd, tmp);
      open = false;
      return true;
    },
  };
}

/** Appending to `file`; abort truncates it back to its size at opening. */
function appendingFile(file: string): OutputFile {
  const fd = openSync(file, 'a');
  let size = -1; // not a regular file: nothing to take back
  try {
    const st = fstatSync(fd);
    if (st.isFile()) size = st.size;
  } catch {
    // left at -1
  }
  return {
    write: chunkWriter(fd),
    commit: () => closeSync(fd),
    abort: () => {
      let restored = false;
      if (size >= 0) {
        try {
          ftruncateSync(fd, size);
          restored = true;
        } catch {
          // restored stays false: the caller says the file is incomplete
        }
      }
      closeQuietly(fd);
      return restored;
    },
  };
}

/** Writes chunks to `fd`; a closed pipe (EPIPE: `/dev/stdout | head`) drops the rest quietly. */
function chunkWriter(fd: number): (chunk: string) => void {
  let closed = false;
  return (chunk) => {
    if (closed) return;
    try {
      writeFully(fd, chunk);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
      closed = true;
    }
  };
}

function discard(fd: number, tmp: string): void {
  closeQuietly(fd);
  removeQuietly(tmp);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed or failing: nothing more to do
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // gone already
  }
}

/**
 * Open `file` for writing (`-`: standard output, see {@link STDOUT_PATH}) (`flags` 'w' to replace, 'a' to append), hand `produce` a function that
 * writes a chunk, and close the file. The file changes only when `produce` returns: until then
 * a replaced file is a temporary one, and an append that fails is truncated back (see
 * {@link openOutputFile}). A pipe whose reader stops early (`/dev/stdout | head`, EPIPE) drops
 * the rest quietly; any other error (opening or writing), and an exception of `produce`, is
 * thrown as it is, for the caller to report, the file left as it was.
 */
export function writeFileInChunks(file: string, flags: 'w' | 'a', produce: (write: (chunk: string) => void) => void): void {
  if (file === STDOUT_PATH) {
    // A closed pipe (`| head`) is not an error: see stdout.ts.
    produce((chunk) => void process.stdout.write(chunk));
    return;
  }
  const out = openOutputFile(file, flags);
  try {
    produce((chunk) => out.write(chunk));
  } catch (e) {
    out.abort();
    throw e;
  }
  out.commit();
}

/** How {@link writeFileInChunksInterruptible} ended. */
export type InterruptibleWrite =
  | { interrupted: false }
  /** Stopped by a signal; `restored`: the file is as it was before (false: written in place, e.g. a FIFO). */
  | { interrupted: true; signal: NodeJS.Signals; restored: boolean };

/** The signals that interrupt {@link writeFileInChunksInterruptible}. */
export const INTERRUPT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * {@link writeFileInChunks} for a long write that Ctrl-C (SIGINT) or SIGTERM may interrupt: the
 * chunks are written one at a time, the event loop runs between them, and a signal received
 * meanwhile stops the write before the next chunk and leaves the file as it was (see
 * {@link openOutputFile}); the caller reports it (exit 130). The signals are caught only during
 * the write. `-` (standard output) is written at once, as by {@link writeFileInChunks}. Errors are
 * thrown as there, the file left as it was.
 */
export async function writeFileInChunksInterruptible(file: string, flags: 'w' | 'a', chunks: Iterable<string>): Promise<InterruptibleWrite> {
  if (file === STDOUT_PATH) {
    for (const chunk of chunks) process.stdout.write(chunk);
    return { interrupted: false };
  }
  let signal: NodeJS.Signals | undefined;
  const onSignal = (s: NodeJS.Signals): void => {
    signal ??= s;
  };
  for (const s of INTERRUPT_SIGNALS) process.on(s, onSignal);
  try {
    const out = openOutputFile(file, flags);
    try {
      for (const chunk of chunks) {
        if (signal !== undefined) break;
        out.write(chunk);
        await new Promise<void>((resolve) => setImmediate(resolve)); // a signal is handled here
      }
    } catch (e) {
      out.abort();
      throw e;
    }
    if (signal !== undefined) return { interrupted: true, signal, restored: out.abort() };
    out.commit();
    return { interrupted: false };
  } finally {
    for (const s of INTERRUPT_SIGNALS) process.removeListener(s, onSignal);
  }
}

/** Fail fast (before any work) when `--out FILE` cannot be written: missing or non-directory parent, or FILE a directory. */
export function checkOutPath(file: string, field = '--out'): void {
  const dir = path.dirname(path.resolve(file));
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new UserError(`cannot write file: directory ${dir} does not exist`, { file, field });
  }
  if (!st.isDirectory()) throw new UserError(`cannot write file: ${dir} is not a directory`, { file, field });
  try {
    if (statSync(file).isDirectory()) throw new UserError('cannot write file: it is a directory', { file, field });
  } catch (e) {
    if (e instanceof UserError) throw e; // a missing file is fine
  }
}
