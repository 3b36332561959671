/**
 * The browser entry (src/browser.ts): bundled for the browser with nothing from Node in its
 * import graph (esbuild fails on any `node:` import), and it gives what a web page needs to
 * evaluate a model file: the built-in dataflows too.
 */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import path from 'node:path';
import * as browser from '../../src/browser.js';

describe('browser entry', () => {
  it('bundles for the browser with no Node built-in in its import graph', async () => {
    const r = await build({
      entryPoints: [path.resolve(import.meta.dirname, '../../src/browser.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(r.errors).toEqual([]);
    expect(r.outputFiles[0]!.text).not.toMatch(/from ["']node:/);
  });

  it('exports the built-in dataflows (a model file + a dataflow name is a mapping)', () => {
    expect(browser.BUILTIN_DATAFLOW_NAMES).toEqual(['kcp_ws', 'rs', 'xp_ws', 'ykp_os', 'dpt', 'nmk']);
    const net = browser.applyDataflow(
      browser.parseModel('Network n {\n Layer L {\n Type: CONV\n Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 56, X: 56 }\n }\n}\n', 'n.m'),
      browser.builtinDataflow('kcp_ws'),
    );
    expect(net.layers[0]!.dataflow.directives.length).toBe(12);
    expect(browser.isBuiltinDataflow('rs')).toBe(true);
  });
});
