/**
 * Append-only checkpoint of finished evaluations: one JSON line per finished batch, written with one
 * write(2) before the batch counts as done (so a killed process loses nothing), fsync'd at most every
 * 100 ms and on close (so an OS crash loses at most the last 100 ms).
 *
 * Line 1: `{"codesignCheckpoint":1,"space":"..."}`. Then `{"k":KEY,"ids":[...],"lat":[...],"en":[...]}`
 * (KEY = accelerator key; `null` = infeasible). A run killed mid-write leaves at most one partial
 * last line: it is dropped (and the file truncated to the last complete line) on reopen. While a
 * run has it open, `<file>.lock` keeps other runs out (checkpoint-lock.ts).
 */
import { identityChanges } from './checkpoint-identity.js';
import { BUILTIN_SPACES } from '../spaces/index.js';
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, statSync } from 'node:fs';
import { writeFully } from '../write-fully.js';
import { UserError } from '../errors.js';
import { CheckpointLock } from './checkpoint-lock.js';

/** Header identity of a checkpoint: evaluations are only reusable for the same space. */
export interface CheckpointHeader {
  /** Space name; a checkpoint of another space is refused. */
  space: string;
  /** What produced the numbers (cost model + semantics), e.g. `wasm/infeasible`. */
  evaluator?: string;
}

/**
 * Both runs name a space file (not a built-in space), perhaps spelled two ways (`net.json`,
 * `./net.json`, from another directory), and this run has an evaluator identity: that identity
 * digests a space file's architectures (checkpoint-identity.ts), so comparing it, as the caller
 * does next, decides instead of the path.
 */
function spaceFilesByIdentity(obj: Record<string, unknown>, header: CheckpointHeader): boolean {
  const builtin = (s: unknown) => (BUILTIN_SPACES as readonly unknown[]).includes(s);
  return typeof obj.space === 'string' && !builtin(obj.space) && !builtin(header.space) && header.evaluator !== undefined;
}

/** An open checkpoint file. */
export class Checkpoint {
  private readonly fd: number;
  private readonly table = new Map<string, Map<number, [number, number]>>();
  /** fsync at most this often (ms); every line is written (write(2)) before `append` returns. */
  static SYNC_INTERVAL_MS = 100;
  private lastSync = 0;
  /** Evaluations loaded from the file when it was opened. */
  readonly loaded: number = 0;
  /** The lock held while the checkpoint is open (released by close()). */
  private lock: CheckpointLock | undefined;

  private constructor(
    /** Path of the checkpoint file. */
    readonly file: string,
    fd: number,
    loaded: number,
    table: Map<string, Map<number, [number, number]>>,
  ) {
    this.fd = fd;
    this.loaded = loaded;
    this.table = table;
  }

  /**
   * Open (create or resume) a checkpoint file. Mismatched header, corrupt line, or a file that
   * cannot be read / written -> UserError (one line: `<file>: --checkpoint: cannot write file (EACCES)`).
   */
  static open(file: string, header: CheckpointHeader): Checkpoint {
    // A regular file (or none yet): a device or a pipe (/dev/zero) would be read without end, and
    // its lock made next to it (/dev/zero.lock).
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = statSync(file);
    } catch {
      st = undefined; // none yet (or unreadable: said below, when it is opened)
    }
    if (st && !st.isFile()) throw new UserError(`the checkpoint must be a regular file (this is ${st.isDirectory() ? 'a directory' : 'a device, pipe or socket'})`, { file, field: '--checkpoint' });
    let lock: CheckpointLock | undefined;
    try {
      lock = CheckpointLock.acquire(file); // one run at a time (see checkpoint-lock.ts)
      const cp = Checkpoint.openFile(file, header);
      cp.lock = lock;
      return cp;
    } catch (e) {
      lock?.release();
      if (e instanceof UserError || typeof (e as NodeJS.ErrnoException)?.code !== 'string') throw e;
      throw new UserError(`cannot write file (${(e as NodeJS.ErrnoException).code})`, { file, field: '--checkpoint' });
    }
  }

  private static openFile(file: string, header: CheckpointHeader): Checkpoint {
    const table = new Map<string, Map<number, [number, number]>>();
    let loaded = 0;
    let fd: number;
    if (existsSync(file) && readFileSync(file).length > 0) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      let good = 0; // byte length of complete, valid lines
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const complete = i < lines.length - 1; // followed by '\n'
        if (!complete) break; // partial (or empty) last line: dropped
        let obj: Record<string, unknown>;
        try {
          obj = JSON.parse(line);
        } catch {
          if (i === 0) throw new UserError('not a codesign checkpoint (refusing to overwrite it; give another --checkpoint file)', { file, line: 1 });
          if (i === lines.length - 2 && lines[i + 1] === '') break; // last line garbled by a kill
          throw new UserError('corrupt checkpoint line', { file, line: i + 1 });
        }
        if (i === 0) {
          if (obj === null || typeof obj !== 'object' || obj.codesignCheckpoint !== 1)
            throw new UserError('not a codesign checkpoint (refusing to overwrite it; give another --checkpoint file)', { file, line: 1 });
          if (obj.space !== header.space && !spaceFilesByIdentity(obj, header))
            throw new UserError(`checkpoint is for space '${String(obj.space)}', this run is '${header.space}'`, { file, line: 1 });
          if ((obj.evaluator ?? '') !== (header.evaluator ?? '')) {
            const changes = obj.evaluator === undefined ? [] : identityChanges(String(obj.evaluator), header.evaluator ?? '');
            throw new UserError(
              obj.evaluator === undefined
                ? `checkpoint was made by another run: it records no evaluator identity (written by an older codesign, or by runCodesign with an evaluator of its own and no evaluatorTag), this run's is '${header.evaluator ?? ''}': delete it or give another checkpoint file`
                : changes.length > 0
                  ? `checkpoint was made by another run: ${changes.join('; ')}: delete it or give another checkpoint file`
                  : `checkpoint was made by another run (evaluator '${String(obj.evaluator)}', this run uses '${header.evaluator ?? ''}'): delete it or give another checkpoint file`,
              { file, line: 1 },
            );
          }
        } else {
          const { k, ids, lat, en } = (obj ?? {}) as { k: string; ids: number[]; lat: (number | null)[]; en: (number | null)[] };
          const num = (v: unknown) => v === null || typeof v === 'number';
          if (typeof k !== 'string' || !Array.isArray(ids) || !Array.isArray(lat) || !Array.isArray(en) ||
              lat.length !== ids.length || en.length !== ids.length || !ids.every(Number.isInteger) || !lat.every(num) || !en.every(num))
            throw new UserError('malformed checkpoint entry', { file, line: i + 1 });
          let m = table.get(k);
          if (!m) table.set(k, (m = new Map()));
          for (let j = 0; j < ids.length; j++) {
            if (!m.has(ids[j])) loaded++;
            m.set(ids[j], [lat[j] ?? Infinity, en[j] ?? Infinity]);
          }
        }
        good += Buffer.byteLength(line) + 1;
      }
      if (good === 0 && !'{"codesignCheckpoint":1'.startsWith(text.slice(0, 23)) && !text.startsWith('{"codesignCheckpoint":1'))
        throw new UserError('not a codesign checkpoint (refusing to overwrite it; give another --checkpoint file)', { file, line: 1 });
      fd = openSync(file, 'r+');
      if (good === 0) {
        ftruncateSync(fd, 0);
        writeFully(fd, JSON.stringify({ codesignCheckpoint: 1, space: header.space, ...(header.evaluator ? { evaluator: header.evaluator } : {}) }) + '\n', 0);
      } else {
        ftruncateSync(fd, good);
      }
      closeSync(fd);
      fd = openSync(file, 'a');
    } else {
      fd = openSync(file, 'w');
      writeFully(fd, JSON.stringify({ codesignCheckpoint: 1, space: header.space, ...(header.evaluator ? { evaluator: header.evaluator } : {}) }) + '\n');
      fsyncSync(fd);
    }
    return new Checkpoint(file, fd, loaded, table);
  }

  /** Known result of (accelerator key, architecture id), or undefined. */
  lookup(key: string, archId: number): [number, number] | undefined {
    return this.table.get(key)?.get(archId);
  }

  /** Record a finished batch (written to the file before returning; fsync'd at most every SYNC_INTERVAL_MS). */
  append(key: string, archIds: ArrayLike<number>, latency: ArrayLike<number>, energy: ArrayLike<number>): void {
    const enc = (v: number) => (Number.isFinite(v) ? v : null);
    const ids = Array.from(archIds);
    const line = JSON.stringify({ k: key, ids, lat: Array.from(latency, enc), en: Array.from(energy, enc) }) + '\n';
    try {
      writeFully(this.fd, line); // in the OS page cache now: survives a killed process
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code;
      if (typeof code !== 'string') throw e;
      throw new UserError(`cannot write file (${code}): the checkpoint keeps what was written before`, { file: this.file, field: '--checkpoint' });
    }
    const now = Date.now();
    if (now - this.lastSync >= Checkpoint.SYNC_INTERVAL_MS) {
      fsyncSync(this.fd); // group commit: bounds what an OS crash could lose
      this.lastSync = now;
    }
    let m = this.table.get(key);
    if (!m) this.table.set(key, (m = new Map()));
    for (let j = 0; j < ids.length; j++) m.set(ids[j], [latency[j], energy[j]]);
  }

  /** Flush (fsync) and close the file, and release its lock. */
  close(): void {
    try {
      fsyncSync(this.fd);
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    this.lock?.release();
  }
}
