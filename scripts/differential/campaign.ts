/**
 * Differential campaign: random cases through the MAESTRO binary (env MAESTRO_BIN) and through
 * codesign's parsers + cost model; one JSON line per case (inputs, MAESTRO's output, comparison).
 *
 *   MAESTRO_BIN=/path/to/maestro node scripts/differential/run.mjs campaign \
 *     --seed 1 --cases 1000 --jobs 2 --out /tmp/diff/seed1.jsonl
 *
 * Without MAESTRO_BIN it prints a note and exits 0 (nothing to compare against). With VALGRIND
 * (path to valgrind), every disagreement is also run under memcheck to flag MAESTRO's undefined
 * behaviour (uninitialised reads).
 * Progress on stderr. It never builds MAESTRO.
 */
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { CostModel } from '../../src/model/costmodel.js';
import { hardwareFlags, hardwareText, mappingText, type Case } from './case.js';
import { compareCase, type Verdict } from './compare.js';
import { CaseGenerator, knownDataflows, type Profile } from './generate.js';
import { runMaestro, valgrindErrors, type MaestroOutcome } from './maestro-bin.js';
import { compareReport, type ReportComparison } from './report.js';

/** One record of a campaign's JSONL output. */
export interface CaseRecord {
  case: Case;
  mapping: string;
  /** Hardware file text ('' = none). */
  hardware: string;
  /** MAESTRO hardware flags given too (`--num_simd_lanes=4`; all of the hardware without a file). */
  flags?: string[];
  maestro: Omit<MaestroOutcome, 'ms'> & { ms: number };
  comparison: ReturnType<typeof compareCase>;
  /** Set for disagreements: MAESTRO gave the same output when run again. */
  maestroRepeatable?: boolean;
  /** Set for disagreements when VALGRIND is given: memcheck errors in MAESTRO's run (> 0: undefined behaviour). */
  maestroValgrindErrors?: number | null;
  /** With --print-res, for matching cases: does our --print_res report equal MAESTRO's stdout? */
  report?: ReportComparison;
}

interface Options {
  seed: number;
  cases: number;
  jobs: number;
  out: string;
  root: string;
  networkShare: number;
  timeoutMs: number;
  profile: Profile;
  cliShare: number;
  zeroShare: number;
  deepShare: number;
  printRes: boolean;
}

function parseArgs(argv: string[], root: string): Options {
  const o: Options = { seed: 1, cases: 200, jobs: 2, out: '', root, networkShare: 0.25, timeoutMs: 30_000, profile: 'mixed', cliShare: 0, zeroShare: 0, deepShare: 0, printRes: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    const num = () => {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error(`${a} needs a number`);
      i++;
      return n;
    };
    if (a === '--seed') o.seed = num();
    else if (a === '--cases') o.cases = num();
    else if (a === '--jobs') o.jobs = Math.max(1, Math.min(2, num()));
    else if (a === '--network-share') o.networkShare = num();
    else if (a === '--timeout-ms') o.timeoutMs = num();
    else if (a === '--cli-hw') o.cliShare = num();
    else if (a === '--zero-latency') o.zeroShare = num();
    else if (a === '--deep') o.deepShare = num();
    else if (a === '--print-res') o.printRes = true;
    else if (a === '--out') (o.out = v ?? ''), i++;
    else if (a === '--profile') {
      if (v !== 'mixed' && v !== 'valid' && v !== 'paper') throw new Error('--profile must be mixed, valid or paper');
      o.profile = v;
      i++;
    }
    else throw new Error(`unknown option ${a}`);
  }
  if (!o.out) o.out = `/tmp/codesign-differential/seed${o.seed}.jsonl`;
  return o;
}

/** Entry point (argv without node / script). */
export async function main(argv: string[], root: string): Promise<number> {
  const bin = process.env['MAESTRO_BIN'];
  if (!bin || !existsSync(bin)) {
    process.stderr.write(`differential campaign skipped: set MAESTRO_BIN to a MAESTRO binary (${bin ? `${bin} does not exist` : 'unset'})\n`);
    return 0;
  }
  const o = parseArgs(argv, root);
  const valgrind = process.env['VALGRIND'] && existsSync(process.env['VALGRIND']) ? process.env['VALGRIND'] : undefined;
  const { mkdirSync } = await import('node:fs');
  mkdirSync(path.dirname(o.out), { recursive: true });
  const cm = CostModel.loadSync(path.join(o.root, 'build/costmodel.wasm'));
  const gen = new CaseGenerator(o.seed, knownDataflows(path.join(o.root, 'scripts/differential/known-dataflows.json')), o.networkShare, o.profile, o.cliShare, o.zeroShare, o.deepShare);
  const out = createWriteStream(o.out, { flags: 'a' });
  const counts: Partial<Record<Verdict, number>> = {};
  const reports = [0, 0]; // --print-res: reports identical / differing
  let done = 0;
  let next = 0;
  const t0 = Date.now();
  const worker = async () => {
    while (next < o.cases) {
      const c = gen.next(`s${o.seed}-${next++}`);
      const mapping = mappingText(c);
      const hardware = hardwareText(c.hw);
      const flags = hardwareFlags(c.hw);
      const m = await runMaestro(bin, mapping, hardware, o.timeoutMs, [], flags, o.printRes);
      const complete = m.code === 0 && !m.timedOut && m.lines.length === c.layers.length;
      const comparison = compareCase(cm, mapping, hardware, m.lines, complete, flags);
      const { stdout, ...maestro } = m; // (MAESTRO's report is compared, not stored)
      const rec: CaseRecord = { case: c, mapping, hardware, maestro, comparison };
      if (stdout !== undefined && comparison.verdict === 'match') {
        rec.report = compareReport(cm, mapping, hardware, flags, stdout);
        reports[rec.report.same ? 0 : 1]++;
      }
      if (flags.length > 0) rec.flags = flags;
      if (comparison.verdict !== 'match' && comparison.verdict !== 'both-reject') {
        // Disagreement: is MAESTRO's own output reproducible (no undefined behaviour)?
        const again = await runMaestro(bin, mapping, hardware, o.timeoutMs, [], flags);
        rec.maestroRepeatable = again.code === m.code && again.signal === m.signal && again.lines.join('\n') === m.lines.join('\n');
        if (valgrind) rec.maestroValgrindErrors = await valgrindErrors(valgrind, bin, mapping, hardware, flags);
      }
      out.write(JSON.stringify(rec) + '\n');
      counts[comparison.verdict] = (counts[comparison.verdict] ?? 0) + 1;
      done++;
      if (done % 50 === 0 || done === o.cases) {
        const rate = (done / ((Date.now() - t0) / 1000)).toFixed(1);
        const rep = o.printRes ? ` report same ${reports[0]} differ ${reports[1]}` : '';
        process.stderr.write(`[seed ${o.seed}] ${done}/${o.cases} (${rate}/s) ${JSON.stringify(counts)}${rep}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: o.jobs }, worker));
  await new Promise<void>((r) => out.end(r));
  process.stderr.write(`wrote ${o.out}\n`);
  return 0;
}
