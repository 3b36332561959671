import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILTIN_DATAFLOW_NAMES, builtinDataflow, dataflowKey } from '../../src/dataflows/builtin.js';
import { resolveDataflowSpec } from '../../src/dataflows/resolve.js';
import { parseDataflow } from '../../src/parse/index.js';
import { UserError } from '../../src/errors.js';

const shared = path.resolve(import.meta.dirname, '../..', '../shared');
const spec = JSON.parse(readFileSync(path.join(shared, 'oracle/spec-public.json'), 'utf8'));

const strip = (d: object) => JSON.parse(JSON.stringify(d));

describe('built-in dataflows', () => {
  for (const name of BUILTIN_DATAFLOW_NAMES) {
    it(`${name} equals the oracle text`, () => {
      const parsed = parseDataflow(spec.dataflows[name], `${name}.m`);
      expect(strip(builtinDataflow(name).directives)).toEqual(strip(parsed.directives));
      expect(dataflowKey(builtinDataflow(name))).toBe(dataflowKey(parsed));
    });
  }

  it('resolves names and files, rejects others with one line', () => {
    expect(resolveDataflowSpec('rs').name).toBe('rs');
    const dir = mkdtempSync(path.join(tmpdir(), 'h3df-'));
    const f = path.join(dir, 'mine.m');
    writeFileSync(f, spec.dataflows.kcp_ws);
    const df = resolveDataflowSpec(f);
    expect(df.name).toBe('mine');
    expect(dataflowKey(df)).toBe(dataflowKey(builtinDataflow('kcp_ws')));
    expect(() => resolveDataflowSpec('nope')).toThrow(UserError);
    expect(() => resolveDataflowSpec('nope')).toThrow(/--dataflow: 'nope' is neither a built-in dataflow/);
  });
});
