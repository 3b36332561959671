/** `codesign maestro --batch`: a JSONL file of jobs run in one process. */
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { oneLine, UserError } from '../../errors.js';
import { readInputFile, splitLines } from '../../parse/index.js';
import { parseJsonLocated } from '../../parse/json-located.js';
import { ignoredNocHopsNote, InputCache } from './inputs.js';
import { jobOutputPath, refuseJobOverInputs, runMaestroJob } from './job.js';
import type { MaestroEngine, MaestroJob } from './types.js';

/** Keys a batch job line may have. */
const JOB_KEYS = ['HW_file', 'Mapping_file', 'Model_file', 'Dataflow_file', 'DSCONV_dataflow_file', 'out', 'overwrite', 'isolated'];

/** The JSON value of one job line; malformed JSON is a UserError at the line and column. */
function parseJobJson(line: string, where: { file: string; line: number }): unknown {
  try {
    return parseJsonLocated(line, where.file).value;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    // (a job is one line: its text ends at the end of the line, not of the file)
    const reason = e.reason.replace(/^invalid JSON/, 'invalid JSON job').replace(/end of file/g, 'end of line').replace(/file is truncated/g, 'the line ends early');
    throw new UserError(reason, { ...where, column: e.location.column });
  }
}

/**
 * The error file of a job line that names its `out` (`<out>.err`), also when the rest of the line
 * is invalid: a script waiting for `<out>` or `<out>.err` always gets one of them.
 */
function declaredErrPath(line: string, baseDir: string): string | undefined {
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    return o !== null && typeof o === 'object' && typeof o.out === 'string' && o.out !== '' && o.out !== '-' ? path.resolve(baseDir, o.out) + '.err' : undefined;
  } catch {
    return undefined;
  }
}

/** Parse one JSONL job line; paths are made relative to `baseDir`. */
export function parseJobLine(line: string, baseDir: string, where: { file: string; line: number }): MaestroJob {
  const v = parseJobJson(line, where);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new UserError('a job must be a JSON object', where);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!JOB_KEYS.includes(k)) throw new UserError(`unknown job key "${k}" (expected ${JOB_KEYS.join(', ')})`, where);
  }
  const p = (k: string): string | undefined => {
    const x = o[k];
    if (x === undefined) return undefined;
    if (typeof x !== 'string' || x === '') throw new UserError(`"${k}" must be a non-empty string`, where);
    return path.resolve(baseDir, x);
  };
  const b = (k: string): boolean | undefined => {
    const x = o[k];
    if (x === undefined) return undefined;
    if (typeof x !== 'boolean') throw new UserError(`"${k}" must be true or false`, where);
    return x;
  };
  const job: MaestroJob = {
    hwFile: p('HW_file'),
    mappingFile: p('Mapping_file'),
    modelFile: p('Model_file'),
    dataflowFile: p('Dataflow_file'),
    dsconvDataflowFile: p('DSCONV_dataflow_file'),
    overwrite: b('overwrite'),
    isolated: b('isolated'),
  };
  if (job.mappingFile === undefined && job.modelFile === undefined) {
    throw new UserError('a job needs "Mapping_file" (or "Model_file" with "Dataflow_file")', { ...where, field: 'Mapping_file' });
  }
  if (job.mappingFile !== undefined && (job.modelFile !== undefined || job.dataflowFile !== undefined)) {
    throw new UserError('give either "Mapping_file" or "Model_file" with "Dataflow_file", not both', { ...where, field: 'Mapping_file' });
  }
  if (job.modelFile !== undefined && job.dataflowFile === undefined) {
    throw new UserError('"Model_file" needs "Dataflow_file"', { ...where, field: 'Dataflow_file' });
  }
  // (each job writes a file, its errors to <out>.err: '-' would have made a file named '-')
  if (o.out === '-') throw new UserError('"out" must be a file: a batch job cannot write to standard output (\'-\')', { ...where, field: 'out' });
  const out = p('out');
  job.out = out ?? path.resolve(baseDir, jobOutputPath(job));
  return job;
}

/** Summary of a batch run. */
export interface BatchSummary {
  jobs: number;
  failed: number;
}

/**
 * Run a JSONL batch: each non-blank line is a job; a failing job writes `{"error": ...}` to
 * `<out>.err` (a stale one is deleted when the job succeeds) and the batch goes on.
 */
export function runBatch(
  jobsFile: string,
  engine: MaestroEngine,
  defaults: Pick<MaestroJob, 'overwrite' | 'fullNames' | 'isolated' | 'hw'> & { progress?: boolean },
  log: (s: string) => void = (s) => process.stderr.write(s),
): BatchSummary {
  const text = readInputFile(jobsFile);
  const baseDir = path.dirname(path.resolve(jobsFile));
  const lines = splitLines(text);
  const jobLines = lines.map((l, i) => ({ text: l, line: i + 1 })).filter((l) => l.text.trim() !== '');
  if (jobLines.length === 0) throw new UserError('the jobs file has no jobs (one JSON object per line)', { file: jobsFile });
  const cache = new InputCache(networkUses(jobLines, baseDir, jobsFile));
  let failed = 0;
  let noted = false; // the note on --noc_hops is said once
  let lastProgress = Date.now();
  const showProgress = defaults.progress !== false && jobLines.length >= 20;
  jobLines.forEach((jl, idx) => {
    let errPath = declaredErrPath(jl.text, baseDir);
    try {
      const job = parseJobLine(jl.text, baseDir, { file: jobsFile, line: jl.line });
      job.overwrite = job.overwrite ?? defaults.overwrite;
      job.fullNames = defaults.fullNames;
      job.isolated = job.isolated ?? defaults.isolated;
      job.hw = defaults.hw;
      errPath = job.out + '.err';
      refuseJobOverInputs(job, { out: 'out', prefix: '' }, false, [['--batch', jobsFile]]);
      const note = noted ? undefined : ignoredNocHopsNote(job);
      if (note) {
        log(`codesign maestro: job ${idx + 1} (${jobsFile}:${jl.line}) and any other job without a hardware file: ${note}\n`);
        noted = true;
      }
      const res = runMaestroJob(job, engine, cache);
      if (res.rejected.length > 0) {
        failed++;
        writeErr(errPath, { error: `${res.rejected.length} layer(s) rejected`, layers: res.rejected });
        log(`codesign maestro: job ${idx + 1} (${jobsFile}:${jl.line}): ${res.rejected.length} layer(s) rejected, see ${errPath}\n`);
      } else if (existsSync(errPath)) {
        unlinkSync(errPath); // stale error file from an earlier run of this job
      }
    } catch (e) {
      failed++;
      const msg = e instanceof UserError ? e.message : `internal error: ${(e as Error)?.stack ?? String(e)}`;
      if (errPath) writeErr(errPath, { error: msg });
      log(`codesign maestro: job ${idx + 1} (${oneLine(jobsFile)}:${jl.line}) failed: ${oneLine(msg)}\n`);
    }
    if (showProgress && (Date.now() - lastProgress > 1000 || idx === jobLines.length - 1)) {
      lastProgress = Date.now();
      log(`codesign maestro: ${idx + 1}/${jobLines.length} jobs done, ${failed} failed\n`);
    }
  });
  return { jobs: jobLines.length, failed };
}

/** How many jobs name each mapping / model file (lines that do not parse are left out here). */
function networkUses(jobLines: ReadonlyArray<{ text: string; line: number }>, baseDir: string, jobsFile: string): Map<string, number> {
  const uses = new Map<string, number>();
  for (const jl of jobLines) {
    let job: MaestroJob;
    try {
      job = parseJobLine(jl.text, baseDir, { file: jobsFile, line: jl.line });
    } catch {
      continue; // reported when the job runs
    }
    const f = job.mappingFile ?? job.modelFile;
    if (f !== undefined) uses.set(f, (uses.get(f) ?? 0) + 1);
  }
  return uses;
}

function writeErr(file: string, obj: unknown): void {
  try {
    writeFileSync(file, JSON.stringify(obj) + '\n');
  } catch {
    // the job's error was already logged on stderr
  }
}
