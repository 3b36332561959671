/**
 * One run at a time per checkpoint file: `<checkpoint>.lock` holds the owner's process id while a
 * run has the checkpoint open. Two runs appending to one file would interleave and truncate each
 * other's lines; the second run is refused with one line instead. A lock left by a run that died
 * (kill -9, power loss: its process is gone) is taken over, so resuming after a crash just works.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';

/** Is process `pid` alive (on this machine)? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

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
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        return new CheckpointLock(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      let owner = NaN;
      try {
        owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      } catch {
        continue; // removed meanwhile: try again
      }
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner))
        throw new UserError(`checkpoint is in use by another run (process ${owner}, lock ${path}): wait for it to finish, or give another --checkpoint file`, {
          file,
          field: '--checkpoint',
        });
      try {
        unlinkSync(path); // stale: its run is gone
      } catch {
        /* another run took it over first: the next attempt sees its lock */
      }
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
