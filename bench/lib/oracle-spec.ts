/**
 * Reading the shared oracle's network spec (`../shared/oracle/spec-networks.json`): whole
 * networks with MAESTRO dataflow text, used as realistic inputs by the benchmarks and tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Hardware, Layer, LayerType } from '../../src/model/types.js';
import type { TextMappedLayer } from './maestro-text.js';

interface SpecLayer {
  name: string;
  type: LayerType;
  stride?: [number, number];
  dims: Record<string, number>;
}
interface SpecHw {
  id: string;
  num_pes: number;
  l1: number;
  l2: number;
  noc_bw: number;
  offchip_bw: number;
}
interface SpecNetworks {
  networks: Record<string, SpecLayer[]>;
  dataflows: Record<string, string>;
  dsconv_dataflow: string;
  hw: SpecHw[];
}

/** The shared data folder (`<project root>/../shared`). */
export function sharedDir(projectRoot: string): string {
  return path.resolve(projectRoot, '../shared');
}

/** Parsed `spec-networks.json`. */
export class NetworkSpec {
  private constructor(private readonly spec: SpecNetworks) {}

  /** Load from the shared folder; throws with the path when it is missing. */
  static load(projectRoot: string): NetworkSpec {
    const file = path.join(sharedDir(projectRoot), 'oracle', 'spec-networks.json');
    return new NetworkSpec(JSON.parse(readFileSync(file, 'utf8')) as SpecNetworks);
  }

  networkNames(): string[] {
    return Object.keys(this.spec.networks);
  }

  dataflowText(name: string): string {
    const t = this.spec.dataflows[name];
    if (t === undefined) throw new Error(`spec-networks.json: no dataflow '${name}'`);
    return t;
  }

  /** Layers of a network, typed. */
  layers(net: string): Layer[] {
    const ls = this.spec.networks[net];
    if (ls === undefined) throw new Error(`spec-networks.json: no network '${net}'`);
    return ls.map((l) => ({
      name: l.name,
      type: l.type,
      strideX: l.stride?.[0] ?? 1,
      strideY: l.stride?.[1] ?? 1,
      dims: { ...l.dims },
    }));
  }

  /** Layers with dataflow text: DSCONV layers get the DSCONV dataflow (`dpt`), as the paper. */
  mapped(net: string, dataflow: string): TextMappedLayer[] {
    const conv = this.dataflowText(dataflow);
    const ds = this.dataflowText(this.spec.dsconv_dataflow);
    return this.layers(net).map((layer) => ({ layer, dataflow: layer.type === 'DSCONV' ? ds : conv }));
  }

  /** Hardware configurations of the spec. */
  hardware(): Hardware[] {
    return this.spec.hw.map((h) => ({
      id: h.id,
      numPes: h.num_pes,
      l1Size: h.l1,
      l2Size: h.l2,
      nocBw: h.noc_bw,
      offchipBw: h.offchip_bw,
    }));
  }
}
