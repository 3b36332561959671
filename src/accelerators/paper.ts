/**
 * The accelerator hardware configurations of the paper (Lu et al., tinyML 2022).
 *
 * Figures (not code) from the paper's repository, Ren-Research/CoDesign `data/hw/accelerator_N.m`:
 * `accelerator_1` is MAESTRO's default hardware (256 PEs, L1 100, L2 3000, NoC 1000, off-chip 50);
 * `accelerator_2` .. `accelerator_51` were drawn by its `data/hw/generate_config.py` (random choice of
 * num_pes in {16..512}, NoC in {300..1000}, off-chip in {50..350}; L1 100, L2 3000) and written only
 * when the drawn triple was new; draw 11 repeated an earlier one, so `accelerator_11` does not exist.
 * That gives 50 configurations in all (49 drawn + the default), all recovered exactly.
 */
import type { Hardware } from '../model/types.js';

/** MAESTRO's default hardware (`accelerator_1` of the paper). */
export const MAESTRO_DEFAULT_HW: Readonly<Hardware> = Object.freeze({
  id: 'maestro-default',
  numPes: 256,
  l1Size: 100,
  l2Size: 3000,
  nocBw: 1000,
  offchipBw: 50,
});

/** The value lists the paper drew from (`generate_config.py`). */
export const PAPER_VALUES = Object.freeze({
  numPes: Object.freeze([512, 256, 128, 64, 32, 16]),
  nocBw: Object.freeze([300, 400, 500, 600, 700, 800, 900, 1000]),
  offchipBw: Object.freeze([50, 100, 150, 200, 250, 275, 300, 325, 350]),
  l1Size: Object.freeze([100]),
  l2Size: Object.freeze([3000]),
}); // (deeply frozen: `grid` is these lists for the whole process)

/** [file number, num_pes, noc_bw, offchip_bw] of `data/hw/accelerator_N.m` (L1 100, L2 3000). */
const PAPER_TABLE: ReadonlyArray<readonly [number, number, number, number]> = [
  [1, 256, 1000, 50], [2, 512, 300, 100], [3, 16, 800, 200], [4, 64, 400, 250],
  [5, 32, 500, 250], [6, 512, 1000, 50], [7, 128, 800, 250], [8, 16, 1000, 150],
  [9, 128, 400, 275], [10, 128, 500, 150], [12, 256, 800, 350], [13, 64, 700, 250],
  [14, 256, 400, 50], [15, 256, 300, 150], [16, 512, 800, 325], [17, 16, 400, 325],
  [18, 32, 400, 325], [19, 512, 900, 350], [20, 64, 600, 350], [21, 32, 700, 325],
  [22, 512, 600, 250], [23, 64, 1000, 300], [24, 32, 800, 250], [25, 128, 1000, 300],
  [26, 16, 900, 200], [27, 64, 500, 300], [28, 512, 700, 325], [29, 32, 800, 200],
  [30, 64, 800, 350], [31, 256, 400, 325], [32, 256, 900, 200], [33, 256, 900, 325],
  [34, 16, 600, 325], [35, 512, 400, 350], [36, 16, 800, 50], [37, 256, 600, 200],
  [38, 16, 900, 300], [39, 128, 400, 150], [40, 64, 300, 200], [41, 128, 700, 300],
  [42, 16, 400, 50], [43, 256, 900, 275], [44, 32, 500, 275], [45, 32, 900, 325],
  [46, 16, 800, 325], [47, 64, 300, 300], [48, 32, 600, 300], [49, 256, 300, 200],
  [50, 16, 800, 300], [51, 256, 1000, 275],
];

/** The paper's 50 hardware configurations, ids `accelerator_N` (N as in the paper's file names). */
export function paperHardware(): Hardware[] {
  return PAPER_TABLE.map(([n, pes, noc, off]) => ({
    id: `accelerator_${n}`,
    numPes: pes,
    l1Size: 100,
    l2Size: 3000,
    nocBw: noc,
    offchipBw: off,
  }));
}
