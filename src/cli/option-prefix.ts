/**
 * Long-option abbreviations the way MAESTRO's command line (boost program_options, whose default
 * style guesses) takes them: `--noc_bw=50` is `--noc_bw_cstr=50`, `--l1_size` is `--l1_size_cstr`,
 * `--Mapping` is `--Mapping_file`, because each is the start of exactly one option's name. MAESTRO's
 * own run scripts rely on this. A start shared by several options is an error (`--noc_hop`: hops or
 * hop latency?); a name that starts no option is left for commander to report as unknown.
 */
import type { Command } from 'commander';
import { UserError } from '../errors.js';

/**
 * `args` (a command's arguments, after its name) with every abbreviated long option of `cmd`
 * written out. Option values are left alone (the token after an option that takes a value, unless
 * given as `--name=value`), and so is everything after `--`.
 */
export function expandOptionPrefixes(cmd: Command, args: readonly string[]): string[] {
  const options = cmd.options.filter((o) => o.long !== undefined);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (!a.startsWith('--')) {
      out.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    let option = options.find((o) => o.long === name);
    if (!option) {
      const candidates = options.filter((o) => o.long!.startsWith(name));
      if (candidates.length > 1) {
        throw new UserError(`ambiguous option: it is the start of ${candidates.map((o) => o.long).join(', ')}`, { field: name });
      }
      option = candidates[0];
    }
    out.push(option ? option.long! + (eq < 0 ? '' : a.slice(eq)) : a);
    // The value of `--name value` is the next token, whatever it looks like.
    if (option && eq < 0 && option.required && i + 1 < args.length) out.push(args[++i]!);
  }
  return out;
}
