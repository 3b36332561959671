/** A short human summary of a run, for stderr. */
import { proxyId } from '../accelerators/accelerators.js';
import type { CorrelationReport, RunResult } from '../search/run.js';
import { counted, grouped as n, num, regretPercent, speedupText, unanswered, unrankedCount } from './words.js';

const f = (v: number | undefined | null, d = 2) => (v === undefined || v === null ? '-' : Number.isFinite(v) ? v.toFixed(d) : Number.isNaN(v) ? 'undefined' : String(v));
const secs = (ms: number | undefined) => (ms === undefined ? '' : `; ${f(ms / 1000)} s`);

/** ` (per-threshold, tolerance t, top-k k)` for the per-threshold selection; '' for the default Pareto set. */
function selectionNote(r: RunResult): string {
  const sel = r.selection;
  if (!sel || sel.mode === 'pareto') return '';
  return ` (${sel.mode}${sel.tolerance ? `, tolerance ${sel.tolerance}` : ''}${sel.topK ? `, top-k ${sel.topK}` : ''})`;
}

/** `proxy maestro-default/kcp_ws`, or `proxies a/rs, b/rs` (at most 3 named). */
function proxyNames(r: RunResult): string {
  const names = r.proxies.map(proxyId);
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')}, ...` : names.join(', ');
  return `${names.length === 1 ? 'proxy' : 'proxies'} ${shown}`;
}

/** Said of a run with `--invalid skip`: its latencies and energies are partial sums. */
const SKIP_NOTE = '; --invalid skip: a network with a layer the model rejects counts its valid layers only (a partial sum, the rows codesign maestro shows; with none, it stays infeasible)';

/** Why a certified outcome is not a proof (an evaluator not known to be monotone in bandwidth). */
const UNPROVEN = 'bounds not proven for this evaluator: its latency / energy need not shrink with bandwidth';

/** Multi-line summary text: one line per search, agreement, correlations, analyses. */
export function summaryText(r: RunResult): string {
  const out: string[] = [];
  const hw = new Set(r.accelerators.map((a) => a.hw.id ?? '')).size;
  const dfs = new Set(r.accelerators.map((a) => a.dataflow)).size;
  out.push(`codesign search: ${r.space}, ${counted(r.architectures, 'architecture')} x ${counted(r.accelerators.length, 'accelerator')} (${hw} hardware x ${counted(dfs, 'dataflow')}), quality ${r.quality}, minimise ${r.problem.objective}${r.invalid === 'skip' ? SKIP_NOTE : ''}`);
  const s = r.searches;
  const t = r.timings;
  if (s.semi && r.selected)
    out.push(`  semi-decoupled  |S| = ${n(r.selected.count)} of ${n(r.architectures)} on the ${proxyNames(r)}${selectionNote(r)}; ${n(s.semi.evaluations)} evaluations (${r.speedup.semi === undefined ? '- than full' : speedupText(r, r.speedup.semi)})${secs(t.semiMs)}`);
  if (s.full) out.push(`  fully coupled   ${n(s.full.evaluations)} evaluations${secs(t.fullMs)}`);
  if (s.certified) {
    const c = s.certified;
    out.push(`  certified       ${n(c.evaluations)} evaluations (${n(c.boundEvaluations)} bound + ${n(c.exactExtraEvaluations)} exact beyond semi; ${n(c.prunedPairs)} pairs pruned)${secs(t.certifiedMs)}` +
      (c.boundViolations ? `; BOUND VIOLATED ${c.boundViolations}x (fell back to exhaustive)` : '') +
      (c.certified ? '' : `; ${UNPROVEN}`));
  }
  const a = r.agreement;
  const parts: string[] = [];
  if (a.semiOptimal !== undefined)
    parts.push(`semi optimal at ${n(a.semiOptimal)}/${n(a.thresholds)} thresholds (same pair ${a.samePair === undefined ? '-' : n(a.samePair)}), max regret ${a.maxRegret == null ? '-' : regretPercent(a.maxRegret, r.perThreshold)}`);
  if (a.certifiedAgrees !== undefined) parts.push(`certified = full at ${n(a.certifiedAgrees)}/${n(a.thresholds)}`);
  else if (s.certified && !s.full) parts.push(s.certified.certified ? `certified optimal at ${a.thresholds === 1 ? 'the 1 threshold' : `all ${n(a.thresholds)} thresholds`}` : `certified search done, NOT a proof (${UNPROVEN})`);
  const noAnswer = r.perThreshold.filter(unanswered).length;
  if (noAnswer > 0 && parts.length) parts.push(`no answer at ${n(noAnswer)} of ${n(a.thresholds)} (counted as agreeing)`);
  if (parts.length) out.push(`  agreement       ${parts.join('; ')}`);
  const inf = infeasibleLine(r);
  if (inf) out.push(inf);
  const partial = partialLine(r);
  if (partial) out.push(partial);
  if (r.correlations && r.correlations.accelerators.length < 2) {
    out.push('  rank corr.      undefined: one accelerator (no pair of accelerators to compare)');
  } else if (r.correlations) {
    const c = r.correlations.summary;
    out.push(`  rank corr.      over ${r.correlations.over === 'all' ? 'all' : 'S'} (n=${n(r.correlations.n)}), mean (min): latency Spearman ${f(c.latencySpearman.mean, 3)} (${f(c.latencySpearman.min, 3)}), Kendall ${f(c.latencyKendall.mean, 3)} (${f(c.latencyKendall.min, 3)}); energy Spearman ${f(c.energySpearman.mean, 3)} (${f(c.energySpearman.min, 3)}), Kendall ${f(c.energyKendall.mean, 3)} (${f(c.energyKendall.min, 3)})${unrankedNote(r.correlations)}`);
  }
  const la = (x?: { layerAnalyses?: number }) => (x?.layerAnalyses !== undefined ? n(x.layerAnalyses) : '-');
  if (s.full?.layerAnalyses !== undefined || s.semi?.layerAnalyses !== undefined)
    out.push(`  layer analyses  (distinct layer shape x accelerator: the memoized cost) semi ${la(s.semi)}, full ${la(s.full)}, certified ${la(s.certified)}`);
  return out.join('\n') + '\n';
}

/** The evaluated pairs without a cost: how many, where (the first 3), one explained; a proxy with none at all. */
function infeasibleLine(r: RunResult): string | undefined {
  const inf = r.infeasible;
  if (!inf || inf.infeasible === 0) return undefined;
  const accels = inf.where.filter((w) => w.role === 'accelerator');
  const shown = inf.where.slice(0, 3).map((w) => `${w.id}${w.role === 'proxy' ? ' (proxy)' : ''} ${n(w.infeasible)} of ${n(w.evaluated)}`);
  const more = inf.where.length > 3 ? `, ${inf.where.length - 3} more` : '';
  const e = inf.example;
  const why = e ? `; e.g. architecture ${e.archLabel ?? e.archId} on ${e.at}: ${e.reason}` : '';
  const dead = inf.deadProxies.length
    ? `; the proxy ${inf.deadProxies.join(', ')} gives no architecture a cost, so it cannot choose S (every architecture ties there)`
    : '';
  return `  infeasible      ${n(inf.infeasible)} of the ${n(inf.evaluated)} distinct pairs evaluated, on ${counted(accels.length, 'accelerator')}${inf.where.length > accels.length ? ` and ${counted(inf.where.length - accels.length, 'proxy').replace(/proxys$/, 'proxies')}` : ''} (${shown.join(', ')}${more})${why}${dead}`;
}

/** With --invalid skip: the answers whose sums leave out layers (`skippedLayers`), the first named. */
function partialLine(r: RunResult): string | undefined {
  const rows = r.perThreshold.flatMap((t) => [t.semi, t.full, t.certified].filter((a) => a?.skippedLayers).map((a) => ({ t: t.threshold, a: a! })));
  if (rows.length === 0) return undefined;
  const distinct = new Set(rows.map(({ a }) => `${a.archId}@${a.accelId}`)).size;
  const { t, a } = rows[0]!;
  return `  partial sums    ${counted(distinct, 'answer')} leave${distinct === 1 ? 's' : ''} out layers (--invalid skip), e.g. at ${num(t)}: architecture ${a.archLabel ?? a.archId} on ${a.accelId}, ${counted(a.skippedLayers!, 'layer')} left out (JSON: skippedLayers)`;
}

function unrankedNote(c: CorrelationReport): string {
  const k = unrankedCount(c);
  return k === undefined ? '' : `; ${k} left out (no ranking there: every architecture infeasible, or all equal)`;
}
