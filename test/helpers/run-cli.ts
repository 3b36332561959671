/**
 * Run the `codesign` CLI in-process (through `main()` of src/cli/main.ts) with stdout and stderr
 * captured: the one way every CLI test invokes a command without spawning a process.
 */
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

/** What a CLI run gave: exit code and the captured output. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Run `codesign ...args`; restores the streams and `process.exitCode` afterwards. `onStdout` sees
 * each write to stdout after it is captured (e.g. to send a signal at that point of the run).
 */
export async function runCli(args: readonly string[], onStdout?: (s: string) => void): Promise<CliRun> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    onStdout?.(String(s));
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await main(['node', 'codesign', ...args]);
    return { code, out, err };
  } finally {
    process.exitCode = 0;
    o.mockRestore();
    e.mockRestore();
  }
}
