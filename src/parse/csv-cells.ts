/**
 * CSV cells, both ways, as RFC 4180 has them: a cell may be quoted ("..."), a quote inside a
 * quoted cell is doubled (""), and a cell that holds a comma, a quote or a line break must be
 * quoted. The readers of the project's CSV inputs (accelerator lists, quality files) split their
 * lines with {@link readCsvCells}, so files written by R's `write.csv`, pandas with quoting, or a
 * spreadsheet read the same as unquoted ones; the CSV writers quote with {@link csvCell}. A quoted
 * cell cannot span lines here (the inputs are line-numbered: an error names the line).
 */
import { UserError, type SourceLocation } from '../errors.js';

/**
 * The cells of one CSV line, unquoted, each trimmed of the blanks around it (a quoted cell keeps
 * the blanks inside its quotes); a byte-order mark starting the line (a file's first line, as
 * pandas' `utf-8-sig` and spreadsheets write it) is no part of its first cell.
 * @throws UserError at `at` (the file and line) for a quote left open at the end of the line, or
 *   text after a cell's closing quote (`"ab"c`)
 */
export function readCsvCells(line: string, at: SourceLocation): string[] {
  if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  if (!line.includes('"')) return line.split(',').map((c) => c.trim());
  const blank = (c: string | undefined) => c !== undefined && c !== '' && c.trim() === ''; // (the blanks trim() drops)
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (blank(line[i])) i++;
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) throw new UserError(`column ${cells.length + 1}: a quoted cell is not closed on its line (a quote inside a quoted cell is written "")`, at);
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      while (blank(line[i])) i++;
      if (i < line.length && line[i] !== ',')
        throw new UserError(`column ${cells.length + 1}: text after the closing quote of a quoted cell (a quote inside a quoted cell is written "")`, at);
      cells.push(value);
    } else {
      const end = line.indexOf(',', i);
      cells.push(line.slice(i, end < 0 ? line.length : end).trim());
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return cells;
    i++; // the comma
  }
}

/** A CSV cell: a string quoted when it holds a comma, a double quote or a line break; a number as is. */
export function csvCell(c: string | number): string {
  return typeof c === 'string' && /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c);
}
