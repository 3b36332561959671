/** The `RunConfig` of a `codesign search` run (src/search/run.ts), from its flags and inputs. */
import type { CompiledSpace } from '../../evaluate/compile.js';
import { checkpointIdentity } from '../../search/checkpoint-identity.js';
import type { RunConfig } from '../../search/run.js';
import type { Phase } from '../../report/progress.js';
import type { SearchInputs } from './inputs.js';
import type { SearchCliOptions } from './options.js';
import type { SearchProgress } from './progress.js';

/**
 * The configuration of a search over the `compiled` architectures of `inputs`, with the checkpoint's identity of the evaluator
 * (the user's `module`, else the Wasm model) and the progress reports (the evaluation's bar, the
 * rank correlations as a phase).
 */
export function searchRunConfig(opts: SearchCliOptions, inputs: SearchInputs, compiled: CompiledSpace, module: string | undefined, progress: SearchProgress): RunConfig {
  const { phases, bar } = progress;
  const { space, dataflows, proxies } = inputs;
  let correlationPhase: Phase | undefined;
  return {
    space: inputs.spaceSpec,
    archIds: Int32Array.from(inputs.ids),
    quality: inputs.quality.values,
    qualityName: inputs.quality.name,
    accelerators: inputs.accelerators,
    proxies,
    problem: { objective: inputs.objective, ...inputs.caps },
    selection: { mode: inputs.select, tolerance: inputs.tolerance, ...(inputs.topK ? { topK: inputs.topK } : {}) },
    thresholds: inputs.thresholds,
    mode: opts.mode,
    invalid: opts.invalid,
    // (a module's numbers need not shrink with bandwidth: certified's bounds are not proven for it)
    ...(module !== undefined ? { monotoneInBandwidth: false } : {}),
    checkpoint: opts.checkpoint,
    evaluatorTag:
      opts.checkpoint !== undefined
        ? checkpointIdentity({
            module,
            invalid: opts.invalid,
            space,
            dataflows: [...dataflows, ...proxies.map((p) => p.dataflow)],
            digestSpace: (label, work) => phases.run(label, (phase) => work((done) => phase.tick(`${done} done`))),
          })
        : undefined,
    chunkSize: inputs.chunk,
    correlations: opts.correlations,
    shapes: compiled,
    onProgress: bar ? (label, d, t) => bar.update(label, d, t) : undefined,
    onStep: (step, done) => {
      if (!done) correlationPhase = phases.start('rank correlations');
      else correlationPhase?.end();
    },
  };
}
