/**
 * Lower-bound hardware for the certified search.
 *
 * Derivation (from MAESTRO's model): NoC transfers take ceil(data / bandwidth) cycles (plus a fixed
 * per-hop latency); at the top level the delay is also at least (buffer data / off-chip bandwidth / 2)
 * (integer division); a layer's runtime combines these delays and the compute delay with sums and
 * maxima whose structure and counts do not depend on bandwidth, so runtime is non-increasing in both
 * NoC and off-chip bandwidth. Whether a layer is rejected depends on PEs, buffers and the mapping
 * only, so a network infeasible on the corner is infeasible on every member. Energy is access counts x fixed per-access energies: the counts
 * depend on the mapping, PEs and buffer sizes, not on bandwidth. Hence for accelerators sharing
 * (PEs, L1, L2, hops, vector width, dataflow), the "corner" with the group's LARGEST NoC and off-chip bandwidth
 * has latency <= and energy <= every member's. Checked on the shared MAESTRO oracle (1,074 comparable
 * pairs, no violation; energy never changed with bandwidth) and, at run time, on every exact
 * evaluation the certified search makes.
 */
import type { Accelerator } from '../accelerators/accelerators.js';
import type { Hardware } from '../model/types.js';
import { vectorWidthKey } from '../model/encode.js';

/** Accelerators sharing everything but NoC / off-chip bandwidth, with their corner hardware. */
export interface AcceleratorGroup {
  dataflow: string;
  corner: Hardware;
  members: Accelerator[];
}

/** Group accelerators by (PEs, L1, L2, hops, vector width, dataflow), in order of first appearance. */
export function acceleratorGroups(accels: readonly Accelerator[]): AcceleratorGroup[] {
  const map = new Map<string, AcceleratorGroup>();
  for (const a of accels) {
    const k = `${a.hw.numPes}:${a.hw.l1Size}:${a.hw.l2Size}:${a.hw.nocHops ?? 1}${vectorWidthKey(a.hw)}/${a.dataflow}`;
    let g = map.get(k);
    if (!g) {
      g = { dataflow: a.dataflow, corner: { ...a.hw, id: `corner-${k}` }, members: [] };
      map.set(k, g);
    }
    g.members.push(a);
    g.corner.nocBw = Math.max(g.corner.nocBw, a.hw.nocBw);
    g.corner.offchipBw = Math.max(g.corner.offchipBw, a.hw.offchipBw);
  }
  return [...map.values()];
}
