/**
 * The identity of the numbers a search run produces, recorded in (and checked against) its
 * checkpoint, so a checkpoint is never reused by a run that would compute other numbers: the
 * evaluator (the Wasm model's bytes, or an evaluator module's path and bytes), the invalid-layer rule, the
 * JavaScript-side result rules ({@link RESULT_RULES}), the architectures of a space file and the
 * content of every dataflow file. Used by `codesign search` and by `runCodesign` with its default
 * evaluator (Node only).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { BUILTIN_SPACES } from '../spaces/index.js';
import type { SearchSpace } from './spaces.js';

/**
 * Version of the JavaScript-side rules that shape a pair's numbers besides the Wasm model (the
 * 2^53 rule `inexactInfeasible`, the overflow guard, the layer encoding, the built-in dataflows):
 * part of the checkpoint identity. Bump it whenever such a rule changes results, so a checkpoint
 * of an older build is refused instead of reused. (2: totals of 2^53 cycles or more infeasible;
 * 3: with `--invalid skip`, a network without any layer result infeasible; 4: with `--invalid skip`,
 * a layer with cluster levels right after a layer without a result not summed either; 5: a layer
 * whose numbers would wrap infeasible with `--invalid skip` too; 6: a row that is no cost, 0 MACs or
 * a negative runtime / energy, no result.)
 */
export const RESULT_RULES = 6;

function digest(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 12);
}

/**
 * Digest of what a space file's architectures ARE: every architecture's layers (type, strides,
 * dimensions), in id order. It covers the model files an `{"architectures"}` file names as well as
 * the file itself, so editing any of them changes it (the file's bytes alone would not).
 */
export function spaceContentDigest(space: Pick<SearchSpace, 'size' | 'layersOf'>, onProgress?: (done: number) => void): string {
  const h = createHash('sha256');
  for (let id = 0; id < space.size; id++) {
    if (onProgress && id % 1024 === 0) onProgress(id);
    let text = `#${id}`;
    for (const l of space.layersOf(id)) {
      text += `|${l.type},${l.strideX},${l.strideY}`;
      for (const d of Object.keys(l.dims).sort()) text += `,${d}=${(l.dims as Record<string, number>)[d]}`;
    }
    h.update(text);
  }
  return h.digest('hex').slice(0, 12);
}

/** What the identity is made of. */
export interface IdentityInputs {
  /** An evaluator module's path (`--evaluator`; its bytes are digested); absent: the Wasm cost model of this package. */
  module?: string;
  /** The invalid-layer rule (`infeasible` or `skip`). */
  invalid: string;
  space: Pick<SearchSpace, 'name' | 'size' | 'layersOf'>;
  /** Dataflow names or files of the accelerators and proxies. */
  dataflows: readonly string[];
  /**
   * Digests a large space (a file): `run(label, work)` runs `work` and may show progress; default:
   * runs it as is.
   */
  digestSpace?: (label: string, work: (tick: (done: number) => void) => string) => string;
}

/** The evaluator tag of a run (see the module's comment). */
export function checkpointIdentity(inp: IdentityInputs): string {
  let tag = inp.module ? `module:${inp.module}` : 'wasm';
  // An evaluator module's bytes (an edited module computes other numbers; files it imports are not covered).
  if (inp.module && existsSync(inp.module)) tag += `:${digest(readFileSync(inp.module))}`;
  if (!inp.module) {
    const wasm = [new URL('../../build/costmodel.wasm', import.meta.url), new URL('../../../build/costmodel.wasm', import.meta.url)].find((u) => existsSync(u));
    if (wasm) tag += `:${digest(readFileSync(wasm))}`;
  }
  tag += `/${inp.invalid}/rules:${RESULT_RULES}`;
  const space = inp.space;
  if (!(BUILTIN_SPACES as readonly string[]).includes(space.name)) {
    const run = inp.digestSpace ?? ((_label, work) => work(() => {}));
    tag += `/space:${run(`checkpoint identity: digesting the ${space.size} architectures of ${space.name}`, (tick) => spaceContentDigest(space, tick))}`;
  }
  for (const df of new Set(inp.dataflows)) if (existsSync(df)) tag += `/${df}:${digest(readFileSync(df))}`;
  return tag;
}

/** The parts of an evaluator tag (see {@link checkpointIdentity}), or undefined for another form. */
function tagParts(tag: string): Map<string, string> | undefined {
  const m = /^(wasm(?::[0-9a-f]+)?|module:.*?(?::[0-9a-f]{12})?)\/(infeasible|skip)\/rules:(\d+)((?:\/space:[0-9a-f]+)?)(.*)$/.exec(tag);
  if (!m) return undefined;
  const parts = new Map<string, string>([
    ['evaluator', m[1]!],
    ['invalid', m[2]!],
    ['rules', m[3]!],
  ]);
  if (m[4]) parts.set('space', m[4].slice('/space:'.length));
  for (const d of m[5]!.matchAll(/\/(.+?):([0-9a-f]{12})(?=\/|$)/g)) parts.set(`dataflow ${d[1]}`, d[2]!);
  return parts;
}

/**
 * What differs between the identity a checkpoint was made with (`was`) and this run's (`now`), in
 * words (`dataflow file kc16.m changed`); empty when the tags cannot be told apart part by part.
 */
export function identityChanges(was: string, now: string): string[] {
  const a = tagParts(was);
  const b = tagParts(now);
  if (!a || !b) return [];
  const out: string[] = [];
  const ev = (s: string) => (s.startsWith('wasm') ? 'the Wasm cost model' : `the module ${s.replace(/^module:/, '').replace(/:[0-9a-f]{12}$/, '')}`);
  const [ea, eb] = [a.get('evaluator')!, b.get('evaluator')!];
  if (ea !== eb) out.push(ev(ea) === ev(eb) ? `${ev(eb)} changed${eb.startsWith('wasm') ? ' (build/costmodel.wasm)' : ''}` : `the evaluator was ${ev(ea)}, now ${ev(eb)}`);
  if (a.get('invalid') !== b.get('invalid')) out.push(`--invalid was ${a.get('invalid')}, now ${b.get('invalid')}`);
  if (a.get('rules') !== b.get('rules')) out.push('made by another version of codesign (its result rules differ)');
  if (a.get('space') !== b.get('space')) out.push(a.has('space') && b.has('space') ? "the space file's architectures changed" : 'another space');
  for (const [k, v] of b) if (k.startsWith('dataflow ') && a.has(k) && a.get(k) !== v) out.push(`${k.replace('dataflow ', 'dataflow file ')} changed`);
  for (const k of b.keys()) if (k.startsWith('dataflow ') && !a.has(k)) out.push(`${k.replace('dataflow ', 'dataflow file ')} was not used`);
  for (const k of a.keys()) if (k.startsWith('dataflow ') && !b.has(k)) out.push(`${k.replace('dataflow ', 'dataflow file ')} is no longer used`);
  return out;
}
