/** HTML of the per-layer table and totals. Every number cell carries its exact value in `data-value`. */
import { formatCppDouble, type NumericColumnKey } from '../../src/browser.js';
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

function numCell(key: string, v: number): string {
  return `<td class="num" data-key="${key}" data-value="${String(v)}">${formatCppDouble(v)}</td>`;
}

/** `<thead>`, `<tbody>` (one row per layer) and `<tfoot>` (totals) of the layer table. */
export function layerTableHtml(ev: Evaluation): string {
  const head =
    '<thead><tr><th>layer</th><th>type</th><th>dataflow</th>' +
    TABLE_COLUMNS.map(([, h]) => `<th>${esc(h)}</th>`).join('') +
    '</tr></thead>';
  const body = ev.result.rows
    .map((row, i) => {
      const layer = ev.net.layers[i]!;
      const lead = `<td>${esc(row.layer)}</td><td class="type">${layer.type}</td><td class="dataflow">${esc(dataflowLabel(layer))}</td>`;
      if ('error' in row) {
        return `<tr class="layer rejected" data-layer="${esc(row.layer)}">${lead}<td colspan="${TABLE_COLUMNS.length}" class="error">${esc(row.error)}</td></tr>`;
      }
      return `<tr class="layer" data-layer="${esc(row.layer)}">${lead}${TABLE_COLUMNS.map(([k]) => numCell(k, row.metrics[k])).join('')}</tr>`;
    })
    .join('');
  const t = ev.result.totals;
  const foot =
    `<tfoot><tr class="totals"><td>total</td><td></td><td></td>` +
    numCell('runtime', t.runtime) +
    numCell('energy_nj', t.energy_nj) +
    '<td></td>' +
    numCell('num_macs', t.num_macs) +
    `<td colspan="${TABLE_COLUMNS.length - 4}"></td></tr></tfoot>`;
  return head + `<tbody>${body}</tbody>` + foot;
}

/** One-line summary above the table. */
export function summaryHtml(ev: Evaluation, ms: number): string {
  const bad = ev.result.rows.filter((r) => 'error' in r).length;
  return (
    `<p id="totals">${esc(ev.result.name)}: ${ev.net.layers.length} layers` +
    (bad > 0 ? ` (${bad} without result)` : '') +
    `, <span data-key="runtime" data-value="${ev.result.totals.runtime}">${formatCppDouble(ev.result.totals.runtime)}</span> cycles, ` +
    `<span data-key="energy_nj" data-value="${ev.result.totals.energy_nj}">${formatCppDouble(ev.result.totals.energy_nj)}</span> nJ` +
    ` &mdash; evaluated in ${ms.toFixed(1)} ms</p>`
  );
}
