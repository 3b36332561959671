/** Standard output of the `codesign` process. */

let installed = false;
let readerGone = false;
/** Exit code a failed write to standard output calls for (0: none failed). */
let failure = 0;

/** True once the reader of standard output left (`| head`): what the command still writes is dropped. */
export function stdoutReaderGone(): boolean {
  return readerGone;
}

/**
 * The exit code a failed write to standard output calls for: 2 for a full disk, 1 for another
 * error, 0 when none failed (a reader that left, `| head`, is no failure). A command that ends
 * with exit 0 ends with this instead (the error can come while the command still runs, before it
 * sets its own code).
 */
export function stdoutFailure(): number {
  return failure;
}

/** Forget an earlier failure (main() runs once per command; tests run it many times in one process). */
export function resetStdoutFailure(): void {
  failure = 0;
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
    failure = e.code === 'ENOSPC' ? 2 : 1; // (a full disk is exit 2, as for an output file)
    process.exitCode = failure;
  });
}
