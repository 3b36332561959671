/** Command-line options of `npm run bench`. */

/** Options of one benchmark run. */
export interface BenchOptions {
  /** Short run (about a minute, without the build): fewer samples and smaller sweeps. `--quick` or `BENCH_QUICK=1`. */
  quick: boolean;
  /** `--help` / `-h`: print the usage and run nothing. */
  help?: boolean;
  /** Only run the sections whose id is listed (`--only a,c`); all when empty. */
  only: string[];
  /**
   * Where the JSON results go (`--out FILE`); default `bench/results.json` for a full run of all
   * sections, `bench/results-partial.json` for a quick or `--only` run (it never replaces the
   * full run's file unless asked to).
   */
  out: string;
  /** MAESTRO binary for the side-by-side section (env `MAESTRO_BIN`). */
  maestroBin?: string;
}

/** What `--help` prints (`sections`: `id. title` lines). */
export function benchUsage(sections: readonly string[]): string {
  return [
    'usage: npm run bench [-- OPTIONS]   (or node dist/bench/run.js OPTIONS after npm run build)',
    '  --quick          short run (about a minute; also BENCH_QUICK=1): targets not judged',
    '  --full           full run (the default)',
    '  --only IDS       some sections only, comma-separated ids',
    `  --out FILE       results JSON (default ${FULL_RESULTS}; quick / --only runs: ${PARTIAL_RESULTS})`,
    '  -h, --help       this text',
    'environment: MAESTRO_BIN=/path/to/maestro adds section d (side by side with the MAESTRO binary)',
    'sections:',
    ...sections.map((s) => `  ${s}`),
    'details: bench/README.md',
  ].join('\n');
}

/** Default results file of a full run of all sections. */
export const FULL_RESULTS = 'bench/results.json';
/** Default results file of a quick or `--only` run. */
export const PARTIAL_RESULTS = 'bench/results-partial.json';

/**
 * Parse `argv` (without node and the script) and the environment. Throws on an unknown flag or
 * an unknown section id (`sections`: the known ids).
 */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv, sections: readonly string[]): BenchOptions {
  const opts: BenchOptions = {
    quick: env.BENCH_QUICK !== undefined && env.BENCH_QUICK !== '' && env.BENCH_QUICK !== '0',
    only: [],
    out: '',
    maestroBin: env.MAESTRO_BIN || undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') opts.help = true;
    else if (a === '--quick') opts.quick = true;
    else if (a === '--full') opts.quick = false;
    else if (a === '--only') opts.only = splitList(argv[++i], a);
    else if (a.startsWith('--only=')) opts.only = splitList(a.slice(7), '--only');
    else if (a === '--out') opts.out = required(argv[++i], a);
    else if (a.startsWith('--out=')) opts.out = required(a.slice(6), '--out');
    else throw new Error(`bench: unknown option '${a}' (known: --quick, --full, --only ${sections.join(',')}, --out FILE, --help)`);
  }
  const unknown = opts.only.filter((id) => !sections.includes(id));
  if (unknown.length > 0) {
    throw new Error(`bench: --only: unknown section '${unknown[0]}' (sections: ${sections.join(', ')})`);
  }
  if (opts.only.length > 0 && sections.every((id) => opts.only.includes(id))) opts.only = [];
  if (opts.out === '') opts.out = opts.quick || opts.only.length > 0 ? PARTIAL_RESULTS : FULL_RESULTS;
  return opts;
}

function required(v: string | undefined, flag: string): string {
  if (v === undefined || v === '') throw new Error(`bench: ${flag} needs a value`);
  return v;
}

function splitList(v: string | undefined, flag: string): string[] {
  return required(v, flag)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
