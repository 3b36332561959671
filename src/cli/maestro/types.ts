/** The `codesign maestro` job model: a job, its result, and what it needs from the cost model. */
import type { Hardware, MappedNetwork } from '../../model/types.js';
import type { LayerResult, NetworkRow } from '../../model/costmodel.js';

/** A network result row, as the cost model returns it. */
export type EngineRow = NetworkRow;

/** What `codesign maestro` needs from the cost model (src/model/costmodel.ts `CostModel`). */
export interface MaestroEngine {
  evaluateNetwork(
    net: MappedNetwork,
    hw: Hardware,
    opts?: { isolated?: boolean; tensorSizes?: boolean; onProgress?: (done: number, total: number) => void },
  ): { rows: EngineRow[] };
}

/** Hardware values given on the command line (override the hardware file). */
export type HardwareOverrides = Partial<Pick<Hardware, 'numPes' | 'l1Size' | 'l2Size' | 'nocBw' | 'offchipBw' | 'nocHops' | 'vectorWidth'>> & {
  /**
   * `--noc_hops` without `--noc_hop_latency`: a hardware file's NoC_NumHops (its NoC latency in
   * cycles) replaced; without a hardware file nothing changes, as in MAESTRO (its NoC latency is
   * the per-hop latency, 0 by default, x the hops: 0).
   */
  fileNocHops?: number;
};

/** One MAESTRO run. Paths are used as given (relative to the process cwd). */
export interface MaestroJob {
  hwFile?: string;
  mappingFile?: string;
  modelFile?: string;
  dataflowFile?: string;
  dsconvDataflowFile?: string;
  /** CSV path, or '-' for stdout. Default: MAESTRO's `<mapping base name>.csv` in the cwd. */
  out?: string;
  overwrite?: boolean;
  fullNames?: boolean;
  isolated?: boolean;
  hw?: HardwareOverrides;
  /** Write the CSV at all (MAESTRO's --print_res_csv_file). Default true. */
  csv?: boolean;
  /** Also get each layer's per-tensor buffer sizes (for MAESTRO's --print_res report). */
  tensorSizes?: boolean;
}

/** A rejected layer. */
export interface RejectedLayer {
  layer: string;
  message: string;
}

/** What a job produced. */
export interface MaestroJobResult {
  network: MappedNetwork;
  hardware: Hardware;
  /** Where the hardware came from (--HW_file or a combined JSON mapping); undefined: MAESTRO's command-line defaults and flags. */
  hardwareFile?: string;
  /** Output path ('-' = stdout), or undefined when no CSV was requested. */
  out?: string;
  rows: LayerResult[];
  rejected: RejectedLayer[];
}
