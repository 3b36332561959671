/**
 * Shared helpers for the robustness tests: run the CLI through `main()` with captured output,
 * and check the error contract (ONE line on stderr, no stack trace, exit code).
 */
import { expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, type CliRun } from '../helpers/run-cli.js';

/** A CLI run's exit code and captured output. */
export type RunResult = CliRun;

/** Run `codesign ...args` in-process; stdout / stderr captured. */
export function run(...args: string[]): Promise<RunResult> {
  return runCli(args);
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'codesign-robust-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Write `content` to `dir/name`; returns the path. */
export function put(dir: string, name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** The error contract: exit `code`, exactly one stderr line, no stack trace, matching `re` (if given). */
export function expectOneLineError(r: RunResult, code: number, ...res: RegExp[]): void {
  const lines = r.err.split('\n').filter((l) => l !== '');
  expect(lines, `stderr was:\n${r.err}`).toHaveLength(1);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.err).not.toMatch(/internal error/);
  for (const re of res) expect(lines[0]).toMatch(re);
  expect(r.code, `stderr: ${r.err}`).toBe(code);
}

/** Escape a string for use in a RegExp. */
export const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const FX = path.resolve(__dirname, '../fixtures/maestro');

/** Small valid inputs of every format. */
export const VALID = {
  hwM: 'num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n',
  hwJson: '{"numPes": 256, "l1Size": 100, "l2Size": 3000, "nocBw": 1000, "offchipBw": 50}\n',
  dataflowM: [
    'Dataflow {',
    '  SpatialMap(1,1) K;',
    '  TemporalMap(64,64) C;',
    '  TemporalMap(Sz(R),Sz(R)) R;',
    '  TemporalMap(Sz(S),Sz(S)) S;',
    '  TemporalMap(Sz(R),1) Y;',
    '  TemporalMap(Sz(S),1) X;',
    '  Cluster(64, P);',
    '  SpatialMap(1,1) C;',
    '  TemporalMap(Sz(R),1) Y;',
    '  TemporalMap(Sz(S),1) X;',
    '  TemporalMap(Sz(R),Sz(R)) R;',
    '  TemporalMap(Sz(S),Sz(S)) S;',
    '}',
    '',
  ].join('\n'),
  /** Model: one CONV layer, `DIMS` placeholder replaced by callers. */
  modelM: (dims = 'K: 64, C: 64, R: 3, S: 3, Y: 56, X: 56') =>
    `Network net {\n  Layer L1 {\n    Type: CONV\n    Stride { X: 1, Y: 1 }\n    Dimensions { ${dims} }\n  }\n}\n`,
  mappingM: (dims = 'K: 64, C: 64, R: 3, S: 3, Y: 56, X: 56') =>
    `Network net {\n  Layer L1 {\n    Type: CONV\n    Stride { X: 1, Y: 1 }\n    Dimensions { ${dims} }\n    ` +
    VALID.dataflowM.replace(/\n/g, '\n    ') +
    `\n  }\n}\n`,
  layerJson: (dims: Record<string, unknown> = { K: 64, C: 64, R: 3, S: 3, Y: 56, X: 56 }) => ({ name: 'L1', type: 'CONV', dims }),
  dataflowJson: {
    directives: [
      { kind: 'SpatialMap', size: 1, offset: 1, dim: 'K' },
      { kind: 'TemporalMap', size: 64, offset: 64, dim: 'C' },
      { kind: 'TemporalMap', size: { sz: 'R' }, offset: { sz: 'R' }, dim: 'R' },
      { kind: 'TemporalMap', size: { sz: 'S' }, offset: { sz: 'S' }, dim: 'S' },
      { kind: 'TemporalMap', size: { sz: 'R' }, offset: 1, dim: 'Y' },
      { kind: 'TemporalMap', size: { sz: 'S' }, offset: 1, dim: 'X' },
      { kind: 'Cluster', size: 64, clusterType: 'P' },
      { kind: 'SpatialMap', size: 1, offset: 1, dim: 'C' },
    ],
  },
};
