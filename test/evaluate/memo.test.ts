/**
 * Memoized SpaceEvaluator == unmemoized CostModel.evaluateNetwork, bit for bit, independent of the
 * Wasm kernel: both run on the same deterministic fake batch evaluator (rows derived from a hash
 * of the encoded descriptor + hardware), including multi-level energies and rejected layers.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as L from '../../assembly/layout.js';
import { CostModel } from '../../src/model/costmodel.js';
import { directiveKindAt } from '../../src/model/encode.js';
import { applyDataflow } from '../../src/parse/index.js';
import { builtinDataflow } from '../../src/dataflows/builtin.js';
import { compileSpace } from '../../src/evaluate/compile.js';
import { SpaceEvaluator } from '../../src/evaluate/evaluator.js';
import { nb301Layers, type Nb301Genotype } from '../../src/spaces/nb301.js';
import type { Hardware } from '../../src/model/types.js';

const shared = path.resolve(import.meta.dirname, '../..', '../shared');
const genotypes: Nb301Genotype[] = JSON.parse(readFileSync(path.join(shared, 'spaces/nb301/genotypes.json'), 'utf8'));

function fakeModel(): CostModel {
  const batch = {
    evaluate(descs: Int32Array, hws: Int32Array, pairs: Int32Array | null): Float64Array {
      const n = pairs ? pairs.length / 2 : descs.length / L.DESC_SIZE;
      const rows = new Float64Array(n * L.OUT_SIZE);
      for (let i = 0; i < n; i++) {
        const d = pairs ? pairs[2 * i] : i;
        const h = pairs ? pairs[2 * i + 1] : i;
        let x = 2166136261;
        for (let k = 0; k < L.DESC_SIZE; k++) x = Math.imul(x ^ descs[d * L.DESC_SIZE + k], 16777619);
        for (let k = 0; k < L.HW_SIZE; k++) x = Math.imul(x ^ hws[h * L.HW_SIZE + k], 16777619);
        const r = (j: number) => (((Math.imul(x ^ j, 2654435761) >>> 0) % 100000) + 1) * 1.37;
        const at = i * L.OUT_SIZE;
        const type = descs[d * L.DESC_SIZE + L.DESC_TYPE];
        rows[at + L.OUT_STATUS] = type < 0 || (x >>> 0) % 23 === 0 ? L.ERR_DIVISION_BY_ZERO : 0;
        for (let c = L.OUT_COLUMNS; c < L.OUT_COLUMNS + L.NUM_OUT_COLUMNS; c++) rows[at + c] = r(c);
        let clusters = 0;
        for (let j = 0; j < descs[d * L.DESC_SIZE + L.DESC_NUM_DIRECTIVES]; j++) {
          if (directiveKindAt(descs, d * L.DESC_SIZE, j) === L.DIR_CLUSTER) clusters++;
        }
        rows[at + L.OUT_MULTI_LEVEL] = clusters > 0 ? 1 : 0;
      }
      return rows;
    },
    // The workspace half of BatchEvaluator's interface, over plain arrays.
    workspace(numDescs: number, numHw: number, n: number, withPairs = true) {
      const pairs = withPairs ? new Int32Array(2 * n) : null;
      return { numDescs, numHw, n, descs: new Int32Array(numDescs * L.DESC_SIZE), hws: new Int32Array(numHw * L.HW_SIZE), pairs, out: new Float64Array(n * L.OUT_SIZE) };
    },
    run(ws: { descs: Int32Array; hws: Int32Array; pairs: Int32Array | null; out: Float64Array }): number {
      ws.out.set(this.evaluate(ws.descs, ws.hws, ws.pairs));
      return 0;
    },
    // What CostModel calls (its own workspaces, not checked for ownership).
    acquire(numDescs: number, numHw: number, n: number, withPairs: boolean) {
      return this.workspace(numDescs, numHw, n, withPairs);
    },
    runOwned(ws: { descs: Int32Array; hws: Int32Array; pairs: Int32Array | null; out: Float64Array }): number {
      return this.run(ws);
    },
    locked: null as string | null,
  };
  const cm = Object.create(CostModel.prototype) as CostModel;
  Object.defineProperty(cm, 'batch', { value: batch });
  return cm;
}

describe('memoized == unmemoized (fake kernel)', () => {
  it('nb301 samples 0..15 on 3 hardware x 3 dataflows', () => {
    const cm = fakeModel();
    const ids = Array.from({ length: 16 }, (_, i) => i);
    const layers = ids.map((i) => nb301Layers(genotypes[i]));
    const space = compileSpace(ids.length, (i) => layers[i]);
    const ev = new SpaceEvaluator(cm, space);
    const hws: Hardware[] = [
      { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 },
      { numPes: 64, l1Size: 512, l2Size: 65536, nocBw: 300, offchipBw: 50 },
      { numPes: 32, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 350 },
    ];
    let invalidSeen = 0;
    let validSeen = 0;
    for (const name of ['kcp_ws', 'rs', 'xp_ws'] as const) {
      const main = builtinDataflow(name);
      const many = ev.evaluateMany(hws, { main });
      hws.forEach((hw, h) => {
        const one = ev.evaluate(hw, { main }, [5, 3]);
        expect([one.latency[0], one.energy[1]]).toEqual([many[h].latency[5], many[h].energy[3]]);
        ids.forEach((_, a) => {
          const full = cm.evaluateNetwork(applyDataflow({ name: 'n', layers: layers[a] }, main, { dsconv: builtinDataflow('dpt') }), hw);
          const failed = full.rows.filter((r) => 'error' in r).length;
          expect(many[h].invalid[a]).toBe(failed);
          if (failed > 0) invalidSeen++;
          else validSeen++;
          expect(many[h].latency[a]).toBe(full.totals.runtime);
          expect(many[h].energy[a]).toBe(full.totals.energy_nj);
          expect(many[h].macs[a]).toBe(full.totals.num_macs);
        });
      });
    }
    expect(invalidSeen).toBeGreaterThan(0);
    expect(validSeen).toBeGreaterThan(0);
    // each distinct shape analysed once per (hardware, dataflow)
    expect(ev.analyses).toBe(space.shapes.length * 9);
  });
});
