/**
 * Architecture spaces: NAS-Bench-301 (DARTS), AlphaNet/AttentiveNAS, classic networks, files.
 */
import { existsSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { alphanetLayers } from './alphanet.js';
import { classicSpace } from './classic.js';
import { loadAlphaNetData, loadNb301Data } from './data.js';
import { readNetworksFile } from './space-file.js';
import { nb301Layers } from './nb301.js';
import { spaceId, type ArchitectureSpace } from './space.js';

export { nb301Layers, nb301TorchMacs, NB301_OPS, checkNb301Genotype, type Nb301Genotype, type Nb301Options, type Nb301Op, type Nb301Edge } from './nb301.js';
export { alphanetLayers, alphanetTorchMacs, alphanetMflops, makeDivisible, checkAlphaNetConfig, ALPHANET_SUPERNET, type AlphaNetConfig } from './alphanet.js';
export { classicLayers, classicSpace, CLASSIC_NETWORKS } from './classic.js';
export { loadNb301Data, loadAlphaNetData, packageDataDir, type Nb301Data, type AlphaNetData } from './data.js';
export { parseNetworksJson, spaceFromNetworks, type NamedNetwork, type NetworkFigure } from './networks-file.js';
export { readNetworksFile, SPACE_FILE_FORMATS } from './space-file.js';
export { layerMacs, networkMacs, outputSize } from './macs.js';
export { parseIds, type ArchitectureSpace, type IdOptions, type IdSource, type SpaceColumn } from './space.js';

/** Built-in space names. */
export const BUILTIN_SPACES = ['nb301', 'alphanet', 'classic'] as const;

/** The NAS-Bench-301 space of the paper (10,000 genotypes; paper ids = `model_index`). */
export function nb301Space(): ArchitectureSpace {
  const d = loadNb301Data();
  return {
    name: 'nb301',
    size: d.genotypes.length,
    label: (id) => String(spaceId('nb301', d.genotypes.length, id)),
    layers: (id) => nb301Layers(d.genotypes[spaceId('nb301', d.genotypes.length, id)]!),
    paperIds: d.modelIndex,
    columns: [{ name: 'flops', description: 'MACs at 16x16 input, PyTorch counting (index_flops.json flops_16x16)', values: d.flops16 }],
  };
}

/** The AlphaNet space of the paper (9,999 configs; paper ids = `select_index`). CC BY-NC 4.0 data. */
export function alphanetSpace(): ArchitectureSpace {
  const d = loadAlphaNetData();
  return {
    name: 'alphanet',
    size: d.configs.length,
    label: (id) => String(spaceId('alphanet', d.configs.length, id)),
    layers: (id) => alphanetLayers(d.configs[spaceId('alphanet', d.configs.length, id)]!),
    paperIds: d.selectIndex,
    columns: [
      { name: 'accuracy', description: 'predicted ImageNet top-1 accuracy, %', values: d.accuracy },
      { name: 'flops', description: 'MFLOPs (millions of MACs, AttentiveNAS counting)', values: d.mflops },
      { name: 'params', description: 'parameters, millions', values: d.mparams },
    ],
  };
}

/**
 * The space `spec` names (`nb301`, `alphanet`, `classic`, or a FILE in any format `readNetworksFile`
 * reads) as an {@link ArchitectureSpace}; its figures (accuracy, flops, params) are in `columns`.
 * @param field how a bad `spec` is named in the message (the CLI: `--space`).
 */
export function getSpace(spec: string, field = 'space'): ArchitectureSpace {
  if (typeof spec !== 'string')
    throw new TypeError(`getSpace: expected nb301, alphanet, classic or a space file's path, got ${spec === null ? 'null' : typeof spec}`);
  switch (spec) {
    case 'nb301':
      return nb301Space();
    case 'alphanet':
      return alphanetSpace();
    case 'classic':
      return classicSpace();
    default:
      if (spec.trim() === '' || !existsSync(spec) || statSync(spec).isDirectory()) {
        throw new UserError(`'${spec}' is not ${BUILTIN_SPACES.join(', ')} or a readable file`, { field });
      }
      return readNetworksFile(spec);
  }
}
