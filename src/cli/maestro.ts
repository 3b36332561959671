/** `codesign maestro` (placeholder, being implemented). */
import type { Command } from 'commander';

/** Register the `maestro` command on the program. */
export function registerMaestroCommand(program: Command): void {
  program.command('maestro').description('(not yet implemented)');
}
