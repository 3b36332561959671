/**
 * In-process evaluation stays responsive (src/search/evalcache.ts, src/search/space-evaluator.ts):
 * an in-process evaluator's chunks run one after another in slices of about SLICE_MS, with the
 * event loop (signals, progress) running between slices; any evaluator's chunks start one at a
 * time with turns of the event loop; a job far above its estimate moves to workers
 * (`FallbackEvaluator`). Results are identical in every case. Time is a fake clock throughout:
 * each fake evaluation advances it.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hardware } from '../../src/model/types.js';
import type { ArchEvaluator, EvalBatch } from '../../src/search/types.js';
import { AbortedError, EvalCache, EventLoopTurns, SLICE_MS, type EvalRequest } from '../../src/search/evalcache.js';
import { Checkpoint } from '../../src/search/checkpoint.js';
import { FallbackEvaluator, ModelArchEvaluator, compileIds } from '../../src/search/space-evaluator.js';
import { loadSearchSpace } from '../../src/search/spaces.js';
import { runCodesign, type RunConfig } from '../../src/search/run.js';
import { buildAccelerators } from '../../src/accelerators/accelerators.js';
import { randomHardware } from '../../src/accelerators/generate.js';
import { MAESTRO_DEFAULT_HW } from '../../src/accelerators/paper.js';
import { resultJson } from '../../src/report/json.js';
import { monotoneCost } from './fixtures/fake.js';
import { toyConfig } from './fixtures/toy.js';

const A: Hardware = { id: 'A', numPes: 64, l1Size: 100, l2Size: 3000, nocBw: 500, offchipBw: 50 };
const B: Hardware = { id: 'B', numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 };

/** A fake clock (ms). */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A synchronous evaluator that costs `msPerArch` of fake time per architecture and logs its calls. */
class SlowEvaluator implements ArchEvaluator {
  readonly calls: { hw: string; ids: number[] }[] = [];
  constructor(
    private readonly clk: ReturnType<typeof clock>,
    private readonly msPerArch: number,
    readonly inProcess = true,
    private readonly onCall?: (n: number) => void,
  ) {}
  evaluate(archIds: Int32Array, hw: Hardware, dataflow: string): EvalBatch {
    this.calls.push({ hw: hw.id!, ids: Array.from(archIds) });
    this.onCall?.(this.calls.length);
    this.clk.advance(this.msPerArch * archIds.length);
    return costs(archIds, hw, dataflow);
  }
}

function costs(archIds: Int32Array, hw: Hardware, dataflow: string): EvalBatch {
  const latency = new Float64Array(archIds.length);
  const energy = new Float64Array(archIds.length);
  archIds.forEach((id, i) => ([latency[i], energy[i]] = monotoneCost(id, hw, dataflow)));
  return { latency, energy };
}

const ids = (n: number) => Int32Array.from({ length: n }, (_, i) => 1000 + 7 * i);
const all = (n: number, hw: Hardware): EvalRequest => ({ positions: Array.from({ length: n }, (_, i) => i), hw, dataflow: 'kcp_ws' });

/** The tables of a cache as plain numbers. */
const tables = (c: EvalCache) => c.tablesList().map((t) => ({ key: t.key, latency: Array.from(t.latency), energy: Array.from(t.energy) }));

async function reference(n: number, reqs: EvalRequest[]) {
  const c = new EvalCache(ids(n), { evaluate: costs }, { chunkSize: 1000 });
  await c.ensure(reqs);
  return tables(c);
}

describe('in-process slices', () => {
  it('slices of about SLICE_MS: 1 architecture first, then as many as fit (20 ms each: 2)', async () => {
    const clk = clock();
    const ev = new SlowEvaluator(clk, 20);
    const c = new EvalCache(ids(11), ev, { chunkSize: 4096, now: clk.now });
    await c.ensure([all(11, A)]);
    expect(ev.calls.map((k) => k.ids.length)).toEqual([1, 2, 2, 2, 2, 2]);
    expect(tables(c)).toEqual(await reference(11, [all(11, A)]));
    expect([c.evaluations, c.computed]).toEqual([11, 11]);
  });

  it('cheap evaluations grow the slices 4-fold up to SLICE_MS worth (0.5 ms each: 100)', async () => {
    const clk = clock();
    const ev = new SlowEvaluator(clk, 0.5);
    const c = new EvalCache(ids(300), ev, { chunkSize: 4096, now: clk.now });
    await c.ensure([all(300, A)]);
    expect(SLICE_MS).toBe(50);
    expect(ev.calls.map((k) => k.ids.length)).toEqual([1, 4, 16, 64, 100, 100, 15]);
    expect(tables(c)).toEqual(await reference(300, [all(300, A)]));
  });

  it('chunks run one after another, per accelerator in order; each slice is checkpointed as it ends', async () => {
    const clk = clock();
    const ev = new SlowEvaluator(clk, 30);
    const ck = Checkpoint.open(path.join(mkdtempSync(path.join(tmpdir(), 'inproc-')), 'ck'), { space: 's' });
    const progress: [number, number][] = [];
    const c = new EvalCache(ids(6), ev, { chunkSize: 3, now: clk.now, checkpoint: ck, onProgress: (d, t) => progress.push([d, t]) });
    await c.ensure([all(6, A), all(6, B)]);
    expect(ev.calls.map((k) => `${k.hw}:${k.ids.join('+')}`)).toEqual([
      'A:1000', 'A:1007', 'A:1014', 'A:1021', 'A:1028', 'A:1035', // 30 ms each: slices of 1
      'B:1000', 'B:1007', 'B:1014', 'B:1021', 'B:1028', 'B:1035',
    ]);
    expect(progress).toEqual([[0, 12], ...Array.from({ length: 12 }, (_, i): [number, number] => [i + 1, 12])]);
    expect(ck.lookup(c.table(B, 'kcp_ws').key, 1035)).toEqual(monotoneCost(1035, B, 'kcp_ws'));
    ck.close();
    expect(tables(c)).toEqual(await reference(6, [all(6, A), all(6, B)]));
  });

  it('the event loop runs between slices of one chunk: an abort (a signal) stops the chunk', async () => {
    const clk = clock();
    const abort = new AbortController();
    // The first call "receives a signal": its handler can only run once the event loop turns.
    const ev = new SlowEvaluator(clk, 100, true, (n) => n === 1 && setImmediate(() => abort.abort()));
    const c = new EvalCache(ids(50), ev, { chunkSize: 4096, now: clk.now, signal: abort.signal });
    await expect(c.ensure([all(50, A)])).rejects.toBeInstanceOf(AbortedError);
    expect(ev.calls).toHaveLength(1);
  });

  it('a synchronous evaluator that does not say it is in-process: the event loop still runs between its chunks', async () => {
    const clk = clock();
    const abort = new AbortController();
    const ev = new SlowEvaluator(clk, 100, false, (n) => n === 1 && setImmediate(() => abort.abort()));
    const c = new EvalCache(ids(20), ev, { chunkSize: 2, now: clk.now, signal: abort.signal });
    await expect(c.ensure([all(20, A), all(20, B)])).rejects.toBeInstanceOf(AbortedError);
    expect(ev.calls).toHaveLength(1); // whole chunks (not sliced): 2 architectures
    expect(ev.calls[0].ids).toEqual([1000, 1007]);
  });
});

describe('asynchronous evaluators and abort', () => {
  /** An evaluator answering after `ms` of real time, counting its calls in flight. */
  function asyncEvaluator(ms: number, concurrency?: number) {
    const log = { started: 0, inFlight: 0, maxInFlight: 0 };
    const ev: ArchEvaluator = {
      ...(concurrency !== undefined ? { concurrency } : {}),
      async evaluate(archIds: Int32Array): Promise<EvalBatch> {
        log.started++;
        log.maxInFlight = Math.max(log.maxInFlight, ++log.inFlight);
        await new Promise((r) => setTimeout(r, ms));
        log.inFlight--;
        return { latency: Float64Array.from(archIds, (id) => id + 1), energy: Float64Array.from(archIds, (id) => id + 2) };
      },
    };
    return { ev, log };
  }

  it('keeps at most `concurrency` calls in flight (default 16); an abort starts no more and rejects', async () => {
    const { ev, log } = asyncEvaluator(20);
    const c = new EvalCache(ids(400), ev, { chunkSize: 2 });
    await c.ensure([all(400, A)]);
    expect([log.started, log.maxInFlight]).toEqual([200, 16]);

    const abort = new AbortController();
    const slow = asyncEvaluator(30, 3);
    const c2 = new EvalCache(ids(400), slow.ev, { chunkSize: 2, signal: abort.signal });
    setTimeout(() => abort.abort(new Error('user stop')), 45);
    const err = await c2.ensure([all(400, A)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    expect((err as Error).message).toBe('aborted: user stop');
    expect(slow.log.maxInFlight).toBe(3);
    expect(slow.log.started).toBeLessThanOrEqual(9); // about 2 rounds of 3, not 200
    // the calls in flight are not waited for: their answers, when they come, are dropped
    const recorded = c2.tablesList()[0]!.latency.filter((v) => !Number.isNaN(v)).length;
    await new Promise((r) => setTimeout(r, 60));
    expect(slow.log.inFlight).toBe(0);
    expect(c2.tablesList()[0]!.latency.filter((v) => !Number.isNaN(v)).length).toBe(recorded);
  });

  it('a FallbackEvaluator that moves to a pool mid-run keeps the pool\'s concurrency from then on', async () => {
    const pool = asyncEvaluator(10, 2);
    const local = { inProcess: true as const, evaluate: (a: Int32Array) => ({ latency: Float64Array.from(a, () => 1), energy: Float64Array.from(a, () => 1) }) };
    const fb = new FallbackEvaluator(local, { afterMs: 0, start: () => pool.ev });
    const c = new EvalCache(ids(200), fb, { chunkSize: 4 });
    await c.ensure([all(200, A)]);
    expect(fb.movedTo).toBe(pool.ev);
    expect(pool.log.started).toBeGreaterThan(10);
    expect(pool.log.maxInFlight).toBe(2); // (it was the number of chunks queued when it moved)
  });

  it('a call that never returns does not hang an abort, nor hide another call\'s failure', async () => {
    let calls = 0;
    const never: ArchEvaluator = {
      concurrency: 4,
      evaluate(archIds: Int32Array): Promise<EvalBatch> {
        calls++;
        if (calls === 2) return new Promise(() => {}); // never settles
        if (calls === 5) return Promise.reject(new Error('boom on call 5'));
        return new Promise((r) => setTimeout(() => r({ latency: Float64Array.from(archIds, () => 1), energy: Float64Array.from(archIds, () => 1) }), 5));
      },
    };
    const c = new EvalCache(ids(100), never, { chunkSize: 2 });
    await expect(c.ensure([all(100, A)])).rejects.toThrow('boom on call 5');
    let n = 0;
    const abort = new AbortController();
    const quiet: ArchEvaluator = {
      concurrency: 4,
      evaluate: (a) =>
        n++ === 1
          ? new Promise(() => {}) // never settles
          : new Promise((r) => setTimeout(() => r({ latency: Float64Array.from(a, () => 1), energy: Float64Array.from(a, () => 1) }), 5)),
    };
    const c2 = new EvalCache(ids(100), quiet, { chunkSize: 2, signal: abort.signal });
    setTimeout(() => abort.abort(), 30);
    const t0 = performance.now();
    await expect(c2.ensure([all(100, A)])).rejects.toBeInstanceOf(AbortedError);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('runCodesign rejects at once on an already aborted signal, without calling the evaluator', async () => {
    const { ev, log } = asyncEvaluator(1);
    const abort = new AbortController();
    abort.abort();
    await expect(runCodesign(toyConfig({ signal: abort.signal }), ev)).rejects.toBeInstanceOf(AbortedError);
    expect(log.started).toBe(0);
  });
});

describe('EventLoopTurns', () => {
  it('turns come in call order; the event loop runs only once everyMs has passed', async () => {
    const clk = clock();
    const turns = new EventLoopTurns(50, clk.now);
    const log: string[] = [];
    let immediates = 0;
    const tick = () => setImmediate(() => (immediates++, log.push('loop')));
    tick();
    const a = turns.next().then(() => {
      log.push('a');
      clk.advance(60); // a's work: the next turn lets the loop run first
    });
    const b = turns.next().then(() => log.push('b'));
    const c = turns.next().then(() => log.push('c'));
    await Promise.all([a, b, c]);
    expect(log).toEqual(['a', 'loop', 'b', 'c']);
    expect(immediates).toBe(1);
  });
});

describe('FallbackEvaluator', () => {
  it('moves the work once the in-process time reaches afterMs; the rest of a chunk is one call there', async () => {
    const clk = clock();
    const local = new SlowEvaluator(clk, 1000);
    const remote = new SlowEvaluator(clk, 0, false);
    let moved = -1;
    const ev = new FallbackEvaluator(local, { afterMs: 3000, start: () => remote, onMove: (ms) => (moved = ms), now: clk.now });
    expect(ev.inProcess).toBe(true);
    const c = new EvalCache(ids(10), ev, { chunkSize: 6, now: clk.now });
    await c.ensure([all(10, A), all(10, B)]);
    expect(ev.inProcess).toBe(false);
    expect(moved).toBe(3000);
    expect(local.calls.map((k) => k.ids.length)).toEqual([1, 1, 1]); // 1 s each
    // The rest of the first chunk, then whole chunks (not sliced: workers share them).
    expect(remote.calls.map((k) => `${k.hw}:${k.ids.length}`)).toEqual(['A:3', 'A:4', 'B:6', 'B:4']);
    expect(tables(c)).toEqual(await reference(10, [all(10, A), all(10, B)]));
    expect(ev.movedTo).toBe(remote);
  });

  it('passes reset and close on to both evaluators', async () => {
    const seen: string[] = [];
    const mk = (name: string): ArchEvaluator => ({
      evaluate: costs,
      reset: () => void seen.push(`${name}.reset`),
      close: async () => void seen.push(`${name}.close`),
    });
    const ev = new FallbackEvaluator(mk('local'), { afterMs: 0, start: () => mk('pool') });
    await ev.reset();
    ev.evaluate(ids(1), A, 'kcp_ws'); // 0 ms budget: moves after this call
    await ev.reset();
    await ev.close();
    expect(seen).toEqual(['local.reset', 'local.reset', 'pool.reset', 'pool.close', 'local.close']);
  });
});

describe('the Wasm cost model in slices', () => {
  it('gives the same run result as one call per chunk (alphanet, 3 accelerators x 2 dataflows)', async () => {
    const space = loadSearchSpace('alphanet');
    const list = Array.from({ length: 40 }, (_, i) => i * 3);
    const spec = { space: 'alphanet', ids: list, invalid: 'infeasible' as const, memo: true, compiled: compileIds(space, list) };
    const cfg: RunConfig = {
      space: 'alphanet',
      archIds: Int32Array.from(list),
      quality: Float64Array.from(list, (id) => space.quality.accuracy![id]),
      qualityName: 'accuracy',
      accelerators: buildAccelerators(randomHardware(3, 5), ['kcp_ws', 'rs']),
      proxies: [{ hw: MAESTRO_DEFAULT_HW, dataflow: 'kcp_ws' }],
      problem: { objective: 'edp' },
      selection: {},
      thresholds: 'pareto',
      mode: 'all',
      chunkSize: 4096,
    };
    const sliced = new ModelArchEvaluator(spec);
    expect(sliced.inProcess).toBe(true);
    const inner = new ModelArchEvaluator(spec);
    const whole: ArchEvaluator = { evaluate: (a, hw, df) => inner.evaluate(a, hw, df), reset: () => inner.reset() }; // not in-process: one call per chunk
    const calls: number[] = [];
    const counted: ArchEvaluator = { evaluate: (a, hw, df) => (calls.push(a.length), sliced.evaluate(a, hw, df)), reset: () => sliced.reset(), inProcess: true } as ArchEvaluator;
    const a = resultJson(await runCodesign(cfg, counted), { timings: false });
    const b = resultJson(await runCodesign(cfg, whole), { timings: false });
    expect(a).toBe(b);
    expect(calls.some((n) => n === 1)).toBe(true); // it was sliced
  });
});
