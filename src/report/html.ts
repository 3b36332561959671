/**
 * Self-contained HTML report of a run (inline SVG, no scripts, no external files):
 * per-accelerator Pareto fronts of quality vs latency and vs energy, rank-correlation heatmaps,
 * and the per-threshold table.
 */
import type { RunResult } from '../search/run.js';
import type { EvalCache } from '../search/evalcache.js';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(3) : String(+v.toFixed(4))) : String(v));

/** 2-D front (quality up, metric down) of the points: [quality, metric] pairs, quality descending. */
export function front2d(quality: ArrayLike<number>, metric: ArrayLike<number>, rows: readonly number[]): [number, number][] {
  const order = [...rows].filter((p) => Number.isFinite(metric[p])).sort((a, b) => quality[b] - quality[a] || metric[a] - metric[b]);
  const out: [number, number][] = [];
  let best = Infinity;
  for (const p of order)
    if (metric[p] < best) {
      best = metric[p];
      out.push([quality[p], metric[p]]);
    }
  return out;
}

function hue(i: number, n: number): string {
  return `hsl(${Math.round((360 * i) / Math.max(1, n))},65%,45%)`;
}

function frontsSvg(title: string, fronts: { label: string; pts: [number, number][]; strong?: boolean }[], metricName: string): string {
  const W = 680, H = 380, ml = 80, mr = 45, mt = 30, mb = 45;
  const all = fronts.flatMap((f) => f.pts);
  if (all.length === 0) return `<p>${esc(title)}: no feasible points.</p>`;
  const qs = all.map((p) => p[0]);
  const ms = all.map((p) => p[1]).filter((v) => v > 0);
  const qmin = Math.min(...qs), qmax = Math.max(...qs);
  const lmin = Math.log10(Math.min(...ms)), lmax = Math.log10(Math.max(...ms));
  const x = (m: number) => ml + ((Math.log10(Math.max(m, 1e-300)) - lmin) / (lmax - lmin || 1)) * (W - ml - mr);
  const y = (q: number) => H - mb - ((q - qmin) / (qmax - qmin || 1)) * (H - mt - mb);
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">`];
  parts.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">${esc(title)}</text>`);
  parts.push(`<line x1="${ml}" y1="${H - mb}" x2="${W - mr}" y2="${H - mb}" stroke="#333"/><line x1="${ml}" y1="${mt}" x2="${ml}" y2="${H - mb}" stroke="#333"/>`);
  for (let k = 0; k <= 4; k++) {
    const lv = lmin + ((lmax - lmin) * k) / 4;
    const qv = qmin + ((qmax - qmin) * k) / 4;
    parts.push(`<text x="${x(10 ** lv)}" y="${H - mb + 16}" text-anchor="middle" font-size="10">${fmt(10 ** lv)}</text>`);
    parts.push(`<text x="${ml - 6}" y="${y(qv) + 3}" text-anchor="end" font-size="10">${fmt(qv)}</text>`);
  }
  parts.push(`<text x="${(ml + W - mr) / 2}" y="${H - 8}" text-anchor="middle" font-size="12">${esc(metricName)} (log scale)</text>`);
  parts.push(`<text x="12" y="${(mt + H - mb) / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 12 ${(mt + H - mb) / 2})">quality</text>`);
  fronts.forEach((f, i) => {
    if (f.pts.length === 0) return;
    // Staircase: quality descending, metric decreasing.
    // Whole pixels; steps that round to no move are dropped (the drawing is the same).
    let px = Math.round(x(f.pts[0][1]));
    let py = Math.round(y(f.pts[0][0]));
    let d = `M${px},${py}`;
    for (let k = 1; k < f.pts.length; k++) {
      const ny = Math.round(y(f.pts[k][0]));
      const nx = Math.round(x(f.pts[k][1]));
      if (ny !== py) d += `V${ny}`;
      if (nx !== px) d += `H${nx}`;
      py = ny;
      px = nx;
    }
    const col = f.strong ? '#000' : hue(i, fronts.length);
    parts.push(`<path d="${d}" fill="none" stroke="${col}" stroke-width="${f.strong ? 2.5 : 1}" opacity="${f.strong ? 1 : 0.6}"><title>${esc(f.label)}</title></path>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function heatmapSvg(title: string, labels: string[], m: number[][]): string {
  const n = labels.length;
  const cell = Math.max(2, Math.min(24, Math.floor(520 / Math.max(1, n))));
  const ml = n <= 30 ? 150 : 10, mt = 30;
  const W = ml + n * cell + 90, H = mt + n * cell + 20;
  let lo = Infinity;
  for (const r of m) for (const v of r) if (Number.isFinite(v)) lo = Math.min(lo, v);
  lo = Math.min(lo, 0.9);
  const color = (v: number) => {
    if (!Number.isFinite(v)) return '#ccc';
    const t = Math.max(0, Math.min(1, (v - lo) / (1 - lo || 1)));
    return `rgb(${Math.round(255 - 200 * t)},${Math.round(255 - 120 * t)},${Math.round(255 - 40 * t)})`;
  };
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">`];
  parts.push(`<text x="${ml}" y="18" font-size="14">${esc(title)}</text>`);
  const titles = n <= 40;
  for (let i = 0; i < n; i++) {
    if (n <= 30) parts.push(`<text x="${ml - 4}" y="${mt + i * cell + cell * 0.7}" text-anchor="end" font-size="${Math.min(11, cell)}">${esc(labels[i])}</text>`);
    if (titles) {
      for (let j = 0; j < n; j++)
        parts.push(`<rect x="${ml + j * cell}" y="${mt + i * cell}" width="${cell}" height="${cell}" fill="${color(m[i][j])}"><title>${esc(labels[i])} vs ${esc(labels[j])}: ${fmt(m[i][j])}</title></rect>`);
      continue;
    }
    // Large matrices: colours quantised to 32 levels, equal neighbours merged into one rect.
    const q = (v: number) => (Number.isFinite(v) ? lo + Math.round(((Math.max(lo, Math.min(1, v)) - lo) / (1 - lo || 1)) * 32) * ((1 - lo) / 32) : NaN);
    for (let j = 0; j < n; ) {
      const c = color(q(m[i][j]));
      let k = j + 1;
      while (k < n && color(q(m[i][k])) === c) k++;
      parts.push(`<rect x="${ml + j * cell}" y="${mt + i * cell}" width="${(k - j) * cell}" height="${cell}" fill="${c}"/>`);
      j = k;
    }
  }
  const lx = ml + n * cell + 15;
  for (let k = 0; k <= 10; k++) {
    const v = lo + ((1 - lo) * k) / 10;
    parts.push(`<rect x="${lx}" y="${mt + (10 - k) * 12}" width="14" height="12" fill="${color(v)}"/><text x="${lx + 18}" y="${mt + (10 - k) * 12 + 10}" font-size="10">${v.toFixed(3)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Render the report. */
export function reportHtml(r: RunResult, archIds: Int32Array, quality: Float64Array): string {
  const caches = r.caches ?? {};
  const cache: EvalCache | undefined = caches.full ?? caches.semi;
  const rows = caches.full ? Array.from({ length: archIds.length }, (_, i) => i) : (r.selected ? r.selected.archIds.map((id) => archIds.indexOf(id)) : []);
  const sections: string[] = [];
  if (cache) {
    for (const metric of ['latency', 'energy'] as const) {
      const fronts = r.accelerators.map((a, i) => {
        const t = cache.table(a.hw, a.dataflow);
        return { label: a.id, pts: front2d(quality, t[metric], rows), strong: i === -1 };
      });
      for (const p of r.proxies) {
        const t = caches.semi?.table(p.hw, p.dataflow);
        if (t) fronts.push({ label: `proxy ${p.hw.id}/${p.dataflow}`, pts: front2d(quality, t[metric], Array.from({ length: archIds.length }, (_, i) => i)), strong: true });
      }
      sections.push(`<h2>Pareto fronts: quality vs ${metric}</h2><p>One staircase per accelerator (${caches.full ? 'all architectures, full search' : 'candidate set S'}); black = proxy (all architectures).</p>` + frontsSvg(`quality vs ${metric}`, fronts, metric === 'latency' ? 'latency (cycles)' : 'energy (nJ)'));
    }
  }
  if (r.correlations) {
    const c = r.correlations;
    sections.push(`<h2>Rank correlation between accelerators</h2><p>Over ${c.over === 'all' ? 'all' : 'the selected'} ${c.n} architectures. Mean/min off-diagonal: latency Spearman ${fmt(c.summary.latencySpearman.mean)}/${fmt(c.summary.latencySpearman.min)}, Kendall ${fmt(c.summary.latencyKendall.mean)}/${fmt(c.summary.latencyKendall.min)}; energy Spearman ${fmt(c.summary.energySpearman.mean)}/${fmt(c.summary.energySpearman.min)}, Kendall ${fmt(c.summary.energyKendall.mean)}/${fmt(c.summary.energyKendall.min)}.</p>`);
    // Display order: by dataflow, then PEs, NoC, off-chip bandwidth (blocks per dataflow).
    const acc = c.accelerators.map((id) => r.accelerators.find((a) => a.id === id)!);
    const perm = acc.map((_, i) => i).sort((a, b) =>
      acc[a].dataflow.localeCompare(acc[b].dataflow) || acc[a].hw.numPes - acc[b].hw.numPes || acc[a].hw.nocBw - acc[b].hw.nocBw || acc[a].hw.offchipBw - acc[b].hw.offchipBw || a - b);
    const labels = perm.map((i) => c.accelerators[i]);
    const pm = (m: number[][]) => perm.map((i) => perm.map((j) => m[i][j]));
    sections.push(`<p>Accelerators ordered by dataflow, then PEs, NoC and off-chip bandwidth${c.sampledFrom ? ` (every ${Math.ceil(c.sampledFrom / c.accelerators.length)}-th of ${c.sampledFrom})` : ''}. Grey: undefined (the cost model rejects every architecture on one of the two accelerators, so its ranking is constant).</p>`);
    sections.push(heatmapSvg('latency: Spearman', labels, pm(c.latency.spearman)));
    sections.push(heatmapSvg('energy: Spearman', labels, pm(c.energy.spearman)));
    sections.push(heatmapSvg('latency: Kendall tau-b', labels, pm(c.latency.kendall)));
    sections.push(heatmapSvg('energy: Kendall tau-b', labels, pm(c.energy.kendall)));
  }
  const ans = (a: RunResult['perThreshold'][number]['semi']) => (a === undefined ? '' : a === null ? 'none' : `${a.archId} @ ${esc(a.accelId)}: ${fmt(a.value)}`);
  const tr = r.perThreshold
    .map((t) => `<tr><td>${fmt(t.threshold)}</td><td>${ans(t.semi)}</td><td>${ans(t.full)}</td><td>${ans(t.certified)}</td><td>${t.samePair === undefined ? '' : t.samePair ? 'yes' : t.semiOptimal ? 'same value' : '<b>no</b>'}</td><td>${t.regret === undefined || t.regret === null ? '' : fmt(t.regret)}</td></tr>`)
    .join('');
  const s = r.searches;
  const stats = [
    `|A| = ${r.architectures}, accelerators = ${r.accelerators.length}, |S| = ${r.selected?.count ?? '-'} (selection ${esc(r.selection?.mode ?? 'pareto')}, tolerance ${fmt(r.selection?.tolerance ?? 0)}${r.selection?.topK ? `, top-k ${r.selection.topK}` : ''})`,
    `evaluations: semi ${s.semi?.evaluations ?? '-'}, full ${s.full?.evaluations ?? '-'}, certified ${s.certified?.evaluations ?? '-'}`,
    `distinct layer-shape analyses (cost with memoization): semi ${s.semi?.layerAnalyses ?? '-'}, full ${s.full?.layerAnalyses ?? '-'}, certified ${s.certified?.layerAnalyses ?? '-'}`,
    `speedup (evaluations): semi ${r.speedup.semi !== undefined ? fmt(r.speedup.semi) : '-'}, certified ${r.speedup.certified !== undefined ? fmt(r.speedup.certified) : '-'}`,
    `wall time (ms): semi ${r.timings.semiMs !== undefined ? fmt(r.timings.semiMs) : '-'}, full ${r.timings.fullMs !== undefined ? fmt(r.timings.fullMs) : '-'}, certified ${r.timings.certifiedMs !== undefined ? fmt(r.timings.certifiedMs) : '-'}`,
  ];
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>codesign search: ${esc(r.space)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}svg{display:block;margin:1em 0}</style></head><body>
<h1>Co-design search: ${esc(r.space)}</h1>
<p>Minimise ${esc(r.problem.objective)} subject to ${esc(r.quality)} &ge; threshold${r.problem.latencyCap !== undefined ? `, latency &le; ${fmt(r.problem.latencyCap)}` : ''}${r.problem.energyCap !== undefined ? `, energy &le; ${fmt(r.problem.energyCap)}` : ''}. Mode ${esc(r.mode)}.</p>
<ul>${stats.map((x) => `<li>${x}</li>`).join('')}</ul>
${sections.join('\n')}
<h2>Per threshold</h2><table><tr><th>threshold</th><th>semi-decoupled</th><th>fully coupled</th><th>certified</th><th>same</th><th>regret</th></tr>${tr}</table>
</body></html>
`;
}
