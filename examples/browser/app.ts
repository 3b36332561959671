/**
 * What the page computes, DOM-free: parse a mapping, evaluate it on the given hardware, and
 * sweep the paper's accelerators x dataflows for the latency / energy plot.
 */
import { parseMapping, applyDataflow, resolveDataflow, paperHardware, hiddenRows, type CostModel, type NetworkResult, type NetworkRow } from '../../src/browser.js';
import { BUILTIN_DATAFLOW_NAMES, builtinDataflow, dataflowKey } from '../../src/dataflows/builtin.js';
import type { Hardware, MappedLayer, MappedNetwork } from '../../src/browser.js';
import type { PlotPoint } from './plot.js';

/** Result of evaluating the pasted mapping. */
export interface Evaluation {
  net: MappedNetwork;
  result: NetworkResult;
}

/**
 * Parse `text` (a MAESTRO mapping file) and evaluate it on `hw`, with the rows `codesign maestro`
 * shows (`hiddenRows`: a layer with cluster levels after a layer without a result, or a row that
 * overflows, has none either); totals over the rows shown. Throws UserError on bad input.
 */
export function evaluateMapping(model: CostModel, text: string, hw: Hardware): Evaluation {
  const net = parseMapping(text, 'mapping.m');
  const raw = model.evaluateNetwork(net, hw);
  const hidden = hiddenRows(net.layers, raw, hw.numPes, false);
  const rows: NetworkRow[] = raw.rows.map((r, i) => {
    const h = hidden[i];
    return h === undefined || h.kind === 'rejected' ? r : { layer: r.layer, error: `layer ${r.layer}: ${h.reason}` };
  });
  const totals = { runtime: 0, energy_nj: 0, num_macs: 0 };
  for (const r of rows) {
    if (!('metrics' in r)) continue;
    totals.runtime += r.metrics.runtime;
    totals.energy_nj += r.metrics.energy_nj;
    totals.num_macs += r.metrics.num_macs;
  }
  return { net, result: { name: raw.name, rows, rejected: rows.filter((r) => 'error' in r).length, noCost: rows.filter((r) => 'noCost' in r).length, totals } };
}

/** Name of the layer's dataflow: its own name, the built-in dataflow it equals, or `custom`. */
export function dataflowLabel(layer: MappedLayer): string {
  if (layer.dataflow.name) return layer.dataflow.name;
  const key = dataflowKey(layer.dataflow);
  for (const name of BUILTIN_DATAFLOW_NAMES) {
    try {
      if (dataflowKey(resolveDataflow(builtinDataflow(name), layer)) === key) return name;
    } catch {
      // Sz() of a dimension this layer does not have: not this one
    }
  }
  return 'custom';
}

/** CONV-layer dataflows of the plot (DSCONV layers always use dpt, GEMM layers nmk, as in the paper). */
export const PLOT_DATAFLOWS = ['kcp_ws', 'rs', 'xp_ws'] as const;

/** Plot points plus how many (accelerator, dataflow) pairs had a layer without result. */
export interface Sweep {
  points: PlotPoint[];
  skipped: number;
  /** Whether the pasted hardware is among the pairs left out (so it is not plotted). */
  ownSkipped: boolean;
}

/** Number of (accelerator, dataflow) pairs of the sweep, the pasted hardware included. */
export function sweepSize(): number {
  return PLOT_DATAFLOWS.length * paperHardware().length + 1;
}

/**
 * The sweep one pair at a time: each step evaluates one (accelerator, dataflow) pair into `out`
 * and yields the number of pairs done (the page runs it in slices, painting between them).
 */
export function* sweepSteps(model: CostModel, net: MappedNetwork, hw: Hardware, out: Sweep): Generator<number, Sweep> {
  const dpt = builtinDataflow('dpt');
  const nmk = builtinDataflow('nmk');
  let done = 0;
  const add = (n: MappedNetwork, h: Hardware, group: string, highlight: boolean): void => {
    const r = model.evaluateNetwork(n, h);
    // (a row that is no cost, noCost: a mapping that computes nothing, has no point either)
    if (r.rejected > 0 || r.noCost > 0 || hiddenRows(n.layers, r, h.numPes, false).some((x) => x !== undefined)) {
      out.skipped++;
      if (highlight) out.ownSkipped = true;
      return;
    }
    out.points.push({
      x: r.totals.runtime,
      y: r.totals.energy_nj,
      group,
      highlight,
      label: `${group} on ${h.id ?? 'your hardware'} (${h.numPes} PEs, NoC ${h.nocBw}, off-chip ${h.offchipBw}): ${r.totals.runtime} cycles, ${r.totals.energy_nj.toPrecision(6)} nJ`,
    });
  };
  for (const name of PLOT_DATAFLOWS) {
    const mapped = applyDataflow(net, builtinDataflow(name), { dsconv: dpt, gemm: nmk });
    for (const h of paperHardware()) {
      add(mapped, h, name, false);
      yield ++done;
    }
  }
  add(net, { ...hw, id: 'your hardware' }, 'as pasted', true);
  yield ++done;
  return out;
}

/**
 * Latency (cycles) and energy (nJ) of the network on each of the paper's accelerators, with
 * each CONV dataflow, plus the network as pasted on `hw` (highlighted). Pairs where a layer
 * has no result (e.g. a 64-PE cluster on 32 PEs) are left out and counted.
 */
export function sweepAccelerators(model: CostModel, net: MappedNetwork, hw: Hardware): Sweep {
  const out: Sweep = { points: [], skipped: 0, ownSkipped: false };
  const steps = sweepSteps(model, net, hw, out);
  while (!steps.next().done);
  return out;
}

/** Whether the network has a layer the CONV dataflows map (else the three series coincide). */
export function usesConvDataflow(net: MappedNetwork): boolean {
  return net.layers.some((l) => l.type !== 'DSCONV' && l.type !== 'GEMM');
}
