/**
 * BatchEvaluator workspaces: the last one is reused for the same shape, and a workspace whose
 * memory has grown is refused, also for a memory that replaces its buffer without detaching the
 * old one (as a wasm2js build's does).
 */
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { BatchEvaluator } from '../../src/model/batch.js';
import type { CostModelExports } from '../../src/model/wasm.js';

/** A module whose memory grows like wasm2js's (new buffer, old one still usable) and whose rows say "ok". */
function wasm2jsLikeExports(): CostModelExports {
  const memory = {
    buffer: new ArrayBuffer(65536),
    grow(pages: number): number {
      const old = this.buffer;
      const next = new ArrayBuffer(old.byteLength + pages * 65536);
      new Uint8Array(next).set(new Uint8Array(old));
      this.buffer = next;
      return old.byteLength / 65536;
    },
  };
  return {
    memory: memory as unknown as WebAssembly.Memory,
    ioBase: () => 64,
    evaluateBatch(_d: number, _nd: number, _h: number, _nh: number, _p: number, n: number, outPtr: number): number {
      const out = new Float64Array(memory.buffer, outPtr, n * L.OUT_SIZE);
      for (let i = 0; i < n; i++) out[i * L.OUT_SIZE + L.OUT_STATUS] = 0;
      return 0;
    },
  };
}

describe('BatchEvaluator workspaces', () => {
  it('reuses the last workspace of the same shape; a grown memory makes older views stale', () => {
    const b = new BatchEvaluator(wasm2jsLikeExports());
    const w1 = b.workspace(1, 1, 1, false);
    expect(b.workspace(1, 1, 1, false)).toBe(w1);
    expect(b.workspace(1, 1, 1, true)).not.toBe(w1);
    expect(b.run(b.workspace(1, 1, 1, false))).toBe(0);
    const w2 = b.workspace(1, 1, 1, false);
    b.workspace(1024, 1, 1024, true); // needs more than the 64 KiB: the memory grows
    expect(w2.out.buffer.byteLength).toBeGreaterThan(0); // not detached, yet stale
    expect(() => b.run(w2)).toThrow(/stale workspace: memory grew/);
    const w3 = b.workspace(1, 1, 1, false);
    expect(w3).not.toBe(w2);
    expect(b.run(w3)).toBe(0);
  });

  it('does not hand out the kept workspace after the memory grew elsewhere', () => {
    const ex = wasm2jsLikeExports();
    const b = new BatchEvaluator(ex);
    const w = b.workspace(1, 1, 1, false);
    ex.memory.grow(1); // e.g. another evaluator on the same module
    const again = b.workspace(1, 1, 1, false);
    expect(again).not.toBe(w);
    expect(again.out.buffer).toBe(ex.memory.buffer);
  });
});
