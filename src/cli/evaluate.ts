/** `codesign evaluate` (placeholder, being implemented). */
import type { Command } from 'commander';

/** Register the `evaluate` command on the program. */
export function registerEvaluateCommand(program: Command): void {
  program.command('evaluate').description('(not yet implemented)');
}
