/**
 * The paper's dataflows (kcp_ws, rs, xp_ws for CONV; dpt for DSCONV; nmk for GEMM) as typed
 * `Dataflow`s: the project's built-in ones (src/dataflows/builtin.ts, equal to the MAESTRO texts).
 */
import { builtinDataflow, isBuiltinDataflow } from '../../src/dataflows/builtin.js';
import type { Dataflow } from '../../src/model/types.js';

/** Named built-in dataflows. Throws naming an unknown one. */
export function paperDataflows(names: readonly string[]): Map<string, Dataflow> {
  const out = new Map<string, Dataflow>();
  for (const n of names) {
    if (!isBuiltinDataflow(n)) throw new Error(`no built-in dataflow '${n}'`);
    out.set(n, builtinDataflow(n));
  }
  return out;
}
