/**
 * `codesign search --evaluator MODULE`: a module that is missing, fails to load, lacks
 * createEvaluator, or throws while evaluating gives one line naming --evaluator and the module
 * (exit 2), with or without workers: never a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'evmod-'));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const MODULES = {
  missing: path.join(dir, 'nonexist.mjs'),
  noExport: file('noev.mjs', 'export const x = 1;\n'),
  throwsAtLoad: file('bad.mjs', 'throw new Error("boom at load");\n'),
  notEvaluator: file('notev.mjs', 'export function createEvaluator() { return 42; }\n'),
  createThrows: file('create.mjs', 'export function createEvaluator() { throw new Error("no licence"); }\n'),
  evaluateThrows: file('evboom.mjs', 'export function createEvaluator() { return { evaluate() { throw new Error("eval boom"); } }; }\n'),
  shortAnswer: file('short.mjs', 'export function createEvaluator() { return { evaluate() { return { latency: [1], energy: [1] }; } }; }\n'),
  negative: file('neg.mjs', 'export function createEvaluator() { return { evaluate(ids) { return { latency: Array.from(ids, () => -1), energy: Array.from(ids, () => 1) }; } }; }\n'),
};

const run = (module: string, workers: string) =>
  runCli(['search', '--space', 'alphanet', '--ids', '0-9', '--accelerators', 'random:1:1', '--dataflows', 'kcp_ws', '--evaluator', module,
    '--workers', workers, '--out', path.join(dir, 'o.json'), '--no-summary', '--no-progress']);

describe('search --evaluator: a bad module is one clear line', () => {
  const cases: [keyof typeof MODULES, string, RegExp][] = [
    ['missing', '0', /^codesign: --evaluator: cannot read module .*nonexist\.mjs \(no such file\)\n$/],
    ['missing', '1', /^codesign: --evaluator: cannot read module .*nonexist\.mjs \(no such file\)\n$/],
    ['noExport', '1', /^codesign: --evaluator: module .*noev\.mjs does not export a function createEvaluator\(spec\)\n$/],
    ['throwsAtLoad', '0', /^codesign: --evaluator: cannot load module .*bad\.mjs: boom at load\n$/],
    ['notEvaluator', '0', /^codesign: --evaluator: createEvaluator of .*notev\.mjs did not return an evaluator/],
    ['createThrows', '0', /^codesign: --evaluator: createEvaluator of .*create\.mjs failed: no licence\n$/],
    ['evaluateThrows', '0', /^codesign: --evaluator: module .*evboom\.mjs failed: eval boom\n$/],
    // a malformed answer is the module's error (it was an internal error with a stack trace in-process)
    ['shortAnswer', '0', /^codesign: --evaluator: module .*short\.mjs failed: evaluator returned 1 results for 10 architectures\n$/],
    ['shortAnswer', '1', /^codesign: --evaluator: module .*short\.mjs failed: evaluator returned 1 results for 10 architectures\n$/],
    // a cost that is no cost: the same line in-process (was an internal error with a stack trace) as in a worker
    ['negative', '0', /^codesign: --evaluator: module .*neg\.mjs failed: the evaluator gave architecture 0 on maestro-default\/kcp_ws a negative latency \(-1\)/],
    ['negative', '1', /^codesign: --evaluator: module .*neg\.mjs failed: the evaluator gave architecture 0 on maestro-default\/kcp_ws a negative latency \(-1\)/],
  ];
  for (const [name, workers, msg] of cases) {
    it(`${name}, --workers ${workers}`, async () => {
      const r = await run(MODULES[name], workers);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  for (const workers of ['1', '2'])
    it(`a module that throws in ${workers} worker(s): one line naming the module, no retries`, async () => {
      const r = await run(MODULES.evaluateThrows, workers);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^codesign: --evaluator: module .*evboom\.mjs failed: eval boom\n$/);
    }, 30000);
});
