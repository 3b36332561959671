/**
 * `--dataflow NAME|FILE` (Node only: a file is read from disk; the browser entry has the built-in
 * dataflows alone, src/dataflows/builtin.ts).
 */
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { Dataflow } from '../model/types.js';
import { loadDataflow } from '../parse/load.js';
import { BUILTIN_DATAFLOW_NAMES, builtinDataflow, isBuiltinDataflow } from './builtin.js';

/**
 * Resolve `--dataflow NAME|FILE`: a built-in name, or a dataflow file (MAESTRO text, one top-level
 * `Dataflow { ... }` block, or JSON; its name is the file's base name), read with the limits and
 * checks of every input file (src/parse/load.ts). `flag` names the option in errors.
 */
export function resolveDataflowSpec(spec: string, flag = '--dataflow'): Dataflow {
  if (isBuiltinDataflow(spec)) return builtinDataflow(spec);
  if (typeof spec !== 'string' || !existsSync(spec))
    throw new UserError(`'${spec}' is neither a built-in dataflow (${BUILTIN_DATAFLOW_NAMES.join(', ')}) nor a readable file`, { field: flag });
  return loadDataflow(spec);
}
