/** `codesign search` (placeholder, being implemented). */
import type { Command } from 'commander';

/** Register the `search` command on the program. */
export function registerSearchCommand(program: Command): void {
  program.command('search').description('(not yet implemented)');
}
