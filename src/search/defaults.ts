/**
 * A complete {@link RunConfig} from a space and only the fields you want to change, with the
 * defaults of `codesign search`: the space's paper ids (all when it has none), its accuracy as
 * quality, the paper's 50 hardware configurations x kcp_ws / rs / xp_ws, MAESTRO's default
 * accelerator with the first dataflow as the proxy, latency, the Pareto S, `pareto` thresholds
 * and all three searches.
 */
import { buildAccelerators, PAPER_DATAFLOWS, parseHardwareSpec, parseProxy } from '../accelerators/accelerators.js';
import { UserError } from '../errors.js';
import type { RunConfig } from './run.js';
import { loadSearchSpace, parseIds, resolveQuality, type SearchSpace } from './spaces.js';

/**
 * `codesign search`'s defaults, in the form its flags take them: the one place both the flags
 * (src/cli/search.ts) and {@link searchConfig} read them from. (`quality` has none: accuracy where
 * the space has it; the command with no arguments uses flops for NB301.)
 */
export const SEARCH_DEFAULTS = {
  /** `--space` */
  space: 'nb301',
  /** `--ids`: the space's paper ids (all when it has none) */
  ids: 'paper',
  /** `--accelerators`: the paper's 50 hardware configurations */
  accelerators: 'paper',
  /** `--dataflows` */
  dataflows: PAPER_DATAFLOWS,
  /** `--proxy`: MAESTRO's default accelerator with the first dataflow */
  proxy: 'default',
  /** `--objective` */
  objective: 'latency',
  /** `--mode`: semi, full and certified */
  mode: 'all',
  /** `--thresholds`: the distinct quality levels of S */
  thresholds: 'pareto',
  /** `--select` */
  select: 'pareto',
  /** `--tolerance` */
  tolerance: 0,
  /** `--invalid` */
  invalid: 'infeasible',
} as const;

/**
 * `space` as `codesign search --space` takes it (`nb301`, `alphanet`, `classic` or a space file);
 * `fields` override the defaults. Without `quality`, the quality is looked up for the (given or
 * default) `archIds` by `qualityName`: `accuracy` (the default; a UserError when the space has
 * none), `flops`, `params`, or a CSV file of `id,quality` lines. Without `proxies`, the proxy is
 * MAESTRO's default accelerator with the first accelerator's dataflow.
 * @example runCodesign(searchConfig('alphanet', { selection: { mode: 'per-threshold', topK: 3 }, thresholds: [70, 71] }))
 */
export function searchConfig(space: string, fields: Partial<Omit<RunConfig, 'space'>> = {}): RunConfig {
  if (fields.quality !== undefined && (fields.archIds === undefined || fields.qualityName === undefined))
    throw new UserError('give `quality` values with their `archIds` and `qualityName` (or leave `quality` out: it is looked up by `qualityName` for the ids)', { field: 'searchConfig fields.quality' });
  const loaded = loadSearchSpace(space);
  const archIds = fields.archIds !== undefined ? checkedIds(fields.archIds, loaded) : Int32Array.from(parseIds(SEARCH_DEFAULTS.ids, loaded));
  const quality = fields.quality !== undefined ? { name: fields.qualityName!, values: fields.quality } : qualityOf(fields.qualityName, loaded, archIds);
  const accelerators = fields.accelerators ?? buildAccelerators(parseHardwareSpec(SEARCH_DEFAULTS.accelerators), SEARCH_DEFAULTS.dataflows);
  const first = accelerators[0];
  if (first === undefined) throw new UserError('no accelerators', { field: 'searchConfig fields.accelerators' });
  return {
    ...fields,
    space,
    archIds,
    quality: quality.values,
    qualityName: quality.name,
    accelerators,
    proxies: fields.proxies ?? [parseProxy(SEARCH_DEFAULTS.proxy, [], first.dataflow)],
    problem: fields.problem ?? { objective: SEARCH_DEFAULTS.objective },
    selection: fields.selection ?? { mode: SEARCH_DEFAULTS.select, tolerance: SEARCH_DEFAULTS.tolerance },
    thresholds: fields.thresholds ?? SEARCH_DEFAULTS.thresholds,
    mode: fields.mode ?? SEARCH_DEFAULTS.mode,
    invalid: fields.invalid ?? SEARCH_DEFAULTS.invalid,
  };
}

/** `ids` as an Int32Array of the space's ids (integers 0..size-1; a plain array is accepted). */
function checkedIds(ids: ArrayLike<number>, space: SearchSpace): Int32Array {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= space.size)
      throw new UserError(`architecture ${id} (archIds[${i}]) is not in space '${space.name}' (ids 0..${space.size - 1})`, { field: 'searchConfig fields.archIds' });
  }
  return ids instanceof Int32Array ? ids : Int32Array.from(ids);
}

/** The CLI's quality lookup, its errors naming this function's field instead of `--quality`. */
function qualityOf(name: string | undefined, space: SearchSpace, ids: Int32Array): { name: string; values: Float64Array } {
  try {
    return resolveQuality(name, space, [...ids]);
  } catch (e) {
    if (!(e instanceof UserError) || e.location.field !== '--quality') throw e;
    throw new UserError(`${e.reason.replace('choose --quality', 'give qualityName')}`, { ...e.location, field: 'searchConfig fields.qualityName' });
  }
}
