/**
 * Classic networks shipped as MAESTRO mapping files in data/models/ (copied unchanged from
 * MAESTRO's data/mapping/, MIT, GT Synergy Lab): only their layers are used; the dataflow comes
 * from the evaluation (`--dataflow`, DSCONV -> dpt, GEMM -> nmk).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Layer } from '../model/types.js';
import { parseMapping } from '../parse/index.js';
import { packageDataDir } from './data.js';
import { spaceFromNetworks } from './networks-file.js';
import type { ArchitectureSpace } from './space.js';

/** Classic network id -> file in data/models/. */
export const CLASSIC_NETWORKS: Readonly<Record<string, string>> = {
  resnet50: 'Resnet50_kcp_ws.m',
  mobilenetv2: 'MobileNetV2_kcp_ws.m',
  vgg16: 'vgg16_xp_ws.m',
  googlenet: 'googlenet_kcp_ws.m',
  mnasnet: 'mnasnet_kcp_ws.m',
  squeezenet1_0: 'squeezenet1_0_kcp_ws.m',
};

/** Layers of a classic network (`resnet50`, `mobilenetv2`, ...). */
export function classicLayers(id: string): Layer[] {
  const file = CLASSIC_NETWORKS[id];
  if (!file) throw new Error(`unknown classic network ${id}`);
  const full = path.join(packageDataDir(), 'models', file);
  const net = parseMapping(readFileSync(full, 'utf8'), full);
  return net.layers.map((l) => ({ name: l.name, type: l.type, strideX: l.strideX, strideY: l.strideY, dims: { ...l.dims } }));
}

/** All classic networks as a space (ids in CLASSIC_NETWORKS order, labels = network ids). */
export function classicSpace(): ArchitectureSpace {
  return spaceFromNetworks(
    'classic',
    Object.keys(CLASSIC_NETWORKS).map((name) => ({ name, layers: classicLayers(name) })),
  );
}
