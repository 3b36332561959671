/** Writing an output file in chunks (large CSVs are never one string). */
import { closeSync, openSync, writeSync } from 'node:fs';

/** The output path that means standard output (`--out -`). */
export const STDOUT_PATH = '-';

/**
 * Open `file` for writing (`-`: standard output, see {@link STDOUT_PATH}) (`flags` 'w' to replace, 'a' to append), hand `produce` a function that
 * writes a chunk, and close the file. A pipe whose reader stops early (`/dev/stdout | head`,
 * EPIPE) drops the rest quietly; any other error (opening or writing) is thrown as it is, for the
 * caller to report.
 */
export function writeFileInChunks(file: string, flags: 'w' | 'a', produce: (write: (chunk: string) => void) => void): void {
  if (file === STDOUT_PATH) {
    // A closed pipe (`| head`) is not an error: see stdout.ts.
    produce((chunk) => void process.stdout.write(chunk));
    return;
  }
  const fd = openSync(file, flags);
  let closed = false;
  try {
    produce((chunk) => {
      if (closed) return;
      try {
        writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
        closed = true;
      }
    });
  } finally {
    closeSync(fd);
  }
}
