/**
 * One co-design run: the searches the mode asks for (each with its own evaluation cache and a cold
 * evaluator, timed separately), their per-threshold comparison, and the rank correlations of
 * latency/energy between accelerators (the paper's evidence).
 */
import { infeasiblePairs, type InfeasiblePairs } from './infeasible.js';
import { performance } from 'node:perf_hooks';
import type { Accelerator } from '../accelerators/accelerators.js';
import { describeValue, hardwareKey } from '../model/encode.js';
import { UserError } from '../errors.js';
import { checkRunConfig } from './check-config.js';
import { defaultEvaluator } from './default-evaluator.js';
import type { Hardware } from '../model/types.js';
import { Checkpoint } from './checkpoint.js';
import { AbortedError, EvalCache, type ProgressFn } from './evalcache.js';
import { distinctLevels, regret } from './answers.js';
import { certifiedSearch, fullSearch, phase1, semiSearch, type CertifiedOutcome, type SearchInput, type SearchOutcome, type SemiOutcome } from './searches.js';
import type { SelectionMode, SelectionOptions } from './pareto.js';
import { rankCorrelations } from './rankcorr.js';
import type { Answer, ArchEvaluator, Problem, SearchMode } from './types.js';

/** How thresholds are chosen: distinct quality levels of S (`pareto`), of all architectures (`all`), or given. */
export type ThresholdSpec = 'pareto' | 'all' | number[];

/**
 * Everything a run needs besides the evaluator. {@link runCodesign} checks every field before any
 * work (a `UserError` naming the field, e.g. `cfg.problem.objective: expected latency, energy or
 * edp, got the string "speed"`).
 */
export interface RunConfig {
  /**
   * Space name (checkpoint identity, report). Without an explicit evaluator, the space the default
   * evaluator loads: `nb301`, `alphanet`, `classic` or a space file (as `codesign search --space`).
   */
  space: string;
  /** Architecture ids of the space to search (for the default evaluator: 0..size-1). */
  archIds: Int32Array;
  /**
   * Quality per architecture (same length as archIds, finite), higher is better. From a space of
   * `getSpace(name)`: its `columns`, e.g.
   * `Float64Array.from(ids, (id) => space.columns.find((c) => c.name === 'flops')!.values[id])`.
   */
  quality: Float64Array;
  /** Name of the quality (`accuracy`, `flops`, ...): reports only. */
  qualityName: string;
  /** The accelerators (at least one), e.g. `buildAccelerators(paperHardware(), ['kcp_ws', 'rs'])`. */
  accelerators: Accelerator[];
  /**
   * Phase-1 proxy accelerators (at least one unless `mode` is `full` with explicit thresholds),
   * e.g. `[{ hw: MAESTRO_DEFAULT_HW, dataflow: 'kcp_ws' }]`.
   */
  proxies: { hw: Hardware; dataflow: string }[];
  /** What to minimise, and the optional latency / energy caps. */
  problem: Problem;
  /**
   * Phase-1 selection: `mode` `pareto` (default; S independent of the thresholds) or
   * `per-threshold` (S keyed on `thresholds`, which must then be an explicit non-empty list);
   * `tolerance` a number >= 0 (default 0), `topK` an integer >= 0 (0 or absent: none). `{}` for the defaults.
   */
  selection: SelectionOptions;
  /** `pareto`, `all`, or a list of (finite) quality thresholds. */
  thresholds: ThresholdSpec;
  /** `semi`, `full`, `both`, `certified` or `all`. */
  mode: SearchMode;
  /**
   * How the evaluator counts a network with a layer the cost model rejects (`infeasible`, or `skip`:
   * a partial sum of its layers with results): recorded in the result. A given evaluator
   * applies its own rule (give the same here); the default evaluator applies this one (default
   * `infeasible`).
   */
  invalid?: 'infeasible' | 'skip';
  /**
   * Whether the evaluator's latency and energy never fall as NoC / off-chip bandwidth grows and its
   * energy does not depend on bandwidth, as in MAESTRO's model. Default: the evaluator's own
   * `monotoneInBandwidth` (true for the default evaluator, a ModelArchEvaluator or a pool of the
   * built-in module; absent, i.e. false, for others). The certified search's bounds rest on it:
   * with false it still runs, but its outcome says `certified: false` (`codesign search --evaluator`
   * passes false).
   */
  monotoneInBandwidth?: boolean;
  /** Append-only file of finished evaluations (resumes a run). */
  checkpoint?: string;
  /**
   * Identity of the evaluator's numbers (recorded in, and checked against, the checkpoint: a
   * checkpoint of another identity is refused). Default with the default evaluator: the identity
   * `codesign search` records (the Wasm model's bytes, `invalid`, a space file's architectures, the
   * dataflow files' contents); with your own evaluator give one, else any run over the same space
   * reuses the checkpoint.
   */
  evaluatorTag?: string;
  /**
   * Architectures per evaluator call (a positive integer). Default: the evaluator's `chunkSize`
   * (the default evaluator's and a memoized ModelArchEvaluator's 4096, as `codesign search`), else 32.
   */
  chunkSize?: number;
  /** Warm the evaluator up before the timed searches (default true). */
  warmup?: boolean;
  /**
   * Optional layer structure of the architectures: distinct layer-shape index sequence of each
   * position. When given, each search also reports `layerAnalyses`: the distinct (layer shape,
   * hardware, dataflow) cost-model analyses its evaluated pairs need (the real cost with memoization).
   */
  shapes?: { count: number; offsets: Uint32Array; seq: Uint32Array };
  /** Rank correlations (default true). */
  correlations?: boolean;
  /**
   * Aborts the run: no new evaluator call starts and the run rejects at once with an
   * `AbortedError` carrying the signal's reason, not waiting for calls still in flight.
   */
  signal?: AbortSignal;
  /** Progress of the current search: label, pairs done, pairs requested. */
  onProgress?: (label: string, done: number, total: number) => void;
  /**
   * A long step without pair counts starts (`done` false) and ends (`done` true): `correlations`,
   * the rank-correlation matrices (seconds for 150 accelerators x 50,000 architectures).
   */
  onStep?: (step: 'correlations', done: boolean) => void;
}

/** Per-threshold comparison of the searches. */
export interface ThresholdRow {
  /** The quality threshold: answers have quality >= it. */
  threshold: number;
  /** The semi-decoupled search's answer; null when no pair is feasible, absent when it did not run. */
  semi?: Answer | null;
  /** The full search's answer; null when no pair is feasible, absent when it did not run. */
  full?: Answer | null;
  /** The certified search's answer; null when no pair is feasible, absent when it did not run. */
  certified?: Answer | null;
  /** Semi's best value equals the full (or certified) optimum. */
  semiOptimal?: boolean;
  /** Semi picked the same pair as the optimum. */
  samePair?: boolean;
  /** (semi - optimum) / optimum. */
  regret?: number | null;
  /** Certified equals full (value and pair), when both ran. */
  certifiedAgrees?: boolean;
}

/** Rank correlations of latency and energy between accelerators (the paper's premise). */
export interface CorrelationReport {
  /** `all` architectures (from the full search) or the `selected` set S (semi only). */
  over: 'all' | 'selected';
  /** Number of architectures ranked. */
  n: number;
  /** Accelerators of the matrices (when the run has more than 200: every k-th hardware configuration, with all its dataflows). */
  accelerators: string[];
  /** Number of accelerators of the run when the matrices cover a subsample of them. */
  sampledFrom?: number;
  /** Spearman and Kendall tau-b matrices of latency, indexed like `accelerators` (NaN: undefined). */
  latency: { spearman: number[][]; kendall: number[][] };
  /** Spearman and Kendall tau-b matrices of energy, indexed like `accelerators` (NaN: undefined). */
  energy: { spearman: number[][]; kendall: number[][] };
  /** Minimum and mean of the off-diagonal entries (undefined entries left out). */
  summary: Record<'latencySpearman' | 'latencyKendall' | 'energySpearman' | 'energyKendall', { min: number; mean: number }>;
  /**
   * Per metric, the accelerators of the matrices on which the architectures have no ranking (the
   * same value for all of them, e.g. every one infeasible there): their correlations of that metric
   * are undefined (NaN) and left out of `summary`.
   */
  unranked: { latency: number; energy: number };
}

/** Everything a run produces. `timings` is the only non-deterministic part. */
export interface RunResult {
  /** `cfg.space`. */
  space: string;
  /** Name of the quality (`cfg.qualityName`). */
  quality: string;
  /** `cfg.problem`. */
  problem: Problem;
  /** `cfg.mode`. */
  mode: SearchMode;
  /** The run's rule for networks with a rejected layer, when given (see {@link RunConfig.invalid}). */
  invalid?: 'infeasible' | 'skip';
  /** Number of architectures searched (`cfg.archIds.length`). */
  architectures: number;
  /** The accelerators (`cfg.accelerators`): id, hardware, dataflow. */
  accelerators: { id: string; hw: Hardware; dataflow: string }[];
  /** `cfg.proxies`. */
  proxies: { hw: Hardware; dataflow: string }[];
  /** The phase-1 selection that made S. */
  selection: { mode: SelectionMode; tolerance: number; topK?: number };
  /** The candidate set S: its size and architecture ids (ascending); absent in mode `full`. */
  selected?: { count: number; archIds: number[] };
  /** The quality thresholds answered, descending, each once. */
  thresholds: number[];
  /** One row per threshold, in the order of `thresholds`. */
  perThreshold: ThresholdRow[];
  /** `layerAnalyses`: distinct (layer shape, accelerator) analyses needed (when shapes are known). */
  searches: {
    semi?: Omit<SemiOutcome, 'answers' | 'selected'> & { layerAnalyses?: number };
    full?: Omit<SearchOutcome, 'answers'> & { layerAnalyses?: number };
    certified?: Omit<CertifiedOutcome, 'answers' | 'selected'> & { layerAnalyses?: number };
  };
  /**
   * Counts over `perThreshold` (`thresholds`: its length): semi optimal, same pair, certified agreeing
   * with full, and the largest regret (null: none defined); each absent when not compared.
   */
  agreement: {
    thresholds: number;
    semiOptimal?: number;
    samePair?: number;
    maxRegret?: number | null;
    certifiedAgrees?: number;
  };
  /** Evaluation-count speedups vs the full search (full evaluations / search evaluations). */
  speedup: { semi?: number; certified?: number; fullEvaluations: number };
  /** Rank correlations between the accelerators; absent with `cfg.correlations` false or fewer than 2 architectures to rank. */
  correlations?: CorrelationReport;
  /** Wall-clock times of the searches (ms), evaluations computed in this process, checkpoint hits. */
  timings: {
    semiMs?: number;
    fullMs?: number;
    certifiedMs?: number;
    /** fullMs / semiMs and fullMs / certifiedMs. */
    wallSpeedupSemi?: number;
    wallSpeedupCertified?: number;
    /** Evaluations computed in this process (the rest came from the checkpoint). */
    computed: Record<string, number>;
    checkpointLoaded?: number;
  };
  /**
   * The evaluated pairs without a cost (infeasible), per accelerator and proxy that has any
   * ({@link infeasiblePairs}); `example` only when the caller explained one.
   */
  infeasible: InfeasiblePairs;
  /** All evaluation caches (for CSV/HTML output); not serialized. */
  caches?: Record<string, EvalCache>;
}

function answersEqual(a: Answer | null | undefined, b: Answer | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.value === b.value && a.archId === b.archId && a.accel === b.accel;
}

/**
 * Run the searches of `cfg.mode` with `evaluator`; without one, with the Wasm cost model over the
 * space `cfg.space` (what `codesign search` uses by default, in-process: a `ModelArchEvaluator`,
 * memoized, a network with a rejected layer infeasible). Rejects before any work when `cfg` is
 * malformed (a `UserError` naming the field: see {@link RunConfig}), e.g. when `cfg.selection.mode`
 * is `per-threshold` without an explicit threshold list, and with a TypeError when `cfg` is not an
 * object or `evaluator` has no `evaluate` method.
 */
export async function runCodesign(cfg: RunConfig, evaluator?: ArchEvaluator): Promise<RunResult> {
  checkRunConfig(cfg);
  if (cfg.onStep !== undefined && typeof cfg.onStep !== 'function')
    throw new UserError(`expected a function (step, done), got ${describeValue(cfg.onStep)}`, { field: 'cfg.onStep' });
  if (evaluator !== undefined && (evaluator === null || typeof (evaluator as Partial<ArchEvaluator>).evaluate !== 'function'))
    throw new TypeError(
      `runCodesign: evaluator must be an ArchEvaluator (an object with evaluate(archIds, hw, dataflow)), got ${describeValue(evaluator)}; omit it to use the Wasm cost model`,
    );
  // An abort before any work (loading the default evaluator's space takes seconds).
  if (cfg.signal?.aborted) throw new AbortedError(cfg.signal.reason);
  const dflt = evaluator === undefined ? await defaultEvaluator(cfg) : undefined;
  if (cfg.signal?.aborted) throw new AbortedError(cfg.signal.reason);
  const ev = evaluator ?? dflt!.evaluator;
  // With the default evaluator and no tag of the caller's, the checkpoint records the identity of
  // the default evaluator's numbers (model, invalid rule, space, dataflow files), as the CLI does.
  const tag = cfg.evaluatorTag ?? (cfg.checkpoint && dflt ? dflt.identity() : undefined);
  const checkpoint = cfg.checkpoint ? Checkpoint.open(cfg.checkpoint, { space: cfg.space, evaluator: tag }) : undefined;
  try {
    // (the default evaluator's compiled space gives the layer-analysis counts the CLI reports)
    return await runWith(cfg.shapes === undefined && dflt ? { ...cfg, shapes: dflt.shapes } : cfg, ev, checkpoint);
  } finally {
    checkpoint?.close();
  }
}

async function runWith(cfg: RunConfig, evaluator: ArchEvaluator, checkpoint: Checkpoint | undefined): Promise<RunResult> {
  const mode = cfg.mode;
  const wantSemi = mode !== 'full';
  const wantFull = mode === 'full' || mode === 'both' || mode === 'all';
  const wantCert = mode === 'certified' || mode === 'all';
  const caches: Record<string, EvalCache> = {};
  const newCache = (label: string) => {
    const progress: ProgressFn | undefined = cfg.onProgress ? (d, t) => cfg.onProgress!(label, d, t) : undefined;
    return (caches[label] = new EvalCache(cfg.archIds, evaluator, { checkpoint, chunkSize: cfg.chunkSize ?? preferredChunk(evaluator), onProgress: progress, signal: cfg.signal }));
  };
  const input: SearchInput = {
    quality: cfg.quality,
    accelerators: cfg.accelerators,
    proxies: cfg.proxies,
    problem: cfg.problem,
    selection: cfg.selection,
    // A repeated threshold is one constraint, reported once.
    thresholds: Array.isArray(cfg.thresholds) ? [...new Set(cfg.thresholds)].sort((a, b) => b - a) : [],
  };
  const all = Array.from({ length: cfg.archIds.length }, (_, i) => i);
  const fromSelected = (sel: number[]) =>
    cfg.thresholds === 'pareto' ? distinctLevels(cfg.quality, sel) : cfg.thresholds === 'all' ? distinctLevels(cfg.quality, all) : input.thresholds;

  const timings: RunResult['timings'] = { computed: {} };
  // Warm-up (untimed, uncounted): start workers, load Wasm, compile the space, so that the first
  // timed search does not pay the start-up cost alone.
  if (cfg.warmup !== false && cfg.archIds.length > 0) {
    const p = cfg.proxies[0] ?? cfg.accelerators[0];
    // (at most the evaluator's `concurrency` calls; an abort does not wait for them: they are
    // uncounted and record nothing)
    const conc = (evaluator as { concurrency?: unknown }).concurrency;
    const n = Math.min(2 * Math.max(1, (evaluator as { threads?: number }).threads ?? 1), typeof conc === 'number' && conc >= 1 ? Math.floor(conc) : Infinity);
    if (p) await untilAborted(Promise.all(Array.from({ length: n }, () => evaluator.evaluate(cfg.archIds.slice(0, 1), p.hw, p.dataflow))), cfg.signal);
  }
  let semi: SemiOutcome | undefined;
  let full: SearchOutcome | undefined;
  let cert: CertifiedOutcome | undefined;

  if (wantSemi || wantCert) {
    await evaluator.reset?.();
    const t0 = performance.now();
    semi = await semiSearch(input, newCache('semi'), fromSelected);
    timings.semiMs = performance.now() - t0;
  } else if (cfg.thresholds === 'pareto') {
    // Full only: thresholds still come from the proxy selection (untimed, not counted).
    input.thresholds = fromSelected(await phase1(input, newCache('thresholds')));
  } else input.thresholds = fromSelected([]);

  if (wantFull) {
    await evaluator.reset?.();
    const t0 = performance.now();
    full = await fullSearch(input, newCache('full'));
    timings.fullMs = performance.now() - t0;
  }
  if (wantCert) {
    await evaluator.reset?.();
    const t0 = performance.now();
    // (proven for the cost model; for another evaluator only when it says it is monotone)
    cert = await certifiedSearch(input, newCache('certified'), { proven: cfg.monotoneInBandwidth ?? evaluator.monotoneInBandwidth === true });
    timings.certifiedMs = performance.now() - t0;
  }
  if (timings.fullMs !== undefined && timings.semiMs !== undefined && wantSemi) timings.wallSpeedupSemi = timings.fullMs / timings.semiMs;
  if (timings.fullMs !== undefined && timings.certifiedMs !== undefined) timings.wallSpeedupCertified = timings.fullMs / timings.certifiedMs;
  for (const [k, c] of Object.entries(caches)) timings.computed[k] = c.computed;
  const analyses = (c: EvalCache | undefined) => (c && cfg.shapes ? layerAnalyses(c, cfg.shapes) : undefined);
  if (checkpoint) timings.checkpointLoaded = checkpoint.loaded;

  const perThreshold: ThresholdRow[] = input.thresholds.map((q, i) => {
    const row: ThresholdRow = { threshold: q };
    if (wantSemi && semi) row.semi = semi.answers[i];
    if (full) row.full = full.answers[i];
    if (cert) row.certified = cert.answers[i];
    // The optimum to compare semi with: full's, or a proven certified one's.
    const opt = full ? full.answers[i] : cert?.certified ? cert.answers[i] : undefined;
    if (wantSemi && semi && opt !== undefined) {
      const s = semi.answers[i];
      row.semiOptimal = (s?.value ?? null) === (opt?.value ?? null);
      row.samePair = answersEqual(s, opt);
      row.regret = regret(s, opt);
    }
    if (full && cert) row.certifiedAgrees = answersEqual(full.answers[i], cert.answers[i]);
    return row;
  });
  const agreement: RunResult['agreement'] = { thresholds: perThreshold.length };
  if (perThreshold.some((r) => r.semiOptimal !== undefined)) {
    agreement.semiOptimal = perThreshold.filter((r) => r.semiOptimal).length;
    agreement.samePair = perThreshold.filter((r) => r.samePair).length;
    agreement.maxRegret = perThreshold.reduce<number | null>((m, r) => (r.regret == null ? m : Math.max(m ?? 0, r.regret)), null);
  }
  if (full && cert) agreement.certifiedAgrees = perThreshold.filter((r) => r.certifiedAgrees).length;

  const fullEvaluations = cfg.archIds.length * cfg.accelerators.length;
  const speedup: RunResult['speedup'] = { fullEvaluations };
  if (wantSemi && semi) speedup.semi = fullEvaluations / semi.evaluations;
  if (cert) speedup.certified = fullEvaluations / cert.evaluations;

  const result: RunResult = {
    space: cfg.space,
    quality: cfg.qualityName,
    problem: cfg.problem,
    mode,
    ...(cfg.invalid !== undefined ? { invalid: cfg.invalid } : {}),
    architectures: cfg.archIds.length,
    accelerators: cfg.accelerators.map((a) => ({ id: a.id, hw: a.hw, dataflow: a.dataflow })),
    proxies: cfg.proxies,
    selection: {
      mode: cfg.selection.mode ?? 'pareto',
      tolerance: cfg.selection.tolerance ?? 0,
      ...(cfg.selection.topK ? { topK: cfg.selection.topK } : {}),
    },
    thresholds: input.thresholds,
    perThreshold,
    searches: {},
    agreement,
    speedup,
    infeasible: infeasiblePairs(caches, cfg.accelerators, cfg.proxies, cfg.archIds),
    timings,
  };
  if (semi) result.selected = { count: semi.selected.length, archIds: semi.selected.map((p) => cfg.archIds[p]).sort((a, b) => a - b) }; // (ascending, whatever the order of cfg.archIds)
  if (wantSemi && semi) {
    const { answers: _a, selected: _s, ...rest } = semi;
    result.searches.semi = { ...rest, ...withAnalyses(analyses(caches.semi)) };
  }
  if (full) {
    const { answers: _a, ...rest } = full;
    result.searches.full = { ...rest, ...withAnalyses(analyses(caches.full)) };
  }
  if (cert) {
    const { answers: _a, selected: _s, ...rest } = cert;
    result.searches.certified = { ...rest, ...withAnalyses(analyses(caches.certified)) };
  }
  if (cfg.correlations !== false) {
    const src = full ? { cache: caches.full, rows: all, over: 'all' as const } : semi ? { cache: caches.semi, rows: semi.selected, over: 'selected' as const } : undefined;
    if (src && src.rows.length >= 2 && cfg.accelerators.length >= 1) {
      // Seconds of synchronous work for large runs: a signal that came during the last
      // evaluations is handled first.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (cfg.signal?.aborted) throw new AbortedError(cfg.signal.reason);
      cfg.onStep?.('correlations', false);
      if (cfg.signal?.aborted) throw new AbortedError(cfg.signal.reason); // (aborted from onStep)
      result.correlations = correlations(src.cache, src.rows, cfg.accelerators, src.over);
      cfg.onStep?.('correlations', true);
    }
  }
  Object.defineProperty(result, 'caches', { value: caches, enumerable: false });
  return result;
}

/** `work`, or an AbortedError as soon as `signal` aborts (not waiting for `work`). */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) throw new AbortedError(signal.reason);
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new AbortedError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The evaluator's own chunk size (`ArchEvaluator.chunkSize`), when it gives a usable one. */
function preferredChunk(ev: ArchEvaluator): number | undefined {
  const c = (ev as { chunkSize?: unknown }).chunkSize;
  return typeof c === 'number' && Number.isInteger(c) && c >= 1 ? c : undefined;
}

function withAnalyses(n: number | undefined): { layerAnalyses?: number } {
  return n === undefined ? {} : { layerAnalyses: n };
}

/** Distinct (layer shape, hardware+dataflow) pairs needed by the evaluated pairs of a cache. */
export function layerAnalyses(cache: EvalCache, shapes: { count: number; offsets: Uint32Array; seq: Uint32Array }): number {
  let maxShape = -1;
  for (let i = 0; i < shapes.seq.length; i++) if (shapes.seq[i] > maxShape) maxShape = shapes.seq[i];
  // Per architecture, the set of its shapes as a bit mask of W 32-bit words.
  const W = (maxShape + 32) >>> 5;
  const masks = new Uint32Array(shapes.count * W);
  for (let a = 0; a < shapes.count; a++)
    for (let i = shapes.offsets[a]; i < shapes.offsets[a + 1]; i++) masks[a * W + (shapes.seq[i] >>> 5)] |= 1 << (shapes.seq[i] & 31);
  const acc = new Uint32Array(W);
  let total = 0;
  for (const t of cache.tablesList()) {
    acc.fill(0);
    for (let p = 0; p < t.latency.length; p++) {
      if (Number.isNaN(t.latency[p])) continue;
      for (let w = 0; w < W; w++) acc[w] |= masks[p * W + w];
    }
    for (let w = 0; w < W; w++) total += popcount(acc[w]);
  }
  return total;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Spearman and Kendall matrices of latency and energy between accelerators, over `rows`. */
export function correlations(cache: EvalCache, rows: number[], allAccels: Accelerator[], over: 'all' | 'selected', max = 200): CorrelationReport {
  // More than `max` accelerators: every k-th hardware configuration with all its dataflows (every
  // k-th accelerator could keep one dataflow alone, the accelerators being hardware-major).
  const hwIndex = new Map<string, number>();
  for (const a of allAccels) if (!hwIndex.has(hardwareKey(a.hw))) hwIndex.set(hardwareKey(a.hw), hwIndex.size);
  const perHw = Math.max(1, Math.ceil(allAccels.length / hwIndex.size));
  const stride = allAccels.length > max ? Math.ceil(hwIndex.size / Math.max(1, Math.floor(max / perHw))) : 1;
  const accels = stride > 1 ? allAccels.filter((a) => hwIndex.get(hardwareKey(a.hw))! % stride === 0) : allAccels;
  const series = (which: 'latency' | 'energy') =>
    accels.map((h) => {
      const t = cache.table(h.hw, h.dataflow);
      return rows.length === t[which].length && rows.every((p, i) => p === i) ? t[which].slice() : Float64Array.from(rows, (p) => t[which][p]);
    });
  const lat = rankCorrelations(series('latency'));
  const en = rankCorrelations(series('energy'));
  const report: CorrelationReport = {
    over,
    n: rows.length,
    accelerators: accels.map((a) => a.id),
    ...(stride > 1 ? { sampledFrom: allAccels.length } : {}),
    latency: { spearman: lat.spearman!, kendall: lat.kendall! },
    energy: { spearman: en.spearman!, kendall: en.kendall! },
    summary: {} as CorrelationReport['summary'],
    unranked: { latency: lat.spearman!.filter((row, i) => Number.isNaN(row[i])).length, energy: en.spearman!.filter((row, i) => Number.isNaN(row[i])).length },
  };
  const sum = (m: number[][]) => {
    let min = Infinity;
    let s = 0;
    let c = 0;
    for (let i = 0; i < m.length; i++)
      for (let j = 0; j < m.length; j++)
        if (i !== j && Number.isFinite(m[i][j])) {
          min = Math.min(min, m[i][j]);
          s += m[i][j];
          c++;
        }
    return { min: c ? min : NaN, mean: c ? s / c : NaN };
  };
  report.summary = {
    latencySpearman: sum(report.latency.spearman),
    latencyKendall: sum(report.latency.kendall),
    energySpearman: sum(report.energy.spearman),
    energyKendall: sum(report.energy.kendall),
  };
  return report;
}
