/** The short per-layer summary table of a job (`codesign maestro --summary`). */
import { formatCppDouble } from '../../report/format-number.js';
import type { MaestroJobResult } from './types.js';
import { meaninglessResult } from '../../parse/result-check.js';

/** A short per-layer summary table of a job (`--summary`). */
export function formatSummary(res: MaestroJobResult): string {
  const hw = res.hardware;
  const lines: string[] = [];
  lines.push(`Network ${res.network.name} (${res.network.layers.length} layers)`);
  lines.push(
    `Hardware: ${hw.numPes} PEs, L1 ${hw.l1Size} B, L2 ${hw.l2Size} B, NoC BW ${hw.nocBw}, off-chip BW ${hw.offchipBw}, NoC hops ${hw.nocHops ?? 1}${(hw.vectorWidth ?? 1) === 1 ? '' : `, vector width ${hw.vectorWidth}`}`,
  );
  const w = res.rows.reduce((m, r) => Math.max(m, r.layer.length), 5); // (no spread: a network may have 200,000 layers)
  lines.push(
    `${'Layer'.padEnd(w)}  ${'Runtime (cycles)'.padStart(16)}  ${'Energy (nJ)'.padStart(12)}  ${'MACs/cycle'.padStart(10)}  ${'L1 req (B)'.padStart(10)}  ${'L2 req (B)'.padStart(10)}  ${'NoC BW req'.padStart(10)}`,
  );
  // Cycles and MACs are exact integers (also beyond 2^53: a row's `exact` counts).
  let runtime = 0n;
  let energy = 0;
  let macs = 0n;
  let maxL1 = 0;
  let maxL2 = 0;
  let maxNoc = 0;
  let maxOff = 0;
  let noCost: string | undefined; // the first row that is no cost (then no total)
  for (const { layer, metrics: m, exact } of res.rows) {
    if (noCost === undefined && meaninglessResult(m.runtime, m.energy_nj, m.num_macs) !== undefined) noCost = layer;
    const cycles = exact?.runtime ?? BigInt(m.runtime);
    runtime += cycles;
    energy += m.energy_nj;
    macs += exact?.num_macs ?? BigInt(m.num_macs);
    maxL1 = Math.max(maxL1, m.l1_size_req);
    maxL2 = Math.max(maxL2, m.l2_size_req);
    maxNoc = Math.max(maxNoc, m.noc_bw_req);
    maxOff = Math.max(maxOff, m.offchip_bw_req);
    lines.push(
      `${layer.padEnd(w)}  ${String(cycles).padStart(16)}  ${formatCppDouble(m.energy_nj).padStart(12)}  ${formatCppDouble(m.throughput).padStart(10)}  ${String(m.l1_size_req).padStart(10)}  ${String(m.l2_size_req).padStart(10)}  ${String(exact?.noc_bw_req ?? m.noc_bw_req).padStart(10)}`,
    );
  }
  for (const r of res.rejected) lines.push(`${r.layer.padEnd(w)}  rejected: ${r.message}`);
  // (MAESTRO's rows above as it prints them; a total over a row that is no cost would be a wrong number)
  if (noCost !== undefined) lines.push(`Total: none: layer ${noCost} computes nothing (0 MACs: its row, as MAESTRO prints it, is no cost)`);
  else lines.push(`Total: ${runtime} cycles, ${formatCppDouble(energy)} nJ, ${macs} MACs over ${res.rows.length} layers`);
  const warn: string[] = [];
  if (maxL1 > hw.l1Size) warn.push(`per-layer L1 size requirement ${maxL1} B exceeds the given L1 size ${hw.l1Size} B`);
  if (maxL2 > hw.l2Size) warn.push(`per-layer L2 size requirement ${maxL2} B exceeds the given L2 size ${hw.l2Size} B`);
  if (maxNoc > hw.nocBw) warn.push(`per-layer NoC BW requirement ${maxNoc} exceeds the given NoC BW ${hw.nocBw}`);
  if (maxOff > hw.offchipBw) warn.push(`per-layer off-chip BW requirement ${maxOff} exceeds the given off-chip BW ${hw.offchipBw}`);
  for (const x of warn) lines.push(`Warning: ${x}`);
  if (warn.length === 0) lines.push('Buffer and bandwidth constraints: pass');
  return lines.join('\n') + '\n';
}
