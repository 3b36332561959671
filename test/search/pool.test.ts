import { beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledModule, PoolEvaluator } from '../../src/search/pool.js';
import { runCodesign, type RunConfig } from '../../src/search/run.js';
import { buildAccelerators } from '../../src/accelerators/accelerators.js';
import { randomHardware } from '../../src/accelerators/generate.js';
import { MAESTRO_DEFAULT_HW } from '../../src/accelerators/paper.js';
import { resultJson } from '../../src/report/json.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FAKE = path.join(root, 'test/search/fixtures/fake-evaluator.mjs');

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/src/search/worker.js'))) execSync('npx tsc -p tsconfig.json', { cwd: root, stdio: 'ignore' });
}, 120_000);

function cfg(): RunConfig {
  const ids = Array.from({ length: 120 }, (_, i) => i * 3);
  return {
    space: 'fake',
    archIds: Int32Array.from(ids),
    quality: Float64Array.from(ids, (i) => (i * 37) % 13),
    qualityName: 'q',
    accelerators: buildAccelerators(randomHardware(6, 7), ['kcp_ws', 'rs']),
    proxies: [{ hw: { ...MAESTRO_DEFAULT_HW }, dataflow: 'kcp_ws' }],
    problem: { objective: 'edp' },
    selection: {},
    thresholds: 'pareto',
    mode: 'all',
    chunkSize: 16,
  };
}

async function runWith(workers: number, fake: Record<string, unknown> = {}) {
  const pool = new PoolEvaluator({ module: FAKE, spec: { fake }, workers });
  try {
    const r = await runCodesign(cfg(), pool);
    return { json: resultJson(r, { timings: false }), retried: pool.retried };
  } finally {
    await pool.close();
  }
}

describe('Piscina pool', () => {
  it('the worker threads start from a CommonJS entry that imports the ES module worker (Node 20 aborts the whole process when a worker is stopped while require() instantiates an ES module)', async () => {
    const entry = compiledModule('worker-entry', '.cjs');
    const run = createRequire(import.meta.url)(entry) as (task: unknown) => Promise<unknown>;
    expect(typeof run).toBe('function');
    // Outside a pool there is no worker setup: the ES module worker answers with its failure record.
    const out = await run({ gen: 0, archIds: Int32Array.from([1]), hw: MAESTRO_DEFAULT_HW, dataflow: 'kcp_ws' });
    expect(out).toHaveProperty('evaluatorError');
  });

  it('same results with 1 and 2 workers (and in-process)', async () => {
    const one = await runWith(1);
    const two = await runWith(2);
    expect(two.json).toBe(one.json);
    const { createEvaluator } = await import(FAKE);
    const inproc = resultJson(await runCodesign(cfg(), createEvaluator({})), { timings: false });
    expect(inproc).toBe(one.json);
    expect(JSON.parse(one.json).agreement.certifiedAgrees).toBe(JSON.parse(one.json).thresholds.length);
  });

  it('an evaluator that throws fails the run at once with its message (a pure evaluation would throw again: no retry)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'h4pool-'));
    const pool = new PoolEvaluator({ module: FAKE, spec: { fake: { failMarker: path.join(dir, 'throw'), failMode: 'throw' } }, workers: 2, onRetry: () => retries++ });
    let retries = 0;
    try {
      await expect(runCodesign(cfg(), pool)).rejects.toThrow(/^injected failure$/);
      expect(pool.retried).toBe(0);
      expect(retries).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('an evaluator answering plain arrays: the same results in workers as in-process, no retries', async () => {
    const ref = await runWith(2);
    const r = await runWith(2, { plainArrays: true });
    expect(r.retried).toBe(0);
    expect(r.json).toBe(ref.json);
  });

  it('a value that is not a number (null) is infeasible in workers as in-process (a Float64Array made it 0: the best)', async () => {
    const r = await runWith(2, { nullFirst: true });
    const { createEvaluator } = await import(FAKE);
    const inproc = resultJson(await runCodesign(cfg(), createEvaluator({ fake: { nullFirst: true } })), { timings: false });
    expect(r.json).toBe(inproc);
  });

  it('a worker that dies is replaced and its task retried; same results', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'h4pool-'));
    const ref = await runWith(2);
    const r = await runWith(2, { failMarker: path.join(dir, 'exit'), failMode: 'exit' });
    expect(r.retried).toBeGreaterThanOrEqual(1);
    expect(r.json).toBe(ref.json);
  });

  it('a task whose worker dies on every attempt fails the run with a clear error (no hang)', async () => {
    const pool = new PoolEvaluator({ module: FAKE, spec: { fake: { alwaysExit: true } }, workers: 2, retries: 2 });
    try {
      await expect(runCodesign(cfg(), pool)).rejects.toThrow(/failed 3 times: /);
      expect(pool.retried).toBeGreaterThanOrEqual(2);
    } finally {
      await pool.close();
    }
  });

  it('an evaluator that always throws: its message, at once', async () => {
    const pool = new PoolEvaluator({ module: FAKE, spec: { fake: { alwaysThrow: true } }, workers: 2, retries: 2 });
    try {
      await expect(runCodesign(cfg(), pool)).rejects.toThrow(/^always fails$/);
      expect(pool.retried).toBe(0);
    } finally {
      await pool.close();
    }
  });
});
