/**
 * The cost model reads its .wasm through process.getBuiltinModule (Node >= 20.16): on an older
 * Node (simulated by hiding it) loading says so in one line, instead of taking Node for a browser
 * and failing in fetch.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CostModel } from '../../src/model/costmodel.js';
import { UserError } from '../../src/errors.js';

const p = process as unknown as { getBuiltinModule?: unknown };
const saved = p.getBuiltinModule;
afterEach(() => {
  p.getBuiltinModule = saved;
});

describe('Node version', () => {
  it('package.json engines says >= 20.16, and an older Node gets one clear error', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=20.16');
    p.getBuiltinModule = undefined;
    expect(() => CostModel.loadSync()).toThrow(new UserError(`codesign needs Node.js 20.16 or newer (package.json "engines"); this is ${process.version}`));
    await expect(CostModel.load()).rejects.toThrow(/codesign needs Node\.js 20\.16 or newer/);
  });
});
