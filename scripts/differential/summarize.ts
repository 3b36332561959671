/**
 * Summarize campaign JSONL files into a Markdown report: verdicts, match rates per column /
 * dataflow / layer type, rejection agreement, and every mismatch class with a minimal reproducer.
 *
 *   node scripts/differential/run.mjs summarize [--report out.md] [--notes notes.md] [--recompare] runs/*.jsonl
 *
 * --recompare: compare the recorded MAESTRO output with the current build/costmodel.wasm
 * (no MAESTRO needed) instead of the comparison recorded during the campaign.
 */
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import path from 'node:path';
import { CostModel } from '../../src/model/costmodel.js';
import { compareCase } from './compare.js';
import { describeHw, describeLayer, type CaseLayer } from './case.js';
import type { CaseRecord } from './campaign.js';

/**
 * The lines of a text file, read in chunks (a paper-profile campaign file can exceed the longest
 * string V8 makes, ~512 MB). The last yielded line is the text after the last newline.
 */
function* fileLines(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 24);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const parts = (rest + decoder.write(buf.subarray(0, n))).split('\n');
      rest = parts.pop()!;
      yield* parts;
    }
    yield rest + decoder.end();
  } finally {
    closeSync(fd);
  }
}

/** Read JSONL campaign records. */
export function readRecords(files: string[]): CaseRecord[] {
  const recs: CaseRecord[] = [];
  for (const f of files) {
    let pending: unknown = null; // a parse error, fatal unless on the file's last line
    for (const line of fileLines(f)) {
      if (pending) throw pending;
      if (!line.trim()) continue;
      try {
        recs.push(JSON.parse(line) as CaseRecord);
      } catch (e) {
        pending = e; // only a campaign's last line may be incomplete (still running)
      }
    }
  }
  return recs;
}

/** MAESTRO's outcome as a short class: ok, exit-255 <message>, SIGFPE, timeout, ... */
export function maestroClass(r: CaseRecord): string {
  const m = r.maestro;
  if (m.timedOut) return 'timeout';
  if (m.signal) return m.signal;
  if (m.code === 0 && m.lines.length === r.case.layers.length) return 'ok';
  if (m.code === 0) return `exit 0, ${m.lines.length}/${r.case.layers.length} rows`;
  return `exit ${m.code}`;
}

/** A normalized message (numbers and names replaced) to group errors by. */
function norm(s: string): string {
  return s
    .replace(/line number:? \d+|line \d+/g, 'line #')
    .replace(/\b[YX]'|\b[A-Z]\b(?=[ (:)]|$)/g, 'D')
    .replace(/-?\d+(\.\d+)?/g, '#')
    .replace(/layer [^ :]+:/g, 'layer:')
    .trim();
}

function maestroMessage(r: CaseRecord): string {
  const t = r.maestro.tail.split('\n').map((l) => l.trim()).filter((l) => l && !/^(BW Analysis|\[WARNING|\[PASS)/.test(l));
  const err = t.filter((l) => /error|Error|ERROR|not found|should|Found|No spatial|abort|Assert/i.test(l));
  return (err.length ? err.slice(-2) : t.slice(-1)).join(' | ').slice(0, 200);
}

function ourMessage(r: CaseRecord): string {
  const c = r.comparison;
  if (c.parseError) return `parse: ${c.parseError}`;
  return c.ourErrors.filter((e): e is string => e !== null)[0] ?? '(no error)';
}

function layerSize(l: CaseLayer): number {
  return l.dims.reduce((a, [, v]) => a * v, 1);
}

function caseSize(r: CaseRecord): number {
  return r.case.layers.length * 1e15 + r.case.layers.reduce((a, l) => a + layerSize(l), 0);
}

function pct(ok: number, n: number): string {
  return n === 0 ? '-' : `${((100 * ok) / n).toFixed(ok === n || ok / n < 0.999 ? 2 : 3)}% (${ok}/${n})`;
}

/** Reproducer text of a case (layers with dataflows, hardware). */
export function reproducer(r: CaseRecord, focusLayer?: number): string {
  const lines: string[] = [];
  const layers = r.case.layers;
  layers.forEach((l, i) => {
    const mark = focusLayer === i && layers.length > 1 ? '  <-- ' : '';
    lines.push(`  ${l.name}: ${describeLayer(l)} | ${l.dfName} | ${l.dataflow.join('; ')}${mark}`);
  });
  lines.push(`  hw: ${describeHw(r.case.hw)}`);
  return lines.join('\n');
}

interface ClassInfo {
  key: string;
  count: number;
  best: CaseRecord;
  bestSize: number;
  detail: string;
  layer?: number;
  types: Set<string>;
  dfs: Set<string>;
  /** Cases checked for MAESTRO undefined behaviour, and how many showed it. */
  ubChecked: number;
  ub: number;
}

/** Did MAESTRO show undefined behaviour on this case (non-repeatable output, valgrind errors)? */
function ubOf(r: CaseRecord): boolean | undefined {
  if (r.maestroRepeatable === undefined && r.maestroValgrindErrors === undefined) return undefined;
  return r.maestroRepeatable === false || (r.maestroValgrindErrors ?? 0) > 0;
}

function addClass(map: Map<string, ClassInfo>, key: string, r: CaseRecord, detail: string, layer?: number): void {
  const size = caseSize(r);
  const c = map.get(key);
  const types = new Set(r.case.layers.map((l) => l.type));
  const dfs = new Set(r.case.layers.map((l) => l.dfName.replace(/#\d+$/, '')));
  const ub = ubOf(r);
  if (!c) {
    map.set(key, { key, count: 1, best: r, bestSize: size, detail, layer, types, dfs, ubChecked: ub === undefined ? 0 : 1, ub: ub ? 1 : 0 });
    return;
  }
  c.count++;
  if (ub !== undefined) c.ubChecked++;
  if (ub) c.ub++;
  types.forEach((t) => c.types.add(t));
  dfs.forEach((d) => c.dfs.add(d));
  if (size < c.bestSize) Object.assign(c, { best: r, bestSize: size, detail, layer });
}

/** Build the Markdown report. */
export function report(recs: CaseRecord[]): string {
  const out: string[] = [];
  const verdicts = new Map<string, number>();
  const colStats = new Map<string, [number, number]>();
  const byDf = new Map<string, [number, number]>();
  const byType = new Map<string, [number, number]>();
  const byFamily = new Map<string, [number, number]>();
  const statusTable = new Map<string, number>();
  const classes = new Map<string, ClassInfo>();
  const csvCols = new Map<string, { n: number; ex: string }>();
  let rows = 0;
  let rowsOk = 0;
  let nonFinite = 0;
  const bump = (m: Map<string, [number, number]>, k: string, ok: boolean) => {
    const v = m.get(k) ?? [0, 0];
    v[1]++;
    if (ok) v[0]++;
    m.set(k, v);
  };
  for (const r of recs) {
    const c = r.comparison;
    verdicts.set(c.verdict, (verdicts.get(c.verdict) ?? 0) + 1);
    if (c.maestroNonFinite) nonFinite++;
    // Column statistics over cases where both give every row (not the rows after a layer we reject).
    const full = c.verdict === 'match' || c.verdict === 'mismatch';
    for (const [col, [ok, n]] of full ? Object.entries(c.columns) : []) {
      const v = colStats.get(col) ?? [0, 0];
      v[0] += ok;
      v[1] += n;
      colStats.set(col, v);
    }
    for (const d of full ? (c.csvTextDiffs ?? []) : []) {
      const v = csvCols.get(d.col) ?? { n: 0, ex: `${r.case.id} (${describeHw(r.case.hw)}): MAESTRO ${d.maestro} ours ${d.ours}` };
      v.n++;
      csvCols.set(d.col, v);
    }
    const mc = maestroClass(r);
    const ours = c.parseError ? 'parse error' : c.ourErrors.some((e) => e) ? 'reject' : 'ok';
    statusTable.set(`${mc} / ${ours}`, (statusTable.get(`${mc} / ${ours}`) ?? 0) + 1);
    bump(byFamily, r.case.family, c.verdict === 'match' || c.verdict === 'both-reject');
    // Per compared row: type and dataflow.
    const badLayers = new Set(c.mismatches.map((m) => m.layer));
    if (c.verdict === 'match' || c.verdict === 'mismatch') {
      r.case.layers.forEach((l, i) => {
        rows++;
        const ok = !badLayers.has(i);
        if (ok) rowsOk++;
        bump(byDf, l.dfName.replace(/#\d+$/, ''), ok);
        bump(byType, l.type, ok);
      });
    }
    // Classes.
    if (c.verdict === 'mismatch') {
      const perLayer = new Map<number, string[]>();
      for (const m of c.mismatches) perLayer.set(m.layer, [...(perLayer.get(m.layer) ?? []), m.col]);
      for (const [layer, cols] of perLayer) {
        const net = r.case.layers.length > 1 ? 'network' : 'single';
        const key = `mismatch ${net}: ${[...new Set(cols)].sort().join(',')}`;
        const detail = c.mismatches
          .filter((m) => m.layer === layer)
          .slice(0, 8)
          .map((m) => `${m.col}: MAESTRO ${m.expected} ours ${m.got}`)
          .join('; ');
        addClass(classes, key, r, detail, layer);
      }
    } else if (c.verdict === 'we-reject') {
      addClass(classes, `we reject, MAESTRO evaluates: ${norm(ourMessage(r))}`, r, ourMessage(r));
    } else if (c.verdict === 'we-accept') {
      addClass(classes, `we evaluate, MAESTRO gives nothing (${maestroClass(r)}): ${norm(maestroMessage(r))}`, r, maestroMessage(r));
    } else if (c.mismatches.length) {
      addClass(classes, `both reject but earlier rows differ`, r, c.mismatches.slice(0, 4).map((m) => `${m.col}`).join(','));
    }
  }
  const total = recs.length;
  out.push(`## Totals (${total} cases, ${recs.reduce((a, r) => a + r.case.layers.length, 0)} layers)`, '');
  out.push('| verdict | cases |', '|---|---|');
  for (const [k, v] of [...verdicts].sort((a, b) => b[1] - a[1])) out.push(`| ${k} | ${v} (${((100 * v) / total).toFixed(1)}%) |`);
  out.push('', `Rows both evaluate (cases where MAESTRO gives a full result): ${pct(rowsOk, rows)} match on all 52 columns.`);
  out.push(`Cases whose MAESTRO output has nan/inf: ${nonFinite}.`, '');
  // Campaigns run with --print-res: our --print_res report vs MAESTRO's stdout, byte for byte.
  const reports = recs.filter((r) => r.report !== undefined);
  if (reports.length > 0) {
    const same = reports.filter((r) => r.report!.same).length;
    out.push(`--print_res reports (matching cases of --print-res campaigns) byte-identical to MAESTRO's stdout: ${pct(same, reports.length)}.`);
    for (const r of reports.filter((x) => !x.report!.same).slice(0, 5)) {
      out.push(`- ${r.case.id} line ${r.report!.line}: MAESTRO \`${r.report!.maestro}\`, ours \`${r.report!.ours}\``);
    }
    out.push('');
  }
  out.push('Agreement per case family (match or both reject):', '');
  for (const [k, [ok, n]] of byFamily) out.push(`- ${k}: ${pct(ok, n)}`);
  out.push('', '## MAESTRO outcome / ours', '', '| MAESTRO | ours | cases |', '|---|---|---|');
  for (const [k, v] of [...statusTable].sort((a, b) => b[1] - a[1])) {
    const [m, o] = k.split(' / ');
    out.push(`| ${m} | ${o} | ${v} |`);
  }
  out.push('', '## Match rate per column (rows both evaluate)', '');
  const cols = [...colStats].filter(([, [ok, n]]) => ok !== n);
  out.push(cols.length === 0 ? 'All columns (52 + CSV bytes) match on every compared row.' : 'Columns with mismatches (all others: 100%):');
  for (const [k, [ok, n]] of cols) out.push(`- ${k}: ${pct(ok, n)}`);
  const anyCol = colStats.get('runtime');
  if (anyCol) out.push('', `(every column compared on ${anyCol[1]} rows; \`(csv bytes)\` = our CSV row byte-identical to MAESTRO's: ${pct(...(colStats.get('(csv bytes)') ?? [0, 0]))})`);
  if (csvCols.size) {
    out.push('', 'CSV text differences on rows whose values match (per column, with an example):');
    for (const [k, v] of [...csvCols].sort((a, b) => b[1].n - a[1].n)) out.push(`- ${k}: ${v.n} rows, e.g. case ${v.ex}`);
  }
  out.push('', '## Rows matching all columns, per dataflow (source:name) and per layer type', '');
  out.push('| dataflow | rows all-match |', '|---|---|');
  for (const [k, [ok, n]] of [...byDf].sort()) out.push(`| ${k} | ${pct(ok, n)} |`);
  out.push('', '| layer type | rows all-match |', '|---|---|');
  for (const [k, [ok, n]] of [...byType].sort()) out.push(`| ${k} | ${pct(ok, n)} |`);
  out.push('', '## Mismatch classes (auto-grouped; smallest reproducer of each)', '');
  if (classes.size === 0) out.push('None.');
  for (const c of [...classes.values()].sort((a, b) => b.count - a.count)) {
    out.push(`### ${c.key}`, '', `${c.count} case(s); layer types ${[...c.types].join(',')}; dataflows ${[...c.dfs].slice(0, 8).join(', ')}`, '');
    if (c.ubChecked) out.push(`MAESTRO undefined behaviour (output differs when rerun, or valgrind reports uninitialised reads): ${c.ub} of ${c.ubChecked} checked cases.`, '');
    const bu = ubOf(c.best);
    const vg = c.best.maestroValgrindErrors;
    const bestNote =
      bu === undefined ? '' : bu ? ' (MAESTRO UB on this case)' : vg === 0 ? ' (MAESTRO valgrind-clean and repeatable on this case)' : ' (MAESTRO output repeatable; no valgrind run)';
    out.push('```', `case ${c.best.case.id}${bestNote}`, reproducer(c.best, c.layer), `  -> ${c.detail}`, '```', '');
  }
  return out.join('\n');
}

export async function main(argv: string[], root: string): Promise<number> {
  let reportFile = '';
  let notes = '';
  let recompare = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--report') reportFile = argv[++i]!;
    else if (argv[i] === '--recompare') recompare = true;
    else if (argv[i] === '--notes') notes = readFileSync(argv[++i]!, 'utf8');
    else files.push(argv[i]!);
  }
  const recs = readRecords(files);
  if (recompare) {
    // Compare MAESTRO's recorded output with the CURRENT cost model (build/costmodel.wasm).
    const cm = CostModel.loadSync(path.join(root, 'build/costmodel.wasm'));
    for (const r of recs) {
      const complete = r.maestro.code === 0 && !r.maestro.timedOut && r.maestro.lines.length === r.case.layers.length;
      r.comparison = compareCase(cm, r.mapping, r.hardware, r.maestro.lines, complete, r.flags);
    }
  }
  const text = (notes ? notes.trimEnd() + '\n\n' : '') + report(recs) + '\n';
  if (reportFile) writeFileSync(reportFile, text);
  else process.stdout.write(text);
  return 0;
}
