/**
 * `npm run bench`: the speed claims of codesign, measured side by side in one run.
 *
 *   a. cost-model throughput (Wasm vs the same model compiled to plain JS by wasm2js)
 *   b. whole networks: the NB301 paper set on one accelerator, with / without layer memoization
 *   c. the paper's experiment end to end (`codesign search`): full vs semi, 1 vs 2 workers
 *   d. side by side with the MAESTRO binary (only when env MAESTRO_BIN is set)
 *
 * Prints a table and writes bench/results.json (a quick or `--only` run: bench/results-partial.json,
 * so it never replaces a full run's results). `--quick` (or BENCH_QUICK=1): a short run.
 * A section whose dependency is missing is skipped with the reason; a section that fails is
 * reported as FAILED and the run exits 1 (after the other sections ran and the results were written).
 */
import os from 'node:os';
import { benchUsage, parseBenchOptions, type BenchOptions } from './lib/options.js';
import {
  formatSection,
  machineInfo,
  writeReport,
  type BenchReport,
  type SectionResult,
} from './lib/report.js';
import { SkipSection } from './lib/skip.js';
import { throughputSection } from './sections/throughput.js';
import { networkSection } from './sections/network.js';
import { sweepSection } from './sections/sweep.js';
import { maestroSection } from './sections/maestro.js';

/** A benchmark section: fills `rows`/`ratios` of its result, or throws SkipSection. */
export interface Section {
  id: string;
  title: string;
  run(opts: BenchOptions, result: SectionResult): Promise<void>;
}

const SECTIONS: Section[] = [throughputSection, networkSection, sweepSection, maestroSection];

/** Ids of the sections, in order (`--only` takes these). */
export const SECTION_IDS = SECTIONS.map((s) => s.id);

async function runSection(s: Section, opts: BenchOptions): Promise<SectionResult> {
  const result: SectionResult = { id: s.id, title: s.title, rows: [], ratios: [] };
  process.stderr.write(`bench: ${s.id}. ${s.title}...\n`);
  const t0 = performance.now();
  const load0 = os.loadavg()[0]!;
  try {
    await s.run(opts, result);
  } catch (err) {
    if (err instanceof SkipSection) result.skipped = err.message;
    else {
      const e = err as Error;
      result.failed = e && e.message ? e.message : String(err);
      process.stderr.write(`bench: section ${s.id} failed: ${e && e.stack ? e.stack : String(err)}\n`);
    }
  }
  result.seconds = (performance.now() - t0) / 1000;
  result.load = [load0, os.loadavg()[0]!];
  return result;
}

/** Run the benchmark; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let opts: BenchOptions;
  try {
    opts = parseBenchOptions(argv, process.env, SECTION_IDS);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  if (opts.help) {
    console.log(benchUsage(SECTIONS.map((s) => `${s.id}. ${s.title}`)));
    return 0;
  }
  const report: BenchReport = {
    date: new Date().toISOString(),
    quick: opts.quick,
    ...(opts.only.length > 0 ? { only: opts.only } : {}),
    ...machineInfo(),
    sections: [],
  };
  console.log(
    `codesign benchmarks (${opts.quick ? 'quick' : 'full'}) on ${report.cpu}, ${report.cores} cores, node ${report.node}`,
  );
  for (const s of SECTIONS) {
    if (opts.only.length > 0 && !opts.only.includes(s.id)) continue;
    const r = await runSection(s, opts);
    report.sections.push(r);
    console.log(formatSection(r));
  }
  writeReport(opts.out, report);
  console.log(`\nwrote ${opts.out}`);
  const failed = report.sections.filter((s) => s.failed).map((s) => s.id);
  if (failed.length > 0) {
    process.stderr.write(`bench: section${failed.length > 1 ? 's' : ''} ${failed.join(', ')} FAILED (see above)\n`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
