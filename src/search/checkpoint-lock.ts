/**
 * One run at a time per checkpoint file: `<checkpoint>.lock` holds the owner's process id while a
 * run has the checkpoint open. Two runs appending to one file would interleave and truncate each
 * other's lines; the second run is refused with one line instead. A lock left by a run that died
 * (kill -9, power loss: its process is gone) is taken over, so resuming after a crash just works.
 */
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
 * Remove a stale lock (owner `stale`, dead) without removing a fresh one another run has made
 * meanwhile: move it aside under a unique name (atomic), check what was moved, and put a fresh
 * lock back if that is what it was.
 */
function takeOver(path: string, stale: number): void {
  const aside = `${path}.${process.pid}.${++tempCount}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // gone already (another run took it over): try again
  }
  const moved = ownerOf(aside);
  const same = moved === stale || (Number.isNaN(moved) && Number.isNaN(stale));
  if (!same) {
    try {
      linkSync(aside, path); // another run's fresh lock: back in place (unless yet another exists)
    } catch {
      /* a lock exists again: the next attempt sees it */
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    /* gone */
  }
}

/** Counter of this process's temporary lock names. */
let tempCount = 0;

/** Lock files held by this process (two runs in one process, e.g. library calls, share its pid). */
const held = new Set<string>();

/** A held checkpoint lock. */
export class CheckpointLock {
  private released = false;
  private constructor(readonly path: string) {
    held.add(path);
  }

  /** Take the lock of checkpoint `file` (UserError when another live run holds it). */
  static acquire(file: string): CheckpointLock {
    const path = resolve(`${file}.lock`);
    if (held.has(path))
      throw new UserError(`checkpoint is in use by another run in this process (lock ${path}): give another --checkpoint file`, { file, field: '--checkpoint' });
    for (let attempt = 0; attempt < 5; attempt++) {
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
