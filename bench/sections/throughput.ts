/**
 * a. Cost-model throughput: distinct layer analyses per second on one thread, per layer type
 *    and dataflow, for batch sizes 1, 64 and 4096 (one Wasm call per batch: the difference shows
 *    the JS <-> Wasm call overhead), WebAssembly vs the same model compiled to JS by wasm2js.
 */
import path from 'node:path';
import * as L from '../../assembly/layout.js';
import { encodeHardware, encodeLayer } from '../../src/model/encode.js';
import { CostModel } from '../../src/model/costmodel.js';
import { MAESTRO_DEFAULT_HW } from '../../src/accelerators/paper.js';
import type { MappedLayer } from '../../src/model/types.js';
import type { Section } from '../run.js';
import { budget, measureCases, type BenchCase } from '../lib/measure.js';
import { fmt, ratio, type ResultRow } from '../lib/report.js';
import { paperDataflows } from '../lib/dataflows.js';
import { jsEngine, wasmEngine, type Engine } from '../lib/engines.js';
import { projectRoot } from '../lib/paths.js';
import { distinctLayers, TYPE_DATAFLOW_PAIRS } from '../lib/workloads.js';

const POOL = 4096;
const BATCHES = [1, 64, 4096];
/** Targets of the project (issue "Benchmarks"): CONV analyses/s/core. */
const CONV_TARGET = 500_000;
const CONV_AIM = 2_000_000;

/** Encoded pool of distinct layers for one (type, dataflow) pair. */
interface Pool {
  label: string;
  descs: Int32Array;
  layers: MappedLayer[];
  /** Rows MAESTRO gives no result for (should be 0: these are valid layers). */
  rejected: number;
}

function makePools(pool: number): Pool[] {
  const dfs = paperDataflows([...new Set(TYPE_DATAFLOW_PAIRS.map((p) => p.dataflow))]);
  return TYPE_DATAFLOW_PAIRS.map(({ type, dataflow }) => {
    const df = dfs.get(dataflow)!;
    const layers = distinctLayers(type, pool).map((l) => ({ ...l, dataflow: df }));
    const descs = new Int32Array(pool * L.DESC_SIZE);
    layers.forEach((l, i) => encodeLayer(l, df, {}, descs, i * L.DESC_SIZE));
    return { label: `${type} ${dataflow}`, descs, layers, rejected: 0 };
  });
}

/** Pairs (i, 0) for i < n: descriptor i on the one hardware record. */
function pairsOnHw0(n: number): Int32Array {
  const p = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) p[2 * i] = i;
  return p;
}

/** A case evaluating `batch` consecutive distinct layers of the pool per call. */
function batchCase(engine: Engine, pool: Pool, hw: Int32Array, batch: number, size: number): BenchCase {
  const out = new Float64Array(batch * L.OUT_SIZE);
  const views: Int32Array[] = [];
  for (let off = 0; off + batch <= size; off += batch) views.push(pool.descs.subarray(off * L.DESC_SIZE, (off + batch) * L.DESC_SIZE));
  const pairs = pairsOnHw0(batch);
  let next = 0;
  return {
    name: `${pool.label} batch ${batch} ${engine.name}`,
    unitsPerCall: batch,
    fn: () => {
      engine.batch.evaluate(views[next]!, hw, pairs, out);
      next = next + 1 === views.length ? 0 : next + 1;
    },
  };
}

/** Rows (of the whole pool) where the two builds disagree (NaN equals NaN). */
function countMismatches(a: Engine, b: Engine, pool: Pool, hw: Int32Array): number {
  const pairs = pairsOnHw0(pool.layers.length);
  const ra = a.batch.evaluate(pool.descs, hw, pairs);
  const rb = b.batch.evaluate(pool.descs, hw, pairs);
  let bad = 0;
  for (let i = 0; i < ra.length; i += L.OUT_SIZE) {
    for (let k = 0; k < L.OUT_SIZE; k++) {
      const x = ra[i + k]!;
      const y = rb[i + k]!;
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) {
        bad++;
        break;
      }
    }
  }
  return bad;
}

function countRejected(engine: Engine, pool: Pool, hw: Int32Array): number {
  const rows = engine.batch.evaluate(pool.descs, hw, pairsOnHw0(pool.layers.length));
  let bad = 0;
  for (let i = 0; i < rows.length; i += L.OUT_SIZE) if (rows[i + L.OUT_STATUS] !== 0) bad++;
  return bad;
}

export const throughputSection: Section = {
  id: 'a',
  title: 'Cost-model throughput: distinct layer analyses/s, one thread (Wasm vs wasm2js JS)',
  async run(opts, result) {
    const root = projectRoot();
    const wasm = wasmEngine(root);
    const { engine: js, reason } = await jsEngine(root);
    if (!js) process.stderr.write(`bench: a: no JS baseline: ${reason}\n`);
    const size = opts.quick ? 1024 : POOL;
    const batches = BATCHES.map((b) => Math.min(b, size));
    const pools = makePools(size);
    const hw = encodeHardware(MAESTRO_DEFAULT_HW);
    const b = budget(opts.quick);
    const table = { columns: ['layers', 'batch', 'wasm analyses/s', 'js analyses/s', 'wasm/js'], rows: [] as string[][] };
    result.table = table;
    /** wasm/js rate ratios per batch size, over the (type, dataflow) pairs. */
    const gains = new Map<number, number[]>();
    let mismatches = 0;
    for (const pool of pools) {
      pool.rejected = countRejected(wasm, pool, hw);
      let bad = 0;
      if (js) {
        bad = countMismatches(wasm, js, pool, hw);
        if (bad > 0) process.stderr.write(`bench: a: the JS build disagrees with the Wasm build on ${bad} ${pool.label} rows\n`);
        mismatches += bad;
      }
      // A ratio between the builds is claimed only when they gave the same rows; the target only
      // over layers that all have a result (a rejected layer is cheaper than an analysis).
      const sameRows = bad === 0 ? true : `the JS build differs on ${bad} rows`;
      const cases: BenchCase[] = [];
      for (const batch of batches) {
        cases.push(batchCase(wasm, pool, hw, batch, size));
        if (js) cases.push(batchCase(js, pool, hw, batch, size));
      }
      const measured = measureCases(cases, b);
      const rate = (name: string): number | undefined => measured.find((m) => m.name === name)?.unitsPerSec;
      for (const m of measured) {
        const row: ResultRow = {
          name: m.name,
          value: m.unitsPerSec,
          unit: 'analyses/s',
          note: `±${m.rmePercent.toFixed(1)}% (rounds ±${m.roundSpreadPercent.toFixed(1)}%)`,
          extra: { callsPerSec: m.callsPerSec, samples: m.samples, rejected: pool.rejected, rmePercent: m.rmePercent, roundSpreadPercent: m.roundSpreadPercent },
        };
        result.rows.push(row);
      }
      for (const batch of batches) {
        const w = rate(`${pool.label} batch ${batch} wasm`);
        const j = rate(`${pool.label} batch ${batch} js`);
        if (w !== undefined && j !== undefined && bad === 0) gains.set(batch, [...(gains.get(batch) ?? []), w / j]);
        const wj = w === undefined || j === undefined ? '-' : bad > 0 ? 'rows differ' : `${(w / j).toFixed(2)}x`;
        table.rows.push([pool.label, String(batch), w === undefined ? '-' : fmt(w), j === undefined ? '-' : fmt(j), wj]);
      }
      const w1 = rate(`${pool.label} batch 1 wasm`);
      const wBig = rate(`${pool.label} batch ${batches[batches.length - 1]} wasm`);
      if (w1 !== undefined && wBig !== undefined) {
        result.ratios.push(ratio(`${pool.label} wasm: batch ${batches[batches.length - 1]} / batch 1 (call overhead)`, wBig / w1));
      }
      const mBig = measured.find((m) => m.name === `${pool.label} batch ${batches[batches.length - 1]} wasm`);
      if (pool.label.startsWith('CONV') && mBig !== undefined) {
        result.ratios.push(
          ratio(`${pool.label} wasm vs target ${CONV_TARGET / 1e3}k/s (aim ${CONV_AIM / 1e6}M)`, mBig.unitsPerSec / CONV_TARGET, 1, {
            same: pool.rejected > 0 ? `${pool.rejected} layers without a result` : sameRows,
            // (the larger of benchmark.js's margin and the spread over the rounds)
            margin: Math.max(mBig.rmePercent, mBig.roundSpreadPercent) / 100,
            quick: opts.quick,
          }),
        );
      }
      if (pool.rejected > 0) {
        process.stderr.write(`bench: a: ${pool.rejected} of ${size} ${pool.label} layers rejected by the model (not MAESTRO-valid?)\n`);
      }
    }
    for (const [batch, rs] of gains) {
      const geo = Math.exp(rs.reduce((a, r) => a + Math.log(r), 0) / rs.length);
      result.ratios.push(ratio(`wasm / js (wasm2js), batch ${batch}, geometric mean over ${rs.length} layer kinds`, geo));
    }
    const notes: string[] = (result.notes = []);
    notes.push(`${size} distinct layers per (type, dataflow); hardware: MAESTRO default (256 PEs, L1 100, L2 3000, NoC 1000, off-chip 50)`);
    if (js) notes.push(`JS build gives the same result rows as the Wasm build: ${mismatches === 0 ? 'yes, all rows' : `NO (${mismatches} rows differ)`}`);
    const rejected = pools.filter((p) => p.rejected > 0).map((p) => `${p.label}: ${p.rejected}`);
    if (rejected.length > 0) notes.push(`layers without result (rejected by the model): ${rejected.join(', ')} of ${size}`);
    // The object API (encode + one call per layer): what a caller of evaluateLayer pays.
    const cm = await CostModel.load(path.join(root, 'build', 'costmodel.wasm'));
    const conv = pools[0]!;
    let k = 0;
    const hwObj = MAESTRO_DEFAULT_HW;
    const [obj] = measureCases(
      [
        {
          name: `${conv.label} evaluateLayer (object API, encode included)`,
          unitsPerCall: 1,
          fn: () => {
            try {
              cm.evaluateLayer(conv.layers[k]!, hwObj);
            } catch {
              // rejected layers count as analyses too
            }
            k = k + 1 === conv.layers.length ? 0 : k + 1;
          },
        },
      ],
      b,
    );
    result.rows.push({ name: obj!.name, value: obj!.unitsPerSec, unit: 'analyses/s', note: `±${obj!.rmePercent.toFixed(1)}%` });
    table.rows.push([`${conv.label} evaluateLayer()`, '1', fmt(obj!.unitsPerSec), '-', '-']);
    if (!js) notes.push(`JS baseline not measured: ${reason}`);
  },
};
