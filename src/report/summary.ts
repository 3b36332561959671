/** A short human summary of a run, for stderr. */
import type { RunResult } from '../search/run.js';

const f = (v: number | undefined | null, d = 2) => (v === undefined || v === null ? '-' : Number.isFinite(v) ? v.toFixed(d) : String(v));

/** Multi-line summary text. */
export function summaryText(r: RunResult): string {
  const out: string[] = [];
  out.push(`codesign search: space ${r.space}, ${r.architectures} architectures x ${r.accelerators.length} accelerators, quality ${r.quality}, minimise ${r.problem.objective}`);
  if (r.selected) out.push(`  semi-decoupled: |S| = ${r.selected.count} on the proxy; ${r.searches.semi?.evaluations ?? '-'} evaluations`);
  if (r.searches.full) out.push(`  fully coupled:  ${r.searches.full.evaluations} evaluations`);
  const la = (x?: { layerAnalyses?: number }) => (x?.layerAnalyses !== undefined ? String(x.layerAnalyses) : '-');
  if (r.searches.full?.layerAnalyses !== undefined || r.searches.semi?.layerAnalyses !== undefined)
    out.push(`  distinct layer-shape analyses (cost with memoization): semi ${la(r.searches.semi)}, full ${la(r.searches.full)}, certified ${la(r.searches.certified)}`);
  if (r.speedup.semi !== undefined) out.push(`  speedup (evaluations): semi ${f(r.speedup.semi, 1)}x` + (r.speedup.certified !== undefined ? `, certified ${f(r.speedup.certified, 1)}x` : ''));
  const t = r.timings;
  if (t.fullMs !== undefined || t.semiMs !== undefined)
    out.push(`  wall time: semi ${f(t.semiMs !== undefined ? t.semiMs / 1000 : undefined)} s, full ${f(t.fullMs !== undefined ? t.fullMs / 1000 : undefined)} s` +
      (t.certifiedMs !== undefined ? `, certified ${f(t.certifiedMs / 1000)} s` : '') +
      (t.wallSpeedupSemi !== undefined ? ` (semi ${f(t.wallSpeedupSemi, 1)}x faster)` : ''));
  const a = r.agreement;
  if (a.semiOptimal !== undefined)
    out.push(`  agreement: semi optimal at ${a.semiOptimal}/${a.thresholds} thresholds (same pair ${a.samePair}), max regret ${f(a.maxRegret !== null && a.maxRegret !== undefined ? a.maxRegret * 100 : a.maxRegret, 3)}%`);
  if (r.searches.certified) {
    const c = r.searches.certified;
    out.push(`  certified optimal: ${c.evaluations} evaluations (${c.boundEvaluations} bound + ${c.exactExtraEvaluations} extra exact beyond semi), ${c.prunedPairs} pairs pruned` +
      (a.certifiedAgrees !== undefined ? `; agrees with full at ${a.certifiedAgrees}/${a.thresholds}` : '') + (c.boundViolations ? `; BOUND VIOLATED ${c.boundViolations}x (fell back to exhaustive)` : ''));
  }
  if (r.correlations) {
    const s = r.correlations.summary;
    out.push(`  rank correlation between accelerators (${r.correlations.over}, n=${r.correlations.n}): latency Spearman mean ${f(s.latencySpearman.mean, 3)} (min ${f(s.latencySpearman.min, 3)}), Kendall mean ${f(s.latencyKendall.mean, 3)}; energy Spearman mean ${f(s.energySpearman.mean, 3)} (min ${f(s.energySpearman.min, 3)}), Kendall mean ${f(s.energyKendall.mean, 3)}`);
  }
  return out.join('\n') + '\n';
}
