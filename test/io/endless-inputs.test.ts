/**
 * Inputs that are not regular files (a device, a pipe) have no size to check before reading: they
 * are read up to the input limit (64 MiB), then refused; a checkpoint must be a regular file.
 * (`/dev/zero` was read until memory ran out, and `--checkpoint /dev/zero` made `/dev/zero.lock`.)
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readInputFile } from '../../src/parse/load.js';
import { Checkpoint } from '../../src/search/checkpoint.js';

describe.skipIf(!existsSync('/dev/zero'))('endless inputs', () => {
  it('a device is read up to the limit, then refused in one line', () => {
    expect(() => readInputFile('/dev/zero')).toThrow(/^\/dev\/zero: input is too large \(over 67108864 bytes read from a pipe or device\)$/);
  });
  it('a checkpoint that is a device is refused before its lock is made', () => {
    expect(() => Checkpoint.open('/dev/zero', { space: 'x' })).toThrow(/^\/dev\/zero: --checkpoint: the checkpoint must be a regular file/);
    expect(existsSync('/dev/zero.lock')).toBe(false);
  });
});
