/**
 * `codesign search`'s flags read into the search's inputs, each checked (a bad value is a
 * UserError naming its flag). The checks run in a fixed order, that of the flags' use: a user
 * sees the first error only, and tests pin which one it is.
 */
import { availableParallelism } from 'node:os';
import { UserError } from '../../errors.js';
import { refuseEmptyPaths } from '../inputs-outputs.js';
import { decimalNumber, decimalWhyNot } from '../numbers.js';
import { acceleratorKey, buildAccelerators, checkDataflowFileName, parseDataflows, parseHardwareSpec, parseProxy, type Accelerator } from '../../accelerators/accelerators.js';
import type { Hardware } from '../../model/types.js';
import { resolveDataflowSpec } from '../../dataflows/resolve.js';
import { proxyIdClash } from '../../search/check-config.js';
import { SEARCH_DEFAULTS } from '../../search/defaults.js';
import { loadSearchSpace, parseIds, resolveQuality, type SearchSpace } from '../../search/spaces.js';
import type { RunConfig, ThresholdSpec } from '../../search/run.js';
import type { Objective } from '../../search/types.js';
import type { SelectionMode } from '../../search/pareto.js';
import type { PhaseLog } from '../../report/progress.js';
import type { SearchCliOptions } from './options.js';

/** The inputs of a search, read from its flags and checked. */
export interface SearchInputs {
  /** `--space` as given, or the default (`nb301`). */
  spaceSpec: string;
  space: SearchSpace;
  /** `--ids`: the architectures searched. */
  ids: number[];
  /** `--quality` (or the space's own): a value per architecture of {@link ids}. */
  quality: { name: string; values: Float64Array };
  dataflows: string[];
  /** The hardware of `--accelerators` x {@link dataflows}. */
  accelerators: Accelerator[];
  /** The phase-1 proxy accelerators (`--proxy`). */
  proxies: RunConfig['proxies'];
  objective: Objective;
  /** `--latency-cap` (cycles) and `--energy-cap` (nJ), when given. */
  caps: { latencyCap?: number; energyCap?: number };
  /** Phase-1 selection: `--select`, `--tolerance`, `--top-k`. */
  select: SelectionMode;
  tolerance: number;
  topK: number | undefined;
  thresholds: ThresholdSpec;
  /** `--workers` when given (checked against {@link maxWorkers}). */
  explicitWorkers: number | undefined;
  /** Architectures per evaluator call (worker task): `--chunk` or its default. */
  chunk: number;
}

/** `v` as a positive number (undefined when not given), else a UserError naming `flag`. */
export function positiveNumber(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = decimalNumber(v);
  if (n === undefined || n <= 0) throw new UserError(`expected a positive number, got '${v}'${n === undefined ? decimalWhyNot(v) : ''}`, { field: flag });
  return n;
}

function parseThresholds(spec: string): ThresholdSpec {
  if (spec === 'pareto' || spec === 'all') return spec;
  const items = spec.split(',');
  const list = items.map(decimalNumber);
  const bad = items.find((_, i) => list[i] === undefined);
  if (bad !== undefined)
    throw new UserError(`expected pareto, all or comma-separated numbers, got '${spec}'${decimalWhyNot(bad)}`, { field: '--thresholds' });
  return list as number[];
}

/** Most worker threads `--workers` accepts: 4 per available CPU, at most 256. */
export function maxWorkers(): number {
  return Math.min(256, 4 * availableParallelism());
}

/**
 * Read and check the flags of a search, in this order: empty paths, the space, `--ids`,
 * `--quality` (loading each is a phase of `phases`), `--dataflows`, `--accelerators`, `--proxy`,
 * `--objective`, the selection flags, `--workers`, `--chunk`. With no arguments (`noArgs`) on NB301,
 * quality is FLOPs, announced on stderr.
 */
export function readSearchInputs(opts: SearchCliOptions, noArgs: boolean, phases: PhaseLog): SearchInputs {
  refuseEmptyPaths([
    ['--space', opts.space], ['--quality', opts.quality], ['--out', opts.out], ['--csv', opts.csv], ['--report', opts.report], ['--checkpoint', opts.checkpoint], ['--evaluator', opts.evaluator],
  ]);
  const spaceSpec = opts.space ?? SEARCH_DEFAULTS.space;
  let qualitySpec = opts.quality;
  if (noArgs && qualitySpec === undefined && spaceSpec === 'nb301') {
    qualitySpec = 'flops';
    process.stderr.write('codesign search: no arguments: the paper\'s NB301 experiment; quality = flops (NB301 has no accuracy here; use --quality to choose)\n');
  }
  const space = phases.run(`loading space ${spaceSpec}`, () => loadSearchSpace(spaceSpec), (s) => `${s.size} architectures`);
  const ids = phases.run('reading --ids', () => parseIds(opts.ids, space), (list) => `${list.length} architectures`);
  const quality = phases.run('reading --quality', () => resolveQuality(qualitySpec, space, ids));
  const dataflows = parseDataflows(opts.dataflows);
  for (const df of dataflows) checkDataflowFileName(df, resolveDataflowSpec(df, '--dataflows'), '--dataflows'); // validate up front (UserError)
  const hardware = parseHardwareSpec(opts.accelerators);
  const accelerators = buildAccelerators(hardware, dataflows);
  const proxies = readProxies(opts.proxy, hardware, dataflows);
  const objective = opts.objective;
  if (!['latency', 'energy', 'edp'].includes(objective)) throw new UserError(`unknown objective '${objective}'`, { field: '--objective' });
  // (checked here, before any work: the space compiled, an evaluator module loaded, workers started)
  const latencyCap = positiveNumber(opts.latencyCap, '--latency-cap');
  const energyCap = positiveNumber(opts.energyCap, '--energy-cap');
  const caps = { ...(latencyCap !== undefined ? { latencyCap } : {}), ...(energyCap !== undefined ? { energyCap } : {}) };
  const selection = readSelection(opts);
  const work = readWorkSplit(opts);
  return { spaceSpec, space, ids, quality, dataflows, accelerators, proxies, objective, caps, ...selection, ...work };
}

/**
 * The phase-1 proxies of `--proxy` (`spec`; per-dataflow: the MAESTRO default hardware with each
 * dataflow), checked: their dataflow files, no proxy twice, no proxy id naming other hardware.
 */
function readProxies(spec: string | undefined, hardware: readonly Hardware[], dataflows: readonly string[]): RunConfig['proxies'] {
  const proxies =
    spec === 'per-dataflow'
      ? dataflows.map((df) => parseProxy('default', hardware, df))
      : (spec ?? SEARCH_DEFAULTS.proxy).split(',').map((p) => parseProxy(p.trim(), hardware, dataflows[0]));
  for (const p of proxies) checkDataflowFileName(p.dataflow, resolveDataflowSpec(p.dataflow, '--proxy'), '--proxy');
  const proxyKeys = proxies.map((p) => acceleratorKey(p.hw, p.dataflow));
  if (new Set(proxyKeys).size !== proxyKeys.length) throw new UserError('the same proxy accelerator is listed twice', { field: '--proxy' });
  // Ids name the configurations in the results (the default proxy is `maestro-default`: an
  // accelerator file may use that id for other values).
  const clash = proxyIdClash(proxies, hardware);
  if (clash) {
    const id = proxies[clash.proxy]!.hw.id;
    if ('proxy' in clash.with) throw new UserError(`two proxies with other hardware share the id '${id}' (ids name the configurations in the results): rename one`, { field: '--proxy' });
    throw new UserError(`the proxy's id '${id}' names an accelerator's hardware with other values (ids name the configurations in the results): rename that accelerator, or give it as the proxy (--proxy ${id})`, { field: spec === undefined ? '--accelerators' : '--proxy' });
  }
  return proxies;
}

/** The phase-1 selection flags, checked in this order: `--tolerance`, `--top-k`, `--select`, `--thresholds` (and per-threshold's need of explicit ones). */
function readSelection(opts: SearchCliOptions): Pick<SearchInputs, 'tolerance' | 'topK' | 'select' | 'thresholds'> {
  const tolerance = decimalNumber(opts.tolerance) ?? NaN;
  if (!(tolerance >= 0)) throw new UserError(`expected a number >= 0, got '${opts.tolerance}'${decimalWhyNot(opts.tolerance)}`, { field: '--tolerance' });
  const topK = opts.topK !== undefined ? positiveNumber(opts.topK, '--top-k') : undefined;
  if (topK !== undefined && !Number.isInteger(topK)) throw new UserError(`expected a positive integer, got '${opts.topK}'`, { field: '--top-k' });
  const select = opts.select ?? SEARCH_DEFAULTS.select;
  if (select !== 'pareto' && select !== 'per-threshold') throw new UserError(`expected pareto or per-threshold, got '${select}'`, { field: '--select' });
  const thresholds = parseThresholds(opts.thresholds);
  if (select === 'per-threshold' && !Array.isArray(thresholds))
    throw new UserError(`per-threshold selection needs explicit thresholds (--thresholds 70,71,...), got '${opts.thresholds}'`, { field: '--select' });
  return { tolerance, topK, select, thresholds };
}

/** How the evaluation is split: `--workers` (an integer, at most {@link maxWorkers}), then `--chunk` (a positive integer, or its default). */
function readWorkSplit(opts: SearchCliOptions): Pick<SearchInputs, 'explicitWorkers' | 'chunk'> {
  const explicitWorkers = opts.workers !== undefined ? Number(opts.workers) : undefined;
  if (explicitWorkers !== undefined && (!/^\s*\d+\s*$/.test(opts.workers!) || !Number.isInteger(explicitWorkers)))
    throw new UserError(`expected an integer >= 0, got '${opts.workers}'`, { field: '--workers' });
  const cap = maxWorkers();
  if (explicitWorkers !== undefined && explicitWorkers > cap)
    throw new UserError(`at most ${cap} worker threads (4 per available CPU, max 256), got ${opts.workers!.trim()}`, { field: '--workers' });
  // Architectures per evaluator call (worker task): memoized evaluation is a cheap sum per network,
  // so one call per accelerator; per-network evaluation (--no-memo) costs ms per network: small tasks
  // keep every worker busy and the checkpoint fine-grained.
  const chunk = positiveNumber(opts.chunk, '--chunk') ?? (opts.memo ? 4096 : 32);
  if (!Number.isInteger(chunk)) throw new UserError(`expected a positive integer, got '${opts.chunk}'`, { field: '--chunk' });
  return { explicitWorkers, chunk };
}
