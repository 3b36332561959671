/**
 * Malformed MAESTRO text files: each gives one precise UserError naming file:line:column,
 * the field and what was expected.
 */
import { describe, it, expect } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseMapping, parseModel, parseDataflow, parseHardware } from '../../src/parse/index.js';

const GOOD = `Network N {
  Layer L1 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 64, C: 3, R: 7, S: 7, Y: 224, X: 224 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(64,64) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),1) X;
      Cluster(64, P);
      SpatialMap(1,1) C;
    }
  }
}
`;

function err(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const u = e as UserError;
    expect(u.message).not.toContain('\n');
    return u;
  }
  throw new Error('expected a UserError');
}

const mapErr = (text: string) => err(() => parseMapping(text, 'net.m')).message;

describe('mapping file errors', () => {
  it('the good file parses', () => {
    const net = parseMapping(GOOD, 'net.m');
    expect(net.layers[0]).toMatchObject({ name: 'L1', type: 'CONV', strideX: 2, strideY: 2, dims: { K: 64, C: 3, R: 7, S: 7, Y: 224, X: 224 } });
    expect(net.layers[0].dataflow.directives[2]).toEqual({ kind: 'TemporalMap', size: 7, offset: 7, dim: 'R' });
  });

  it.each([
    ['truncated in Dataflow', GOOD.slice(0, GOOD.indexOf('Cluster')), "net.m:13:7: Layer L1.Dataflow: expected '}' to close Dataflow (file is truncated), got end of file"],
    ['truncated after layer', GOOD.slice(0, GOOD.lastIndexOf('}')), "net.m:17:1: Network: expected '}' to close Network (file is truncated), got end of file"],
    ['truncated in Dimensions', GOOD.slice(0, GOOD.indexOf('Y: 224')), "net.m:5:43: Layer L1.Dimensions: expected '}' to close Dimensions (file is truncated), got end of file"],
    ['unknown directive', GOOD.replace('SpatialMap(1,1) K;', 'SpatialMapp(1,1) K;'), "net.m:7:7: Layer L1.Dataflow: expected 'SpatialMap', 'TemporalMap', 'Cluster' or '}', got 'SpatialMapp'"],
    ['unknown layer key', GOOD.replace('Type: CONV', 'Kind: CONV'), "net.m:3:5: Layer L1: expected 'Type', 'Stride', 'Dimensions', 'Dataflow' or '}', got 'Kind'"],
    ['unknown top-level item', 'Netwrk N { }', "net.m:1:1: expected 'Constant', 'Network' or 'Dataflow', got 'Netwrk'"],
    ['missing dim', GOOD.replace('R: 7, ', ''), 'net.m:5:5: Layer L1.Dimensions: missing dimension R for a CONV layer'],
    ['missing Y', GOOD.replace('Y: 224, ', ''), "net.m:5:5: Layer L1.Dimensions: missing dimension Y or Y' for a CONV layer"],
    ['both Y and Y\'', GOOD.replace('Y: 224', "Y: 224, Y': 218"), "net.m:5:5: Layer L1.Dimensions: both Y and Y' given: declare the input size or the output size, not both"],
    ['unknown dim', GOOD.replace('K: 64', 'Q: 64'), "net.m:5:18: Layer L1.Dimensions: unknown dimension 'Q' (expected one of N, G, K, C, R, S, Y, X, Y', X', M)"],
    ['dim not allowed for type', GOOD.replace('K: 64', 'M: 64, K: 64'), 'net.m:5:5: Layer L1.Dimensions: dimension M is not allowed in a CONV layer (allowed: N, K, C, R, S, Y, X, Y\', X\')'],
    ['negative size', GOOD.replace('C: 3', 'C: -3'), 'net.m:5:28: Layer L1.Dimensions.C: negative value -3 not allowed (expected an integer >= 1)'],
    ['zero size', GOOD.replace('C: 3', 'C: 0'), 'net.m:5:28: Layer L1.Dimensions.C: value 0 is not allowed (expected an integer >= 1)'],
    ['zero stride', GOOD.replace('X: 2,', 'X: 0,'), 'net.m:4:17: Layer L1.Stride.X: value 0 is not allowed (expected an integer >= 1)'],
    ['zero map size', GOOD.replace('SpatialMap(1,1) K', 'SpatialMap(0,1) K'), 'net.m:7:18: Layer L1.Dataflow.SpatialMap: value 0 is not allowed (expected an integer >= 1)'],
    ['huge number', GOOD.replace('K: 64', 'K: 2147483648'), 'net.m:5:21: Layer L1.Dimensions.K: value 2147483648 is too large (limit 2147483647)'],
    ['very huge number', GOOD.replace('K: 64', 'K: 99999999999999999999999'), 'net.m:5:21: Layer L1.Dimensions.K: value 99999999999999999999999 is too large (limit 2147483647)'],
    ['fraction', GOOD.replace('K: 64', 'K: 6.5'), "net.m:5:21: Layer L1.Dimensions.K: expected an integer >= 1, got '6.5'"],
    ['word where number expected', GOOD.replace('K: 64', 'K: big'), "net.m:5:21: Layer L1.Dimensions.K: 'big' is not a number or a defined constant"],
    ['string where a type is expected', GOOD.replace('Type: CONV', 'Type: 42'), "net.m:3:11: Layer L1.Type: expected a layer type (CONV, DSCONV, GEMM, NGCONV, TRCONV), got '42'"],
    ['unknown type', GOOD.replace('Type: CONV', 'Type: CONV3D'), "net.m:3:11: Layer L1.Type: unknown layer type 'CONV3D' (expected CONV, DSCONV, GEMM, NGCONV or TRCONV)"],
    ['unsupported type', GOOD.replace('Type: CONV', 'Type: POOL'), 'net.m:3:11: Layer L1.Type: layer type POOL is not supported (MAESTRO does not analyse it); expected CONV, DSCONV, GEMM, NGCONV or TRCONV'],
    ['duplicate Type', GOOD.replace('Type: CONV', 'Type: CONV Type: GEMM'), 'net.m:3:16: Layer L1.Type: duplicate Type in layer L1'],
    ['duplicate dim', GOOD.replace('K: 64', 'K: 64, K: 32'), 'net.m:5:25: Layer L1.Dimensions.K: duplicate dimension K'],
    ['duplicate stride', GOOD.replace('Y: 2 }', 'X: 2 }'), 'net.m:4:20: Layer L1.Stride.X: duplicate stride X'],
    ['bad stride key', GOOD.replace('Y: 2 }', 'K: 2 }'), "net.m:4:20: Layer L1.Stride: expected 'X', 'Y' or '}', got 'K'"],
    ['bad cluster type', GOOD.replace('Cluster(64, P)', 'Cluster(64, Q)'), "net.m:13:19: Layer L1.Dataflow.Cluster: expected cluster type 'P' or 'L', got 'Q'"],
    ['Sz of unknown dim', GOOD.replace('Sz(R),1) Y', 'Sz(Q),1) Y'), "net.m:11:22: Layer L1.Dataflow.TemporalMap: unknown dimension 'Q' (expected one of N, G, K, C, R, S, Y, X, Y', X', M)"],
    ['Sz of undeclared dim', GOOD.replace('Sz(R),1) Y', 'Sz(N),1) Y'), 'net.m:11:7: Layer L1.Dataflow.TemporalMap: Sz(N): dimension N is not declared in the Dimensions of layer L1'],
    ['missing paren', GOOD.replace('SpatialMap(1,1) K', 'SpatialMap(1,1 K'), "net.m:7:22: Layer L1.Dataflow.SpatialMap: expected ')', got 'K'"],
    ['stray character', GOOD.replace('K: 64', 'K: 64 @'), "net.m:5:24: unexpected character '@'"],
    ['binary junk', GOOD.replace('K: 64', 'K: 64 \u0000'), 'net.m:5:24: unexpected character U+0000'],
    ['no Type', GOOD.replace('Type: CONV', ''), 'net.m:2:3: Layer L1: no Type'],
    ['no Dimensions', GOOD.replace(/Dimensions \{[^}]*\}/, ''), 'net.m:2:3: Layer L1: no Dimensions'],
    ['empty network', 'Network N { }', 'net.m:1:1: Network: network has no layers'],
    ['empty file', '', "net.m:1:1: expected a 'Network' block (this is not a mapping file)"],
    ['two networks', GOOD + GOOD, 'net.m:18:1: Network: a file may contain only one Network block'],
    ['no dataflow to inherit', GOOD.replace(/Dataflow \{[^}]*\}/, ''), 'net.m:2:3: Layer L1: no Dataflow, and no previous layer to reuse one from'],
    ['empty dataflow', GOOD.replace(/Dataflow \{[^}]*\}/, 'Dataflow { }'), 'net.m:6:5: Layer L1.Dataflow: Dataflow block is empty'],
    ['a long word is cut in the message', `Network N {\n${'x'.repeat(3000)}\n}`, `net.m:2:1: Network: expected 'Layer' or '}', got '${'x'.repeat(40)}...'`],
    ['space in a name', GOOD.replace('Layer L1', 'Layer L 1'), "net.m:2:11: expected '{' after layer name 'L', got '1' (names cannot contain spaces)"],
    ['duplicate constant', 'Constant A 1;\nConstant A 2;\n' + GOOD, "net.m:2:10: Constant A: constant 'A' is already defined"],
    ['constant without value', 'Constant A;\n' + GOOD, "net.m:1:11: Constant A: expected an integer >= 1, got ';'"],
    ['Accelerator block', 'Accelerator { PE { NumPEs: 4 } }', 'net.m:1:1: Accelerator blocks are not supported: give the hardware in a separate hardware file (--HW_file)'],
    ['top-level Dataflow in a mapping file', 'Dataflow { SpatialMap(1,1) K; }\n' + GOOD, 'net.m:1:1: Dataflow: a mapping file cannot have a top-level Dataflow block: put Dataflow inside each Layer (or use a model file plus a dataflow file)'],
  ])('%s', (_name, text, message) => {
    expect(mapErr(text)).toBe(message);
  });
});

describe('MAESTRO syntax details', () => {
  it('accepts MAESTRO separators as optional, comments, constants, Y\' and names with - and .', () => {
    const text = `// comment
Constant KK 64; // trailing comment
Network torchvision.models.mnasnet {
  Layer Conv2d-1 { Type CONV
    Dimensions { K KK,C 3 R 3,S 3,Y' 112,X' 112 }
    Dataflow { TemporalMap (1,1) K  SpatialMap(Sz(R) 1) Y' TemporalMap(Sz(S),Sz(S)) S TemporalMap(Sz(R),Sz(R)) R Cluster(Sz(R) L) }
  }
  Layer { Type: DSCONV Dimensions { C: 3, R: 3, S: 3, Y: 10, X: 10 } }
}`;
    const net = parseMapping(text, 'x.m');
    expect(net.name).toBe('torchvision.models.mnasnet');
    expect(net.layers.map((l) => l.name)).toEqual(['Conv2d-1', 'Layer']);
    expect(net.layers[0].dims).toEqual({ K: 64, C: 3, R: 3, S: 3, "Y'": 112, "X'": 112 });
    expect(net.layers[0].strideX).toBe(1);
    expect(net.layers[0].dataflow.directives[1]).toEqual({ kind: 'SpatialMap', size: 3, offset: 1, dim: "Y'" });
    expect(net.layers[0].dataflow.directives[4]).toEqual({ kind: 'Cluster', size: 3, clusterType: 'L' });
    // The second layer has no Dataflow: it reuses the first one's, Sz already resolved (MAESTRO).
    expect(net.layers[1].dataflow.directives).toEqual(net.layers[0].dataflow.directives);
  });

  it("reads the typographic apostrophe of maeri.m as a prime", () => {
    const df = parseDataflow('Dataflow { TemporalMap(1,1) Y\u2019; }', 'maeri.m');
    expect(df).toEqual({ name: 'maeri', directives: [{ kind: 'TemporalMap', size: 1, offset: 1, dim: "Y'" }] });
  });

  it('tolerates a repeated dimension only as D: 1 twice (MAESTRO UNet_RS.m)', () => {
    const net = parseModel('Network U { Layer A { Type: CONV Dimensions { N: 1, N: 1, K: 2, C: 2, R: 1, S: 1, Y: 4, X: 4 } } }', 'u.m');
    expect(net.layers[0].dims.N).toBe(1);
  });
});

describe('model and dataflow files', () => {
  it('model file: layers without dataflow', () => {
    const net = parseModel('Network M { Layer A { Type: GEMM Dimensions { M: 4, N: 5, K: 6 } } }', 'm.m');
    expect(net).toEqual({ name: 'M', layers: [{ name: 'A', type: 'GEMM', strideX: 1, strideY: 1, dims: { M: 4, N: 5, K: 6 } }] });
  });
  it('model file with a Dataflow is an error', () => {
    expect(err(() => parseModel(GOOD, 'm.m')).message).toBe(
      'm.m:6:5: Layer L1.Dataflow: layer L1 has a Dataflow block: a model file has none (use it as a mapping file instead)',
    );
  });
  it('dataflow file keeps Sz symbolic', () => {
    const df = parseDataflow('Dataflow { TemporalMap(Sz(R),1) Y; Cluster(Sz(R),P); }', 'dir/rs.m');
    expect(df).toEqual({
      name: 'rs',
      directives: [
        { kind: 'TemporalMap', size: { sz: 'R' }, offset: 1, dim: 'Y' },
        { kind: 'Cluster', size: { sz: 'R' }, clusterType: 'P' },
      ],
    });
  });
  it('dataflow file errors', () => {
    expect(err(() => parseDataflow('', 'd.m')).message).toBe("d.m:1:1: expected a 'Dataflow' block (this is not a dataflow file)");
    expect(err(() => parseDataflow(GOOD, 'd.m')).message).toBe('d.m:1:1: Network: a dataflow file contains only a Dataflow block, not a Network');
    expect(err(() => parseDataflow('Dataflow { SpatialMap(1,1) K; ', 'd.m')).message).toBe(
      "d.m:1:31: Dataflow: expected '}' to close Dataflow (file is truncated), got end of file",
    );
  });
});

describe('hardware files', () => {
  const HW = 'num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n';
  it('parses all keys, defaults the optional ones', () => {
    expect(parseHardware(HW, 'hw.m')).toEqual({ numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50, nocHops: 1 });
    expect(parseHardware('num_pes: 8; NoC_NumHops: 0 // zero-latency NoC', 'hw.m')).toEqual({
      numPes: 8,
      l1Size: 2147483647,
      l2Size: 2147483647,
      nocBw: 2147483647,
      offchipBw: 2147483647,
      nocHops: 0,
    });
    // L1 / L2 size constraints of 0: MAESTRO evaluates such a file (the sizes change no output).
    expect(parseHardware(HW.replace('100', '0').replace('3000', '0'), 'hw.m')).toMatchObject({ l1Size: 0, l2Size: 0 });
  });
  it.each([
    ['unknown key', HW + 'num_pe: 3\n', "hw.m:6:1: unknown hardware key 'num_pe' (expected one of num_pes, l1_size_cstr, l2_size_cstr, noc_bw_cstr, offchip_bw_cstr, NoC_NumHops)"],
    ['duplicate key', HW + 'num_pes: 3\n', 'hw.m:6:1: num_pes: duplicate key num_pes'],
    ['missing num_pes', HW.replace('num_pes: 256\n', ''), 'hw.m:1:1: num_pes: missing required key num_pes'],
    ['truncated', 'num_pes: 256\nl1_size_cstr:', 'hw.m:2:14: l1_size_cstr: expected an integer >= 0, got end of file'],
    ['zero', HW.replace('1000', '0'), 'hw.m:4:14: noc_bw_cstr: value 0 is not allowed (expected an integer >= 1)'],
    ['negative size', HW.replace('100', '-100'), 'hw.m:2:15: l1_size_cstr: negative value -100 not allowed (expected an integer >= 0)'],
    ['negative', HW.replace('256', '-256'), 'hw.m:1:10: num_pes: negative value -256 not allowed (expected an integer >= 1)'],
    ['huge', HW.replace('3000', '30000000000'), 'hw.m:3:15: l2_size_cstr: value 30000000000 is too large (limit 2147483647)'],
    ['wrong type', HW.replace('1000', 'fast'), 'hw.m:4:14: noc_bw_cstr: expected an integer >= 1, got \'fast\''],
    ['fraction', HW.replace('50', '50.5'), "hw.m:5:18: offchip_bw_cstr: expected an integer >= 1, got '50.5'"],
  ])('%s', (_n, text, message) => {
    expect(err(() => parseHardware(text, 'hw.m')).message).toBe(message);
  });
});
