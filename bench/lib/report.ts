/** Results of a benchmark run: the printed table and `bench/results.json`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import os from 'node:os';

/** One printed/recorded row. */
export interface ResultRow {
  /** What was measured, e.g. `CONV kcp_ws batch 64 wasm`. */
  name: string;
  /** The measured rate or time. */
  value: number;
  /** Unit of `value`, e.g. `analyses/s`, `ms`. */
  unit: string;
  /** Free text: ratio against the baseline, target, margin of error. */
  note?: string;
  /** Extra numbers kept in the JSON only. */
  extra?: Record<string, number | string | boolean>;
}

/** A ratio between two cases measured side by side. */
export interface Ratio {
  name: string;
  /** `numerator / denominator` of the rates (> 1: faster). */
  value: number;
  /** Target, when the project set one (e.g. semi >= 20x full). */
  target?: number;
  /**
   * With a target: true only when the target is met beyond doubt (results checked equal, the value
   * above the target by more than its margin of error, a full run); false otherwise; absent when
   * the run could not judge it (quick run).
   */
  met?: boolean;
  /** What is printed after the value: `met`, `NOT met`, `not judged (...)`, `not claimed (...)`. */
  verdict?: string;
  /** Relative margin of error of `value` (e.g. 0.019 for +-1.9%), when measured. */
  margin?: number;
}

/** How a ratio's verdict is reached (see {@link ratio}). */
export interface RatioCheck {
  /**
   * Whether the compared cases gave the same results. `false`, or a string saying what differs:
   * the ratio is printed but not claimed, and a target is NOT met.
   */
  same?: boolean | string;
  /** Relative margin of error of the value: a target within it is not claimed as met. */
  margin?: number;
  /** A quick run: targets are not judged (too few samples, smaller workloads). */
  quick?: boolean;
}

/** One section (a, b, c, d) of the run. */
export interface SectionResult {
  id: string;
  title: string;
  /** Set when the section could not run (dependency not ready, env var unset): the reason. */
  skipped?: string;
  /** Set when the section failed (an error, not a missing dependency): the run exits non-zero. */
  failed?: string;
  rows: ResultRow[];
  ratios: Ratio[];
  /** Seconds the section took. */
  seconds?: number;
  /**
   * The machine's 1-minute load average (`os.loadavg()[0]`) at the section's start and end: other
   * work on the machine (above ~0.3 x cores) slows it and widens the margins; a slow run shows why.
   */
  load?: [number, number];
  /** Remarks printed under the table (checks, what was not measured and why). */
  notes?: string[];
  /** Compact table printed instead of `rows` (the JSON keeps both). */
  table?: { columns: string[]; rows: string[][] };
}

/** The whole `bench/results.json`. */
export interface BenchReport {
  date: string;
  quick: boolean;
  /** The sections asked for with `--only` (absent: all). */
  only?: string[];
  node: string;
  cpu: string;
  cores: number;
  sections: SectionResult[];
}

/** Machine description for the report. */
export function machineInfo(): Pick<BenchReport, 'node' | 'cpu' | 'cores'> {
  const cpus = os.cpus();
  return { node: process.version, cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length };
}

/** Format a number for the table: 3 significant digits with k/M suffixes for rates. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e4) return String(v);
  if (a >= 1e9) return (v / 1e9).toPrecision(3) + 'G';
  if (a >= 1e6) return (v / 1e6).toPrecision(3) + 'M';
  if (a >= 1e4) return (v / 1e3).toPrecision(3) + 'k';
  if (a >= 100) return v.toFixed(0);
  return v.toPrecision(3);
}

/** Text table of one section (what `npm run bench` prints). */
export function formatSection(s: SectionResult): string {
  const lines: string[] = [];
  lines.push(
    `\n== ${s.id}. ${s.title}` +
      (s.seconds !== undefined ? ` (${s.seconds.toFixed(1)} s` + (s.load ? `; load ${s.load[0].toFixed(2)} -> ${s.load[1].toFixed(2)}` : '') + ')' : ''),
  );
  if (s.failed) {
    lines.push(`   FAILED: ${s.failed}`);
    return lines.join('\n');
  }
  if (s.skipped) {
    lines.push(`   skipped: ${s.skipped}`);
    return lines.join('\n');
  }
  if (s.table) lines.push(...formatTable(s.table.columns, s.table.rows));
  const w = Math.max(10, ...s.rows.map((r) => r.name.length));
  for (const r of s.table ? [] : s.rows) {
    const val = `${fmt(r.value)} ${r.unit}`;
    lines.push(`   ${r.name.padEnd(w)}  ${val.padStart(18)}${r.note ? '  ' + r.note : ''}`);
  }
  for (const n of s.notes ?? []) lines.push(`   note: ${n}`);
  if (s.ratios.length > 0) {
    lines.push('   ratios (measured side by side in this run):');
    const wr = Math.max(10, ...s.ratios.map((r) => r.name.length));
    for (const r of s.ratios) {
      const margin = r.margin !== undefined ? ` ±${(r.margin * 100).toFixed(1)}%` : '';
      const tgt =
        r.target !== undefined ? `  target >= ${r.target}x: ${r.verdict}` : r.verdict ? `  (${r.verdict})` : '';
      lines.push(`   ${r.name.padEnd(wr)}  ${r.value.toFixed(2).padStart(8)}x${margin}${tgt}`);
    }
  }
  return lines.join('\n');
}

/** Aligned text table: first column left-aligned, the others right-aligned. */
export function formatTable(columns: string[], rows: string[][]): string[] {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    '   ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/**
 * A ratio row, with its target check. A ratio whose cases gave different results (`check.same`
 * false or a string) is not claimed: a target is then NOT met. A target is met only when the value
 * minus its margin of error reaches it; a value within its margin of the target is not claimed
 * either way. In a quick run targets are not judged.
 */
export function ratio(name: string, value: number, target?: number, check: RatioCheck = {}): Ratio {
  const r: Ratio = { name, value };
  if (check.margin !== undefined) r.margin = check.margin;
  const differs = check.same === false || typeof check.same === 'string';
  const why = typeof check.same === 'string' ? check.same : 'the compared results differ';
  if (!Number.isFinite(value)) {
    if (target !== undefined) [r.target, r.met] = [target, false];
    r.verdict = 'not claimed (no valid measurement)';
    return r;
  }
  if (target === undefined) {
    if (differs) r.verdict = `not claimed: ${why}`;
    return r;
  }
  r.target = target;
  if (differs) {
    r.met = false;
    r.verdict = `NOT met (not claimed: ${why})`;
  } else if (check.quick) {
    r.verdict = `not judged (quick run)`;
  } else {
    const m = check.margin ?? 0;
    if (value * (1 - m) >= target) [r.met, r.verdict] = [true, 'met'];
    else if (value * (1 + m) < target) [r.met, r.verdict] = [false, 'NOT met'];
    else [r.met, r.verdict] = [false, `not claimed: within the margin of error (±${(m * 100).toFixed(1)}%)`];
  }
  return r;
}

/** Write the report as pretty JSON (creating the folder). */
export function writeReport(file: string, report: BenchReport): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}
