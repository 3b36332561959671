/**
 * Property test: mutated MAESTRO files and JSON inputs never crash the parsers. Each input either
 * parses into well-formed values or throws a one-line UserError; never another exception.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../src/errors.js';
import {
  parseMapping,
  parseModel,
  parseDataflow,
  parseHardware,
  parseInputJson,
  parseMappingJson,
  checkMappedLayer,
  MAX_INT,
} from '../../src/parse/index.js';
import type { MappedNetwork, Network } from '../../src/model/types.js';

const root = path.resolve(__dirname, '../fixtures/maestro');
const seeds = [
  readFileSync(path.join(root, 'mapping/example.m'), 'utf8'),
  readFileSync(path.join(root, 'mapping/GEMM_Example.m'), 'utf8'),
  readFileSync(path.join(root, 'mapping/vgg16_rs.m'), 'utf8').slice(0, 1500),
  readFileSync(path.join(root, 'model/ncf_model.m'), 'utf8'),
  readFileSync(path.join(root, 'dataflow/maeri.m'), 'utf8'),
  readFileSync(path.join(root, 'hw/accelerator_1.m'), 'utf8'),
];

const TOKENS = ['{', '}', '(', ')', ',', ';', ':', '-', "'", '\u2019', 'Sz', 'Sz(', 'K', "Y'", 'Layer', 'Network', 'Dataflow',
  'Dimensions', 'Stride', 'Type', 'CONV', 'GEMM', 'Cluster', 'P', 'SpatialMap', 'TemporalMap', 'Constant', '0', '-1',
  '2147483648', '99999999999999999999', '1.5', '1e9', '//', '\n', '\u0000', '\uFEFF', '\uD800', 'num_pes', 'NoC_NumHops'];

/** A mutation: replace a slice [a, b) of the text by a token, a random string, or nothing. */
const mutation = fc.tuple(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.nat({ max: 12 }),
  fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 }), fc.constant('')),
);

function mutate(text: string, muts: Array<[number, number, string]>): string {
  let t = text;
  for (const [pos, len, ins] of muts) {
    const a = Math.floor(pos * t.length);
    t = t.slice(0, a) + ins + t.slice(a + len);
  }
  return t;
}

function checkNetwork(net: Network | MappedNetwork): void {
  for (const l of net.layers) {
    for (const v of Object.values(l.dims)) expect(Number.isInteger(v) && v! >= 1 && v! <= MAX_INT).toBe(true);
    expect(l.strideX >= 1 && l.strideY >= 1).toBe(true);
  }
}

function expectOnlyUserErrors(f: () => void): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    expect(e.message).not.toContain('\n');
    expect(e.location.file).toBeDefined();
  }
}

describe('fuzz: mutated .m files', () => {
  it('parsers return well-formed values or throw one-line UserErrors', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, muts) => {
        const text = mutate(seed, muts);
        expectOnlyUserErrors(() => {
          const net = parseMapping(text, 'f.m');
          checkNetwork(net);
          for (const l of net.layers) checkMappedLayer(l);
        });
        expectOnlyUserErrors(() => checkNetwork(parseModel(text, 'f.m')));
        expectOnlyUserErrors(() => parseDataflow(text, 'f.m'));
        expectOnlyUserErrors(() => parseHardware(text, 'f.m'));
      }),
      { numRuns: 1000, seed: 20221, endOnFailure: true },
    );
  });

  it('truncations at every point of a mapping file', () => {
    const text = seeds[0];
    for (let i = 0; i < text.length; i++) {
      expectOnlyUserErrors(() => parseMapping(text.slice(0, i), 'f.m'));
    }
  });
});

describe('fuzz: mutated JSON inputs', () => {
  const json = JSON.stringify({
    hardware: { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 },
    network: {
      name: 'N',
      layers: [
        {
          name: 'L',
          type: 'CONV',
          dims: { K: 4, C: 3, R: 3, S: 3, Y: 8, X: 8 },
          dataflow: { directives: [{ kind: 'SpatialMap', size: 1, offset: 1, dim: 'K' }, { kind: 'TemporalMap', size: { sz: 'R' }, offset: 1, dim: 'Y' }, { kind: 'Cluster', size: 2, clusterType: 'P' }] },
        },
      ],
    },
  }, null, 1);
  it('validators return well-formed values or throw one-line UserErrors', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (muts) => {
        const text = mutate(json, muts);
        expectOnlyUserErrors(() => checkNetwork(parseInputJson(text, 'f.json').network));
        expectOnlyUserErrors(() => checkNetwork(parseMappingJson(text, 'f.json')));
      }),
      { numRuns: 400, seed: 7, endOnFailure: true },
    );
  });
  it('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        expectOnlyUserErrors(() => parseInputJson(JSON.stringify(v), 'f.json'));
        expectOnlyUserErrors(() => parseMappingJson(JSON.stringify({ layers: [v] }), 'f.json'));
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
