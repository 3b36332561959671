/** `codesign maestro --summary`: the short per-layer table (src/cli/maestro/summary.ts). */
import { describe, it, expect, beforeAll } from 'vitest';
import { CostModel } from '../../src/model/costmodel.js';
import { runMaestroJob } from '../../src/cli/maestro/job.js';
import { formatSummary } from '../../src/cli/maestro/summary.js';
import type { MaestroJobResult } from '../../src/cli/maestro/types.js';

const FIX = new URL('../fixtures/maestro/', import.meta.url).pathname;

describe('maestro summary', () => {
  let res: MaestroJobResult;
  beforeAll(async () => {
    const engine = await CostModel.load();
    res = runMaestroJob({ hwFile: `${FIX}hw/accelerator_1.m`, mappingFile: `${FIX}mapping/Resnet50_kcp_ws.m`, csv: false }, engine);
  });

  it('one line a layer, the totals and the constraint check', () => {
    const text = formatSummary(res);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(`Network ${res.network.name} (${res.network.layers.length} layers)`);
    expect(lines.filter((l) => l.startsWith('Total: '))).toHaveLength(1);
    const cycles = res.rows.reduce((s, r) => s + BigInt(r.metrics.runtime), 0n);
    expect(text).toContain(`Total: ${cycles} cycles`);
    expect(lines.length).toBe(3 + res.rows.length + res.rejected.length + 1 + Math.max(1, lines.filter((l) => l.startsWith('Warning: ')).length));
  });

  it('no total over a row that is no cost (a mapping that computes nothing: 0 MACs, negative energy)', () => {
    const zero = { ...res.rows[0]!, layer: 'Z', metrics: { ...res.rows[0]!.metrics, runtime: 0, num_macs: 0, energy_nj: -169.1855712 } };
    const text = formatSummary({ ...res, rows: [res.rows[1]!, zero, res.rows[2]!] });
    expect(text).toContain('\nTotal: none: layer Z computes nothing (0 MACs: its row, as MAESTRO prints it, is no cost)\n');
    expect(text).not.toMatch(/Total: -?\d/);
  });

  it('a network with more layers than a function call takes arguments (200,000)', () => {
    const big: MaestroJobResult = { ...res, rows: Array.from({ length: 200000 }, (_, i) => res.rows[i % res.rows.length]!) };
    const text = formatSummary(big);
    expect(text).toContain('over 200000 layers');
  });
});
