/** Writing a job's rows as MAESTRO's CSV, a chunk of rows at a time. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { UserError } from '../../errors.js';
import type { LayerResult } from '../../model/costmodel.js';
import { formatMaestroRow, maestroCsvHeaderLine } from '../../report/maestro-csv.js';

/** Rows formatted and written at a time: a large network's CSV is never one string. */
const CSV_CHUNK_ROWS = 2048;

/** Write the rows as MAESTRO's CSV to `out` ('-' = stdout), after the header when `fresh` (else appended). */
export function writeCsv(out: string, fresh: boolean, net: string, rows: readonly LayerResult[], fullNames: boolean | undefined): void {
  const failed = (e: unknown): UserError =>
    new UserError(`cannot write CSV (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: out });
  let fd: number | undefined;
  if (out !== '-') {
    try {
      fd = openSync(out, fresh ? 'w' : 'a');
    } catch (e) {
      throw failed(e);
    }
  }
  const write = (s: string): void => {
    if (fd === undefined) {
      process.stdout.write(s);
      return;
    }
    try {
      writeSync(fd, s);
    } catch (e) {
      throw failed(e);
    }
  };
  try {
    let chunk = fresh ? maestroCsvHeaderLine() : '';
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      chunk += formatMaestroRow(net, r.layer, r.metrics, { fullNames }, r.exact);
      if ((i + 1) % CSV_CHUNK_ROWS === 0) {
        write(chunk);
        chunk = '';
      }
    }
    if (chunk !== '') write(chunk);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
