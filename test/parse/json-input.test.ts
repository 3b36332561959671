/** JSON inputs: the domain types as JSON, strict validation with file:line:col and JSON path. */
import { describe, it, expect } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  parseHardwareJson,
  parseMappingJson,
  parseModelJson,
  parseDataflowJson,
  parseInputJson,
  parseMapping,
  parseHardware,
  INPUT_JSON_SCHEMA,
} from '../../src/parse/index.js';

const INPUT = {
  hardware: { id: 'p0', numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 },
  network: {
    name: 'N',
    layers: [
      {
        name: 'L1',
        type: 'CONV',
        strideX: 2,
        strideY: 2,
        dims: { K: 64, C: 3, R: 7, S: 7, Y: 224, X: 224 },
        dataflow: {
          name: 'kcp_ws',
          directives: [
            { kind: 'SpatialMap', size: 1, offset: 1, dim: 'K' },
            { kind: 'TemporalMap', size: { sz: 'R' }, offset: { sz: 'R' }, dim: 'R' },
            { kind: 'TemporalMap', size: { sz: 'R' }, offset: 1, dim: 'Y' },
            { kind: 'Cluster', size: 64, clusterType: 'P' },
            { kind: 'SpatialMap', size: 1, offset: 1, dim: 'C' },
          ],
        },
      },
    ],
  },
};
const TEXT = JSON.stringify(INPUT, null, 2);

function err(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('JSON input', () => {
  it('parses {hardware, network}; Sz resolved like a .m mapping file', () => {
    const { hardware, network } = parseInputJson(TEXT, 'in.json');
    expect(hardware).toEqual({ id: 'p0', numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50, nocHops: 1 });
    const m = parseMapping(
      `Network N { Layer L1 { Type: CONV Stride { X: 2, Y: 2 } Dimensions { K: 64, C: 3, R: 7, S: 7, Y: 224, X: 224 }
        Dataflow { SpatialMap(1,1) K; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(R),1) Y; Cluster(64,P); SpatialMap(1,1) C; } } }`,
      'n.m',
    );
    expect(network.layers[0].dataflow.directives).toEqual(m.layers[0].dataflow.directives);
    expect({ ...network.layers[0], dataflow: undefined }).toEqual({ ...m.layers[0], dataflow: undefined });
  });

  it('the same hardware as a .m file', () => {
    const hw = parseHardwareJson(JSON.stringify({ numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 }), 'hw.json');
    expect(hw).toEqual(parseHardware('num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50', 'hw.m'));
    const zero = parseHardwareJson(JSON.stringify({ numPes: 256, l1Size: 0, l2Size: 0, nocBw: 1000, offchipBw: 50, nocHops: 0 }), 'hw.json');
    expect(zero).toEqual(parseHardware('num_pes: 256\nl1_size_cstr: 0\nl2_size_cstr: 0\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\nNoC_NumHops: 0', 'hw.m'));
  });

  it('separate files and envelopes', () => {
    expect(parseHardwareJson(TEXT, 'in.json').numPes).toBe(256);
    expect(parseMappingJson(JSON.stringify(INPUT.network), 'net.json').layers).toHaveLength(1);
    expect(parseMappingJson(TEXT, 'in.json').name).toBe('N');
    const model = { name: 'M', layers: [{ name: 'A', type: 'GEMM', dims: { M: 2, N: 3, K: 4 } }] };
    expect(parseModelJson(JSON.stringify({ network: model }), 'm.json')).toEqual({
      name: 'M',
      layers: [{ name: 'A', type: 'GEMM', strideX: 1, strideY: 1, dims: { M: 2, N: 3, K: 4 } }],
    });
    expect(parseDataflowJson(JSON.stringify({ dataflow: INPUT.network.layers[0].dataflow }), 'd.json').directives[1]).toEqual({
      kind: 'TemporalMap',
      size: { sz: 'R' },
      offset: { sz: 'R' },
      dim: 'R',
    });
  });

  const mutate = (f: (o: any) => void): string => {
    const o = JSON.parse(TEXT);
    f(o);
    return JSON.stringify(o, null, 2);
  };

  it.each([
    ['syntax error', TEXT.replace('"numPes": 256,', '"numPes": 256'), "in.json:5:5: invalid JSON: expected ',' or '}', got '\"'"],
    ['truncated', TEXT.slice(0, 200), 'in.json:14:9: invalid JSON: expected a property name in double quotes, got end of file'],
    ['truncated string', TEXT.slice(0, TEXT.indexOf('kcp_ws') + 3), 'in.json:27:23: invalid JSON: unterminated string (file is truncated)'],
    ['trailing junk', TEXT + ' x', "in.json:69:3: invalid JSON: unexpected 'x' after the JSON value"],
    ['duplicate key', TEXT.replace('"numPes": 256,', '"numPes": 256, "numPes": 1,'), 'in.json:4:20: hardware.numPes: duplicate key "numPes"'],
    ['unknown key', mutate((o) => (o.hardware.num_pes = 3)), 'in.json:9:16: hardware.num_pes: unknown key "num_pes" (expected "id", "numPes", "l1Size", "l2Size", "nocBw", "offchipBw", "nocHops", "vectorWidth")'],
    ['missing numPes', mutate((o) => delete o.hardware.numPes), 'in.json:2:15: hardware: missing required key "numPes"'],
    ['wrong type', mutate((o) => (o.hardware.numPes = '256')), 'in.json:4:15: hardware.numPes: expected an integer >= 1, got the string "256"'],
    ['fraction', mutate((o) => (o.hardware.l1Size = 1.5)), 'in.json:5:15: hardware.l1Size: expected an integer >= 0, got 1.5'],
    ['negative size', mutate((o) => (o.hardware.l2Size = -1)), 'in.json:6:15: hardware.l2Size: value -1 is not allowed (expected an integer >= 0)'],
    ['zero PEs', mutate((o) => (o.hardware.numPes = 0)), 'in.json:4:15: hardware.numPes: value 0 is not allowed (expected an integer >= 1)'],
    ['zero', mutate((o) => (o.network.layers[0].dims.K = 0)), 'in.json:19:16: network.layers[0].dims.K: value 0 is not allowed (expected an integer >= 1)'],
    ['negative', mutate((o) => (o.network.layers[0].strideX = -2)), 'in.json:16:20: network.layers[0].strideX: value -2 is not allowed (expected an integer >= 1)'],
    ['huge', mutate((o) => (o.network.layers[0].dims.C = 1e12)), 'in.json:20:16: network.layers[0].dims.C: value 1000000000000 is too large (limit 2147483647)'],
    ['missing dim', mutate((o) => delete o.network.layers[0].dims.S), 'in.json:18:17: network.layers[0].dims: missing dimension S for a CONV layer'],
    ['bad dim', mutate((o) => (o.network.layers[0].dims.Q = 3)), 'in.json:25:16: network.layers[0].dims.Q: unknown key "Q" (expected "N", "K", "C", "R", "S", "Y", "X", "Y\'", "X\'")'],
    ['bad type', mutate((o) => (o.network.layers[0].type = 'conv')), 'in.json:15:17: network.layers[0].type: expected a layer type (CONV, DSCONV, GEMM, NGCONV, TRCONV), got the string "conv"'],
    ['bad directive kind', mutate((o) => (o.network.layers[0].dataflow.directives[0].kind = 'Map')), 'in.json:30:23: network.layers[0].dataflow.directives[0].kind: expected a directive kind (SpatialMap, TemporalMap, Cluster), got the string "Map"'],
    ['bad sz', mutate((o) => (o.network.layers[0].dataflow.directives[1].size = { sz: 'Q' })), 'in.json:38:23: network.layers[0].dataflow.directives[1].size.sz: expected a dimension name (N, G, K, C, R, S, Y, X, Y\', X\', M), got the string "Q"'],
    ['undeclared sz', mutate((o) => (o.network.layers[0].dataflow.directives[1].size = { sz: 'N' })), 'in.json:35:13: network.layers[0].dataflow.directives[1]: Sz(N): dimension N is not declared in the Dimensions of layer L1'],
    ['missing dataflow', mutate((o) => delete o.network.layers[0].dataflow), 'in.json:13:7: network.layers[0]: missing required key "dataflow"'],
    ['empty layers', mutate((o) => (o.network.layers = [])), 'in.json:12:15: network.layers: network has no layers'],
    ['array instead of object', '[1,2]', 'in.json:1:1: expected an object, got an array'],
    ['deep nesting', '['.repeat(100000), 'in.json:1:66: invalid JSON: nesting deeper than 64 levels'],
  ])('%s', (_n, text, message) => {
    expect(err(() => parseInputJson(text, 'in.json'))).toBe(message);
  });

  it('exports a JSON schema for the combined input', () => {
    expect(INPUT_JSON_SCHEMA.required).toEqual(['hardware', 'network']);
    expect(INPUT_JSON_SCHEMA.$defs.hardware.required).toEqual(['numPes']);
  });
});
