/**
 * Writing MAESTRO input files (mapping + hardware) from typed layers, for the side-by-side
 * benchmark and the browser test. Dataflows are given as MAESTRO `Dataflow { ... }` text.
 */
import type { Hardware, Layer } from '../../src/model/types.js';
import { DIM_NAMES } from '../../src/parse/limits.js';

/** A layer and the MAESTRO text of the dataflow it is mapped with. */
export interface TextMappedLayer {
  layer: Layer;
  /** `Dataflow { ... }` block, verbatim MAESTRO text. */
  dataflow: string;
}

/** MAESTRO `Dimensions { ... }` body of a layer, in MAESTRO's customary order. */
function dimsText(layer: Layer): string {
  const d = layer.dims;
  const parts: string[] = [];
  for (const k of DIM_NAMES) if (d[k] !== undefined) parts.push(`${k}: ${d[k]}`);
  return parts.join(', ');
}

/** MAESTRO mapping file text for a network. */
export function mappingText(name: string, layers: readonly TextMappedLayer[]): string {
  const out: string[] = [`Network ${name} {`];
  for (const { layer, dataflow } of layers) {
    out.push(`Layer ${layer.name} {`);
    out.push(`Type: ${layer.type}`);
    if (layer.type !== 'GEMM') out.push(`Stride { X: ${layer.strideX}, Y: ${layer.strideY} }`);
    out.push(`Dimensions { ${dimsText(layer)} }`);
    out.push(dataflow.trim());
    out.push('}');
  }
  out.push('}');
  return out.join('\n') + '\n';
}

/** MAESTRO hardware file text. */
export function hardwareText(hw: Hardware): string {
  return (
    `num_pes: ${hw.numPes}\n` +
    `l1_size_cstr: ${hw.l1Size}\n` +
    `l2_size_cstr: ${hw.l2Size}\n` +
    `noc_bw_cstr: ${hw.nocBw}\n` +
    `offchip_bw_cstr: ${hw.offchipBw}\n`
  );
}
