/**
 * Numeric `codesign search` flags take decimal numbers only: `Number()`'s other forms (hex, binary,
 * empty) are one-line errors, never a silently different value.
 */
import { describe, expect, it } from 'vitest';
import { decimalNumber } from '../../src/cli/numbers.js';
import { runCli } from '../helpers/run-cli.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const tmp = mkdtempSync(path.join(tmpdir(), 'numflags-'));
/** `<tmp>/<dir>/hw.m` with `pes` PEs: hardware files of one name (id `hw`) in two folders. */
function hwFile(dir: string, pes: number): string {
  mkdirSync(path.join(tmp, dir), { recursive: true });
  const f = path.join(tmp, dir, 'hw.m');
  writeFileSync(f, `num_pes: ${pes}\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 400\noffchip_bw_cstr: 250\n`);
  return f;
}

describe('decimal numbers', () => {
  it('accepts decimal forms, refuses the rest', () => {
    for (const [t, v] of [['70', 70], [' 69.5 ', 69.5], ['-1', -1], ['+2', 2], ['.5', 0.5], ['5.', 5], ['1e-3', 0.001], ['2.5E3', 2500]] as const)
      expect(decimalNumber(t)).toBe(v);
    for (const t of ['', ' ', '0x46', '0b1', '0o7', '1_000', 'Infinity', 'NaN', '1e999', '70%', '1,5', 'e3', '.', '1e-400', '-2.5e-999'])
      expect(decimalNumber(t)).toBeUndefined(); // (1e-400 was silently 0)
    for (const t of ['0', '0.0', '0e5', '-0']) expect(decimalNumber(t)).toBe(Number(t));
  });
  it('a stray comma in --dataflows is an error, as in --proxy and --thresholds (it was dropped)', async () => {
    const { parseDataflows } = await import('../../src/accelerators/accelerators.js');
    expect(() => parseDataflows('rs,')).toThrow("--dataflows: an empty item in 'rs,' (a stray comma?)");
    expect(() => parseDataflows('rs,,kcp_ws')).toThrow("--dataflows: an empty item in 'rs,,kcp_ws' (a stray comma?)");
    expect(parseDataflows(' rs , kcp_ws ')).toEqual(['rs', 'kcp_ws']);
  });
});

describe('search: numeric flags', () => {
  const base = ['search', '--space', 'alphanet', '--ids', '0-9', '--accelerators', 'random:1:1', '--workers', '0', '--no-summary', '--no-progress'];
  const cases: [string[], string][] = [
    [['--thresholds', '0x46'], "codesign: --thresholds: expected pareto, all or comma-separated numbers, got '0x46'\n"],
    [['--thresholds', '70,,71'], "codesign: --thresholds: expected pareto, all or comma-separated numbers, got '70,,71'\n"],
    [['--latency-cap', '0x10'], "codesign: --latency-cap: expected a positive number, got '0x10'\n"],
    [['--energy-cap', ' '], "codesign: --energy-cap: expected a positive number, got ' '\n"],
    [['--tolerance', '0b1'], "codesign: --tolerance: expected a number >= 0, got '0b1'\n"],
    [['--top-k', '1.5'], "codesign: --top-k: expected a positive integer, got '1.5'\n"],
    [['--latency-cap', '1e-400'], "codesign: --latency-cap: expected a positive number, got '1e-400' (below a double's smallest value: it would read as 0)\n"],
    [['--tolerance', '1e999'], "codesign: --tolerance: expected a number >= 0, got '1e999' (beyond a double's range)\n"],
    [['--thresholds', '70,1e-999'], "codesign: --thresholds: expected pareto, all or comma-separated numbers, got '70,1e-999' (below a double's smallest value: it would read as 0)\n"],
    [['--chunk', '0x20'], "codesign: --chunk: expected a positive number, got '0x20'\n"],
    [['--proxy', 'default,default'], 'codesign: --proxy: the same proxy accelerator is listed twice\n'],
    [['--proxy', 'default/rs,256:100:3000:1000:50/rs'], 'codesign: --proxy: the same proxy accelerator is listed twice\n'],
    [['--proxy', `${hwFile('p1', 64)},${hwFile('p2', 128)}`], "codesign: --proxy: two proxies with other hardware share the id 'hw' (ids name the configurations in the results): rename one\n"],
  ];
  for (const [args, err] of cases) {
    it(args.join(' '), async () => {
      const r = await runCli([...base, ...args]);
      expect([r.code, r.err]).toEqual([2, err]);
    });
  }
});
