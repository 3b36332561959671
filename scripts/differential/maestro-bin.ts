/**
 * Running a MAESTRO binary (given by the caller, e.g. env MAESTRO_BIN) on one case, in a fresh
 * temporary directory (MAESTRO appends to `<mapping base name>.csv` in its cwd), with a timeout.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What MAESTRO did with a case. */
export interface MaestroOutcome {
  /** Exit code (null if killed by a signal). */
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  /** CSV data lines verbatim (header dropped). */
  lines: string[];
  /** Last ~600 characters of stdout + stderr (error messages, assertion text). */
  tail: string;
  /** All of stdout, when asked for (`printRes`: MAESTRO's --print_res=true report). */
  stdout?: string;
  ms: number;
}

/**
 * Run `bin` on a mapping and a hardware text ('' = no hardware file: the hardware comes from
 * `flags`, MAESTRO's `--num_pes=...` style options, also given with a file).
 */
export function runMaestro(
  bin: string,
  mapping: string,
  hardware: string,
  timeoutMs = 30_000,
  wrapper: string[] = [],
  flags: string[] = [],
  printRes = false,
): Promise<MaestroOutcome> {
  const dir = mkdtempSync(path.join(tmpdir(), 'h7-maestro-'));
  writeFileSync(path.join(dir, 'map.m'), mapping);
  if (hardware !== '') writeFileSync(path.join(dir, 'hw.m'), hardware);
  const args = [
    ...(hardware !== '' ? ['--HW_file=hw.m'] : []),
    '--Mapping_file=map.m', `--print_res=${printRes}`, '--print_res_csv_file=true', '--print_log_file=false', ...flags,
  ];
  const t0 = Date.now();
  return new Promise((resolve) => {
    const argv = [...wrapper, bin, ...args];
    const p = spawn(argv[0]!, argv.slice(1), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stdout = '';
    const keep = (b: Buffer) => {
      out += b.toString('latin1');
      if (out.length > 4000) out = out.slice(-2000);
    };
    p.stdout.on('data', (b: Buffer) => {
      if (printRes) stdout += b.toString('latin1');
      keep(b);
    });
    p.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, timeoutMs);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      const csv = path.join(dir, 'map.csv');
      const lines = existsSync(csv) ? readFileSync(csv, 'latin1').split('\n').slice(1).filter((l) => l.trim() !== '') : [];
      rmSync(dir, { recursive: true, force: true });
      const tail = out.replace(/\s+$/, '').slice(-600);
      resolve({ code, signal, timedOut, lines, tail, ...(printRes ? { stdout } : {}), ms: Date.now() - t0 });
    });
    p.on('error', (e) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: -1, signal: null, timedOut: false, lines: [], tail: String(e), ms: Date.now() - t0 });
    });
  });
}

/**
 * Run MAESTRO under valgrind (memcheck) and return how many errors it reports (uses of
 * uninitialised values, invalid reads): > 0 means MAESTRO's output for this case is undefined
 * behaviour. null when valgrind could not tell (timeout, no summary).
 */
export async function valgrindErrors(valgrind: string, bin: string, mapping: string, hardware: string, flags: string[] = []): Promise<number | null> {
  const m = await runMaestro(bin, mapping, hardware, 180_000, [valgrind, '--error-exitcode=0', '--leak-check=no'], flags);
  const s = /ERROR SUMMARY: (\d+) errors/.exec(m.tail);
  return s ? Number(s[1]) : m.timedOut ? null : 0;
}
