/**
 * MAESTRO's CSV format: every CSV the real MAESTRO binary wrote (test/fixtures/maestro/expected)
 * is reproduced byte for byte from its parsed numbers.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { MAESTRO_CSV_HEADER, NUMERIC_COLUMN_KEYS, type LayerMetrics } from '../../src/model/columns.js';
import {
  formatMaestroCsv,
  formatMaestroRow,
  parseMaestroCsv,
  maestroName,
  columnFormat,
} from '../../src/report/maestro-csv.js';

const expectedDir = path.resolve(__dirname, '../fixtures/maestro/expected');
const csvFiles = readdirSync(expectedDir).flatMap((hw) =>
  readdirSync(path.join(expectedDir, hw))
    .filter((f) => f.endsWith('.csv'))
    .map((f) => `${hw}/${f}`),
);

describe('MAESTRO CSV writer', () => {
  it('has pinned CSVs to compare with', () => {
    expect(csvFiles.length).toBeGreaterThanOrEqual(40);
  });

  it.each(csvFiles)('%s round-trips byte for byte', (f) => {
    const text = readFileSync(path.join(expectedDir, f), 'utf8');
    expect(text.split('\n')[0]).toBe(MAESTRO_CSV_HEADER);
    const rows = parseMaestroCsv(text);
    expect(rows.length).toBe(text.trim().split('\n').length - 1);
    const again = formatMaestroCsv(rows[0].net, rows.map((r) => ({ layer: r.layer, metrics: r.metrics })));
    expect(again).toBe(text);
  });

  it('formats a row from numbers (first row of Resnet50_kcp_ws on accelerator_1)', () => {
    const values = [
      256, 9504801, 38927.9123, 11.76, 302097.4, 419055000.5, 3632.75, 14, 0.8599971, 14, 1, 14, 1478, 294, 1, 1, 150528, 9408,
      2.87137e12, 111776448, 312.909, 259.661, 5.0991, 3055.08, 111776448, 8164947, 8164947, 150528, 13.68979, 111776448, 9408,
      9408, 9408, 11881, 111776448, 111776448, 3041536, 760384, 1, 1, 1, 1, 1, 1, 1, 50, 50, 50, 12, 14,
    ];
    const m = Object.fromEntries(NUMERIC_COLUMN_KEYS.map((k, i) => [k, values[i]])) as LayerMetrics;
    expect(formatMaestroRow('Resnet50', 'CONV1', m)).toBe(
      'Resnet50,CONV1,256,9504801,38927.9,11.76,302097,4.19055e+08,3632.75,14,0.859997,14,1,14,1478,294,1,1,150528,9408,2.87137e+12,111776448,312.909,259.661,5.0991,3055.08,111776448, 8164947, 8164947, 150528, 13.6898, 111776448, 9408, 9408, 9408, 11881, 111776448, 111776448, 3041536, 760384, 1, 1, 1, 1, 1, 1, 1, 50, 50, 50, 12, 14\n',
    );
  });

  it('integer columns print in full, floating ones with 6 significant digits', () => {
    expect(columnFormat('runtime')).toBe('long');
    expect(columnFormat('num_pes')).toBe('int');
    expect(columnFormat('energy_nj')).toBe('double');
    expect(columnFormat('in_reuse')).toBe('double');
    expect(columnFormat('compute_avg')).toBe('long');
  });

  it("names print as MAESTRO's tokenizer leaves them", () => {
    expect(maestroName('Conv2d-15')).toBe('15');
    expect(maestroName('torchvision.models.mnasnet')).toBe('torchvision.models.mnasnet');
    expect(maestroName('CONV1')).toBe('CONV1');
    expect(maestroName('')).toBe('');
  });
});
