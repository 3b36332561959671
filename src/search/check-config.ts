/**
 * Checking a run's configuration (`runCodesign`'s first argument) before any work: every field's
 * type, enums, ranges and lengths, every hardware object; a UserError naming the field.
 */
import { UserError } from '../errors.js';
import { checkHardware, describeValue, hardwareKey } from '../model/encode.js';
import type { SelectionMode } from './pareto.js';
import type { Hardware } from '../model/types.js';
import type { RunConfig } from './run.js';
import type { Objective, SearchMode } from './types.js';

const SEARCH_MODES: readonly SearchMode[] = ['semi', 'full', 'both', 'certified', 'all'];
const OBJECTIVES: readonly Objective[] = ['latency', 'energy', 'edp'];
const SELECTION_MODES: readonly SelectionMode[] = ['pareto', 'per-threshold'];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function bad(field: string, expected: string, got: unknown): UserError {
  return new UserError(`expected ${expected}, got ${describeValue(got)}`, { field });
}

function checkEnum<T extends string>(v: unknown, options: readonly T[], field: string): void {
  if (!options.includes(v as T)) throw bad(field, options.length === 2 ? options.join(' or ') : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`, v);
}

function checkOptional(v: unknown, field: string, ok: (v: unknown) => boolean, expected: string): void {
  if (v !== undefined && !ok(v)) throw bad(field, expected, v);
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Check a run's configuration (once per run, before any work): every field's type, enums, ranges
 * and lengths, and every hardware object ({@link checkHardware}).
 * @throws TypeError when `cfg` is not an object; UserError naming the field otherwise.
 */
export function checkRunConfig(cfg: RunConfig): void {
  if (!isObject(cfg)) throw new TypeError(`runCodesign: cfg must be a RunConfig object, got ${describeValue(cfg)}`);
  if (typeof cfg.space !== 'string') throw bad('cfg.space', 'a string (the space name: nb301, alphanet, classic or a space file)', cfg.space);
  if (!(cfg.archIds instanceof Int32Array)) throw bad('cfg.archIds', 'an Int32Array of architecture ids (Int32Array.from(ids))', cfg.archIds);
  const n = cfg.archIds.length;
  const q: unknown = cfg.quality;
  if (!(Array.isArray(q) || (ArrayBuffer.isView(q) && !(q instanceof DataView)))) throw bad('cfg.quality', 'a Float64Array of qualities, one per architecture id', q);
  const quality = q as ArrayLike<unknown>;
  if (quality.length !== n)
    throw new UserError(`has ${quality.length} values for ${n} architecture ids (cfg.archIds): give one quality per id`, { field: 'cfg.quality' });
  for (let i = 0; i < n; i++) if (!isFiniteNumber(quality[i])) throw bad(`cfg.quality[${i}]`, 'a finite number', quality[i]);
  if (typeof cfg.qualityName !== 'string') throw bad('cfg.qualityName', 'a string (e.g. accuracy, flops)', cfg.qualityName);

  if (!Array.isArray(cfg.accelerators) || cfg.accelerators.length === 0)
    throw bad('cfg.accelerators', 'a non-empty array of accelerators (buildAccelerators(hardware, dataflows))', cfg.accelerators);
  const indices = new Set<number>();
  const accelIds = new Set<string>();
  cfg.accelerators.forEach((a, i) => {
    const at = `cfg.accelerators[${i}]`;
    if (!isObject(a)) throw bad(at, 'an accelerator { index, id, hw, dataflow } (buildAccelerators)', a);
    if (!Number.isInteger(a.index) || a.index < 0) throw bad(`${at}.index`, 'an integer >= 0 (its position: buildAccelerators sets it)', a.index);
    if (indices.has(a.index)) throw new UserError(`${a.index} is the index of an earlier accelerator: indices must be distinct`, { field: `${at}.index` });
    indices.add(a.index);
    if (typeof a.id !== 'string') throw bad(`${at}.id`, 'a string', a.id);
    if (accelIds.has(a.id)) throw new UserError(`'${a.id}' is the id of an earlier accelerator: ids name the accelerators in the results`, { field: `${at}.id` });
    accelIds.add(a.id);
    checkHardware(a.hw, `${at}.hw`);
    if (typeof a.dataflow !== 'string' || a.dataflow === '') throw bad(`${at}.dataflow`, 'a dataflow name (kcp_ws, rs, xp_ws, ...) or dataflow file', a.dataflow);
  });
  if (!Array.isArray(cfg.proxies)) throw bad('cfg.proxies', 'an array of proxies [{ hw, dataflow }]', cfg.proxies);
  cfg.proxies.forEach((p, i) => {
    const at = `cfg.proxies[${i}]`;
    if (!isObject(p)) throw bad(at, 'a proxy { hw, dataflow }', p);
    checkHardware(p.hw, `${at}.hw`);
    if (typeof p.dataflow !== 'string' || p.dataflow === '') throw bad(`${at}.dataflow`, 'a dataflow name (kcp_ws, rs, xp_ws, ...) or dataflow file', p.dataflow);
  });
  // (codesign search makes the same check first, naming its flags)
  const clash = proxyIdClash(cfg.proxies, cfg.accelerators.map((a) => a.hw));
  if (clash) {
    const other = 'proxy' in clash.with ? `cfg.proxies[${clash.with.proxy}].hw` : `cfg.accelerators[${clash.with.hardware}].hw`;
    throw new UserError(`the proxy's hardware id '${cfg.proxies[clash.proxy]!.hw.id}' names other values in ${other} (ids name the configurations in the results): rename one`, { field: `cfg.proxies[${clash.proxy}].hw.id` });
  }

  if (!isObject(cfg.problem)) throw bad('cfg.problem', "a Problem object ({ objective: 'latency' })", cfg.problem);
  checkEnum(cfg.problem.objective, OBJECTIVES, 'cfg.problem.objective');
  const isCap = (v: unknown) => typeof v === 'number' && v > 0; // Infinity: no cap
  checkOptional(cfg.problem.latencyCap, 'cfg.problem.latencyCap', isCap, 'a number > 0');
  checkOptional(cfg.problem.energyCap, 'cfg.problem.energyCap', isCap, 'a number > 0');

  const sel = cfg.selection;
  if (!isObject(sel)) throw bad('cfg.selection', 'a SelectionOptions object ({} for the default Pareto selection)', sel);
  if (sel.mode !== undefined) checkEnum(sel.mode, SELECTION_MODES, 'cfg.selection.mode');
  checkOptional(sel.tolerance, 'cfg.selection.tolerance', (v) => isFiniteNumber(v) && v >= 0, 'a number >= 0');
  checkOptional(sel.topK, 'cfg.selection.topK', (v) => Number.isInteger(v) && (v as number) >= 0, 'an integer >= 0');
  if (sel.objective !== undefined) checkEnum(sel.objective, OBJECTIVES, 'cfg.selection.objective');

  const seenIds = new Set<number>();
  for (let k = 0; k < n; k++) {
    if (seenIds.has(cfg.archIds[k]!)) throw new UserError(`architecture ${cfg.archIds[k]} is listed twice: give each once`, { field: `cfg.archIds[${k}]` });
    seenIds.add(cfg.archIds[k]!);
  }
  const t: unknown = cfg.thresholds;
  if (Array.isArray(t)) t.forEach((v, i) => {
    if (!isFiniteNumber(v)) throw bad(`cfg.thresholds[${i}]`, 'a finite number', v);
  });
  else if (t !== 'pareto' && t !== 'all') throw bad('cfg.thresholds', "'pareto', 'all' or a list of quality thresholds", t);
  if (sel.mode === 'per-threshold' && (!Array.isArray(t) || t.length === 0))
    throw new UserError('per-threshold selection needs explicit thresholds (a non-empty list)', { field: 'cfg.thresholds' });
  if (Array.isArray(t) && t.length === 0) throw bad('cfg.thresholds', "'pareto', 'all' or a non-empty list of quality thresholds", t);

  checkEnum(cfg.mode, SEARCH_MODES, 'cfg.mode');
  if (cfg.invalid !== undefined) checkEnum(cfg.invalid, ['infeasible', 'skip'], 'cfg.invalid');
  if (cfg.proxies.length === 0 && (cfg.mode !== 'full' || t === 'pareto'))
    throw new UserError(
      `no proxy accelerator: mode '${cfg.mode}'${cfg.mode === 'full' ? " with thresholds 'pareto'" : ''} runs phase 1 on the proxies (e.g. [{ hw: MAESTRO_DEFAULT_HW, dataflow: 'kcp_ws' }])`,
      { field: 'cfg.proxies' },
    );

  checkOptional(cfg.checkpoint, 'cfg.checkpoint', (v) => typeof v === 'string' && v !== '', 'a file name');
  checkOptional(cfg.evaluatorTag, 'cfg.evaluatorTag', (v) => typeof v === 'string', 'a string');
  checkOptional(cfg.chunkSize, 'cfg.chunkSize', (v) => Number.isInteger(v) && (v as number) >= 1, 'an integer >= 1');
  checkOptional(cfg.warmup, 'cfg.warmup', (v) => typeof v === 'boolean', 'true or false');
  checkOptional(cfg.correlations, 'cfg.correlations', (v) => typeof v === 'boolean', 'true or false');
  checkOptional(cfg.monotoneInBandwidth, 'cfg.monotoneInBandwidth', (v) => typeof v === 'boolean', 'true or false');
  checkOptional(cfg.onProgress, 'cfg.onProgress', (v) => typeof v === 'function', 'a function (label, done, total)');
  checkOptional(cfg.signal, 'cfg.signal', (v) => isObject(v) && typeof v.aborted === 'boolean', 'an AbortSignal');
  if (cfg.shapes !== undefined) {
    const sh = cfg.shapes;
    if (!isObject(sh) || !(sh.offsets instanceof Uint32Array) || !(sh.seq instanceof Uint32Array))
      throw bad('cfg.shapes', '{ count, offsets: Uint32Array, seq: Uint32Array } (a CompiledSpace of the archIds)', sh);
    if (sh.count !== n || sh.offsets.length !== n + 1 || sh.offsets[n] > sh.seq.length)
      throw new UserError(`describes ${describeValue(sh.count)} architectures (offsets ${sh.offsets.length}, seq ${sh.seq.length}), the run has ${n} (cfg.archIds): compile the same ids`, {
        field: 'cfg.shapes',
      });
  }
}

/**
 * The first proxy whose hardware id names other values (ids name the hardware configurations in
 * the results): an earlier proxy's (`with.proxy`), or one of `hardware`'s (`with.hardware`).
 */
export function proxyIdClash(
  proxies: readonly { hw: Hardware }[],
  hardware: readonly Hardware[],
): { proxy: number; with: { proxy: number } | { hardware: number } } | undefined {
  for (let i = 0; i < proxies.length; i++) {
    const hw = proxies[i]!.hw;
    if (hw.id === undefined) continue;
    const key = hardwareKey(hw);
    const p = proxies.findIndex((q, j) => j < i && q.hw.id === hw.id && hardwareKey(q.hw) !== key);
    if (p >= 0) return { proxy: i, with: { proxy: p } };
    const h = hardware.findIndex((x) => x.id === hw.id && hardwareKey(x) !== key);
    if (h >= 0) return { proxy: i, with: { hardware: h } };
  }
  return undefined;
}
