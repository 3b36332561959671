/** Standard output of the `codesign` process. */

let installed = false;

/**
 * Let a closed standard output (`codesign ... | head`) end the output quietly instead of crashing
 * the process with an unhandled EPIPE: what is written after the reader left is dropped. Another
 * write error is one line on stderr and exit code 1. Installed once per process.
 */
export function tolerateClosedStdout(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    process.stderr.write(`codesign: cannot write to stdout (${e.code ?? e.message})\n`);
    process.exitCode = 1;
  });
}
