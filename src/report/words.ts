/** Wording shared by the human summary and the HTML report. */
import type { CorrelationReport, RunResult } from '../search/run.js';

/** An integer with thousands separators (`1,018`). */
export const grouped = (v: number): string => v.toLocaleString('en-US');

/**
 * How a search's evaluation count compares with the full search's, from `ratio` = full / its own
 * (one decimal; two near 1): `5.5x fewer`, `as many` (equal counts), `1.05x more`, `about as many`, followed by `than X` / `as X` when `than`
 * names what it is compared with (a semi-decoupled search with a large S or a certified search
 * with few pruned pairs may cost as much as the full one, or more).
 */
export function fewerOrMore(ratio: number, than?: string): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return `${ratio}x fewer${than ? ` than ${than}` : ''}`;
  if (ratio === 1) return `as many${than ? ` as ${than}` : ''}`; // (not "as many than full")
  // Near 1, two decimals (264 vs 252 is "1.05x more", not "as many"); closer still, "about as many".
  const x = ratio > 1 ? ratio : 1 / ratio;
  const digits = x.toFixed(1) === '1.0' ? 2 : 1;
  if (x.toFixed(digits) === (1).toFixed(digits)) return `about as many${than ? ` as ${than}` : ''}`;
  return `${x.toFixed(digits)}x ${ratio > 1 ? 'fewer' : 'more'}${than ? ` than ${than}` : ''}`;
}

/** `1 architecture`, `2 architectures` (a count with its noun, numbers with thousands separators). */
export function counted(n: number, noun: string): string {
  return `${grouped(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * A regret (fraction) as a percentage with 2 decimals. Infinity says why: the semi-decoupled search
 * has no feasible answer where the full one has (`inf (no semi answer)`), or the optimum costs 0
 * (an evaluator's answer; `inf (the optimum is 0)`); from rows of both kinds, `inf`. `rows`: the
 * thresholds the regret is of (their `regret` and `semi`).
 */
export function regretPercent(regret: number, rows: readonly { regret?: number | null; semi?: unknown }[] = []): string {
  // (a regret that rounds to 0.00% is not none: `<0.01%` next to a "no")
  if (regret > 0 && regret < 0.00005) return '<0.01%';
  if (regret !== Infinity) return `${(regret * 100).toFixed(2)}%`;
  const inf = rows.filter((t) => t.regret === Infinity);
  if (inf.length > 0 && inf.every((t) => t.semi)) return 'inf (the optimum is 0)';
  if (inf.length > 0 && inf.some((t) => t.semi)) return 'inf';
  return 'inf (no semi answer)';
}

/**
 * How many accelerators rank no architecture (their correlations are undefined), e.g. `18 of 150
 * accelerators`, per metric when the two differ, `of the 186 sampled accelerators` when the matrices
 * cover a sample; undefined when there are none.
 */
export function unrankedCount(c: CorrelationReport): string | undefined {
  const { latency, energy } = c.unranked;
  if (latency === 0 && energy === 0) return undefined;
  const of = c.sampledFrom !== undefined ? `of the ${grouped(c.accelerators.length)} sampled accelerators` : `of ${grouped(c.accelerators.length)} accelerators`;
  return latency === energy ? `${grouped(latency)} ${of}` : `${grouped(latency)} (latency) and ${grouped(energy)} (energy) ${of}`;
}

/** True for a threshold that no search answered (every search's answer null or absent). */
export function unanswered(t: { semi?: unknown; full?: unknown; certified?: unknown }): boolean {
  return !t.semi && !t.full && !t.certified;
}

/**
 * A table / text value: integers with thousands separators; others to 6 significant digits, but
 * never fewer than their integer digits (an EDP of 1065541100196.9554 is 1,065,541,100,197, not
 * 1,065,540,000,000, which would pass for an exact value that it is not).
 */
export function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Math.abs(v) >= 1e6 ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : v.toLocaleString('en-US', { maximumSignificantDigits: 6 });
}

/** The quality's name for titles and headings: a `--quality FILE.csv` by its file name, not its path. */
export function displayQuality(quality: string): string {
  const base = quality.split(/[\\/]/).pop();
  return base ? base : quality;
}

/** The unit of an objective's values: cycles, nJ, or cycles x nJ for the energy-delay product. */
export function objectiveUnit(objective: string): string {
  return objective === 'latency' ? 'cycles' : objective === 'energy' ? 'nJ' : objective === 'edp' ? 'cycles x nJ' : '';
}

/**
 * A search's evaluations compared with the full search's (`ratio` = full / its own): `5.5x fewer
 * than full`; when no full search ran, compared with what one would need (|A| x |H|), named.
 */
export function speedupText(r: Pick<RunResult, 'searches' | 'speedup'>, ratio: number): string {
  return fewerOrMore(ratio, r.searches.full ? 'full' : `a full search would need (${grouped(r.speedup.fullEvaluations)})`);
}
