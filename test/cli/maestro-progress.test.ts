/**
 * Time-based progress of `codesign maestro` (src/cli/maestro/progress.ts) and of `codesign
 * evaluate` on a mapping file: whatever the network's size, a run that lasts (10 s; 1 s on a
 * terminal) gets `<done>/<total> layers evaluated (<s> s)` lines at most every 10 s (0.5 s).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { layerProgress } from '../../src/cli/maestro/progress.js';
import { setMaestroEngineProvider } from '../../src/cli/maestro.js';
import type { MaestroEngine } from '../../src/cli/maestro/types.js';
import { evaluateFileMappings, stderrProgress } from '../../src/cli/evaluate.js';
import { CostModel } from '../../src/model/costmodel.js';
import { getSpace } from '../../src/spaces/index.js';
import { loadHardware } from '../../src/parse/index.js';
import { runCli } from '../helpers/run-cli.js';

const fx = path.resolve(__dirname, '../fixtures/maestro');
const HW = path.join(fx, 'hw/accelerator_1.m');
const VGG = path.join(fx, 'mapping/vgg16_xp_ws.m'); // 13 layers

/** Lines printed for calls (done, total, ms since start). */
function lines(opts: { tty: boolean; final?: boolean }, calls: Array<[number, number, number]>): string[] {
  const out: string[] = [];
  let t = 0;
  const p = layerProgress({ stream: { isTTY: opts.tty, write: (s: string) => out.push(s) }, start: 0, now: () => t, final: opts.final });
  for (const [done, total, at] of calls) {
    t = at;
    p(done, total);
  }
  return out;
}

/** 13 layers, one every 3 s. */
const SLOW: Array<[number, number, number]> = Array.from({ length: 13 }, (_, i) => [i + 1, 13, 3000 * (i + 1)]);

describe('layerProgress', () => {
  it('a short run (under 10 s; 1 s on a terminal) prints nothing', () => {
    expect(lines({ tty: false }, [[5, 13, 2000], [13, 13, 9000]])).toEqual([]);
    expect(lines({ tty: true }, [[5, 13, 300], [13, 13, 900]])).toEqual([]);
  });

  it('not a terminal: after 10 s, at most every 10 s, and the final count', () => {
    expect(lines({ tty: false }, SLOW)).toEqual([
      'codesign maestro: 4/13 layers evaluated (12.0 s)\n',
      'codesign maestro: 8/13 layers evaluated (24.0 s)\n',
      'codesign maestro: 12/13 layers evaluated (36.0 s)\n',
      'codesign maestro: 13/13 layers evaluated (39.0 s)\n',
    ]);
    // With phase lines (20,000 layers or more) the last count is theirs.
    expect(lines({ tty: false, final: false }, SLOW)).toHaveLength(3);
  });

  it('a terminal: after 1 s, at most every 0.5 s', () => {
    const calls: Array<[number, number, number]> = Array.from({ length: 10 }, (_, i) => [i + 1, 10, 400 * (i + 1)]);
    expect(lines({ tty: true }, calls)).toEqual([
      'codesign maestro: 3/10 layers evaluated (1.2 s)\n',
      'codesign maestro: 5/10 layers evaluated (2.0 s)\n',
      'codesign maestro: 7/10 layers evaluated (2.8 s)\n',
      'codesign maestro: 9/10 layers evaluated (3.6 s)\n',
      'codesign maestro: 10/10 layers evaluated (4.0 s)\n',
    ]);
  });
});

describe('codesign maestro: progress of a slow small network', () => {
  let restore: (() => Promise<MaestroEngine>) | undefined;
  afterEach(() => {
    if (restore) setMaestroEngineProvider(restore);
    restore = undefined;
    vi.restoreAllMocks();
  });

  /** `codesign maestro` on VGG16 (13 layers) with `extra` flags, each layer taking 3 s of a mocked clock. */
  async function slowRun(extra: string[]): Promise<{ code: number; err: string; csv: string }> {
    const cm = await CostModel.load();
    let clock = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => clock);
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    // The real model; each layer "takes" 3 s of the mocked clock and is reported.
    const slow: MaestroEngine = {
      evaluateNetwork(net, hw, opts) {
        const r = cm.evaluateNetwork(net, hw, { isolated: opts?.isolated, tensorSizes: opts?.tensorSizes });
        for (let i = 1; i <= net.layers.length; i++) {
          clock += 3000;
          opts?.onProgress?.(i, net.layers.length);
        }
        return r;
      },
    };
    restore = setMaestroEngineProvider(async () => slow);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'codesign-progress-')), 'vgg.csv');
    let r;
    try {
      r = await runCli(['maestro', '--HW_file', HW, '--Mapping_file', VGG, '--out', out, ...extra]);
    } finally {
      if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
    return { code: r.code, err: r.err, csv: readFileSync(out, 'utf8') };
  }

  it('13 layers of 3 s each (a clock that says so): lines every 10 s on stderr, the CSV as always', async () => {
    const r = await slowRun([]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'codesign maestro: 4/13 layers evaluated (12.0 s)\n' +
        'codesign maestro: 8/13 layers evaluated (24.0 s)\n' +
        'codesign maestro: 12/13 layers evaluated (36.0 s)\n' +
        'codesign maestro: 13/13 layers evaluated (39.0 s)\n',
    );
    expect(r.csv).toBe(readFileSync(path.join(fx, 'expected/accelerator_1/vgg16_xp_ws.csv'), 'utf8'));
  });

  it('--no-progress: the same run prints nothing on stderr, the same CSV', async () => {
    const r = await slowRun(['--no-progress']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.csv).toBe(readFileSync(path.join(fx, 'expected/accelerator_1/vgg16_xp_ws.csv'), 'utf8'));
  });
});

describe('codesign evaluate on a mapping file: evaluating progress', () => {
  it('stderrProgress prints the evaluating count as it prints the building count', () => {
    const out: string[] = [];
    let t = 0;
    const p = stderrProgress('net.m', { isTTY: false, write: (s: string) => out.push(s) }, () => t);
    for (const [done, at] of [[10, 5000], [20, 11000], [30, 15000], [40, 21500], [50, 22000]] as const) {
      t = at;
      p('evaluating', done, 50);
    }
    p('done', 1, 1);
    expect(out).toEqual([
      'codesign evaluate: net.m: evaluating layers 20/50 (11.0 s)\n',
      'codesign evaluate: net.m: evaluating layers 40/50 (21.5 s)\n',
      'codesign evaluate: net.m: evaluating layers 50/50 (22.0 s)\n',
      'codesign evaluate: net.m: 1 architectures evaluated in 22.0 s\n',
    ]);
  });

  it('evaluateFileMappings reports the layers as evaluateNetwork evaluates them, then done', async () => {
    const cm = await CostModel.load();
    const space = getSpace(path.join(fx, 'mapping/Resnet50_kcp_ws.m'));
    const calls: Array<[string, number, number]> = [];
    const r = evaluateFileMappings(cm, space, [0], loadHardware(HW), (phase, done, total) => calls.push([phase, done, total]));
    expect(r[0]!.layers).toBe(66);
    expect(calls.at(-2)).toEqual(['evaluating', 66, 66]);
    expect(calls.at(-1)).toEqual(['done', 1, 1]);
    expect(calls.slice(0, -1).every(([phase, , total]) => phase === 'evaluating' && total === 66)).toBe(true);
    // The same totals as without progress.
    expect(evaluateFileMappings(cm, space, [0], loadHardware(HW))).toEqual(r);
  });
});
