/** Standard output of the `codesign` process. */

let installed = false;
let readerGone = false;

/** True once the reader of standard output left (`| head`): what the command still writes is dropped. */
export function stdoutReaderGone(): boolean {
  return readerGone;
}

/**
 * Let a closed standard output (`codesign ... | head`) end the output quietly instead of crashing
 * the process with an unhandled EPIPE: what is written after the reader left is dropped. Another
 * write error is one line on stderr and exit code 2 for a full disk, else 1. Installed once per process.
 */
export function tolerateClosedStdout(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      readerGone = true;
      return;
    }
    process.stderr.write(`codesign: cannot write to stdout (${e.code === 'ENOSPC' ? 'no space left on the device' : (e.code ?? e.message)})\n`);
    process.exitCode = e.code === 'ENOSPC' ? 2 : 1; // (a full disk is exit 2, as for an output file)
  });
}
