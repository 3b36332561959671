/** The evaluator `runCodesign` uses when given none: the Wasm cost model over the run's space. */
import { UserError } from '../errors.js';
import type { RunConfig } from './run.js';
import type { ArchEvaluator } from './types.js';

/**
 * The evaluator `codesign search` uses by default (in-process): the Wasm cost model over
 * `cfg.space`, memoized by layer shape, a network with a rejected layer infeasible. Loaded on
 * demand, so that importing this module does not load the spaces or the model.
 */
export async function defaultEvaluator(cfg: RunConfig): Promise<{ evaluator: ArchEvaluator; identity: () => string; shapes: NonNullable<RunConfig['shapes']> }> {
  const [{ loadSearchSpace }, { ModelArchEvaluator, compileIds }, { resolveDataflowSpec }, { checkDataflowFileName }, { checkpointIdentity }] = await Promise.all([
    import('./spaces.js'),
    import('./space-evaluator.js'),
    import('../dataflows/resolve.js'),
    import('../accelerators/accelerators.js'),
    import('./checkpoint-identity.js'),
  ]);
  let space;
  try {
    space = loadSearchSpace(cfg.space);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(
      `the default evaluator (the Wasm cost model; pass an ArchEvaluator as runCodesign's second argument for anything else) cannot load space '${cfg.space}': ${e.message}`,
      { field: 'cfg.space' },
    );
  }
  for (let k = 0; k < cfg.archIds.length; k++) {
    const id = cfg.archIds[k];
    if (id < 0 || id >= space.size) throw new UserError(`architecture ${id} is not in space ${space.name} (ids 0..${space.size - 1})`, { field: `cfg.archIds[${k}]` });
  }
  // Dataflow names / files, resolved once here so that a bad one is named by its field.
  const seen = new Set<string>();
  const check = (df: string, field: string) => {
    if (seen.has(df)) return;
    seen.add(df);
    // a UserError naming the field (or the file's line) when it is neither; a file named like a
    // built-in must map like it (accelerator ids are hardware/<dataflow name>)
    checkDataflowFileName(df, resolveDataflowSpec(df, field), field);
  };
  cfg.accelerators.forEach((a, i) => check(a.dataflow, `cfg.accelerators[${i}].dataflow`));
  cfg.proxies.forEach((p, i) => check(p.dataflow, `cfg.proxies[${i}].dataflow`));
  const ids = Array.from(cfg.archIds);
  const invalid = cfg.invalid ?? 'infeasible'; // the run's rule, as the result records it
  const compiled = compileIds(space, ids);
  const evaluator = new ModelArchEvaluator({ space: cfg.space, ids, invalid, memo: true, compiled });
  // The checkpoint identity of its numbers, as `codesign search` records it (computed on request:
  // a space file's digest reads every architecture).
  const dataflows = [...cfg.accelerators.map((a) => a.dataflow), ...cfg.proxies.map((p) => p.dataflow)];
  // (its layer shapes also give the searches' layerAnalyses, as the CLI's run reports them)
  return { evaluator, identity: () => checkpointIdentity({ invalid, space, dataflows }), shapes: compiled };
}
