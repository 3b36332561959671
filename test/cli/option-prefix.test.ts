/** MAESTRO-style long-option abbreviations (src/cli/option-prefix.ts), worked by hand. */
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { expandOptionPrefixes } from '../../src/cli/option-prefix.js';

const cmd = new Command('x').option('--noc_bw_cstr <n>').option('--noc_hops <n>').option('--noc_hop_latency <n>').option('--out <file>').option('--overwrite');

describe('expandOptionPrefixes', () => {
  it('writes out unique starts, with or without =value', () => {
    expect(expandOptionPrefixes(cmd, ['--noc_bw=5', '--noc_hop_l', '2', '--overw'])).toEqual(['--noc_bw_cstr=5', '--noc_hop_latency', '2', '--overwrite']);
  });
  it('leaves exact names, values, unknown names and everything after -- alone', () => {
    expect(expandOptionPrefixes(cmd, ['--noc_hops', '--noc_b', '--out', '--ov', 'pos', '--zz', '--', '--noc_b'])).toEqual([
      '--noc_hops', '--noc_b', // the value of --noc_hops, whatever it looks like
      '--out', '--ov', // likewise
      'pos', '--zz', '--', '--noc_b',
    ]);
  });
  it('an exact name wins over longer names it starts; a shared start is an error', () => {
    expect(expandOptionPrefixes(cmd, ['--noc_hops=1'])).toEqual(['--noc_hops=1']);
    expect(() => expandOptionPrefixes(cmd, ['--noc_hop=1'])).toThrow('ambiguous option: it is the start of --noc_hops, --noc_hop_latency');
    expect(() => expandOptionPrefixes(cmd, ['--o', 'x'])).toThrow('ambiguous option: it is the start of --out, --overwrite');
  });
});
