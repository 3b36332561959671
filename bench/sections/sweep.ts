/**
 * c. The paper's experiment end to end, as a user runs it: `codesign search` over the NB301
 *    paper set (1,018 models) x the paper's accelerators (50 hardware configs x kcp_ws, rs,
 *    xp_ws), whole processes (start-up included), memoized:
 *    - `--mode full` vs `--mode semi` (ratio shown; the search is a fraction of the process),
 *    - `--mode full` with 0, 1 and 2 worker threads (results checked identical),
 *    - the full sweep on 2 workers (target <= 3 s);
 *    with real work per (model, accelerator) pair (`--no-memo`, AlphaNet paper set x random
 *    hardware): 1 vs 2 workers (target >= 1.7x) and full vs semi (target 20x);
 *    and the paper's actual use, per constraint: AlphaNet paper set x the paper's 150 accelerators,
 *    `--no-memo`, a fixed set of accuracy constraints, `--select per-threshold --top-k 3` (the
 *    smallest top-k with semi = full at every constraint, measured with `--mode all`), full vs
 *    semi (target 20x), with a check that both give the same answer (architecture, accelerator,
 *    value) at every constraint, and a held-out check of `--top-k 3` on other accelerators and
 *    other constraints. No ratio is claimed over results that differ (see ../lib/report.ts).
 *    Timed cases run in interleaved rounds; every round must write the same JSON (timings aside).
 *    Rank correlations are skipped (`--no-correlations`): they are reporting, not search.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Section } from '../run.js';
import { ratio } from '../lib/report.js';
import { SkipSection } from '../lib/skip.js';
import { projectRoot } from '../lib/paths.js';

interface SearchRun {
  wallMs: number;
  /** The search's own time (JSON `timings.fullMs` / `semiMs`). */
  searchMs?: number;
  evaluations?: number;
  /** Per-threshold answers of the search that ran: `threshold: archId @ accelerator = value`. */
  answers: string[];
  /** |S| (semi-decoupled runs). */
  selected?: number;
  /** The JSON output without its timings: equal between runs that computed the same thing. */
  result: string;
}

interface AnswerJson {
  archId: number;
  accelId: string;
  value: number | string;
}

interface SearchJson {
  timings?: { fullMs?: number; semiMs?: number };
  searches?: { full?: { evaluations?: number }; semi?: { evaluations?: number } };
  perThreshold?: ({ threshold: number } & Partial<Record<'full' | 'semi', AnswerJson | null>>)[];
  selected?: { count: number };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Repeated runs of one case as one: the first's results, the median wall and search times. */
function medianRun(rs: SearchRun[]): SearchRun {
  const inner = rs.map((x) => x.searchMs).filter((x): x is number => x !== undefined);
  return { ...rs[0]!, wallMs: median(rs.map((x) => x.wallMs)), searchMs: inner.length ? median(inner) : undefined };
}

/**
 * The answers of one search in a `codesign search` JSON, one string per threshold. A threshold
 * without the search's key is an error (the JSON layout changed: "no answer" is `null`).
 */
function answersOf(j: SearchJson, mode: 'full' | 'semi'): string[] {
  if (!Array.isArray(j.perThreshold)) throw new Error('codesign search JSON has no perThreshold list');
  return j.perThreshold.map((t, i) => {
    if (!Object.prototype.hasOwnProperty.call(t, mode)) throw new Error(`codesign search JSON: perThreshold[${i}] has no '${mode}' answer`);
    const a = t[mode];
    return `${t.threshold}: ${a ? `${a.archId} @ ${a.accelId} = ${a.value}` : 'none'}`;
  });
}

/** `true` when two answer lists agree at every threshold, else what differs. */
function sameAnswers(a: readonly string[], b: readonly string[], what: string): true | string {
  if (a.length === 0 || a.length !== b.length) return `${what}: ${a.length} vs ${b.length} thresholds`;
  const differ = a.filter((x, i) => x !== b[i]).length;
  return differ === 0 ? true : `${what} differ at ${differ} of ${a.length} thresholds`;
}

/** `true` when all runs wrote the same JSON (timings aside), else what differs. */
function sameResults(runs: readonly SearchRun[], what: string): true | string {
  return runs.every((r) => r.result === runs[0]!.result) ? true : `${what}: the JSON results differ`;
}

/** Accuracy constraints (%) of the per-constraint workload: AlphaNet paper set accuracies span 67.5-71.8. */
const PER_CONSTRAINT_THRESHOLDS = '69,69.5,70,70.5,71,71.5';
/** Held-out check of its top-k: other accelerators and other constraints than it was chosen on. */
const HELD_OUT_ACCELERATORS = 'random:50:11';
const HELD_OUT_THRESHOLDS = '69.25,69.75,70.25,70.75,71.25';

/** The paper's NB301 experiment (memoized: each distinct layer shape analysed once per accelerator). */
const PAPER_NB301 = ['--space', 'nb301', '--ids', 'paper', '--quality', 'flops', '--accelerators', 'paper', '--dataflows', 'kcp_ws,rs,xp_ws'];

/** Run `codesign search` once; wall time and what its JSON says. */
function search(cli: string, dir: string, mode: 'full' | 'semi' | 'both', workers: number, extra: string[], base: string[] = PAPER_NB301): SearchRun & { json: SearchJson } {
  const out = path.join(dir, `${mode}-${workers}.json`);
  rmSync(out, { force: true });
  const args = [cli, 'search', ...base, '--mode', mode, '--workers', String(workers), '--no-progress', '--no-correlations', '--no-summary', '--out', out, ...extra];
  const t = performance.now();
  try {
    execFileSync(process.execPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const e = err as { status?: number; stderr?: Buffer };
    throw new Error(`codesign search --mode ${mode} --workers ${workers} failed (exit ${e.status}): ${e.stderr?.toString().trim().split('\n').pop()}`);
  }
  const wallMs = performance.now() - t;
  // (progress: section c runs ~25 whole searches, some of ~50 s)
  process.stderr.write(`bench: c: search ${base[1] ?? ''} --mode ${mode} --workers ${workers}${extra.includes('--no-memo') || base.includes('--no-memo') ? ' --no-memo' : ''}: ${(wallMs / 1000).toFixed(1)} s\n`);
  const j = JSON.parse(readFileSync(out, 'utf8')) as SearchJson;
  const m = mode === 'both' ? 'full' : mode;
  const { timings, ...rest } = j;
  return {
    json: j,
    wallMs,
    searchMs: m === 'full' ? timings?.fullMs : timings?.semiMs,
    evaluations: j.searches?.[m]?.evaluations,
    selected: m === 'semi' ? j.selected?.count : undefined,
    answers: answersOf(j, m),
    result: JSON.stringify(rest),
  };
}

export const sweepSection: Section = {
  id: 'c',
  title: "The paper's experiment end to end (codesign search, NB301 paper set x 150 accelerators)",
  async run(opts, result) {
    const root = projectRoot();
    const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');
    if (!existsSync(cli)) throw new SkipSection('dist/src/cli/main.js is missing (run `npm run build`)');
    if (!existsSync(path.join(root, 'build', 'costmodel.wasm'))) throw new SkipSection('build/costmodel.wasm is missing (run `npm run asbuild`)');
    const reps = opts.quick ? 1 : 3;
    const quick = opts.quick;
    const notes: string[] = (result.notes ??= []);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'codesign-bench-search-'));
    try {
      const row = (name: string, r: SearchRun) =>
        result.rows.push({
          name,
          value: r.wallMs,
          unit: 'ms',
          note:
            (r.searchMs !== undefined ? `search ${r.searchMs.toFixed(0)} ms` : '') +
            (r.evaluations !== undefined ? `, ${r.evaluations} (model, accelerator) evaluations` : ''),
        });
      /**
       * `reps` interleaved rounds of the given runs (each round runs every case once, so a slow
       * phase of the machine hits all alike); per case the median wall / search time, and whether
       * every round wrote the same JSON.
       */
      const interleaved = (cases: (() => SearchRun)[]): { run: SearchRun; repeatable: true | string; walls: number[] }[] => {
        const all: SearchRun[][] = cases.map(() => []);
        for (let r = 0; r < reps; r++) cases.forEach((c, i) => all[i]!.push(c()));
        return all.map((rs) => {
          return {
            run: medianRun(rs),
            repeatable: sameResults(rs, 'repeated runs'),
            walls: rs.map((x) => x.wallMs),
          };
        });
      };
      /**
       * Relative margin of error of a ratio of medians over interleaved rounds: half the spread of
       * the per-round ratios, over their median (undefined with fewer than 2 rounds). A target is
       * then claimed only beyond it, as section a's benchmark.js margins.
       */
      const spread = (num: number[], den: number[]): number | undefined => {
        if (num.length < 2) return undefined;
        const rs = num.map((x, i) => x / den[i]!);
        return (Math.max(...rs) - Math.min(...rs)) / 2 / median(rs);
      };
      const both = (a: true | string, b: true | string): true | string => (a === true ? b : a);

      // The paper's sweep, memoized (each distinct layer shape analysed once per accelerator).
      const [f2, s2, f1, f0] = interleaved([
        () => search(cli, dir, 'full', 2, []),
        () => search(cli, dir, 'semi', 2, []),
        () => search(cli, dir, 'full', 1, []),
        () => search(cli, dir, 'full', 0, []),
      ]);
      const [full2, semi2, full1, full0] = [f2!.run, s2!.run, f1!.run, f0!.run];
      row('--mode full, 2 workers (whole process)', full2);
      row('--mode semi, 2 workers (whole process)', semi2);
      row('--mode full, 1 worker (whole process)', full1);
      row('--mode full, in-process, no worker threads (--workers 0)', full0);
      const workersSame = both(f2!.repeatable, both(f1!.repeatable, both(f0!.repeatable, sameResults([full2, full1, full0], '0, 1 and 2 workers'))));
      const semiSame = both(s2!.repeatable, sameAnswers(full2.answers, semi2.answers, "semi's answers"));
      const searchShare = full2.searchMs !== undefined ? `search ${full2.searchMs.toFixed(0)} of ${full2.wallMs.toFixed(0)} ms` : 'a short search';
      notes.push(
        `memoized sweep: 0, 1 and 2 workers wrote the same results: ${workersSame === true ? 'yes' : `NO (${workersSame})`}; ` +
          `semi = full at every threshold: ${semiSame === true ? 'yes' : `NO (${semiSame})`}`,
      );
      result.ratios.push(
        // Memoized, the whole sweep is a short search in a ~1 s process (start-up, data, output):
        // neither semi nor a second worker can pay here. The >= 20x and >= 1.7x targets are
        // checked below with the work per pair the paper's pipeline has.
        ratio(`full / semi, whole process, 2 workers (memoized: ${searchShare})`, full2.wallMs / semi2.wallMs, undefined, { same: semiSame }),
        ratio('1 worker / 2 workers, --mode full, whole process (memoized)', full1.wallMs / full2.wallMs, undefined, { same: workersSame }),
        ratio('3 s / full sweep on 2 workers, memoized, whole process (>= 1: within target)', 3000 / full2.wallMs, 1, {
          same: f2!.repeatable,
          quick,
          margin: spread(f2!.walls.map(() => 3000), f2!.walls),
        }),
        ratio('in-process (--workers 0) / 2 workers, --mode full, whole process', full0.wallMs / full2.wallMs, undefined, { same: workersSame }),
      );
      if (full2.searchMs !== undefined && semi2.searchMs !== undefined) {
        result.ratios.push(ratio('full / semi, search time only (JSON timings)', full2.searchMs / semi2.searchMs, undefined, { same: semiSame }));
      }
      if (full1.searchMs !== undefined && full2.searchMs !== undefined) {
        result.ratios.push(ratio('1 worker / 2 workers, search time only', full1.searchMs / full2.searchMs, undefined, { same: workersSame }));
      }
      if (full2.evaluations !== undefined && semi2.evaluations !== undefined) {
        result.ratios.push(ratio('full / semi, (model, accelerator) evaluations', full2.evaluations / semi2.evaluations));
      }

      // Real work per (model, accelerator), as the paper's pipeline had it (one full network
      // analysis each, --no-memo): AlphaNet paper set x random hardware x 3 dataflows. Here the
      // workers have enough to share, and semi's saving in evaluations shows in wall time.
      const nHw = opts.quick ? 2 : 8;
      const heavy = ['--space', 'alphanet', '--ids', 'paper', '--accelerators', `random:${nHw}:7`, '--dataflows', 'kcp_ws,rs,xp_ws', '--no-memo'];
      const [h2, h1, hs] = interleaved([
        () => search(cli, dir, 'full', 2, [], heavy),
        () => search(cli, dir, 'full', 1, [], heavy),
        () => search(cli, dir, 'semi', 2, [], heavy),
      ]);
      const [hFull2, hFull1, hSemi2] = [h2!.run, h1!.run, hs!.run];
      row(`AlphaNet paper set x ${nHw * 3} accelerators, --no-memo, --mode full, 2 workers`, hFull2);
      row(`AlphaNet paper set x ${nHw * 3} accelerators, --no-memo, --mode full, 1 worker`, hFull1);
      row(`AlphaNet paper set x ${nHw * 3} accelerators, --no-memo, --mode semi, 2 workers`, hSemi2);
      const hWorkersSame = both(h2!.repeatable, both(h1!.repeatable, sameResults([hFull2, hFull1], '1 and 2 workers')));
      const hSemiSame = both(hs!.repeatable, sameAnswers(hFull2.answers, hSemi2.answers, "semi's answers"));
      notes.push(
        `--no-memo sweep: 1 and 2 workers wrote the same results: ${hWorkersSame === true ? 'yes' : `NO (${hWorkersSame})`}; ` +
          `semi (Pareto S) = full at every threshold: ${hSemiSame === true ? 'yes' : `NO (${hSemiSame})`}`,
      );
      result.ratios.push(
        ratio('per-network work (--no-memo): 1 worker / 2 workers, --mode full, whole process', hFull1.wallMs / hFull2.wallMs, 1.7, {
          same: hWorkersSame,
          quick,
          margin: spread(h1!.walls, h2!.walls),
        }),
        ratio('per-network work (--no-memo): full / semi (Pareto S), 2 workers, whole process', hFull2.wallMs / hSemi2.wallMs, 20, { same: hSemiSame, quick, margin: spread(h2!.walls, hs!.walls) }),
      );
      if (hFull2.evaluations !== undefined && hSemi2.evaluations !== undefined) {
        result.ratios.push(ratio('per-network work: full / semi, (model, accelerator) evaluations', hFull2.evaluations / hSemi2.evaluations));
      }

      // The paper's use: given accuracy constraints, keep the few near-best architectures on the
      // proxy, search accelerators only for them. Same work as the full search (one network
      // analysis per pair, --no-memo), the paper's 150 accelerators (--quick: 24 random ones).
      const pcAccels = opts.quick ? 'random:8:7' : 'paper';
      const pcCount = opts.quick ? 24 : 150;
      const perConstraint = (accels: string, thresholds: string): string[] => [
        '--space', 'alphanet', '--ids', 'paper', '--accelerators', accels, '--dataflows', 'kcp_ws,rs,xp_ws',
        '--thresholds', thresholds, '--select', 'per-threshold', '--top-k', '3',
      ];
      // A full run takes ~50 s, a semi run ~2 s (where one slow phase of the machine weighs much):
      // 2 full and 5 semi runs interleaved (semi, full, semi, semi, full, semi, semi), medians; the
      // margin covers every pairing of a full with a semi run. (--quick: one each.)
      const pcArgs = perConstraint(pcAccels, PER_CONSTRAINT_THRESHOLDS);
      const pcRuns: Record<'full' | 'semi', SearchRun[]> = { full: [], semi: [] };
      for (const m of opts.quick ? (['semi', 'full'] as const) : (['semi', 'full', 'semi', 'semi', 'full', 'semi', 'semi'] as const)) {
        pcRuns[m].push(search(cli, dir, m, 2, ['--no-memo'], pcArgs));
      }
      const pFull = medianRun(pcRuns.full);
      const pSemi = medianRun(pcRuns.semi);
      const pcRepeatable = both(sameResults(pcRuns.full, 'repeated full runs'), sameResults(pcRuns.semi, 'repeated semi runs'));
      const pcWalls = (m: 'full' | 'semi') => pcRuns[m].map((r) => r.wallMs);
      const pcMargin =
        pcRuns.full.length * pcRuns.semi.length > 1
          ? (Math.max(...pcWalls('full')) / Math.min(...pcWalls('semi')) - Math.min(...pcWalls('full')) / Math.max(...pcWalls('semi'))) / 2 / (pFull.wallMs / pSemi.wallMs)
          : undefined;
      const pcName = `per-constraint: AlphaNet paper set x ${pcCount} accelerators, --no-memo`;
      row(`${pcName}, --mode full, 2 workers (median of ${pcRuns.full.length})`, pFull);
      row(`${pcName}, --mode semi --select per-threshold --top-k 3, 2 workers (median of ${pcRuns.semi.length})`, pSemi);
      notes.push(
        `per-constraint workload: accuracy >= ${PER_CONSTRAINT_THRESHOLDS.split(',').join(', ')} (%), |S| = ${pSemi.selected ?? '?'} of 1046 on the proxy`,
      );
      const fa = pFull.answers;
      const sa = pSemi.answers;
      const same = fa.filter((a, i) => a === sa[i]).length;
      const allSame = sameAnswers(fa, sa, "semi's answers");
      result.rows.push({
        name: `per-constraint: constraints where semi = full (architecture, accelerator, value)`,
        value: same,
        unit: `of ${fa.length}`,
        note: allSame === true ? 'same answers' : 'ANSWERS DIFFER: the ratio below is not claimed',
      });
      if (allSame !== true) {
        notes.push(`PER-CONSTRAINT SEMI ANSWERS DIFFER FROM FULL at ${fa.length - same} of ${fa.length} constraints:`);
        fa.forEach((a, i) => {
          if (a !== sa[i]) notes.push(`  full ${a} | semi ${sa[i] ?? 'missing'}`);
        });
        process.stderr.write(`bench c: PER-CONSTRAINT SEMI ANSWERS DIFFER FROM FULL (${fa.length - same} of ${fa.length})\n`);
      }
      // `--top-k 3` was chosen as the smallest top-k with semi = full on this very workload. A
      // held-out check (memoized: the same answers as --no-memo, in a fraction of the time): the
      // same settings on other accelerators and on other constraints.
      const heldOut: string[] = [];
      let heldSame = 0;
      let heldAll = 0;
      for (const [accels, thresholds] of [
        [HELD_OUT_ACCELERATORS, PER_CONSTRAINT_THRESHOLDS],
        [pcAccels, HELD_OUT_THRESHOLDS],
      ] as const) {
        const j = search(cli, dir, 'both', 2, [], perConstraint(accels, thresholds)).json;
        const f = answersOf(j, 'full');
        const sm = answersOf(j, 'semi');
        const k = f.filter((a, i) => a === sm[i]).length;
        heldSame += k;
        heldAll += f.length;
        heldOut.push(`${accels === pcAccels ? `the same ${pcCount} accelerators` : `${accels} (${Number(accels.split(':')[1]) * 3} accelerators)`}, accuracy >= ${thresholds.split(',').join(', ')}: semi = full at ${k} of ${f.length}`);
      }
      notes.push(`held-out check of --top-k 3 (chosen on the workload above): ${heldOut.join('; ')}`);
      result.rows.push({
        name: 'per-constraint, held out (other accelerators / constraints): semi = full',
        value: heldSame,
        unit: `of ${heldAll}`,
        note: heldSame === heldAll ? 'same answers' : 'answers differ: --top-k 3 does not carry over everywhere',
      });
      const wall = pFull.wallMs / pSemi.wallMs;
      const wallName =
        `per-constraint (same work): full / semi, ${pcCount} accelerators, --no-memo, 2 workers, whole process` +
        ` [--top-k 3 calibrated on it; held out: semi = full at ${heldSame} of ${heldAll}]`;
      // Claimed only with the same answers here AND held out (the top-k was chosen on this workload).
      const heldAllSame = heldSame === heldAll ? true : `held out, semi = full at only ${heldSame} of ${heldAll} constraints`;
      result.ratios.push(ratio(wallName, wall, 20, { same: both(pcRepeatable, both(allSame, heldAllSame)), quick, margin: pcMargin }));
      if (pFull.evaluations !== undefined && pSemi.evaluations !== undefined) {
        result.ratios.push(ratio(`per-constraint: full / semi, (model, accelerator) evaluations`, pFull.evaluations / pSemi.evaluations));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
