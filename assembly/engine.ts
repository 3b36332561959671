// Cost analysis of one cluster level over all its iteration cases (MAESTRO's AnalyzeClusterLevel_V2):
// buffer accesses, buffer sizes, NoC traffic and delays, runtime; the level below is analysed per
// case on the tile the case hands down, and its runtime is this level's computation delay.
import { ERR_DIVISION_BY_ZERO } from './layout';
import {
  CACHE, cacheActive, cacheCount, cacheKey, cacheRuntime, cOverlap, cSize, clusterSize, csEdge,
  csSpEdgeEdge, DN_RD, DN_SIZE, DN_WR, edgeClusters, err, fail, MAXD, ND, REC, rec, spFirst, tCount,
  tVars, UP_RD, UP_SIZE, UP_WR,
} from './state';
import { counterpart, isOverlapped } from './dims';
import { buildStates, csAllInit, setCase, subClusterTable } from './iteration';
import { criticalPathPsums, mappedVolume, psumMappingSize, spatialEgress, spatialIngress } from './reuse';
import { numUnits } from './clusters';

// ---- hardware of the current evaluation ----------------------------------------------------
export let nocBandwidth: i64 = 1;
export let nocHops: i64 = 1;
export let offchipBandwidth: i64 = 1;
export let vectorWidth: i32 = 1;

// ---- per-evaluation outputs ----------------------------------------------------------------
/** Number of level results MAESTRO collects (post-order); > 1 means a multi-level analysis. */
export let resultsPushed: i32 = 0;
/** L1 (downstream) buffer size requirement of the first result MAESTRO collects, per tensor. */
export const firstDownSize = new StaticArray<i64>(3);
/** Top-level (level 0) scalar results. */
export let topRuntime: i64 = 0;
export let topComputations: i64 = 0;
export let topPeakBw: i64 = 0;
export let topAvgBw: f64 = 0;
export let topOffchipBw: i64 = 0;
export let topActive: f64 = 0;
export let topArith: f64 = 0;
/** Delays (ingress, egress, compute) x (min, max, avg), as MAESTRO's long values. */
export const topDelays = new StaticArray<f64>(9);

/** Number of iteration cases analysed since start-up (statistics). */
export let casesAnalysed: i64 = 0;

// Result of the last analyseLevel() call.
let lastRuntime: i64 = 0;
let lastActive: f64 = 0;

const LONG_MIN_F64: f64 = -9223372036854775808.0;

/** NoC delay of sending `data` elements: hops x latency + pipelined sends. */
@inline function nocDelay(data: i64): i64 {
  let sends = data / nocBandwidth;
  if (data % nocBandwidth != 0) sends++;
  return nocHops + (sends - 1);
}

@inline function max64(a: i64, b: i64): i64 {
  return a > b ? a : b;
}

/** Reset per-evaluation state; call before analyseTop(). */
export function resetAnalysis(): void {
  resultsPushed = 0;
  for (let i = 0; i < 4; i++) unchecked((cacheCount[i] = 0));
}

/** Analyse the whole mapping: level 0 over the full dimension table (set up by the caller). */
export function analyseTop(): void {
  analyseLevel(0);
}

/** Tensor sizes at the start of a level (MAESTRO's UpdateBufferSizeReq, at the first valid case). */
function updateBufferSizes(lv: i32): void {
  const rb = lv * REC;
  const cb = lv * ND;
  for (let t = 0; t < 2; t++) {
    let size: i64 = 1;
    const n = unchecked(tCount[t]);
    for (let i = 0; i < n; i++) size *= <i64>unchecked(cSize[cb + unchecked(tVars[t * 6 + i])]);
    const ingress = spatialIngress(lv, t);
    unchecked((rec[rb + UP_SIZE + t] = rec[rb + UP_SIZE + t] + ingress * 2));
    unchecked((rec[rb + UP_WR + t] = size));
    unchecked((rec[rb + DN_SIZE + t] = rec[rb + DN_SIZE + t] + 2 * mappedVolume(lv, t)));
  }
  let size: i64 = 1;
  const n = unchecked(tCount[2]);
  const overlap = unchecked(cOverlap[lv]);
  for (let i = 0; i < n; i++) {
    const v = unchecked(tVars[12 + i]);
    if (isOverlapped(v, overlap)) size *= <i64>(unchecked(cSize[cb + v]) - unchecked(cSize[cb + counterpart(v)]) + 1);
    else size *= <i64>unchecked(cSize[cb + v]);
  }
  unchecked((rec[rb + UP_SIZE + 2] = 2 * spatialEgress(lv)));
  unchecked((rec[rb + UP_RD + 2] = size));
  unchecked((rec[rb + DN_SIZE + 2] = 2 * mappedVolume(lv, 2)));
}

/** Analyse the sub-clusters' tile of the current case of level `lv` (cached by tile). */
function analyseSub(lv: i32, edgeEdge: bool): void {
  if (!subClusterTable(lv, edgeEdge)) return;
  const next = lv + 1;
  const kb = next * CACHE;
  const n = unchecked(cacheCount[next]);
  const sb = next * ND;
  for (let e = 0; e < n; e++) {
    const eb = (kb + e) * ND;
    let same = true;
    for (let d = 0; d < ND; d++) {
      if (unchecked(cacheKey[eb + d]) != unchecked(cSize[sb + d])) {
        same = false;
        break;
      }
    }
    if (same) {
      lastRuntime = unchecked(cacheRuntime[kb + e]);
      lastActive = unchecked(cacheActive[kb + e]);
      resultsPushed++;
      return;
    }
  }
  // Keep the key: the recursion below overwrites deeper tables only.
  analyseLevel(next);
  if (n < CACHE && err() == 0) {
    const eb = (kb + n) * ND;
    for (let d = 0; d < ND; d++) unchecked((cacheKey[eb + d] = cSize[sb + d]));
    unchecked((cacheRuntime[kb + n] = lastRuntime));
    unchecked((cacheActive[kb + n] = lastActive));
    unchecked((cacheCount[next] = n + 1));
  }
}

function analyseLevel(lv: i32): void {
  const numCases = buildStates(lv);
  if (err() != 0) return;
  const rb = lv * REC;
  for (let i = 0; i < REC; i++) unchecked((rec[rb + i] = 0));
  const cs = unchecked(clusterSize[lv]);
  const ecs = unchecked(edgeClusters[lv]);
  const spj = lv * MAXD + unchecked(spFirst[lv]);
  const last = lv == numUnits - 1;
  let peak: i64 = 0;
  let avgBw: f64 = 0;
  let offchip: i64 = 0;
  let minIn = F64.MAX_VALUE, minEg = F64.MAX_VALUE, minCo = F64.MAX_VALUE;
  let maxIn: f64 = 0, maxEg: f64 = 0, maxCo: f64 = 0;
  let sumIn: f64 = 0, sumEg: f64 = 0, sumCo: f64 = 0;
  let totalCases: i64 = 0;
  let firstValid = true;
  let runtime: i64 = 0;
  let computations: i64 = 0;
  let active: f64 = 0;
  let arith: f64 = 0;
  for (let c = 0; c < numCases; c++) {
    casesAnalysed++;
    const occ = setCase(lv, c);
    if (firstValid) updateBufferSizes(lv);
    // Output tensor.
    const egress = spatialEgress(lv);
    const psumMap = psumMappingSize(lv);
    unchecked((rec[rb + UP_WR + 2] = rec[rb + UP_WR + 2] + occ * egress));
    unchecked((rec[rb + DN_WR + 2] = rec[rb + DN_WR + 2] + occ * psumMap));
    unchecked((rec[rb + DN_RD + 2] = rec[rb + DN_RD + 2] + occ * psumMap));
    const psums = criticalPathPsums(lv);
    if (psums <= 0) continue;
    // Input tensors. (MAESTRO sets the L1 write count to the running L2 read count.)
    let ingress: i64 = 0;
    for (let t = 0; t < 2; t++) {
      const ing = spatialIngress(lv, t);
      ingress += ing;
      const rd = unchecked(rec[rb + UP_RD + t]) + occ * ing;
      unchecked((rec[rb + UP_RD + t] = rd));
      unchecked((rec[rb + DN_WR + t] = rd));
      unchecked((rec[rb + DN_RD + t] = rec[rb + DN_RD + t] + occ * psumMap));
    }
    if (err() != 0) return;
    arith = <f64>psumMap / <f64>ingress;
    const spEdge = unchecked(csEdge[spj]);
    const activeClusters = spEdge ? ecs : cs;
    let compute: i64 = 0;
    let subActive: f64 = 0;
    if (!last) {
      if (spEdge) {
        if (unchecked(csSpEdgeEdge[spj])) {
          analyseSub(lv, true);
          if (err() != 0) return;
          compute = lastRuntime;
          subActive += lastActive;
          const rest = ecs - 1;
          if (rest > 0) {
            analyseSub(lv, false);
            if (err() != 0) return;
            compute = max64(compute, lastRuntime);
            subActive += lastActive * <f64>rest;
          }
        } else {
          analyseSub(lv, false);
          if (err() != 0) return;
          compute = lastRuntime;
          subActive += lastActive * <f64>ecs;
        }
      } else {
        analyseSub(lv, false);
        if (err() != 0) return;
        compute = lastRuntime;
        subActive += lastActive * <f64>cs;
      }
    } else {
      compute = vectorWidth == 1 ? psums : <i64>Math.ceil(<f64>psums / <f64>vectorWidth);
    }
    const inDelay = nocDelay(ingress);
    const egDelay = nocDelay(egress);
    let delay: i64;
    if (unchecked(csAllInit[lv])) delay = compute + inDelay;
    else delay = max64(egDelay, max64(compute, inDelay));
    if (lv == 0) {
      const outBuf = unchecked(rec[rb + UP_SIZE + 2]);
      const inBuf = unchecked(rec[rb + UP_SIZE + 0]) + unchecked(rec[rb + UP_SIZE + 1]);
      delay = max64(inBuf / offchipBandwidth / 2, max64(delay, outBuf / offchipBandwidth / 2));
      if (compute == 0) {
        fail(ERR_DIVISION_BY_ZERO);
        return;
      }
      offchip = max64(offchip, outBuf / compute);
      offchip = max64(offchip, inBuf / compute);
      offchip = offchip / 2;
    }
    runtime += occ * delay;
    computations += occ * psumMap;
    const nauc = subActive == 0 ? <f64>activeClusters : subActive;
    active = active + nauc * <f64>occ;
    if (compute == 0) compute = 1;
    const traffic = max64(ingress, egress);
    peak = max64(peak, traffic / compute);
    avgBw += <f64>((occ * traffic) / compute);
    sumIn += <f64>(occ * inDelay);
    sumEg += <f64>(occ * egDelay);
    sumCo += <f64>(occ * compute);
    const fi = <f64>inDelay, fe = <f64>egDelay, fc = <f64>compute;
    if (fi < minIn) minIn = fi;
    if (fe < minEg) minEg = fe;
    if (fc < minCo) minCo = fc;
    if (fi > maxIn) maxIn = fi;
    if (fe > maxEg) maxEg = fe;
    if (fc > maxCo) maxCo = fc;
    totalCases += occ;
    firstValid = false;
  }
  const total = <f64>totalCases;
  avgBw = avgBw / total;
  if (totalCases != 0) active = active / total;
  // Collected result (post-order): the first one gives MAESTRO's "L1 size".
  if (resultsPushed == 0) {
    for (let t = 0; t < 3; t++) unchecked((firstDownSize[t] = rec[rb + DN_SIZE + t]));
  }
  resultsPushed++;
  lastRuntime = runtime;
  lastActive = active;
  if (lv == 0) {
    topRuntime = runtime;
    topComputations = computations;
    topPeakBw = peak;
    topAvgBw = avgBw;
    topOffchipBw = offchip;
    topActive = active;
    topArith = arith;
    if (totalCases == 0) {
      for (let i = 0; i < 9; i++) unchecked((topDelays[i] = i % 3 == 1 ? 0 : LONG_MIN_F64));
    } else {
      unchecked((topDelays[0] = minIn));
      unchecked((topDelays[1] = maxIn));
      unchecked((topDelays[2] = Math.trunc(sumIn / total)));
      unchecked((topDelays[3] = minEg));
      unchecked((topDelays[4] = maxEg));
      unchecked((topDelays[5] = Math.trunc(sumEg / total)));
      unchecked((topDelays[6] = minCo));
      unchecked((topDelays[7] = maxCo));
      unchecked((topDelays[8] = Math.trunc(sumCo / total)));
    }
  }
}
