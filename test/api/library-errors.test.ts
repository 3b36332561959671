// Misuse of the library's classes from plain JavaScript: an error naming what is wrong, never a
// property read of null deep inside, a retried task that can never succeed, or a silent default.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSpace } from '../../src/spaces/index.js';
import { ModelArchEvaluator } from '../../src/search/space-evaluator.js';
import { PoolEvaluator } from '../../src/search/pool.js';
import { MAESTRO_DEFAULT_HW } from '../../src/accelerators/paper.js';

describe('library misuse', () => {
  it('space.layers / label of an id outside the space: a RangeError naming the space', () => {
    const nb = getSpace('nb301');
    expect(() => nb.layers(123456)).toThrow('architecture 123456 is not in space nb301 (ids 0..9999)');
    expect(() => getSpace('alphanet').label(-1)).toThrow(/^architecture -1 is not in space alphanet \(ids 0\.\.\d+\)$/);
    expect(nb.layers(3).length).toBeGreaterThan(0);
  });

  it('evaluator constructors check their options', async () => {
    expect(() => new ModelArchEvaluator(null as never)).toThrow('ModelArchEvaluator: expected a spec { space, ids, invalid?, memo? }, got null');
    expect(() => new ModelArchEvaluator({ space: 'nb301' } as never)).toThrow('ModelArchEvaluator: spec.ids must be the architecture ids (an array), got undefined');
    expect(() => new PoolEvaluator(null as never)).toThrow('PoolEvaluator: expected options { module, spec, workers? }, got null');
    expect(() => new PoolEvaluator({ module: 'x.mjs', spec: {}, workers: 1.5 })).toThrow('PoolEvaluator: options.workers must be an integer >= 1, got 1.5');
    expect(() => new PoolEvaluator({ module: 'x.mjs', spec: {}, workers: 0 })).toThrow('got 0');
  });

  it('a pool module without createEvaluator, or a spec that cannot be sent: one clear error, not retried', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'poolmod-'));
    const mod = path.join(dir, 'm.mjs');
    writeFileSync(mod, 'export const nothing = 1;\n');
    const pool = new PoolEvaluator({ module: mod, spec: {}, workers: 1 });
    try {
      await expect(pool.evaluate(Int32Array.from([0]), MAESTRO_DEFAULT_HW, 'kcp_ws')).rejects.toThrow(`the evaluator module ${'file://' + mod} exports no createEvaluator(spec) function`);
    } finally {
      await pool.close();
    }
    const bad = new PoolEvaluator({ module: mod, spec: { f: () => 1 }, workers: 1 });
    try {
      await expect(bad.evaluate(Int32Array.from([0]), MAESTRO_DEFAULT_HW, 'kcp_ws')).rejects.toThrow(/cannot be sent to a worker thread/);
      expect(bad.retried).toBe(0);
    } finally {
      await bad.close();
    }
  });
});

describe('library messages name library fields', () => {
  it("getSpace names its argument, not the CLI's --space", () => {
    expect(() => getSpace('no/such/space.json')).toThrow("space: 'no/such/space.json' is not nb301, alphanet, classic or a readable file");
  });
});
