/**
 * Conformance on ../shared/oracle/public.csv: every `ok` row must match every output column
 * MAESTRO printed (relative 1e-5); every `invalid` row must be rejected with a clear error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { CostModel } from '../../src/model/costmodel.js';
import { encodeHardware, encodeLayer, LayerRejectedError } from '../../src/model/encode.js';
import { rowMetrics, rowStatus } from '../../src/model/rows.js';
import type { LayerMetrics } from '../../src/model/columns.js';
import {
  effectiveDataflowName, MatchStats, matches, ORACLE_DIR, ORACLE_OUTPUT_COLUMNS, readCsv, rowHardware, rowLayer,
  specDataflows,
} from './oracle.js';

const spec = JSON.parse(readFileSync(path.join(ORACLE_DIR, 'spec-public.json'), 'utf8'));
const rows = readCsv(path.join(ORACLE_DIR, 'public.csv'));
const dataflows = specDataflows(spec);

/** Columns that must match on 100% of ok rows. */
const MUST_MATCH = ['runtime', 'energy_nj', 'l1_size_req', 'l2_size_req', 'num_macs'];

describe('public oracle', () => {
  let cm: CostModel;
  const results: ({ metrics: LayerMetrics } | { error: string })[] = [];
  const stats = new MatchStats();

  beforeAll(async () => {
    cm = await CostModel.load();
    // One batch call for all rows.
    const descs = new Int32Array(rows.length * L.DESC_SIZE);
    const hws = new Int32Array(rows.length * L.HW_SIZE);
    const encodeErr: (string | undefined)[] = [];
    rows.forEach((r, i) => {
      encodeHardware(rowHardware(r), hws, i * L.HW_SIZE);
      const layer = rowLayer(r, dataflows);
      try {
        encodeLayer(layer, layer.dataflow, {}, descs, i * L.DESC_SIZE);
      } catch (e) {
        if (!(e instanceof LayerRejectedError)) throw e;
        encodeErr[i] = e.message;
        descs[i * L.DESC_SIZE + L.DESC_TYPE] = -1;
      }
    });
    const out = cm.batch.evaluate(descs, hws);
    rows.forEach((_, i) => {
      if (encodeErr[i] !== undefined) results.push({ error: encodeErr[i]! });
      else if (rowStatus(out, i) !== 0) results.push({ error: `status ${rowStatus(out, i)}` });
      else results.push({ metrics: rowMetrics(out, i) });
    });
    rows.forEach((r, i) => {
      const group = `${effectiveDataflowName(r['type']!, r['dataflow']!)}/${r['status']}`;
      const res = results[i]!;
      if (r['status'] !== 'ok') {
        stats.addRow(group, 'error' in res);
        stats.add(group, '(rejected)', 'error' in res, `${r['layer']} ${r['dims']} ${r['dataflow']} ${r['hw_id']}: expected rejection`);
        return;
      }
      if ('error' in res) {
        stats.addRow(group, false);
        stats.add(group, '(evaluated)', false, `${r['layer']} ${r['dims']} ${r['dataflow']} ${r['hw_id']}: ${res.error}`);
        return;
      }
      let all = true;
      for (const col of ORACLE_OUTPUT_COLUMNS) {
        const actual = res.metrics[col as keyof LayerMetrics];
        const ok = matches(r[col]!, actual);
        if (!ok) all = false;
        stats.add(group, col, ok, `${r['layer']} ${r['type']} ${r['dims']} s${r['stride_x']} ${r['dataflow']} ${r['hw_id']}: ${col} expected ${r[col]} got ${actual}`);
      }
      stats.addRow(group, all);
    });
    console.log(stats.report('public.csv'));
  });

  it('evaluates every ok row and rejects every invalid row', () => {
    expect(stats.rate('(evaluated)')).toBe(1);
    expect(stats.rate('(rejected)')).toBe(1);
  });

  for (const col of MUST_MATCH) {
    it(`matches ${col} on all ok rows`, () => {
      expect(stats.rate(col)).toBe(1);
    });
  }

  it('matches every oracle column on all ok rows', () => {
    const bad = [...stats.perColumn].filter(([, v]) => v.ok !== v.n).map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('rejects invalid layers with a clear error (evaluateLayer throws LayerRejectedError)', () => {
    const r = rows.find((x) => x['status'] === 'invalid')!;
    expect(() => cm.evaluateLayer(rowLayer(r, dataflows), rowHardware(r))).toThrow(LayerRejectedError);
  });
});
