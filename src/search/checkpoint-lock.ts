/**
 * One run at a time per checkpoint file: `<checkpoint>.lock` holds the owner's process id while a
 * run has the checkpoint open. Two runs appending to one file would interleave and truncate each
 * other's lines; the second run is refused with one line instead. A lock left by a run that died
 * (kill -9, power loss: its process is gone) is taken over, so resuming after a crash just works.
 */
import { accessSync, constants, linkSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { processAlive } from '../process-alive.js';

/**
 * Create the lock holding this process's id, atomically with its content (written to a unique
 * file first, then hard-linked to the lock's name: a reader never sees an empty lock). False when
 * a lock exists.
 */
function create(path: string): boolean {
  const tmp = `${path}.${process.pid}.${++tempCount}.tmp`;
  try {
    writeFileSync(tmp, `${process.pid}\n`); // (a full disk: the empty file it made is removed below)
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* never made */
    }
  }
}

/** The process id a lock names: NaN when unreadable / garbled (a stale lock), undefined when gone. */
function ownerOf(path: string): number | undefined {
  try {
    const n = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(n) && n > 0 ? n : NaN;
  } catch {
    return undefined;
  }
}

/**
 * Remove a stale lock (owner `stale`, dead) without ever removing a fresh one. Only the holder of
 * `<lock>.takeover` (created as a lock is) removes a lock, and only after reading it again as the
 * stale owner's: a fresh lock can only be made where none is, so what it removes is the stale
 * one. (Moving the lock aside and back, as before, left a moment without a lock in which a third
 * run could make its own while the first still held one: two holders.) A takeover guard left by a
 * run that died taking over is moved aside, the only step that is not exclusive, and so needs a
 * run to die within that instant.
 */
function takeOver(path: string, stale: number): void {
  const guard = `${path}.takeover`;
  if (!create(guard)) {
    const owner = ownerOf(guard);
    if (owner !== undefined && !(owner > 0 && processAlive(owner))) removeAside(guard); // its taker died
    return; // another run is taking over: try again
  }
  try {
    const now = ownerOf(path);
    const same = now === stale || (now !== undefined && Number.isNaN(now) && Number.isNaN(stale));
    if (same) unlinkSync(path);
  } catch {
    /* gone already */
  } finally {
    try {
      unlinkSync(guard);
    } catch {
      /* gone */
    }
  }
}

/** Remove `file` by moving it aside first (so that a concurrent remover cannot remove another). */
function removeAside(file: string): void {
  const aside = `${file}.${process.pid}.${++tempCount}.stale`;
  try {
    renameSync(file, aside);
    unlinkSync(aside);
  } catch {
    /* gone already */
  }
}

/** Wait `ms` milliseconds (synchronously: lock taking is synchronous). */
function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Counter of this process's temporary lock names. */
let tempCount = 0;

/** Lock files held by this process (two runs in one process, e.g. library calls, share its pid). */
const held = new Set<string>();

/**
 * The lock file of checkpoint `file`, named after the file's real path: a checkpoint reached
 * through a symlink (or a symlinked folder) has the lock of its target, so two runs cannot append
 * to one file under two names. A file with other hard links (another name no path resolves to)
 * is refused.
 */
function lockPathOf(file: string): string {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    // Not made yet (or a dangling link): its folder's real path and its name.
    try {
      real = join(realpathSync(dirname(resolve(file))), basename(file));
    } catch {
      real = resolve(file);
    }
  }
  let links = 1;
  try {
    links = statSync(real).nlink;
  } catch {
    /* not made yet */
  }
  if (links > 1)
    throw new UserError(`checkpoint file has ${links} hard links: a run under another of its names could append to it at the same time; give a file with one name`, { file, field: '--checkpoint' });
  // A symlink into a folder this process cannot write to (the checkpoint itself writable): the lock
  // next to the name given, as before (two names of it are then not locked against each other).
  try {
    accessSync(dirname(real), constants.W_OK);
  } catch {
    return resolve(`${file}.lock`);
  }
  return `${real}.lock`;
}

/** A held checkpoint lock. */
export class CheckpointLock {
  private released = false;
  private constructor(readonly path: string) {
    held.add(path);
  }

  /** Take the lock of checkpoint `file` (UserError when another live run holds it). */
  static acquire(file: string): CheckpointLock {
    const path = lockPathOf(file);
    if (held.has(path))
      throw new UserError(`checkpoint is in use by another run in this process (lock ${path}): give another --checkpoint file`, { file, field: '--checkpoint' });
    for (let attempt = 0; attempt < 50; attempt++) {
      if (attempt >= 5) sleepMs(2 * attempt); // (others are taking over a stale lock: let them)
      if (create(path)) return new CheckpointLock(path);
      const owner = ownerOf(path);
      if (owner === undefined) continue; // removed meanwhile: try again
      if (owner !== process.pid && owner > 0 && processAlive(owner))
        throw new UserError(
          `checkpoint is in use by another run (process ${owner}, lock ${path}): wait for it to finish, or give another --checkpoint file (delete the lock if no run uses it)`,
          { file, field: '--checkpoint' },
        );
      takeOver(path, owner);
    }
    throw new UserError(`cannot take the lock ${path} (other runs keep taking it)`, { file, field: '--checkpoint' });
  }

  /** Release the lock (idempotent). */
  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this.path);
    try {
      unlinkSync(this.path);
    } catch {
      /* already gone */
    }
  }
}
