/**
 * The cost model's per-level limit (MAX_LEVEL_DIRECTIVES = 24 directives in one cluster level):
 * a level's own directives beyond it are a parse error at the 25th (text and JSON); with the
 * directives a level inherits from the level above, the layer is rejected with a message that
 * says so (it used to be the generic "too many directives, cluster levels or iteration cases").
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_LEVEL_DIRECTIVES } from '../../src/parse/limits.js';
import { parseMapping, parseMappingJson } from '../../src/parse/index.js';
import { runCli } from '../helpers/run-cli.js';

const layer = (dataflow: string[]) =>
  `Network n {\n Layer L {\n Type: CONV\n Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 10, X: 10 }\n Dataflow {\n${dataflow.map((d) => `  ${d}\n`).join('')} }\n }\n}\n`;
const KCP = ['SpatialMap(1,1) K;', 'TemporalMap(64,64) C;', 'TemporalMap(Sz(R),Sz(R)) R;', 'TemporalMap(Sz(S),Sz(S)) S;', 'TemporalMap(Sz(R),1) Y;', 'TemporalMap(Sz(S),1) X;'];

describe('directives per cluster level', () => {
  it('is 24', () => expect(MAX_LEVEL_DIRECTIVES).toBe(24));

  it('25 own directives in one level: a parse error at the 25th (text and JSON); 24 parse', () => {
    const many = (n: number) => [...KCP, ...Array.from({ length: n - KCP.length }, () => 'TemporalMap(1,1) K;')];
    expect(() => parseMapping(layer(many(24)), 'ok.m')).not.toThrow();
    expect(() => parseMapping(layer(many(25)), 'n.m')).toThrow(
      'n.m:30:3: Layer L.Dataflow.TemporalMap: too many directives in one cluster level: at most 24 between Cluster directives (the cost model\'s limit per level)',
    );
    // A Cluster directive starts a new level: 20 + Cluster + 20 is fine.
    expect(() => parseMapping(layer([...many(20), 'Cluster(8, P);', ...many(20)]), 'two.m')).not.toThrow();
    const d = (k: string) => ({ kind: 'TemporalMap', size: 1, offset: 1, dim: k });
    const json = JSON.stringify({ name: 'n', layers: [{ name: 'L', type: 'CONV', dims: { K: 64, C: 64, R: 3, S: 3, Y: 10, X: 10 }, dataflow: { directives: [{ kind: 'SpatialMap', size: 1, offset: 1, dim: 'K' }, ...Array.from({ length: 24 }, () => d('K'))] } }] });
    expect(() => parseMappingJson(json, 'n.json')).toThrow(/n\.json:1:\d+: layers\[0\]\.dataflow\.directives\[24\]: too many directives in one cluster level: at most 24/);
  });

  it('a level over the limit with its inherited directives: the layer is rejected, saying why', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lvl-'));
    // Level 1 maps only K (20 times) and inherits C, R, S, Y, X from level 0: 25 directives.
    const f = path.join(dir, 'inh.m');
    writeFileSync(f, layer([...KCP, 'Cluster(8, P);', 'SpatialMap(1,1) K;', ...Array.from({ length: 19 }, () => 'TemporalMap(1,1) K;')]));
    const r = await runCli(['maestro', '--Mapping_file', f, '--num_pes', '256', '--out', path.join(dir, 'o.csv')]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/layer L: a cluster level has more than 24 directives, counting those it inherits from the level above/);
  });
});
