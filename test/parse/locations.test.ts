/**
 * Source locations of parsed objects: recorded out of sight (JSON, spread, keys and deep equality
 * do not see them), copied in and out, shared by copies, and kept for frozen objects too.
 */
import { describe, expect, it } from 'vitest';
import { locationOf, setLocation, shareLocation } from '../../src/parse/locations.js';
import { parseMapping } from '../../src/parse/index.js';

describe('source locations', () => {
  it('are invisible to JSON, spread, keys and toEqual; copied in and out', () => {
    const layer = { name: 'L', dims: { K: 4 } };
    const loc = { file: 'net.m', line: 3, column: 2 };
    setLocation(layer, loc);
    loc.line = 99; // the record is a copy
    expect(locationOf(layer)).toEqual({ file: 'net.m', line: 3, column: 2 });
    const out = locationOf(layer)!;
    out.line = 7; // so is what locationOf returns
    expect(locationOf(layer)!.line).toBe(3);
    expect(JSON.stringify(layer)).toBe('{"name":"L","dims":{"K":4}}');
    expect(Object.keys(layer)).toEqual(['name', 'dims']);
    expect(layer).toEqual({ name: 'L', dims: { K: 4 } });
    const copy = { ...layer };
    expect(locationOf(copy)).toBeUndefined();
    shareLocation(layer, copy);
    expect(locationOf(copy)).toEqual({ file: 'net.m', line: 3, column: 2 });
    expect(locationOf({})).toBeUndefined();
  });

  it('work for frozen objects', () => {
    const f = Object.freeze({ a: 1 });
    setLocation(f, { file: 'x.m', line: 1 });
    expect(locationOf(f)).toEqual({ file: 'x.m', line: 1 });
    const g = Object.freeze({ a: 2 });
    shareLocation(f, g);
    expect(locationOf(g)).toEqual({ file: 'x.m', line: 1 });
  });

  it('point parsed layers and directives at their lines', () => {
    const net = parseMapping('Network n {\nLayer C1 {\nType: CONV\nDimensions { K: 4, C: 4, R: 1, S: 1, Y: 8, X: 8 }\nDataflow {\n  SpatialMap(1,1) K;\n  TemporalMap(1,1) C;\n}\n}\n}\n', 'net.m');
    const layer = net.layers[0]!;
    expect(locationOf(layer)).toMatchObject({ file: 'net.m', line: 2 });
    expect(locationOf(layer.dataflow.directives[1]!)).toMatchObject({ file: 'net.m', line: 7 });
  });
});
