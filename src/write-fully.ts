/** Writing a whole string to a file descriptor. */
import { writeSync } from 'node:fs';

/**
 * Write all of `text` (UTF-8) to `fd`, at `position` if given, else at the file's offset. A write
 * may store fewer bytes than asked (a disk filling up): the rest is written again, so that a full
 * disk ends in its ENOSPC error, never in a silently truncated file.
 */
export function writeFully(fd: number, text: string, position?: number): void {
  const buf = Buffer.from(text, 'utf8');
  for (let off = 0; off < buf.length; ) {
    const n = writeSync(fd, buf, off, buf.length - off, position === undefined ? null : position + off);
    if (n <= 0) throw Object.assign(new Error('no space left on device (a write stored nothing)'), { code: 'ENOSPC' });
    off += n;
  }
}
