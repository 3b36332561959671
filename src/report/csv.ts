/**
 * CSV of every evaluated point of a run: one row per (architecture, hardware+dataflow) pair, with
 * the searches that evaluated it, in a deterministic order (accelerator key, then architecture id).
 * Written in chunks straight from the searches' result tables: a sweep of ten million points
 * needs no per-point objects and no single string of its size.
 */
import { acceleratorKey } from '../accelerators/accelerators.js';
import type { RunResult } from '../search/run.js';
import type { EvalTable } from '../search/evalcache.js';
import { csvCell as cell } from '../parse/csv-cells.js';

/** Columns (`noc_hops`, `vector_width` came later: added at the end, the others keep their places). */
const HEADER = 'arch_id,quality,hw_id,role,num_pes,l1_size,l2_size,noc_bw,offchip_bw,dataflow,latency,energy,searches,noc_hops,vector_width';

/** Rows handed to `write` at a time. */
const CHUNK_ROWS = 4096;


const num = (v: number): string => (Number.isFinite(v) ? String(v) : 'inf');

/** Write the CSV (header + rows) through `write`, {@link CHUNK_ROWS} rows a call. */
export function writeEvaluatedPointsCsv(r: RunResult, archIds: Int32Array, quality: Float64Array, write: (chunk: string) => void): void {
  for (const chunk of evaluatedPointsCsvChunks(r, archIds, quality)) write(chunk);
}

/** The CSV (header + rows) as chunks of {@link CHUNK_ROWS} rows, made as they are asked for. */
export function* evaluatedPointsCsvChunks(r: RunResult, archIds: Int32Array, quality: Float64Array): Generator<string> {
  const role = new Map<string, { id: string; role: string }>();
  for (const a of r.accelerators) role.set(acceleratorKey(a.hw, a.dataflow), { id: a.id, role: 'accelerator' });
  for (const p of r.proxies) {
    const k = acceleratorKey(p.hw, p.dataflow);
    if (!role.has(k)) role.set(k, { id: `${p.hw.id ?? 'proxy'}/${p.dataflow}`, role: 'proxy' });
  }
  // Accelerator key -> the searches' tables of it (in the searches' order).
  const byKey = new Map<string, { label: string; t: EvalTable }[]>();
  for (const [label, cache] of Object.entries(r.caches ?? {})) {
    for (const t of cache.tablesList()) {
      let e = byKey.get(t.key);
      if (!e) byKey.set(t.key, (e = []));
      e.push({ label, t });
    }
  }
  const order = Array.from(archIds.keys()).sort((a, b) => archIds[a]! - archIds[b]!);
  let buf = HEADER + '\n';
  let rows = 0;
  for (const key of [...byKey.keys()].sort()) {
    const tables = byKey.get(key)!;
    const byLabel = [...tables].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const { hw: h, dataflow } = tables[0]!.t;
    const who = role.get(key) ?? { id: h.id ?? 'corner', role: 'bound' };
    const middle = [who.id, who.role, h.numPes, h.l1Size, h.l2Size, h.nocBw, h.offchipBw, dataflow].map(cell).join(',');
    const tail = `${h.nocHops ?? 1},${h.vectorWidth ?? 1}`;
    for (const p of order) {
      let searches = '';
      for (const { label, t } of byLabel) if (!Number.isNaN(t.latency[p])) searches = searches === '' ? label : `${searches}+${label}`;
      if (searches === '') continue;
      // Every search evaluates a pair to the same numbers: the first search's table holds them.
      const t = tables.find((x) => !Number.isNaN(x.t.latency[p]))!.t;
      buf += `${archIds[p]},${quality[p]},${middle},${num(t.latency[p]!)},${num(t.energy[p]!)},${cell(searches)},${tail}\n`;
      if (++rows % CHUNK_ROWS === 0) {
        yield buf;
        buf = '';
      }
    }
  }
  yield buf;
}

/** CSV text (header + rows) of {@link writeEvaluatedPointsCsv}, as one string. */
export function evaluatedPointsCsv(r: RunResult, archIds: Int32Array, quality: Float64Array): string {
  const parts: string[] = [];
  writeEvaluatedPointsCsv(r, archIds, quality, (s) => parts.push(s));
  return parts.join('');
}
