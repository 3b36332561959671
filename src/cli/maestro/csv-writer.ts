/**
 * Writing a job's rows as MAESTRO's CSV, a chunk of rows at a time, safely: the file changes only
 * once every row is written (src/cli/output-file.ts), and the interruptible variant stops at a
 * Ctrl-C between chunks with the file as it was.
 */
import { UserError } from '../../errors.js';
import type { LayerResult } from '../../model/costmodel.js';
import { formatMaestroRow, maestroCsvHeaderLine } from '../../report/maestro-csv.js';
import { writeFileInChunks, writeFileInChunksInterruptible, type InterruptibleWrite } from '../output-file.js';

/** Rows formatted and written at a time: a large network's CSV is never one string. */
const CSV_CHUNK_ROWS = 2048;

/** MAESTRO's CSV of the rows in chunks of {@link CSV_CHUNK_ROWS} rows: the header first when `fresh`. */
export function* maestroCsvChunks(fresh: boolean, net: string, rows: readonly LayerResult[], fullNames: boolean | undefined): Generator<string> {
  let chunk = fresh ? maestroCsvHeaderLine() : '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    chunk += formatMaestroRow(net, r.layer, r.metrics, { fullNames }, r.exact);
    if ((i + 1) % CSV_CHUNK_ROWS === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** Write the rows as MAESTRO's CSV to `out` ('-' = stdout), after the header when `fresh` (else appended). */
export function writeCsv(out: string, fresh: boolean, net: string, rows: readonly LayerResult[], fullNames: boolean | undefined): void {
  const chunks = maestroCsvChunks(fresh, net, rows, fullNames);
  try {
    writeFileInChunks(out, fresh ? 'w' : 'a', (write) => {
      for (const c of chunks) write(c);
    });
  } catch (e) {
    throw csvWriteError(e, out);
  }
}

/**
 * {@link writeCsv} that a SIGINT / SIGTERM during the write stops between chunks, the file left as
 * it was (appended rows taken back, a replacement not made): see
 * `writeFileInChunksInterruptible`. The caller reports the interruption.
 */
export async function writeCsvInterruptible(
  out: string,
  fresh: boolean,
  net: string,
  rows: readonly LayerResult[],
  fullNames: boolean | undefined,
): Promise<InterruptibleWrite> {
  try {
    return await writeFileInChunksInterruptible(out, fresh ? 'w' : 'a', maestroCsvChunks(fresh, net, rows, fullNames));
  } catch (e) {
    throw csvWriteError(e, out);
  }
}

/** An I/O error writing the CSV as a one-line UserError (exit 2); anything else as it is. */
function csvWriteError(e: unknown, out: string): unknown {
  const code = e instanceof Error ? (e as NodeJS.ErrnoException).code : undefined;
  if (code === undefined) return e; // not an I/O error
  return new UserError(code === 'EISDIR' ? 'cannot write CSV: it is a directory' : `cannot write CSV (${code})`, { file: out });
}
