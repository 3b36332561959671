/**
 * CSV of every evaluated point of a run: one row per (architecture, hardware+dataflow) pair, with
 * the searches that evaluated it, in a deterministic order.
 */
import { acceleratorKey } from '../accelerators/accelerators.js';
import type { RunResult } from '../search/run.js';

const HEADER = 'arch_id,quality,hw_id,role,num_pes,l1_size,l2_size,noc_bw,offchip_bw,dataflow,latency,energy,searches';

/** CSV text (header + rows). */
export function evaluatedPointsCsv(r: RunResult, archIds: Int32Array, quality: Float64Array): string {
  const caches = r.caches ?? {};
  const role = new Map<string, { id: string; role: string }>();
  for (const a of r.accelerators) role.set(acceleratorKey(a.hw, a.dataflow), { id: a.id, role: 'accelerator' });
  for (const p of r.proxies) {
    const k = acceleratorKey(p.hw, p.dataflow);
    if (!role.has(k)) role.set(k, { id: `${p.hw.id ?? 'proxy'}/${p.dataflow}`, role: 'proxy' });
  }
  // key -> pos -> {lat, en, searches}
  const points = new Map<string, { hw: RunResult['accelerators'][number]['hw']; dataflow: string; rows: Map<number, { lat: number; en: number; s: Set<string> }> }>();
  for (const [label, cache] of Object.entries(caches)) {
    for (const t of cache.tablesList()) {
      let e = points.get(t.key);
      if (!e) points.set(t.key, (e = { hw: t.hw, dataflow: t.dataflow, rows: new Map() }));
      for (let p = 0; p < t.latency.length; p++) {
        if (Number.isNaN(t.latency[p])) continue;
        let row = e.rows.get(p);
        if (!row) e.rows.set(p, (row = { lat: t.latency[p], en: t.energy[p], s: new Set() }));
        row.s.add(label);
      }
    }
  }
  const keys = [...points.keys()].sort();
  const lines = [HEADER];
  const num = (v: number) => (Number.isFinite(v) ? String(v) : 'inf');
  for (const k of keys) {
    const e = points.get(k)!;
    const who = role.get(k) ?? { id: e.hw.id ?? 'corner', role: 'bound' };
    const ps = [...e.rows.keys()].sort((a, b) => archIds[a] - archIds[b]);
    for (const p of ps) {
      const row = e.rows.get(p)!;
      const h = e.hw;
      lines.push(
        [archIds[p], quality[p], who.id, who.role, h.numPes, h.l1Size, h.l2Size, h.nocBw, h.offchipBw, e.dataflow, num(row.lat), num(row.en), [...row.s].sort().join('+')]
          .map((c) => (typeof c === 'string' && /[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c)))
          .join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}
