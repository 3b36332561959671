/**
 * Self-contained HTML report of a run (inline SVG, no scripts, no external files): the run's
 * figures, per-accelerator Pareto fronts of quality vs latency and vs energy, rank-correlation
 * heatmaps, and the per-threshold answers.
 */
import type { RunResult } from '../search/run.js';
import type { EvalCache } from '../search/evalcache.js';
import { compactNumber } from './axis.js';
import { esc } from './escape.js';
import { frontsSvg, paretoFront, type FrontPoints, type FrontSeries } from './fronts-svg.js';
import { heatmapScaleLow, heatmapSvg } from './heatmap-svg.js';
import { counted, displayQuality, num, objectiveUnit, regretPercent, speedupText, unanswered, unrankedCount } from './words.js';
import { dataflowName, proxyId } from '../accelerators/accelerators.js';
import { feasible } from '../search/objective.js';
import type { Hardware } from '../model/types.js';


/**
 * [quality, metric] front of the architectures `rows` (positions) on one accelerator's table,
 * without the pairs `--latency-cap` / `--energy-cap` make infeasible.
 */
function frontOf(quality: ArrayLike<number>, t: { latency: ArrayLike<number>; energy: ArrayLike<number> }, metric: 'latency' | 'energy', rows: readonly number[], caps: RunResult['problem'] = { objective: 'latency' }): FrontPoints {
  return paretoFront(rows.filter((p) => feasible(caps, t.latency[p]!, t.energy[p]!)).map((p): [number, number] => [quality[p]!, t[metric][p]!]));
}

function frontSections(r: RunResult, archIds: Int32Array, quality: Float64Array): string[] {
  const caches = r.caches ?? {};
  const cache: EvalCache | undefined = caches.full ?? caches.semi;
  if (!cache) return [];
  const everyArch = Array.from({ length: archIds.length }, (_, i) => i);
  const rows = caches.full ? everyArch : r.selected ? r.selected.archIds.map((id) => archIds.indexOf(id)) : [];
  const qualityName = displayQuality(r.quality);
  const out: string[] = [];
  for (const metric of ['latency', 'energy'] as const) {
    const series: FrontSeries[] = r.accelerators.map((a) => ({ label: a.id, group: dataflowName(a.dataflow), pts: frontOf(quality, cache.table(a.hw, a.dataflow), metric, rows, r.problem) }));
    // The co-design front: for each quality level, the best (architecture, accelerator) pair.
    const codesign = paretoFront(series.flatMap((s) => s.pts));
    for (const p of r.proxies) {
      const t = caches.semi?.table(p.hw, p.dataflow);
      if (t) series.push({ label: `proxy ${proxyId(p)}`, group: dataflowName(p.dataflow), role: 'proxy', pts: frontOf(quality, t, metric, everyArch) });
    }
    series.push({ label: 'co-design front (best accelerator at each quality level)', group: '', role: 'codesign', pts: codesign });
    const unit = metric === 'latency' ? 'latency (cycles)' : 'energy (nJ)';
    out.push(
      `<h2 id="fronts-${metric}">Pareto fronts: ${esc(qualityName)} vs ${metric}</h2><p>One staircase per accelerator, coloured by dataflow (${caches.full ? 'all architectures, full search' : 'the candidate set S'}); ` +
        `${caches.semi ? 'black: the phase-1 proxy over all architectures; ' : ''}dashed: the co-design front, the best accelerator at each ${esc(qualityName)} level${caches.full ? '' : caches.certified ? ' among S (certified answers outside S are in the table below)' : ' among S'}${r.problem.latencyCap !== undefined || r.problem.energyCap !== undefined ? '; pairs over a latency or energy cap are left out (the proxy line, as phase 1, ignores the caps)' : ''}${r.invalid === 'skip' ? '; <code>--invalid skip</code>: an accelerator that cannot map some layers is drawn with partial sums, which look cheaper' : ''}. Hover a line for its accelerator.</p>` +
        frontsSvg(`${qualityName} vs ${metric}`, series, unit, qualityName),
    );
  }
  return out;
}

function correlationSections(r: RunResult): string[] {
  if (!r.correlations) return [];
  const c = r.correlations;
  const s = c.summary;
  // (NaN: no pair of accelerators with a defined correlation, e.g. one accelerator or constant series)
  const two = (x: { mean: number; min: number }) => (Number.isNaN(x.mean) ? 'undefined (no two non-constant series)' : `${x.mean.toFixed(4)} (min ${x.min.toFixed(4)})`);
  const out = [
    `<h2 id="correlation">Rank correlation between accelerators</h2><p>How alike the accelerators rank the ${c.over === 'all' ? '' : 'selected '}${num(c.n)} architectures (the paper's premise), mean of the off-diagonal entries: ` +
      `latency Spearman ${two(s.latencySpearman)}, Kendall ${two(s.latencyKendall)}; energy Spearman ${two(s.energySpearman)}, Kendall ${two(s.energyKendall)}.</p>`,
  ];
  // The least alike pair of each matrix (a large heatmap has no tooltip per cell to find it by).
  const weakest = (m: number[][]) => {
    let best: [number, number, number] | undefined;
    for (let i = 0; i < m.length; i++)
      for (let j = i + 1; j < m.length; j++) {
        const v = m[i]![j]!;
        if (Number.isFinite(v) && (best === undefined || v < best[2])) best = [i, j, v];
      }
    return best && `${esc(c.accelerators[best[0]]!)} vs ${esc(c.accelerators[best[1]]!)} (${best[2].toFixed(4)})`;
  };
  const least = ([['latency Spearman', c.latency.spearman], ['latency Kendall', c.latency.kendall], ['energy Spearman', c.energy.spearman], ['energy Kendall', c.energy.kendall]] as const)
    .map(([name, m]) => [name, weakest(m)] as const)
    .filter(([, w]) => w !== undefined);
  if (least.length > 0) out.push(`<p>Least alike pair: ${least.map(([name, w]) => `${name} ${w}`).join('; ')}.</p>`);
  // Display order: by dataflow, then PEs, NoC, off-chip bandwidth (one block per dataflow).
  const acc = c.accelerators.map((id) => r.accelerators.find((a) => a.id === id)!);
  const perm = acc
    .map((_, i) => i)
    .sort(
      (a, b) =>
        acc[a]!.dataflow.localeCompare(acc[b]!.dataflow) ||
        acc[a]!.hw.numPes - acc[b]!.hw.numPes ||
        acc[a]!.hw.nocBw - acc[b]!.hw.nocBw ||
        acc[a]!.hw.offchipBw - acc[b]!.hw.offchipBw ||
        a - b,
    );
  const labels = perm.map((i) => c.accelerators[i]!);
  const groups = perm.map((i) => dataflowName(acc[i]!.dataflow)); // (a dataflow file by its name, not its path)
  const pm = (m: number[][]) => perm.map((i) => perm.map((j) => m[i]![j]!));
  const unranked = unrankedCount(c);
  out.push(
    `<p>Accelerators grouped by dataflow, then ordered by PEs, NoC and off-chip bandwidth${c.sampledFrom ? ` (${c.accelerators.length} of the ${c.sampledFrom}: a sample of the hardware configurations, each with all its dataflows)` : ''}. ` +
      `Grey: undefined (one of the two accelerators ranks no architecture: every one infeasible there, or all equal)${unranked !== undefined ? `: ${unranked}, left out of the means and minima` : ''}.</p>`,
  );
  // One colour scale for the four (a colour means one value in all of them: latency vs energy).
  const lo = heatmapScaleLow([c.latency.spearman, c.energy.spearman, c.latency.kendall, c.energy.kendall]);
  out.push(`<p>One colour scale for the four heatmaps, from ${lo.toFixed(3)} to 1.</p>`);
  out.push(heatmapSvg('latency: Spearman', labels, pm(c.latency.spearman), groups, lo));
  out.push(heatmapSvg('energy: Spearman', labels, pm(c.energy.spearman), groups, lo));
  out.push(heatmapSvg('latency: Kendall tau-b', labels, pm(c.latency.kendall), groups, lo));
  out.push(heatmapSvg('energy: Kendall tau-b', labels, pm(c.energy.kendall), groups, lo));
  return out;
}

function thresholdSection(r: RunResult): string {
  const ans = (a: RunResult['perThreshold'][number]['semi']) =>
    a === undefined ? '' : a === null ? 'none' : `${a.archId}${a.archLabel !== undefined ? ` (${esc(a.archLabel)})` : ''} @ ${esc(a.accelId)}: ${num(a.value)}${a.skippedLayers ? ` <i>(partial: ${num(a.skippedLayers)} layers left out)</i>` : ''}`;
  // (a threshold no search answers has no pair to compare: its JSON counts it as agreeing, the table says so)
  const same = (t: RunResult['perThreshold'][number]) => (t.samePair === undefined ? '' : unanswered(t) ? '&ndash; (no answer)' : t.samePair ? 'yes' : t.semiOptimal ? 'same value' : '<b>no</b>');
  // Columns of the searches that ran (and the comparison columns only when semi has an optimum to compare with).
  const cols: Array<[head: string, cell: (t: RunResult['perThreshold'][number]) => string]> = [[`${esc(displayQuality(r.quality))} &ge;`, (t) => (Number.isInteger(t.threshold) ? num(t.threshold) : String(t.threshold))]]; // (thresholds in full: 75.000099 and 75.000098 are two rows)
  if (r.searches.semi) cols.push(['semi-decoupled', (t) => ans(t.semi)]);
  if (r.searches.full) cols.push(['fully coupled', (t) => ans(t.full)]);
  if (r.searches.certified) cols.push(['certified', (t) => ans(t.certified)]);
  if (r.perThreshold.some((t) => t.samePair !== undefined))
    cols.push(['semi = optimum', same], ['regret', (t) => (t.regret == null ? '' : unanswered(t) ? '&ndash;' : regretPercent(t.regret, [t]))]);
  const rows = r.perThreshold.map((t) => `<tr>${cols.map(([, cell]) => `<td>${cell(t)}</td>`).join('')}</tr>`).join('');
  return (
    `<h2 id="thresholds">Per threshold</h2><p>For each ${esc(displayQuality(r.quality))} threshold, the (architecture @ accelerator) pair with the lowest ${esc(r.problem.objective)} among those reaching it, and that ${esc(r.problem.objective)} (${objectiveUnit(r.problem.objective)})${r.searches.semi ? ' (semi-decoupled: among the architectures of S only, the ones phase 1 kept)' : ''}.</p>` +
    `<table><tr>${cols.map(([head]) => `<th>${head}</th>`).join('')}</tr>${rows}</table>`
  );
}

/**
 * What the accelerators named in the answers are: the proxy (phase 1) and every accelerator that is
 * an answer of a search at some threshold, with its hardware and how many thresholds it answers.
 */
function acceleratorSection(r: RunResult): string {
  const searches = (['semi', 'full', 'certified'] as const).filter((k) => r.searches[k]);
  const counts = new Map<string, Record<(typeof searches)[number], number>>();
  const partial = new Set<string>(); // accelerators with an answer that is a partial sum (--invalid skip)
  for (const t of r.perThreshold)
    for (const k of searches) {
      const a = t[k];
      if (!a) continue;
      if (a.skippedLayers) partial.add(a.accelId);
      const c = counts.get(a.accelId) ?? { semi: 0, full: 0, certified: 0 };
      c[k]++;
      counts.set(a.accelId, c);
    }
  const byId = new Map(r.accelerators.map((a, i) => [a.id, { ...a, at: i }]));
  const answers = [...counts.keys()].filter((id) => byId.has(id));
  answers.sort((a, b) => searches.reduce((d, k) => d || counts.get(b)![k] - counts.get(a)![k], 0) || byId.get(a)!.at - byId.get(b)!.at);
  const rows: { name: string; hw: Hardware; dataflow: string; role: string }[] = r.proxies.map((p) => ({ name: proxyId(p), hw: p.hw, dataflow: p.dataflow, role: 'proxy (phase 1)' }));
  for (const id of answers) {
    const a = byId.get(id)!, c = counts.get(id)!;
    rows.push({ name: id, hw: a.hw, dataflow: a.dataflow, role: searches.map((k) => `${k} ${c[k]}`).join(', ') + (partial.has(id) ? ' <i>(partial sums: layers left out)</i>' : '') });
  }
  if (rows.length === 0) return '';
  const extra = rows.some((x) => (x.hw.nocHops ?? 1) !== 1 || (x.hw.vectorWidth ?? 1) !== 1);
  const head = ['accelerator', 'dataflow', 'PEs', 'L1 (bytes)', 'L2 (bytes)', 'NoC bandwidth', 'off-chip bandwidth', ...(extra ? ['NoC hops', 'SIMD lanes'] : []), `answer at how many of the ${counted(r.perThreshold.length, 'threshold')}`];
  const cells = (x: (typeof rows)[number]) => [esc(x.name), esc(dataflowName(x.dataflow)), num(x.hw.numPes), num(x.hw.l1Size), num(x.hw.l2Size), num(x.hw.nocBw), num(x.hw.offchipBw), ...(extra ? [num(x.hw.nocHops ?? 1), num(x.hw.vectorWidth ?? 1)] : []), x.role];
  return (
    `<h2 id="accelerators">Accelerators in the answers</h2><p>The phase-1 proxy and every accelerator that is an answer below (bandwidths in elements per cycle).</p>` +
    `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.map((x) => `<tr>${cells(x).map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`
  );
}

function runFigures(r: RunResult): string[] {
  const s = r.searches;
  const count = (v: number | undefined) => (v === undefined ? '-' : num(v));
  const ms = (v: number | undefined) => (v === undefined ? '-' : `${v.toFixed(1)} ms`);
  const a = r.agreement;
  // (only the searches that ran; |S| only where a phase 1 chose it)
  const ran = (['semi', 'full', 'certified'] as const).filter((k) => s[k]);
  const per = (value: (k: (typeof ran)[number]) => string) => ran.map((k) => `${k} ${value(k)}`).join(', ');
  const speed = (k: (typeof ran)[number]) => (k !== 'full' && r.speedup[k] !== undefined ? ` (${speedupText(r, r.speedup[k]!)})` : '');
  const lines = [
    `${counted(r.architectures, 'architecture')} x ${counted(r.accelerators.length, 'accelerator')}${r.selected ? `; |S| = ${num(r.selected.count)} (selection ${esc(r.selection?.mode ?? 'pareto')}, tolerance ${compactNumber(r.selection?.tolerance ?? 0)}${r.selection?.topK ? `, top-k ${r.selection.topK}` : ''})` : ''}`,
    `(architecture, accelerator) evaluations: ${per((k) => `${count(s[k]?.evaluations)}${speed(k)}`)}`,
    `distinct layer-shape analyses (the memoized cost): ${per((k) => count(s[k]?.layerAnalyses))}`,
    `wall time: ${per((k) => ms(r.timings[`${k}Ms`]))}`,
  ];
  if (s.certified?.certified && !s.full) lines.push(`certified optimal at ${a.thresholds === 1 ? 'the 1 threshold' : `all ${num(a.thresholds)} thresholds`} (its bounds prove no excluded pair is better)`);
  const inf = r.infeasible;
  if (inf && inf.infeasible > 0) {
    const where = inf.where.slice(0, 5).map((w) => `${esc(w.id)}${w.role === 'proxy' ? ' (proxy)' : ''} ${num(w.infeasible)} of ${num(w.evaluated)}`).join(', ');
    const e = inf.example;
    lines.push(
      `infeasible (no cost) pairs: ${num(inf.infeasible)} of the ${num(inf.evaluated)} distinct (architecture, accelerator) pairs evaluated, on ${num(inf.where.length)} accelerators / proxies (${where}${inf.where.length > 5 ? ', ...' : ''})` +
        (e ? `; e.g. architecture ${esc(String(e.archLabel ?? e.archId))} on ${esc(e.at)}: ${esc(e.reason)}` : '') +
        (inf.deadProxies.length ? `; <b>the proxy ${esc(inf.deadProxies.join(', '))} gives no architecture a cost</b>: it cannot choose S` : ''),
    );
  }
  const noAnswer = r.perThreshold.filter(unanswered).length;
  if (noAnswer > 0) lines.push(`no answer at ${num(noAnswer)} of ${num(r.perThreshold.length)} thresholds (nothing feasible reaches them; counted as agreeing below)`);
  if (s.certified && !s.certified.certified) lines.push('<b>certified search: not a proof</b> (its bounds are not proven for this evaluator: its latency / energy need not shrink with bandwidth)');
  if (a.semiOptimal !== undefined) {
    lines.push(`semi-decoupled optimal at ${num(a.semiOptimal)}/${num(a.thresholds)} thresholds (same pair at ${a.samePair === undefined ? '-' : num(a.samePair)}), max regret ${a.maxRegret == null ? '-' : regretPercent(a.maxRegret, r.perThreshold)}${a.certifiedAgrees !== undefined ? `; certified = full at ${num(a.certifiedAgrees)}/${num(a.thresholds)}` : ''}`);
  } else if (a.certifiedAgrees !== undefined) {
    lines.push(`certified = full at ${num(a.certifiedAgrees)}/${num(a.thresholds)} thresholds`);
  }
  return lines;
}

/** Render the report. */
export function reportHtml(r: RunResult, archIds: Int32Array, quality: Float64Array): string {
  const caps = `${r.problem.latencyCap !== undefined ? `, latency &le; ${num(r.problem.latencyCap)} cycles` : ''}${r.problem.energyCap !== undefined ? `, energy &le; ${num(r.problem.energyCap)} nJ` : ''}`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>codesign search: ${esc(r.space)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}th{white-space:nowrap}table{display:block;overflow-x:auto;max-width:100%}svg{display:block;margin:1em 0}</style></head><body>
<h1>Co-design search: ${esc(r.space)}</h1>
<p>Minimise ${esc(r.problem.objective)} (${objectiveUnit(r.problem.objective)}) subject to ${esc(r.quality)} &ge; threshold${caps}. Mode ${esc(r.mode)}.${r.invalid === 'skip' ? ' Invalid layers skipped (<code>--invalid skip</code>): a network with a layer the cost model rejects counts its valid layers only (the rows <code>codesign maestro</code> shows: not a layer with cluster levels right after a rejected one; with none, it stays infeasible). A partial sum: an accelerator that cannot map some layers looks cheaper (MAESTRO itself gives no number for such a network).' : ''}</p>
<ul>${runFigures(r).map((x) => `<li>${x}</li>`).join('')}</ul>
${acceleratorSection(r)}
${[...frontSections(r, archIds, quality), ...correlationSections(r)].join('\n')}
${thresholdSection(r)}
</body></html>
`;
}
