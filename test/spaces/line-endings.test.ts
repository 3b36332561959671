/**
 * Every line-based input reads LF, CRLF and lone-CR (old Mac) files alike, as the `.m` lexer
 * does: a `//` comment in a space file ends at a lone CR (it ran to the end of the file and the
 * file was "a model file with a Dataflow block" or "not a space file"), a hardware CSV's rows
 * split at it (the header's last column was `offchip_bw\rh1`), a quality CSV's too.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readNetworksFile } from '../../src/spaces/space-file.js';
import { parseHardwareText } from '../../src/accelerators/hwfile.js';
import { loadSearchSpace, resolveQuality } from '../../src/search/spaces.js';
import { splitLines } from '../../src/parse/lines.js';

const dir = mkdtempSync(path.join(tmpdir(), 'eol-'));
const put = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const ENDINGS: Array<[string, string]> = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['CR', '\r'],
];
const lines = (ls: string[], eol: string) => ls.join(eol) + eol;

describe('line endings', () => {
  it('splitLines: LF, CRLF and a lone CR each end a line', () => {
    expect(splitLines('a\nb\r\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('a\r\r\nb')).toEqual(['a', '', 'b']);
  });

  it.each(ENDINGS)('%s: a model file and a mapping file with comments', (_, eol) => {
    const model = ['// a comment first', 'Network n {', '// another', 'Layer A {', 'Type: CONV', 'Dimensions { K: 16, C: 8, R: 3, S: 3, Y: 16, X: 16 }', '}', '}'];
    const s = readNetworksFile(put(`m${eol.length}${eol.charCodeAt(0)}.m`, lines(model, eol)));
    expect([s.size, s.label!(0), s.layers(0)[0]!.dims]).toEqual([1, 'n', { K: 16, C: 8, R: 3, S: 3, Y: 16, X: 16 }]);
    expect(s.mapping).toBeUndefined();
    const mapping = [...model.slice(0, 6), 'Dataflow { // kcp_ws-like', 'SpatialMap(1,1) K;', 'TemporalMap(8,8) C;', 'TemporalMap(Sz(R),1) Y;', 'TemporalMap(Sz(S),1) X;', 'TemporalMap(Sz(R),Sz(R)) R;', 'TemporalMap(Sz(S),Sz(S)) S;', '}', '}', '}'];
    const m = readNetworksFile(put(`d${eol.length}${eol.charCodeAt(0)}.m`, lines(mapping, eol)));
    expect(m.mapping).toBeDefined();
    expect(m.layers(0)[0]!.dims.K).toBe(16);
  });

  it.each(ENDINGS)('%s: a hardware CSV', (_, eol) => {
    const hw = parseHardwareText(lines(['id,num_pes,l1_size,l2_size,noc_bw,offchip_bw', 'h1,256,100,3000,1000,50', 'h2,64,100,3000,500,50'], eol), 'hw.csv');
    expect(hw).toEqual([
      { id: 'h1', numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 },
      { id: 'h2', numPes: 64, l1Size: 100, l2Size: 3000, nocBw: 500, offchipBw: 50 },
    ]);
  });

  it.each(ENDINGS)('%s: a quality CSV', (_, eol) => {
    const conv = (K: number) => ({ type: 'CONV', dims: { K, C: 3, R: 3, S: 3, Y: 18, X: 18 } });
    const space = loadSearchSpace(put('s.json', JSON.stringify({ architectures: [{ layers: [conv(8)] }, { layers: [conv(16)] }] })));
    const q = resolveQuality(put(`q${eol.length}${eol.charCodeAt(0)}.csv`, lines(['id,quality', '0,0.5', '1,0.25'], eol)), space, [0, 1]);
    expect(Array.from(q.values)).toEqual([0.5, 0.25]);
  });
});
