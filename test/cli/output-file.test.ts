/**
 * Output files are written safely (src/cli/output-file.ts): a replaced file changes only once
 * complete (temporary file renamed over it), an append that does not finish is truncated back,
 * and the interruptible writer stops at SIGINT / SIGTERM between chunks with the file as it was.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { openOutputFile, writeFileInChunks, writeFileInChunksInterruptible } from '../../src/cli/output-file.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'codesign-out-'));
});

/** A producer writing `n` chunks `c0 c1 ...`, throwing after `failAfter` of them. */
const chunks = (n: number, failAfter = Infinity) => (write: (c: string) => void) => {
  for (let i = 0; i < n; i++) {
    if (i === failAfter) throw new Error('disk on fire');
    write(`c${i} `);
  }
};

describe('writeFileInChunks (replace)', () => {
  it('replaces the file once complete, keeping its permissions; no temporary file is left', () => {
    const f = path.join(dir, 'out.csv');
    writeFileSync(f, 'old content\n');
    chmodSync(f, 0o640);
    writeFileInChunks(f, 'w', chunks(3));
    expect(readFileSync(f, 'utf8')).toBe('c0 c1 c2 ');
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it("clears the temporary files a killed write of the same file left (their process is gone), not a live one's", () => {
    const f = path.join(dir, 'out.csv');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(path.join(dir, `.out.csv.${dead}.1.tmp`), 'partial');
    writeFileSync(path.join(dir, `.out.csv.${process.pid}.999.tmp`), 'in use'); // this (live) process's
    writeFileSync(path.join(dir, `.other.csv.${dead}.1.tmp`), 'another file'); // not this target's
    writeFileInChunks(f, 'w', chunks(2));
    expect(readdirSync(dir).sort()).toEqual([`.other.csv.${dead}.1.tmp`, `.out.csv.${process.pid}.999.tmp`, 'out.csv'].sort());
  });

  it('a producer that throws half-way leaves the old file as it was (and a new file absent)', () => {
    const f = path.join(dir, 'out.csv');
    writeFileSync(f, 'old content\n');
    expect(() => writeFileInChunks(f, 'w', chunks(5, 2))).toThrow('disk on fire');
    expect(readFileSync(f, 'utf8')).toBe('old content\n');
    const g = path.join(dir, 'new.csv');
    expect(() => writeFileInChunks(g, 'w', chunks(5, 2))).toThrow('disk on fire');
    expect(existsSync(g)).toBe(false);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('through a symbolic link: the link stays, its target is replaced', () => {
    const target = path.join(dir, 'real.csv');
    const link = path.join(dir, 'link.csv');
    writeFileSync(target, 'old\n');
    symlinkSync(target, link);
    writeFileInChunks(link, 'w', chunks(2));
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('c0 c1 ');
    expect(readdirSync(dir).sort()).toEqual(['link.csv', 'real.csv']);
  });

  it('not a regular file (/dev/null): written in place; errors are thrown as before', () => {
    expect(() => writeFileInChunks('/dev/null', 'w', chunks(2))).not.toThrow();
    expect(() => writeFileInChunks(path.join(dir, 'missing', 'x.csv'), 'w', chunks(1))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => writeFileInChunks(dir, 'w', chunks(1))).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });
});

describe('writeFileInChunks (append)', () => {
  it('appends; a producer that throws half-way truncates the file back to its size before', () => {
    const f = path.join(dir, 'out.csv');
    writeFileSync(f, 'header\nrow\n');
    writeFileInChunks(f, 'a', chunks(2));
    expect(readFileSync(f, 'utf8')).toBe('header\nrow\nc0 c1 ');
    expect(() => writeFileInChunks(f, 'a', chunks(5, 3))).toThrow('disk on fire');
    expect(readFileSync(f, 'utf8')).toBe('header\nrow\nc0 c1 ');
  });
});

describe('openOutputFile', () => {
  it('abort says whether the file was left as it was', () => {
    const f = path.join(dir, 'out.csv');
    writeFileSync(f, 'keep\n');
    const w = openOutputFile(f, 'w');
    w.write('partial');
    expect(w.abort()).toBe(true);
    const a = openOutputFile(f, 'a');
    a.write('partial');
    expect(a.abort()).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe('keep\n');
    expect(openOutputFile('/dev/null', 'w').abort()).toBe(false); // written in place: nothing to undo
  });
});

describe('writeFileInChunksInterruptible', () => {
  /** Chunks `c0 ..` of which the `at`-th sends `signal` to the process (as Ctrl-C would). */
  function* signalling(n: number, at: number, signal: NodeJS.Signals): Generator<string> {
    for (let i = 0; i < n; i++) {
      if (i === at) process.emit(signal, signal);
      yield `c${i} `;
    }
  }
  const listeners = () => [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];

  it('completes without a signal; catches signals only while writing', async () => {
    const before = listeners();
    const f = path.join(dir, 'out.csv');
    expect(await writeFileInChunksInterruptible(f, 'w', signalling(4, -1, 'SIGINT'))).toEqual({ interrupted: false });
    expect(readFileSync(f, 'utf8')).toBe('c0 c1 c2 c3 ');
    expect(listeners()).toEqual(before);
  });

  it('SIGINT during a replacement: stops, the old file as it was, no temporary file', async () => {
    const f = path.join(dir, 'out.csv');
    writeFileSync(f, 'old\n');
    expect(await writeFileInChunksInterruptible(f, 'w', signalling(10, 3, 'SIGINT'))).toEqual({ interrupted: true, signal: 'SIGINT', restored: true });
    expect(readFileSync(f, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
    const g = path.join(dir, 'new.csv');
    expect((await writeFileInChunksInterruptible(g, 'w', signalling(10, 1, 'SIGTERM'))).interrupted).toBe(true);
    expect(existsSync(g)).toBe(false);
  });

  it('SIGTERM during an append: the appended chunks are taken back', async () => {
    const before = listeners();
    const f = path.join(dir, 'out.csv');
    writeFileSync(f, 'header\nrow\n');
    expect(await writeFileInChunksInterruptible(f, 'a', signalling(10, 4, 'SIGTERM'))).toEqual({ interrupted: true, signal: 'SIGTERM', restored: true });
    expect(readFileSync(f, 'utf8')).toBe('header\nrow\n');
    expect(listeners()).toEqual(before);
  });

  it('a signal during the last chunk still counts: nothing is committed', async () => {
    const f = path.join(dir, 'out.csv');
    writeFileSync(f, 'old\n');
    expect((await writeFileInChunksInterruptible(f, 'a', signalling(3, 2, 'SIGINT'))).interrupted).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe('old\n');
  });
});
