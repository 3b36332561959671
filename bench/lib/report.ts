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
  met?: boolean;
}

/** One section (a, b, c, d) of the run. */
export interface SectionResult {
  id: string;
  title: string;
  /** Set when the section could not run (dependency not ready, env var unset): the reason. */
  skipped?: string;
  rows: ResultRow[];
  ratios: Ratio[];
  /** Seconds the section took. */
  seconds?: number;
  /** Remarks printed under the table (checks, what was not measured and why). */
  notes?: string[];
  /** Compact table printed instead of `rows` (the JSON keeps both). */
  table?: { columns: string[]; rows: string[][] };
}

/** The whole `bench/results.json`. */
export interface BenchReport {
  date: string;
  quick: boolean;
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
  if (a >= 1e9) return (v / 1e9).toPrecision(3) + 'G';
  if (a >= 1e6) return (v / 1e6).toPrecision(3) + 'M';
  if (a >= 1e4) return (v / 1e3).toPrecision(3) + 'k';
  if (a >= 100) return v.toFixed(0);
  return v.toPrecision(3);
}

/** Text table of one section (what `npm run bench` prints). */
export function formatSection(s: SectionResult): string {
  const lines: string[] = [];
  lines.push(`\n== ${s.id}. ${s.title}` + (s.seconds !== undefined ? ` (${s.seconds.toFixed(1)} s)` : ''));
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
      const tgt =
        r.target !== undefined ? `  target >= ${r.target}x: ${r.met ? 'met' : 'NOT met'}` : '';
      lines.push(`   ${r.name.padEnd(wr)}  ${r.value.toFixed(2).padStart(8)}x${tgt}`);
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

/** A ratio row, with its target check. */
export function ratio(name: string, value: number, target?: number): Ratio {
  return target === undefined ? { name, value } : { name, value, target, met: value >= target };
}

/** Write the report as pretty JSON (creating the folder). */
export function writeReport(file: string, report: BenchReport): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}
