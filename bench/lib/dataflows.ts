/**
 * The paper's dataflows (kcp_ws, rs, xp_ws for CONV; dpt for DSCONV; nmk for GEMM) as typed
 * `Dataflow`s, parsed from their MAESTRO text with the project's own parser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDataflow } from '../../src/parse/mapping.js';
import type { Dataflow } from '../../src/model/types.js';
import { sharedDir } from './oracle-spec.js';

/** Dataflow texts of the shared oracle spec (it has all of the paper's dataflows). */
function dataflowTexts(projectRoot: string): Record<string, string> {
  const file = path.join(sharedDir(projectRoot), 'oracle', 'spec-public.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { dataflows: Record<string, string> }).dataflows;
}

/** Named dataflows, parsed. Throws naming the missing one. */
export function paperDataflows(projectRoot: string, names: readonly string[]): Map<string, Dataflow> {
  const texts = dataflowTexts(projectRoot);
  const out = new Map<string, Dataflow>();
  for (const n of names) {
    const t = texts[n];
    if (t === undefined) throw new Error(`no dataflow '${n}' in the shared oracle spec`);
    out.set(n, parseDataflow(t, `${n}.m`, n));
  }
  return out;
}
