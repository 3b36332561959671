/**
 * Thin wrapper over benchmark.js: run a few cases side by side (in one suite, one process) and
 * return their rates. Speed claims are ratios between cases measured in the same run.
 */
import Benchmark from 'benchmark';

// Call the case function instead of inlining its decompiled body: our cases are closures.
Benchmark.support.decompilation = false;

/** One case: `fn` does `unitsPerCall` units of work (e.g. a batch of 64 layer analyses). */
export interface BenchCase {
  name: string;
  fn: () => void;
  unitsPerCall: number;
}

/** Result of one case. */
export interface Measured {
  name: string;
  /** Calls of `fn` per second (benchmark.js `hz`). */
  callsPerSec: number;
  /** Units of work per second: `callsPerSec * unitsPerCall`. */
  unitsPerSec: number;
  /** Relative margin of error, percent (benchmark.js's, of the median round). */
  rmePercent: number;
  /**
   * Half the spread of the case's rates over the rounds, over their median, percent (0 with one
   * round): how much the machine's phases moved it, which the within-round margin does not see.
   */
  roundSpreadPercent: number;
  samples: number;
}

/** Timing budget per case. */
export interface MeasureBudget {
  /** Seconds benchmark.js may spend on a case (it stops after this). */
  maxTime: number;
  minSamples: number;
  /** Milliseconds each case runs before measurement (JIT warm-up). */
  warmupMs: number;
  /**
   * Rounds: all cases are measured one after another, `rounds` times, and each case's rate is
   * the median over the rounds, so slow phases of a noisy machine hit all cases alike.
   */
  rounds: number;
}

/** Budget for quick and full runs. */
export function budget(quick: boolean): MeasureBudget {
  return quick
    ? { maxTime: 0.12, minSamples: 3, warmupMs: 30, rounds: 1 }
    : { maxTime: 0.5, minSamples: 5, warmupMs: 300, rounds: 3 };
}

/**
 * Measure the cases in `b.rounds` interleaved rounds; per case, the round with the median rate
 * (its benchmark.js margin) and the spread over the rounds.
 */
export function measureCases(cases: readonly BenchCase[], b: MeasureBudget): Measured[] {
  const rounds: Measured[][] = [];
  for (let r = 0; r < Math.max(1, b.rounds); r++) rounds.push(measureRound(cases, b, r === 0));
  return cases.map((_, i) => {
    const all = rounds.map((round) => round[i]!).sort((x, y) => x.callsPerSec - y.callsPerSec);
    const mid = all[Math.floor(all.length / 2)]!;
    const spread = ((all[all.length - 1]!.callsPerSec - all[0]!.callsPerSec) / 2 / mid.callsPerSec) * 100;
    return { ...mid, roundSpreadPercent: spread, samples: all.reduce((s, m) => s + m.samples, 0) };
  });
}

/** Run the cases one after another in one benchmark.js suite. */
function measureRound(cases: readonly BenchCase[], b: MeasureBudget, warmup: boolean): Measured[] {
  for (const c of warmup ? cases : []) {
    const end = performance.now() + b.warmupMs;
    do c.fn();
    while (performance.now() < end);
  }
  const suite = new Benchmark.Suite();
  for (const c of cases) {
    suite.add(c.name, c.fn, { maxTime: b.maxTime, minSamples: b.minSamples, initCount: 1 });
  }
  const out: Measured[] = [];
  let failure: Error | undefined;
  let index = 0;
  suite.on('cycle', (ev: Benchmark.Event) => {
    const bench = ev.target as unknown as Benchmark;
    const c = cases[index++];
    if (bench.error) {
      failure ??= bench.error instanceof Error ? bench.error : new Error(String(bench.error));
      return;
    }
    out.push({
      name: c.name,
      callsPerSec: bench.hz,
      unitsPerSec: bench.hz * c.unitsPerCall,
      rmePercent: bench.stats.rme,
      roundSpreadPercent: 0,
      samples: bench.stats.sample.length,
    });
  });
  suite.run({ async: false });
  if (failure) throw failure;
  return out;
}

/** Wall time of `fn` in milliseconds (one run; for whole-process or long measurements). */
export async function timeMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
