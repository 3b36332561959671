#!/usr/bin/env node
/**
 * `codesign` command-line entry point. Each command lives in its own module and registers itself
 * on the commander program; this file only wires them and maps errors to exit codes.
 */
import { Command, CommanderError } from 'commander';
import { oneLine, UserError } from '../errors.js';
import { expandOptionPrefixes } from './option-prefix.js';
import { resetStdoutFailure, stdoutFailure, stdoutReaderGone, tolerateClosedStdout } from './stdout.js';
import { packageVersion } from '../package-root.js';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Registers one command on the program. */
type Register = (program: Command) => void;

/**
 * The commands, each loaded on demand: `codesign maestro` then loads only the parser, the model
 * and the CSV writer, not the search and its worker pool (start-up time of one-shot runs).
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  maestro: async () => (await import('./maestro.js')).registerMaestroCommand,
  evaluate: async () => (await import('./evaluate.js')).registerEvaluateCommand,
  search: async () => (await import('./search.js')).registerSearchCommand,
};

/**
 * Build the `codesign` program (exported for tests). With `argv` naming a command, only that
 * command is registered; for `--version` alone none; otherwise (help, no command, an unknown one)
 * all of them are.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command();
  program
    .name('codesign')
    .description('Fast, exact HW/SW co-design of neural accelerators (MAESTRO-exact cost model in Wasm).')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError(false) // usage errors stay ONE line (exit 2); `codesign <command> --help` shows usage
    // commander's own usage errors ("error: unknown option ...") in the style of every other error
    // (and its suggestion on the same line: "(Did you mean --space?)" was a second line)
    .configureOutput({ outputError: (str, write) => write(str.replace(/^error: /, 'codesign: ').replace(/\n\(Did you mean (.*)\?\)\n$/, ' (did you mean $1?)\n')) })
    .exitOverride();
  const named = argv[2];
  const wanted =
    named !== undefined && Object.hasOwn(COMMANDS, named)
      ? [named]
      : argv.length === 3 && (named === '-V' || named === '--version')
        ? [] // the version alone needs no command module
        : Object.keys(COMMANDS);
  for (const name of wanted) (await COMMANDS[name]!())(program);
  return program;
}

/** Run the CLI with `argv` (as process.argv); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  process.exitCode = undefined; // commands set it; do not inherit a previous run's (tests call main() repeatedly)
  resetStdoutFailure();
  try {
    argv = abbreviationsWrittenOut(program, argv);
    checkRepeatedFlags(argv);
    await program.parseAsync(argv);
    // (a command that set 0 after its output to stdout failed, e.g. on a full disk, still fails)
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    return code !== 0 ? code : stdoutFailure();
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander already printed the message (help, version, usage error).
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UserError) {
      process.stderr.write(`codesign: ${oneLine(err.message)}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(`codesign: internal error: ${e && e.stack ? e.stack : String(err)}\n`);
    return 1;
  }
}

/**
 * `codesign maestro` takes MAESTRO's abbreviated long options (`--noc_bw` for `--noc_bw_cstr`,
 * src/cli/option-prefix.ts): written out here, before the flags are checked and parsed.
 */
function abbreviationsWrittenOut(program: Command, argv: string[]): string[] {
  const cmd = argv[2] === 'maestro' ? program.commands.find((c) => c.name() === 'maestro') : undefined;
  return cmd ? [...argv.slice(0, 3), ...expandOptionPrefixes(cmd, argv.slice(3))] : argv;
}

/**
 * `maestro` and `evaluate` take every flag at most once: commander would silently keep the last
 * of `--HW_file a.m --HW_file b.m`, which hides a mistake. (`search` has its own rules.)
 */
function checkRepeatedFlags(argv: string[]): void {
  const cmd = argv[2];
  if (cmd !== 'maestro' && cmd !== 'evaluate') return;
  const seen = new Set<string>();
  for (const a of argv.slice(3)) {
    if (a === '--') break;
    const m = /^(--[A-Za-z][\w-]*)(=|$)/.exec(a);
    if (!m) continue;
    if (seen.has(m[1])) throw new UserError('given more than once (each flag at most once)', { field: m[1] });
    seen.add(m[1]);
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
  tolerateClosedStdout();
  // A command whose work waits on a promise nothing will settle ends when the event loop empties:
  // never silently with exit 0.
  // (The first time the loop empties, a command's own handler may still act on it, e.g. search's
  // for an --evaluator module that never answers: judged the second time.)
  let finished = false;
  const stopped = () => {
    if (finished || stdoutReaderGone()) return; // (`| head`: the output's end was dropped, quietly)
    process.stderr.write('codesign: internal error: the command stopped before it finished (it waited on something that never happens)\n');
    process.exitCode = 1;
  };
  process.once('beforeExit', () => {
    if (!finished) setImmediate(() => process.once('beforeExit', stopped));
  });
  main(process.argv).then((code) => {
    finished = true;
    process.exitCode = code;
  });
}
