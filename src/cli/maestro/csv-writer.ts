/** Writing a job's rows as MAESTRO's CSV, a chunk of rows at a time. */
import { UserError } from '../../errors.js';
import type { LayerResult } from '../../model/costmodel.js';
import { formatMaestroRow, maestroCsvHeaderLine } from '../../report/maestro-csv.js';
import { writeFileInChunks } from '../output-file.js';

/** Rows formatted and written at a time: a large network's CSV is never one string. */
const CSV_CHUNK_ROWS = 2048;

/** Write the rows as MAESTRO's CSV to `out` ('-' = stdout), after the header when `fresh` (else appended). */
export function writeCsv(out: string, fresh: boolean, net: string, rows: readonly LayerResult[], fullNames: boolean | undefined): void {
  const produce = (write: (chunk: string) => void): void => {
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
  };
  if (out === '-') {
    produce((s) => process.stdout.write(s));
    return;
  }
  try {
    writeFileInChunks(out, fresh ? 'w' : 'a', produce);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e; // not an I/O error
    throw new UserError(code === 'EISDIR' ? 'cannot write CSV: it is a directory' : `cannot write CSV (${code})`, { file: out });
  }
}
