/** A job's inputs: parsed hardware and network files (cached across a batch), MAESTRO's hardware defaults. */
import { UserError } from '../../errors.js';
import type { Dataflow, Hardware, MappedNetwork } from '../../model/types.js';
import { statSync } from 'node:fs';
import { applyDataflow, loadDataflow, loadHardware, loadMapping, loadModel, readInputFile, looksLikeJson, HARDWARE_DEFAULTS } from '../../parse/index.js';
import type { HardwareOverrides, MaestroJob } from './types.js';

/**
 * Caches parsed inputs across the jobs of a batch (same file parsed once). With `networkUses`
 * (how many jobs name each mapping / model file), a network is kept only until its last job:
 * a batch of distinct networks then holds one at a time (holding them all made the garbage
 * collector copy them over and over: a quarter of a 100-network batch).
 */
export class InputCache {
  private readonly hw = new Map<string, Hardware>();
  private readonly nets = new Map<string, MappedNetwork>();
  private readonly models = new Map<string, ReturnType<typeof loadModel>>();
  private readonly dfs = new Map<string, Dataflow>();
  private readonly combined = new Map<string, boolean>();

  constructor(private readonly networkUses?: Map<string, number>) {}

  hardware(file: string): Hardware {
    return memo(this.hw, file, loadHardware);
  }
  mapping(file: string): MappedNetwork {
    return this.network(this.nets, file, loadMapping);
  }
  model(file: string): ReturnType<typeof loadModel> {
    return this.network(this.models, file, loadModel);
  }
  private network<T>(m: Map<string, T>, file: string, load: (f: string) => T): T {
    const uses = this.networkUses;
    const left = uses?.get(file);
    if (uses === undefined || left === undefined) return memo(m, file, load);
    const v = m.get(file) ?? load(file);
    if (left > 1) {
      uses.set(file, left - 1);
      m.set(file, v);
    } else {
      uses.delete(file);
      m.delete(file);
    }
    return v;
  }
  dataflow(file: string): Dataflow {
    return memo(this.dfs, file, loadDataflow);
  }
  /** Whether `file` is a combined JSON mapping with its own hardware (read once per file). */
  jsonHardware(file: string): boolean {
    return memo(this.combined, file, hasJsonHardware);
  }
}

function memo<T>(m: Map<string, T>, key: string, f: (k: string) => T): T {
  let v = m.get(key);
  if (v === undefined) {
    v = f(key);
    m.set(key, v);
  }
  return v;
}

/**
 * MAESTRO's default hardware when no hardware file is given (its command-line defaults). Its NoC
 * latency is then its `--noc_hop_latency` (default 0) x `--noc_hops` (default 1) = 0 cycles; a
 * hardware file's NoC_NumHops (default 1) replaces that product.
 */
const NO_HW_FILE_DEFAULTS: Hardware = {
  numPes: 7,
  l1Size: HARDWARE_DEFAULTS.l1Size,
  l2Size: HARDWARE_DEFAULTS.l2Size,
  nocBw: HARDWARE_DEFAULTS.nocBw,
  offchipBw: 70000,
  nocHops: 0,
};

/** The job's hardware file: --HW_file, else a combined JSON mapping ({"hardware", "network"}), else none. */
export function jobHardwareFile(job: MaestroJob, cache?: InputCache): string | undefined {
  return job.hwFile ?? (job.mappingFile && (cache ? cache.jsonHardware(job.mappingFile) : hasJsonHardware(job.mappingFile)) ? job.mappingFile : undefined);
}

/**
 * The note for `--noc_hops` given without `--noc_hop_latency` to a job without a hardware file,
 * where (as in MAESTRO) it changes nothing; undefined otherwise.
 */
export function ignoredNocHopsNote(job: MaestroJob): string | undefined {
  if (job.hw?.fileNocHops === undefined || jobHardwareFile(job) !== undefined) return undefined;
  return '--noc_hops without --noc_hop_latency changes nothing without a hardware file, as in MAESTRO (its NoC latency is --noc_hop_latency, default 0, x --noc_hops)';
}

/** Resolve the job's hardware and network (parse errors throw UserError). */
export function loadJobInputs(job: MaestroJob, cache = new InputCache()): { hardware: Hardware; network: MappedNetwork; hardwareFile?: string } {
  const hwFile = jobHardwareFile(job, cache);
  const hardware = jobHardware(hwFile ? cache.hardware(hwFile) : undefined, job.hw);
  let network: MappedNetwork;
  if (job.mappingFile) {
    if (job.modelFile || job.dataflowFile) throw new UserError('give either --Mapping_file or --Model_file with --Dataflow_file, not both');
    if (job.dsconvDataflowFile)
      throw new UserError('--DSCONV_dataflow_file goes with --Model_file and --Dataflow_file (a mapping file gives every layer its dataflow)');
    network = cache.mapping(job.mappingFile);
  } else if (job.modelFile) {
    if (!job.dataflowFile) throw new UserError('--Model_file needs --Dataflow_file');
    const dsconv = job.dsconvDataflowFile ? cache.dataflow(job.dsconvDataflowFile) : undefined;
    network = applyDataflow(cache.model(job.modelFile), cache.dataflow(job.dataflowFile), { dsconv });
  } else {
    throw new UserError('missing --Mapping_file (or --Model_file with --Dataflow_file)');
  }
  return { hardware, network, ...(hwFile !== undefined ? { hardwareFile: hwFile } : {}) };
}

/** True if `file` is a JSON document with a top-level "hardware" key. */
function hasJsonHardware(file: string): boolean {
  let text: string;
  try {
    if (!statSync(file).isFile()) return false; // (a pipe is read once, as the mapping: give --HW_file with it)
    text = readInputFile(file);
  } catch {
    return false; // reported when the mapping itself is read
  }
  if (!looksLikeJson(file, text)) return false;
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) && 'hardware' in v;
  } catch {
    return false;
  }
}

/** A job's hardware: the hardware file's (or MAESTRO's defaults without one), then the flags. */
export function jobHardware(fileHw: Hardware | undefined, overrides?: HardwareOverrides): Hardware {
  const hw: Hardware = fileHw ? { ...fileHw } : { ...NO_HW_FILE_DEFAULTS };
  if (!overrides) return hw;
  const { fileNocHops, ...values } = overrides;
  if (fileHw && fileNocHops !== undefined) hw.nocHops = fileNocHops;
  return { ...hw, ...values };
}
