// Cost analysis of one cluster level over all its iteration cases (MAESTRO's AnalyzeClusterLevel_V2):
// buffer accesses, buffer sizes, NoC traffic and delays, runtime; the level below is analysed per
// case on the tile the case hands down, and its runtime is this level's computation delay.
import { boolAt, f64At, i32At, i64At, setBool, setF64, setI32, setI64 } from './slots';
import { ERR_CAPACITY, ERR_DIVISION_BY_ZERO, ERR_INT_OVERFLOW, ERR_LONG_OVERFLOW } from './layout';
import {
  CACHE, cacheActive, cacheCount, cacheKey, cOverlap, cSize, clusterSize, csEdge,
  csSpEdgeEdge, DN_RD, DN_SIZE, DN_WR, edgeClusters, err, fail, MAXD, MAXU, ND, REC, rec, spFirst, tCount,
  tVars, UP_RD, UP_SIZE, UP_WR,
} from './state';
import { counterpart, isOverlapped } from './dims';
import { buildStates, csAllInit, levelMayWrap, levelOccurrences, occ32, occWrapped, setCase, subClusterTable, tileSignature } from './iteration';
import { LONG_SAFE, occMax, tileBound, valueOf } from './bounds';
import * as R from './reuse';
import { mappedVolume, partialSums, spatialEgress, spatialIngress } from './reuse';
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
export const firstDownSize: usize = memory.data(3 * 8, 16);
/** Top-level (level 0) scalar results. */
export let topRuntime: i64 = 0;
export let topComputations: i64 = 0;
export let topPeakBw: i64 = 0;
export let topAvgBw: f64 = 0;
export let topOffchipBw: i64 = 0;
export let topActive: f64 = 0;
export let topArith: f64 = 0;
/** Delays (ingress, egress, compute) x (min, max, avg), as MAESTRO's long values. */
export const topDelays: usize = memory.data(9 * 8, 16);

/**
 * 64-bit overflow detection (MAESTRO's `long` counters). When the bounds of bounds.ts are below
 * 2^62 nothing can wrap and no check runs. Otherwise the level call / replay keeps f64 "shadow"
 * sums that bound every 64-bit accumulator (sum over cases of occurrences x the case's largest
 * term) and fails with ERR_LONG_OVERFLOW when one reaches 2^62.
 */
export let checkRuntime = false;
export function setRuntimeChecks(on: bool): void {
  checkRuntime = on;
}
/** Statistics: level calls whose sums were checked at run time. */
export let checkedCalls: i32 = 0;

@inline function absf(x: i64): f64 {
  return Math.abs(<f64>x);
}

/** Number of iteration cases analysed since start-up (statistics). */
export let casesAnalysed: i64 = 0;

// Result of the last analyseLevel() / analyseSub() call: its trace id and utilisation.
let lastTrace: i32 = -1;
let lastActive: f64 = 0;

// ---- trace of the hardware-independent analysis --------------------------------------------
// The analysis of a (layer, dataflow, num_pes) records, per level call ("trace", pre-order ids,
// 0 = top) its valid iteration cases: occurrences, NoC traffic in / out, critical-path partial
// sums, all-Init flag and the sub-cluster traces whose runtime is the case's computation delay.
// replay() turns a trace into runtimes and delays for a given NoC bandwidth / hops / off-chip
// bandwidth / vector width, so further hardware with the same num_pes skips the analysis.
/** Max recorded cases / traces per analysis (beyond: ERR_CAPACITY; MAESTRO-shipped networks need <= 144 cases). */
export const MAX_TRACE_CASES: i32 = 1 << 16;
export const MAX_TRACES: i32 = 1 << 12;
const tcOcc: usize = memory.data(MAX_TRACE_CASES * 8, 16);
const tcIngress: usize = memory.data(MAX_TRACE_CASES * 8, 16);
const tcEgress: usize = memory.data(MAX_TRACE_CASES * 8, 16);
const tcPsums: usize = memory.data(MAX_TRACE_CASES * 8, 16);
const tcSubA: usize = memory.data(MAX_TRACE_CASES * 4, 16);
const tcSubB: usize = memory.data(MAX_TRACE_CASES * 4, 16);
const tcNext: usize = memory.data(MAX_TRACE_CASES * 4, 16);
const tcAllInit: usize = memory.data(MAX_TRACE_CASES, 16);
const trHead: usize = memory.data(MAX_TRACES * 4, 16);
const trTail: usize = memory.data(MAX_TRACES * 4, 16);
const trRuntime: usize = memory.data(MAX_TRACES * 8, 16);
const trBase: usize = memory.data(MAX_TRACES, 16);
/** Trace ids in completion order (a trace's sub-traces complete before it; the top is last). */
const trDone: usize = memory.data(MAX_TRACES * 4, 16);
let traceCount: i32 = 0;
let doneCount: i32 = 0;
let traceCases: i32 = 0;
/** Largest number of recorded cases of one analysis since start-up (statistics). */
export let maxTraceCases: i32 = 0;

const LONG_MIN_F64: f64 = -9223372036854775808.0;

const F64_EXACT: i64 = 1 << 52;

/**
 * a / b with C++ truncation. For 0 <= a, b < 2^52 the quotient is computed in f64 (faster than an
 * i64 division and exact: floor(a / b) of doubles cannot round across an integer there).
 */
@inline function div(a: i64, b: i64): i64 {
  if (<u64>a < <u64>F64_EXACT && b > 0 && b < F64_EXACT) return <i64>Math.floor(<f64>a / <f64>b);
  return a / b;
}

/** NoC delay of sending `data` elements: hops x latency + pipelined sends (ceil(data / bw)). */
@inline function nocDelay(data: i64): i64 {
  let sends: i64;
  if (data < 0) {
    sends = data / nocBandwidth;
    if (data % nocBandwidth != 0) sends++;
  } else if (data <= nocBandwidth) {
    sends = data > 0 ? 1 : 0;
  } else {
    sends = div(data, nocBandwidth);
    if (sends * nocBandwidth != data) sends++;
  }
  return nocHops + (sends - 1);
}

@inline function max64(a: i64, b: i64): i64 {
  return a > b ? a : b;
}

/** Reset per-evaluation state; call before analyseTop(). */
export function resetAnalysis(): void {
  resultsPushed = 0;
  traceCount = 0;
  doneCount = 0;
  traceCases = 0;
  for (let i = 0; i < 4; i++) {
    setI32(cacheCount, i, 0);
    setI32(sigCount, i, 0);
  }
}

// Trace id of each cached sub-cluster tile.
const cacheTrace: usize = memory.data(4 * CACHE * 4, 16);
// Sub-cluster results by tile signature (see tileSignature) -> slot of the tile cache.
const sigKey: usize = memory.data(4 * CACHE * 4, 16);
const sigSlot: usize = memory.data(4 * CACHE * 4, 16);
const sigCount: usize = memory.data(4 * 4, 16);

/** Analyse the whole mapping: level 0 over the full dimension table (set up by the caller). */
export function analyseTop(): void {
  analyseLevel<u8>(0);
}

// Input traffic of the first valid case, computed by updateBufferSizes() (reused by that case).
const firstIngress: usize = memory.data(2 * 8, 16);

/**
 * Tensor sizes at the start of a level (MAESTRO's UpdateBufferSizeReq, at the first valid case);
 * `egress` = spatialEgress(lv) of that case.
 */
@inline function updateBufferSizes(lv: i32, egress: i64): void {
  const rb = lv * REC;
  const cb = lv * ND;
  for (let t = 0; t < 2; t++) {
    let size: i64 = 1;
    const n = i32At(tCount, t);
    for (let i = 0; i < n; i++) size *= <i64>i32At(cSize, cb + i32At(tVars, t * 6 + i));
    const ingress = spatialIngress(lv, t);
    setI64(firstIngress, t, ingress);
    setI64(rec, rb + UP_SIZE + t, i64At(rec, rb + UP_SIZE + t) + ingress * 2);
    setI64(rec, rb + UP_WR + t, size);
    setI64(rec, rb + DN_SIZE + t, i64At(rec, rb + DN_SIZE + t) + 2 * mappedVolume(lv, t));
  }
  let size: i64 = 1;
  const n = i32At(tCount, 2);
  const overlap = i32At(cOverlap, lv);
  for (let i = 0; i < n; i++) {
    const v = i32At(tVars, 12 + i);
    if (isOverlapped(v, overlap)) size *= <i64>(i32At(cSize, cb + v) - i32At(cSize, cb + counterpart(v)) + 1);
    else size *= <i64>i32At(cSize, cb + v);
  }
  setI64(rec, rb + UP_SIZE + 2, 2 * egress);
  setI64(rec, rb + UP_RD + 2, size);
  setI64(rec, rb + DN_SIZE + 2, 2 * mappedVolume(lv, 2));
}

/**
 * Sub-clusters of the current case of level `lv`, fast path (inlined into the level analysis): a
 * case whose directives use the same (steady / edge) sizes as an earlier one finds their result by
 * the tile's signature. Returns false when the signature is new (then call analyseSub).
 */
@inline function subBySignature(lv: i32, sig: i32): bool {
  const next = lv + 1;
  const nsig = i32At(sigCount, next);
  for (let e = 0; e < nsig; e++) {
    if (i32At(sigKey, next * CACHE + e) == sig) {
      const slot = i32At(sigSlot, next * CACHE + e);
      lastTrace = i32At(cacheTrace, next * CACHE + slot);
      lastActive = f64At(cacheActive, next * CACHE + slot);
      resultsPushed++;
      return true;
    }
  }
  return false;
}

/** Analyse the sub-clusters' tile of the current case of level `lv` (cached by tile), after subBySignature. */
function analyseSub(lv: i32, edgeEdge: bool): void {
  const next = lv + 1;
  const sig = tileSignature(lv, edgeEdge);
  if (!subClusterTable(lv, edgeEdge)) return;
  const kb = next * CACHE;
  const n = i32At(cacheCount, next);
  const sb = next * ND;
  for (let e = 0; e < n; e++) {
    const eb = (kb + e) * ND;
    let same = true;
    for (let d = 0; d < ND; d++) {
      if (i32At(cacheKey, eb + d) != i32At(cSize, sb + d)) {
        same = false;
        break;
      }
    }
    if (same) {
      lastTrace = i32At(cacheTrace, kb + e);
      lastActive = f64At(cacheActive, kb + e);
      resultsPushed++;
      rememberSignature(next, sig, e);
      return;
    }
  }
  // Keep the key: the recursion below overwrites deeper tables only. (next < numUnits <= MAXU = 4)
  if (MAXU != 4) ERROR('analyseSub: one instance of analyseLevel per level assumes MAXU = 4');
  if (ASC_SHRINK_LEVEL > 0) analyseLevel<u8>(next);
  else if (next == 1) analyseLevel<u16>(next);
  else if (next == 2) analyseLevel<u32>(next);
  else analyseLevel<u64>(next);
  if (n < CACHE && err() == 0) {
    const eb = (kb + n) * ND;
    for (let d = 0; d < ND; d++) setI32(cacheKey, eb + d, i32At(cSize, sb + d));
    setI32(cacheTrace, kb + n, lastTrace);
    setF64(cacheActive, kb + n, lastActive);
    setI32(cacheCount, next, n + 1);
    rememberSignature(next, sig, n);
  }
}

function rememberSignature(next: i32, sig: i32, slot: i32): void {
  const n = i32At(sigCount, next);
  if (n >= CACHE) return;
  setI32(sigKey, next * CACHE + n, sig);
  setI32(sigSlot, next * CACHE + n, slot);
  setI32(sigCount, next, n + 1);
}

// One instance of the level analysis per cluster level (MAXU = 4), so that its level is a
// constant in each: the working arrays' offsets fold into constants and the per-case helpers
// inline (1.02-1.07x for kcp_ws / rs, 1.09-1.12x for xp_ws, side by side; rows bit-identical).
// AssemblyScript has no constant generic parameters, and an @inline function cannot be inlined
// into the copies (they recurse through analyseSub), so the level is a type: L = u8, u16, u32,
// u64 for levels 0 .. 3 (lv = log2 sizeof<L>, a compile-time constant). A size-optimised build
// (asc --shrinkLevel >= 1) keeps one copy, taking the level as its argument: wasm2js output of
// the copies runs 2-4x slower in V8, so the bench's JS baseline is made from that build
// (bench/build-js-baseline.mjs; test/model/size-build.test.ts checks both builds' rows agree).
function analyseLevel<L>(level: i32): void {
  const lv: i32 = ASC_SHRINK_LEVEL > 0 ? level : <i32>ctz<usize>(sizeof<L>());
  const numCases = buildStates(lv);
  if (err() != 0) return;
  if (traceCount >= MAX_TRACES) {
    fail(ERR_CAPACITY);
    return;
  }
  const id = traceCount++;
  setI32(trHead, id, -1);
  setI32(trTail, id, -1);
  const rb = lv * REC;
  for (let i = 0; i < REC; i++) setI64(rec, rb + i, 0);
  const cs = i32At(clusterSize, lv);
  const ecs = i32At(edgeClusters, lv);
  const spj = lv * MAXD + i32At(spFirst, lv);
  const last = lv == numUnits - 1;
  setBool(trBase, id, last);
  let totalCases: i64 = 0;
  let firstValid = true;
  let computations: i64 = 0;
  let active: f64 = 0;
  let arith: f64 = 0;
  // 64-bit sums of this call: bounded by occurrences x one case's largest value (bounds.ts).
  const occTotal = levelOccurrences;
  if (occTotal > f64At(occMax, lv)) setF64(occMax, lv, occTotal);
  const checkCounts = !(occTotal * f64At(valueOf, lv) + f64At(valueOf, lv) + tileBound < LONG_SAFE);
  if (checkCounts) checkedCalls++;
  const mayWrap = levelMayWrap(lv);
  let shadow: f64 = 0; // bounds every accumulator of this call (only with checkCounts)
  for (let c = 0; c < numCases; c++) {
    casesAnalysed++;
    const occ = setCase(lv, c);
    // MAESTRO's int occurrence count wrapped around: if <= 0 its assert(num_case_occurrences > 0)
    // fails; if > 0 it goes on with a wrong count, harmless only when the case adds nothing.
    if (mayWrap && occWrapped && occ32 <= 0) {
      fail(ERR_INT_OVERFLOW);
      return;
    }
    // Output tensor.
    const egress = spatialEgress(lv);
    const first = firstValid;
    if (first) updateBufferSizes(lv, egress);
    const psumMap = partialSums(lv);
    if (mayWrap && occWrapped && (egress != 0 || psumMap != 0 || R.criticalPathPsums > 0)) {
      fail(ERR_INT_OVERFLOW);
      return;
    }
    setI64(rec, rb + UP_WR + 2, i64At(rec, rb + UP_WR + 2) + occ * egress);
    setI64(rec, rb + DN_WR + 2, i64At(rec, rb + DN_WR + 2) + occ * psumMap);
    setI64(rec, rb + DN_RD + 2, i64At(rec, rb + DN_RD + 2) + occ * psumMap);
    const psums = R.criticalPathPsums;
    if (checkCounts) {
      shadow += <f64>occ * Math.max(absf(egress), absf(psumMap));
      if (!(shadow < LONG_SAFE)) {
        fail(ERR_LONG_OVERFLOW);
        return;
      }
    }
    if (psums <= 0) continue;
    // Input tensors. (MAESTRO sets the L1 write count to the running L2 read count.)
    let ingress: i64 = 0;
    for (let t = 0; t < 2; t++) {
      const ing = first ? i64At(firstIngress, t) : spatialIngress(lv, t);
      if (checkCounts) {
        shadow += <f64>occ * absf(ing);
        if (!(shadow < LONG_SAFE)) {
          fail(ERR_LONG_OVERFLOW);
          return;
        }
      }
      ingress += ing;
      const rd = i64At(rec, rb + UP_RD + t) + occ * ing;
      setI64(rec, rb + UP_RD + t, rd);
      setI64(rec, rb + DN_WR + t, rd);
      setI64(rec, rb + DN_RD + t, i64At(rec, rb + DN_RD + t) + occ * psumMap);
    }
    if (err() != 0) return;
    arith = <f64>psumMap / <f64>ingress;
    const spEdge = boolAt(csEdge, spj);
    const activeClusters = spEdge ? ecs : cs;
    // Sub-clusters: their traces (runtimes come from replay()).
    let subA = -1;
    let subB = -1;
    let subActive: f64 = 0;
    if (!last) {
      if (spEdge) {
        if (boolAt(csSpEdgeEdge, spj)) {
          if (!subBySignature(lv, tileSignature(lv, true))) analyseSub(lv, true);
          if (err() != 0) return;
          subA = lastTrace;
          subActive += lastActive;
          const rest = ecs - 1;
          if (rest > 0) {
            if (!subBySignature(lv, tileSignature(lv, false))) analyseSub(lv, false);
            if (err() != 0) return;
            subB = lastTrace;
            subActive += lastActive * <f64>rest;
          }
        } else {
          if (!subBySignature(lv, tileSignature(lv, false))) analyseSub(lv, false);
          if (err() != 0) return;
          subA = lastTrace;
          subActive += lastActive * <f64>ecs;
        }
      } else {
        if (!subBySignature(lv, tileSignature(lv, false))) analyseSub(lv, false);
        if (err() != 0) return;
        subA = lastTrace;
        subActive += lastActive * <f64>cs;
      }
    }
    // Record the case.
    if (traceCases >= MAX_TRACE_CASES) {
      fail(ERR_CAPACITY);
      return;
    }
    const k = traceCases++;
    setI64(tcOcc, k, occ);
    setI64(tcIngress, k, ingress);
    setI64(tcEgress, k, egress);
    setI64(tcPsums, k, psums);
    setI32(tcSubA, k, subA);
    setI32(tcSubB, k, subB);
    setBool(tcAllInit, k, boolAt(csAllInit, lv));
    setI32(tcNext, k, -1);
    const tail = i32At(trTail, id);
    if (tail < 0) setI32(trHead, id, k);
    else setI32(tcNext, tail, k);
    setI32(trTail, id, k);
    computations += occ * psumMap;
    const nauc = subActive == 0 ? <f64>activeClusters : subActive;
    active = active + nauc * <f64>occ;
    totalCases += occ;
    firstValid = false;
  }
  if (totalCases != 0) active = active / <f64>totalCases;
  // Collected result (post-order): the first one gives MAESTRO's "L1 size".
  if (resultsPushed == 0) {
    for (let t = 0; t < 3; t++) setI64(firstDownSize, t, i64At(rec, rb + DN_SIZE + t));
  }
  resultsPushed++;
  setI32(trDone, doneCount++, id);
  lastTrace = id;
  lastActive = active;
  if (lv == 0) {
    topComputations = computations;
    topActive = active;
    topArith = arith;
    if (traceCases > maxTraceCases) maxTraceCases = traceCases;
  }
}

/**
 * Runtimes and delays of the last analysis for the current NoC / off-chip bandwidth, hops and
 * vector width. Traces in completion order (sub-traces first, possibly shared between parents
 * through the tile cache); the top trace (id 0, completed last) gives the outputs.
 */
export function replay(): void {
  for (let i = 0; i < doneCount - 1; i++) {
    const id = i32At(trDone, i);
    const base = boolAt(trBase, id);
    let runtime: i64 = 0;
    let shadow: f64 = 0;
    let k = i32At(trHead, id);
    while (k >= 0) {
      const compute = caseCompute(k, base);
      const inDelay = nocDelay(i64At(tcIngress, k));
      const egDelay = nocDelay(i64At(tcEgress, k));
      const delay = boolAt(tcAllInit, k) ? compute + inDelay : max64(egDelay, max64(compute, inDelay));
      runtime += i64At(tcOcc, k) * delay;
      if (checkRuntime) shadow += <f64>i64At(tcOcc, k) * (absf(compute) + absf(inDelay) + absf(egDelay));
      k = i32At(tcNext, k);
    }
    if (checkRuntime && !(shadow < LONG_SAFE)) {
      fail(ERR_LONG_OVERFLOW);
      return;
    }
    setI64(trRuntime, id, runtime);
  }
  replayTop();
}

/**
 * Computation delay of recorded case k: partial sums (base level) or the slowest sub-cluster's
 * runtime, never below 0 (MAESTRO starts that maximum at 0: a sub-level whose runtime is negative,
 * possible with a NoC latency of 0, where sending nothing takes -1 cycles, counts as 0).
 */
@inline function caseCompute(k: i32, base: bool): i64 {
  if (base) {
    const psums = i64At(tcPsums, k);
    return vectorWidth == 1 ? psums : <i64>Math.ceil(<f64>psums / <f64>vectorWidth);
  }
  let compute = max64(0, i64At(trRuntime, i32At(tcSubA, k)));
  const b = i32At(tcSubB, k);
  if (b >= 0) compute = max64(compute, i64At(trRuntime, b));
  return compute;
}

function replayTop(): void {
  const base = boolAt(trBase, 0);
  const outBuf = i64At(rec, UP_SIZE + 2);
  const inBuf = i64At(rec, UP_SIZE + 0) + i64At(rec, UP_SIZE + 1);
  const inOff = div(inBuf, offchipBandwidth) / 2;
  const outOff = div(outBuf, offchipBandwidth) / 2;
  let peak: i64 = 0;
  let avgBw: f64 = 0;
  let offchip: i64 = 0;
  let minIn = F64.MAX_VALUE, minEg = F64.MAX_VALUE, minCo = F64.MAX_VALUE;
  let maxIn: f64 = 0, maxEg: f64 = 0, maxCo: f64 = 0;
  let sumIn: f64 = 0, sumEg: f64 = 0, sumCo: f64 = 0;
  let totalCases: i64 = 0;
  let runtime: i64 = 0;
  let shadow: f64 = 0;
  let k = i32At(trHead, 0);
  while (k >= 0) {
    const occ = i64At(tcOcc, k);
    const ingress = i64At(tcIngress, k);
    const egress = i64At(tcEgress, k);
    let compute = caseCompute(k, base);
    const inDelay = nocDelay(ingress);
    const egDelay = nocDelay(egress);
    let delay = boolAt(tcAllInit, k) ? compute + inDelay : max64(egDelay, max64(compute, inDelay));
    delay = max64(inOff, max64(delay, outOff));
    if (compute == 0) {
      fail(ERR_DIVISION_BY_ZERO);
      return;
    }
    offchip = max64(offchip, div(outBuf, compute));
    offchip = max64(offchip, div(inBuf, compute));
    offchip = offchip / 2;
    runtime += occ * delay;
    if (checkRuntime) {
      shadow += <f64>occ * (absf(delay) + absf(compute) + absf(inDelay) + absf(egDelay) + absf(max64(ingress, egress)));
      if (!(shadow < LONG_SAFE)) {
        fail(ERR_LONG_OVERFLOW);
        return;
      }
    }
    const traffic = max64(ingress, egress);
    peak = max64(peak, div(traffic, compute));
    avgBw += <f64>div(occ * traffic, compute);
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
    k = i32At(tcNext, k);
  }
  const total = <f64>totalCases;
  topRuntime = runtime;
  topPeakBw = peak;
  topAvgBw = avgBw / total;
  topOffchipBw = offchip;
  if (totalCases == 0) {
    for (let i = 0; i < 9; i++) setF64(topDelays, i, i % 3 == 1 ? 0 : LONG_MIN_F64);
  } else {
    setF64(topDelays, 0, minIn);
    setF64(topDelays, 1, maxIn);
    setF64(topDelays, 2, Math.trunc(sumIn / total));
    setF64(topDelays, 3, minEg);
    setF64(topDelays, 4, maxEg);
    setF64(topDelays, 5, Math.trunc(sumEg / total));
    setF64(topDelays, 6, minCo);
    setF64(topDelays, 7, maxCo);
    setF64(topDelays, 8, Math.trunc(sumCo / total));
  }
}
