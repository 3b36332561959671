/**
 * HTML of the per-layer table and totals. Numbers print as MAESTRO's CSV prints them (integer
 * columns in full, floating ones with 6 significant digits); every number cell carries its exact
 * value in `data-value`.
 */
import { formatColumnValue, formatCppDouble, locationOf, type NumericColumnKey } from '../../src/browser.js';
import { dataflowLabel, type Evaluation } from './app.js';

/** The columns shown (MAESTRO CSV keys) and their headings. */
export const TABLE_COLUMNS: ReadonlyArray<readonly [NumericColumnKey, string]> = [
  ['runtime', 'runtime (cycles)'],
  ['energy_nj', 'energy (nJ)'],
  ['throughput', 'MACs/cycle'],
  ['num_macs', 'MACs'],
  ['l1_size_req', 'L1 req (B)'],
  ['l2_size_req', 'L2 req (B)'],
  ['noc_bw_req', 'NoC BW req'],
  ['util_pes', 'util PEs'],
];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function numCell(key: NumericColumnKey, v: number): string {
  return `<td class="num" data-key="${key}" data-value="${String(v)}">${formatColumnValue(key, v)}</td>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `line 10:2: ` of a parsed layer (rows of one file), or nothing. */
function whereIs(layer: object): string {
  const at = locationOf(layer);
  return at?.line !== undefined ? `line ${at.line}${at.column !== undefined ? `:${at.column}` : ''}: ` : '';
}

/** `<thead>`, `<tbody>` (one row per layer) and `<tfoot>` (totals) of the layer table. */
export function layerTableHtml(ev: Evaluation): string {
  const head =
    '<thead><tr><th>layer</th><th class="type">type</th><th class="dataflow">dataflow</th>' +
    TABLE_COLUMNS.map(([, h]) => `<th>${esc(h)}</th>`).join('') +
    '</tr></thead>';
  const body = ev.result.rows
    .map((row, i) => {
      const layer = ev.net.layers[i]!;
      const lead = `<td>${esc(row.layer)}</td><td class="type">${layer.type}</td><td class="dataflow">${esc(dataflowLabel(layer))}</td>`;
      if ('error' in row) {
        return `<tr class="layer rejected" data-layer="${esc(row.layer)}">${lead}<td colspan="${TABLE_COLUMNS.length}" class="error">${esc(whereIs(layer) + row.error)}</td></tr>`;
      }
      return `<tr class="layer" data-layer="${esc(row.layer)}">${lead}${TABLE_COLUMNS.map(([k]) => numCell(k, row.metrics[k])).join('')}</tr>`;
    })
    .join('');
  const t = ev.result.totals;
  const ok = ev.result.rows.filter((r) => !('error' in r)).length;
  if (ok === 0 || ev.result.noCost > 0) return head + `<tbody>${body}</tbody>`; // (no total: see summaryHtml)
  const label = ok === ev.result.rows.length ? 'total' : `total (${ok} of ${ev.result.rows.length} layers)`;
  const foot =
    `<tfoot><tr class="totals"><td>${label}</td><td></td><td></td>` +
    numCell('runtime', t.runtime) +
    numCell('energy_nj', t.energy_nj) +
    '<td></td>' +
    numCell('num_macs', t.num_macs) +
    `<td colspan="${TABLE_COLUMNS.length - 4}"></td></tr></tfoot>`;
  return head + `<tbody>${body}</tbody>` + foot;
}

/** One-line summary above the table (totals over the layers with a result, as the CLI's summary). */
export function summaryHtml(ev: Evaluation, ms: number): string {
  const n = ev.net.layers.length;
  const bad = ev.result.rows.filter((r) => 'error' in r).length;
  const t = ev.result.totals;
  const totals =
    n - bad === 0
      ? 'no layer has a result, so there is no total'
      : ev.result.noCost > 0
        ? `${plural(ev.result.noCost, 'layer')} computing nothing (0 MACs: MAESTRO's row is no cost), so there is no total`
        : `${bad > 0 ? `total over ${plural(n - bad, 'layer')}: ` : ''}` +
        `<span data-key="runtime" data-value="${t.runtime}">${formatColumnValue('runtime', t.runtime)}</span> cycles, ` +
        `<span data-key="energy_nj" data-value="${t.energy_nj}">${formatCppDouble(t.energy_nj)}</span> nJ`;
  return (
    `<p id="totals">${esc(ev.result.name)}: ${plural(n, 'layer')}` +
    (bad > 0 ? ` (${bad} without result)` : '') +
    `, ${totals} &mdash; evaluated in ${ms.toFixed(1)} ms</p>`
  );
}
