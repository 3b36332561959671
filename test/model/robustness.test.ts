/**
 * The kernel never traps or hangs on arbitrary descriptors / hardware records: every row is either
 * ok (status 0) or carries a known error code.
 */
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { CostModel } from '../../src/model/costmodel.js';
import { directiveHead } from '../../src/model/encode.js';
import { mulberry32 as prng } from '../../src/accelerators/generate.js';

const KNOWN = new Set([
  L.ERR_NONE, L.ERR_CLUSTER_TOO_LARGE, L.ERR_NO_SPATIAL_MAP, L.ERR_TOO_MANY_SPATIAL_MAPS, L.ERR_MISSING_DIMENSION,
  L.ERR_DIVISION_BY_ZERO, L.ERR_CAPACITY, L.ERR_BAD_HARDWARE, L.ERR_BAD_LAYER, L.ERR_BAD_DIRECTIVE, L.ERR_BAD_INDEX,
  L.ERR_ANALYSIS_ABORT, L.ERR_INT_OVERFLOW, L.ERR_UNDEFINED_BEHAVIOUR, L.ERR_SIZE_OVERFLOW, L.ERR_LONG_OVERFLOW, L.ERR_LEVEL_DIRECTIVES,
]);

describe('robustness of the kernel', () => {
  it('handles 3000 random descriptors without trapping', async () => {
    const cm = await CostModel.load();
    const rnd = prng(42);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const n = 3000;
    const descs = new Int32Array(n * L.DESC_SIZE);
    const hws = new Int32Array(n * L.HW_SIZE);
    for (let i = 0; i < n; i++) {
      const b = i * L.DESC_SIZE;
      descs[b + L.DESC_TYPE] = int(-1, 4);
      descs[b + L.DESC_FLAGS] = int(0, 1);
      for (let d = 0; d < L.NUM_DIMS; d++) {
        if (rnd() < 0.7) {
          descs[b + L.DESC_DIM_SIZE + d] = rnd() < 0.05 ? int(-3, 0) : int(1, rnd() < 0.1 ? 5000 : 40);
          descs[b + L.DESC_DIM_STRIDE + d] = int(rnd() < 0.05 ? 0 : 1, 3);
        }
      }
      const nd = int(0, 16);
      descs[b + L.DESC_NUM_DIRECTIVES] = rnd() < 0.02 ? 99 : nd;
      for (let j = 0; j < Math.min(nd, L.MAX_DIRECTIVES); j++) {
        const o = b + L.DESC_DIRECTIVES + j * L.DIRECTIVE_SLOTS;
        const kind = rnd() < 0.15 ? L.DIR_CLUSTER : int(0, 1);
        const dim = kind === L.DIR_CLUSTER ? -1 : int(rnd() < 0.02 ? -1 : 0, L.NUM_DIMS - 1);
        // Now and then a slot no encoder writes (kind 3, a dimension beyond the last, negative).
        descs[o + L.DIRECTIVE_KIND_DIM] = rnd() < 0.02 ? int(-9, 60) : directiveHead(kind, dim);
        descs[o + L.DIRECTIVE_SIZE] = int(rnd() < 0.03 ? -1 : 1, 20);
        descs[o + L.DIRECTIVE_OFFSET] = kind === L.DIR_CLUSTER ? 0 : int(rnd() < 0.03 ? 0 : 1, 8);
      }
      const h = i * L.HW_SIZE;
      hws[h + L.HW_NUM_PES] = int(rnd() < 0.03 ? 0 : 1, 600);
      hws[h + L.HW_L1_SIZE] = int(0, 1000);
      hws[h + L.HW_L2_SIZE] = int(0, 100000);
      hws[h + L.HW_NOC_BW] = int(rnd() < 0.03 ? 0 : 1, 2000);
      hws[h + L.HW_OFFCHIP_BW] = int(rnd() < 0.03 ? 0 : 1, 500);
      hws[h + L.HW_NOC_HOPS] = int(0, 4);
      hws[h + L.HW_VECTOR_WIDTH] = int(1, 4);
    }
    const out = cm.batch.evaluate(descs, hws);
    let ok = 0;
    for (let i = 0; i < n; i++) {
      const status = out[i * L.OUT_SIZE + L.OUT_STATUS]!;
      expect(KNOWN.has(status)).toBe(true);
      if (status === 0) {
        ok++;
        expect(Number.isFinite(out[i * L.OUT_SIZE + L.COL_RUNTIME]!)).toBe(true);
      }
    }
    expect(ok).toBeGreaterThan(0); // most random descriptors are (rightly) rejected
  });
});
