#!/usr/bin/env node
/**
 * `codesign` command-line entry point. Each command lives in its own module and registers itself
 * on the commander program; this file only wires them and maps errors to exit codes.
 */
import { Command, CommanderError } from 'commander';
import { registerMaestroCommand } from './maestro.js';
import { registerEvaluateCommand } from './evaluate.js';
import { registerSearchCommand } from './search.js';
import { UserError } from '../errors.js';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Build the `codesign` program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('codesign')
    .description('Fast, exact HW/SW co-design of neural accelerators (MAESTRO-exact cost model in Wasm).')
    .showHelpAfterError(false) // usage errors stay ONE line (exit 2); `codesign <command> --help` shows usage
    .exitOverride();
  registerMaestroCommand(program);
  registerEvaluateCommand(program);
  registerSearchCommand(program);
  return program;
}

/** Run the CLI with `argv` (as process.argv); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  process.exitCode = undefined; // commands set it; do not inherit a previous run's (tests call main() repeatedly)
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander already printed the message (help, version, usage error).
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UserError) {
      process.stderr.write(`codesign: ${err.message}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(`codesign: internal error: ${e && e.stack ? e.stack : String(err)}\n`);
    return 1;
  }
}

/** True when this module is the process entry point (also through npm's bin symlink). */
function isMain(): boolean {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}
if (isMain()) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
