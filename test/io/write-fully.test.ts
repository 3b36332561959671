/** writeFully (src/write-fully.ts): a write that stores fewer bytes than asked is continued; one that stores nothing is ENOSPC. */
import { describe, expect, it, vi } from 'vitest';

const stored: Buffer[] = [];
let budget = Infinity; // bytes the "disk" still takes
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    writeSync: (_fd: number, buf: Buffer, off: number, len: number) => {
      const n = Math.min(len, 3, budget); // at most 3 bytes a call, like a disk filling up
      budget -= n;
      stored.push(Buffer.from(buf.subarray(off, off + n)));
      return n;
    },
  };
});
const { writeFully } = await import('../../src/write-fully.js');

describe('writeFully', () => {
  it('writes every byte of a text through partial writes', () => {
    stored.length = 0;
    budget = Infinity;
    writeFully(99, 'héllo, wörld\n');
    expect(Buffer.concat(stored).toString('utf8')).toBe('héllo, wörld\n');
    expect(stored.length).toBeGreaterThan(4);
  });
  it('a disk that takes nothing more: ENOSPC, never a silent short file', () => {
    stored.length = 0;
    budget = 5;
    expect(() => writeFully(99, 'abcdefghij')).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    expect(Buffer.concat(stored).toString()).toBe('abcde');
  });
});
