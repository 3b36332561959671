/**
 * `codesign search --evaluator MODULE`: a user's JS module exporting `createEvaluator(spec)`, used
 * instead of the Wasm cost model. It is loaded once here, in the main thread, before any worker
 * starts, so a missing file, a module that fails to load or one without `createEvaluator` is one
 * clear line (exit 2) instead of a worker retrying and a stack trace.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { UserError } from '../errors.js';
import type { ArchEvaluator } from '../search/types.js';
import { answerPair, checkEvalBatch } from '../search/evalcache.js';

/** What an evaluator module exports. */
export type CreateEvaluator = (spec: unknown) => ArchEvaluator | Promise<ArchEvaluator>;

const FIELD = '--evaluator';

/** One line of an error's message (module errors may span several). */
function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.trim();
}

/** Import `path` (absolute) and return its `createEvaluator`; UserError (field --evaluator) otherwise. */
export async function loadEvaluatorModule(path: string): Promise<CreateEvaluator> {
  if (!existsSync(path)) throw new UserError(`cannot read module ${path} (no such file)`, { field: FIELD });
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (err) {
    throw new UserError(`cannot load module ${path}: ${firstLine(err)}`, { field: FIELD });
  }
  const create = mod.createEvaluator;
  if (typeof create !== 'function') throw new UserError(`module ${path} does not export a function createEvaluator(spec)`, { field: FIELD });
  return create as CreateEvaluator;
}

/** Call a module's `createEvaluator(spec)` (in-process); its failure is a UserError naming the module. */
export async function createModuleEvaluator(path: string, create: CreateEvaluator, spec: unknown): Promise<ArchEvaluator> {
  let ev: ArchEvaluator;
  try {
    ev = await create(spec);
  } catch (err) {
    throw new UserError(`createEvaluator of ${path} failed: ${firstLine(err)}`, { field: FIELD });
  }
  if (ev === null || typeof ev !== 'object' || typeof (ev as { evaluate?: unknown }).evaluate !== 'function')
    throw new UserError(`createEvaluator of ${path} did not return an evaluator (an object with evaluate())`, { field: FIELD });
  return ev;
}

/** An evaluator module's failure during the run, as one line naming the module. */
export function evaluatorRunError(path: string, err: unknown): UserError {
  return new UserError(`module ${path} failed: ${firstLine(err)}`, { field: FIELD });
}

/**
 * `ev` (an evaluator of the module at `path`, in-process or through workers) with the errors of
 * its evaluations reported as the module's (one line naming it); other errors of the run (a
 * checkpoint that cannot be written, ...) keep their own messages.
 */
export function namingModuleErrors(ev: ArchEvaluator, path: string): ArchEvaluator {
  return {
    evaluate: async (archIds, hw, dataflow) => {
      const ids = Array.from(archIds); // (archIds may be transferred to a worker)
      try {
        const r: unknown = await ev.evaluate(archIds, hw, dataflow);
        // A malformed answer, or a value that is no cost (negative, a string), is the module's error
        // too (in a worker the worker checks them; in-process the search would, as an internal error).
        checkEvalBatch(r, ids.length);
        for (let i = 0; i < ids.length; i++) answerPair(r.latency[i], r.energy[i], ids[i]!, `on ${hw.id ?? 'hardware'}/${dataflow} `);
        return r;
      } catch (e) {
        throw e instanceof UserError ? e : evaluatorRunError(path, e);
      }
    },
    ...(ev.reset ? { reset: () => ev.reset!() } : {}),
    ...(ev.close ? { close: () => ev.close!() } : {}),
    // what the search asks of the evaluator it wraps (calls in flight, chunk size)
    get concurrency() {
      return ev.concurrency;
    },
    get chunkSize() {
      return ev.chunkSize;
    },
  };
}
