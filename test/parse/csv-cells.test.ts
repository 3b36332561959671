/**
 * CSV cells both ways (src/parse/csv-cells.ts): RFC 4180 quoting as R's `write.csv`, pandas and
 * spreadsheets write it, read back to the same cells; errors name the file, line and column.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, readCsvCells } from '../../src/parse/csv-cells.js';

const at = { file: 'a.csv', line: 3 };
const err = (line: string): string => {
  try {
    readCsvCells(line, at);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('readCsvCells', () => {
  it('splits unquoted lines at commas, trimming each cell', () => {
    expect(readCsvCells('a, b ,c', at)).toEqual(['a', 'b', 'c']);
    expect(readCsvCells('a,,', at)).toEqual(['a', '', '']);
    expect(readCsvCells('', at)).toEqual(['']);
    expect(readCsvCells('ab"c,d', at)).toEqual(['ab"c', 'd']); // a quote inside an unquoted cell is kept
  });

  it('unquotes quoted cells: commas and doubled quotes inside, blanks inside kept, around dropped', () => {
    expect(readCsvCells('"id","num_pes"', at)).toEqual(['id', 'num_pes']);
    expect(readCsvCells('"small",64,"1,2", "x ""y"" " ,""', at)).toEqual(['small', '64', '1,2', 'x "y" ', '']);
    expect(readCsvCells('a,"b"', at)).toEqual(['a', 'b']);
    expect(readCsvCells('"a",', at)).toEqual(['a', '']);
  });

  it("a byte-order mark starting the line is no part of the first cell, quoted or not (pandas' utf-8-sig with quoting)", () => {
    expect(readCsvCells('\uFEFF"id","num_pes"', at)).toEqual(['id', 'num_pes']);
    expect(readCsvCells('\uFEFFid,num_pes', at)).toEqual(['id', 'num_pes']);
    expect(readCsvCells('\u00A0"a" ,\u2003b', at)).toEqual(['a', 'b']); // (the blanks trim() drops, also around quotes)
  });

  it('refuses a quote left open and text after a closing quote, naming file, line and column', () => {
    expect(err('a,"b')).toBe('a.csv:3: column 2: a quoted cell is not closed on its line (a quote inside a quoted cell is written "")');
    expect(err('"a""')).toBe('a.csv:3: column 1: a quoted cell is not closed on its line (a quote inside a quoted cell is written "")');
    expect(err('"a"b,c')).toBe('a.csv:3: column 1: text after the closing quote of a quoted cell (a quote inside a quoted cell is written "")');
  });

  it('reads back what csvCell writes', () => {
    const cells = ['plain', 'a,b', 'say "hi"', 'two words', '', ' x '];
    const line = cells.map(csvCell).join(',');
    expect(line).toBe('plain,"a,b","say ""hi""",two words,, x ');
    expect(readCsvCells(line, at)).toEqual(['plain', 'a,b', 'say "hi"', 'two words', '', 'x']);
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell(1.5)).toBe('1.5');
  });
});
