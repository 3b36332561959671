// Entry points of the cost-model WebAssembly module. See layout.ts for the record formats.
import { f64At, i32At, i64At, setI32 } from './slots';
import {
  COL_ARITH_INTENSITY, COL_AREA, COL_AVG_BW_REQ, COL_COMPUTE_AVG, COL_ENERGY, COL_INGRESS_MIN, COL_INPUT_PIXELS,
  COL_L1_POWER, COL_L1_SIZE_REQ, COL_L2_POWER, COL_L2_SIZE_REQ, COL_MC_INPUT, COL_MC_WEIGHT, COL_NOC_BW_REQ,
  COL_NOC_POWER, COL_NUM_MACS, COL_NUM_PES, COL_OFFCHIP_BW_REQ, COL_OPS_PER_JOULE, COL_PEAK_BW_REQ, COL_PE_POWER,
  COL_PERF_PER_ENERGY, COL_POWER, COL_RUNTIME, COL_TENSOR, COL_THROUGHPUT, COL_UTIL_PES, COL_VECTOR_WIDTH,
  COL_WEIGHT_PIXELS, DESC_SIZE, ERR_BAD_HARDWARE, EX_INPUT_PIXELS, EX_NOC_BW_REQ, EX_NUM_MACS, EX_OFFCHIP_BW_REQ,
  EX_L1_SIZE_TENSOR, EX_L2_SIZE_TENSOR, EX_RUNTIME, EX_TENSOR, EX_WEIGHT_PIXELS, ERR_BAD_INDEX, ERR_LONG_OVERFLOW, ERR_SIZE_OVERFLOW, HW_NOC_BW, HW_NOC_HOPS,
  HW_NUM_PES, HW_OFFCHIP_BW, HW_SIZE, HW_VECTOR_WIDTH, OUT_MULTI_LEVEL, OUT_SIZE, OUT_STATUS, TCOL_L1_RD,
  TCOL_L1_WR, TCOL_L2_RD, TCOL_L2_WR, TCOL_REUSE,
} from './layout';
import { clearErr, cMask, cOverlap, cSize, DN_RD, DN_WR, err, fail, fullSize, ND, rec, UP_RD, UP_SIZE, UP_WR } from './state';
import { buildLayer, declaredTensorSize, fullMask, fullOverlap } from './dims';
import { buildClusters, numUnits, retargetPes } from './clusters';
import * as E from './engine';
import * as H from './hardware';
import * as B from './bounds';

const L1_MULT: f64 = 1.68;
const L2_MULT: f64 = 18.61;
const MAC_ENERGY: f64 = 0.00023;

// The working buffers (StaticArrays of state.ts etc.) are allocated at start-up; the JS I/O area
// starts after them and grows with the memory (nothing is allocated after start-up).
let ioStart: usize = 0;

/** First byte of linear memory free for JS-owned I/O buffers. */
export function ioBase(): usize {
  if (ioStart == 0) ioStart = (heap.alloc(16) + 15) & ~(<usize>15);
  return ioStart;
}

@inline function put(row: usize, slot: i32, v: f64): void {
  store<f64>(row + (<usize>slot << 3), v);
}

@inline function hwField(hw: usize, slot: i32): i32 {
  return load<i32>(hw + (<usize>slot << 2));
}

function failRow(row: usize, code: i32): void {
  put(row, OUT_STATUS, <f64>code);
  for (let s = 1; s < OUT_SIZE; s++) put(row, s, NaN);
}

/** Hardware-independent analysis of a layer on num_pes PEs; returns the error code (0 = ok). */
// Descriptor whose layer / cluster structure is currently built (valid within one batch call).
let builtDesc: usize = 0;
let longChecked: i32 = 0;
let builtOk = false;

function analyse(desc: usize, numPes: i32): i32 {
  if (builtOk && desc == builtDesc) {
    if (!retargetPes(numPes)) return err();
  } else {
    builtDesc = desc;
    builtOk = buildLayer(desc) && buildClusters(desc, numPes);
    if (!builtOk) return err();
  }
  // A single case's count or a tile that could reach 2^62: rejected (see bounds.ts).
  if (!B.computeValueBounds(numUnits)) return ERR_LONG_OVERFLOW;
  for (let d = 0; d < ND; d++) setI32(cSize, d, i32At(fullSize, d));
  setI32(cMask, 0, fullMask);
  setI32(cOverlap, 0, fullOverlap());
  E.resetAnalysis();
  E.analyseTop();
  return err();
}

/** Energy (nJ) of the isolated layer (a one-layer network), in MAESTRO's summation order. */
function isolatedEnergy(multiLevel: bool): f64 {
  // A multi-level layer's L1 part uses the previous layer's counts: none in a one-layer network.
  let e: f64 = 0;
  e += <f64>i64At(rec, UP_RD + 0) * L2_MULT;
  e += <f64>i64At(rec, UP_WR + 0) * L2_MULT;
  e += <f64>i64At(rec, UP_RD + 1) * L2_MULT;
  e += <f64>i64At(rec, UP_WR + 1) * L2_MULT;
  e += <f64>i64At(rec, UP_WR + 2) * L2_MULT;
  if (!multiLevel) {
    for (let t = 0; t < 3; t++) {
      e += <f64>i64At(rec, DN_RD + t) * L1_MULT;
      e += <f64>i64At(rec, DN_WR + t) * L1_MULT;
    }
  }
  return e * MAC_ENERGY;
}

// The layer, cluster and reuse analysis depend only on the descriptor and num_pes: pairs repeating
// the previous pair's descriptor and num_pes (within one batch call) only replay the recorded
// trace with their NoC / off-chip bandwidth (see engine.ts).
let lastDesc: usize = 0;
let lastPes: i32 = 0;
/** Error code of the last analysis (0 = ok), -1 = none valid. */
let lastAnalysis: i32 = -1;

function evaluateOne(desc: usize, hw: usize, row: usize): void {
  clearErr();
  const numPes = hwField(hw, HW_NUM_PES);
  const nocBw = hwField(hw, HW_NOC_BW);
  const offchip = hwField(hw, HW_OFFCHIP_BW);
  const vw = hwField(hw, HW_VECTOR_WIDTH);
  if (numPes < 1 || nocBw < 1 || offchip < 1 || vw < 1) {
    failRow(row, ERR_BAD_HARDWARE);
    return;
  }
  if (desc != lastDesc || numPes != lastPes || lastAnalysis < 0) {
    lastDesc = desc;
    lastPes = numPes;
    lastAnalysis = analyse(desc, numPes);
  }
  if (lastAnalysis != 0) {
    failRow(row, lastAnalysis);
    return;
  }
  const hops = hwField(hw, HW_NOC_HOPS);
  // Replay checks its runtime sums only when their bound could reach 2^62.
  const checkRuntime = !(B.runtimeBound(numUnits, Math.abs(<f64>hops)) < B.LONG_SAFE);
  if (checkRuntime) longChecked++;
  E.setRuntimeChecks(checkRuntime);
  E.nocBandwidth = <i64>nocBw;
  E.nocHops = <i64>hops;
  E.offchipBandwidth = <i64>offchip;
  E.vectorWidth = vw;
  E.replay();
  if (err() != 0) {
    failRow(row, err());
    return;
  }
  // Sizes are C++ ints in MAESTRO's output loop: a sum beyond int range would print wrapped.
  const l2Sum = i64At(rec, UP_SIZE + 0) + i64At(rec, UP_SIZE + 2) + i64At(rec, UP_SIZE + 1);
  const l1Sum = i64At(E.firstDownSize, 0) + i64At(E.firstDownSize, 2) + i64At(E.firstDownSize, 1);
  if (l2Sum != <i64><i32>l2Sum || l1Sum != <i64><i32>l1Sum) {
    failRow(row, ERR_SIZE_OVERFLOW);
    return;
  }
  const l2 = <i32>l2Sum;
  const l1 = <i32>l1Sum;
  const multi = E.resultsPushed > 1;
  const energy = isolatedEnergy(multi);
  const runtime = <f64>E.topRuntime;
  const macs = <f64>E.topComputations;
  H.computeAreaPower(numPes, vw, nocBw, l1, l2);
  put(row, OUT_STATUS, 0);
  put(row, COL_NUM_PES, <f64>numPes);
  put(row, COL_RUNTIME, runtime);
  put(row, COL_ENERGY, energy);
  put(row, COL_THROUGHPUT, macs / runtime);
  put(row, COL_PERF_PER_ENERGY, (macs / runtime / energy) * 1e9);
  put(row, COL_AREA, H.area);
  put(row, COL_POWER, H.power);
  put(row, COL_NOC_BW_REQ, <f64>E.topPeakBw);
  put(row, COL_AVG_BW_REQ, E.topAvgBw);
  put(row, COL_PEAK_BW_REQ, <f64>E.topPeakBw);
  put(row, COL_VECTOR_WIDTH, <f64>vw);
  put(row, COL_OFFCHIP_BW_REQ, <f64>E.topOffchipBw);
  put(row, COL_L2_SIZE_REQ, <f64>l2);
  put(row, COL_L1_SIZE_REQ, <f64>l1);
  put(row, COL_MC_WEIGHT, <f64>i64At(rec, DN_WR + 1) / <f64>i64At(rec, UP_RD + 1));
  put(row, COL_MC_INPUT, <f64>i64At(rec, DN_WR + 0) / <f64>i64At(rec, UP_RD + 0));
  put(row, COL_INPUT_PIXELS, <f64>declaredTensorSize(0));
  put(row, COL_WEIGHT_PIXELS, <f64>declaredTensorSize(1));
  put(row, COL_OPS_PER_JOULE, (macs / energy) * 1e9);
  put(row, COL_NUM_MACS, macs);
  put(row, COL_PE_POWER, H.pePower);
  put(row, COL_L1_POWER, H.l1Power);
  put(row, COL_L2_POWER, H.l2Power);
  put(row, COL_NOC_POWER, H.nocPower);
  for (let t = 0; t < 3; t++) {
    const b = COL_TENSOR + 5 * t;
    const l1rd = <f64>i64At(rec, DN_RD + t);
    const l1wr = <f64>i64At(rec, DN_WR + t);
    put(row, b + TCOL_L1_RD, l1rd);
    put(row, b + TCOL_L1_WR, l1wr);
    put(row, b + TCOL_L2_RD, <f64>i64At(rec, UP_RD + t));
    put(row, b + TCOL_L2_WR, <f64>i64At(rec, UP_WR + t));
    put(row, b + TCOL_REUSE, l1rd / l1wr);
  }
  for (let i = 0; i < 9; i++) put(row, COL_INGRESS_MIN + i, f64At(E.topDelays, i));
  put(row, COL_UTIL_PES, E.topActive);
  put(row, COL_ARITH_INTENSITY, E.topArith);
  put(row, OUT_MULTI_LEVEL, multi ? 1 : 0);
  if (COL_COMPUTE_AVG != COL_INGRESS_MIN + 8) fail(0); // layout invariant (compile-time constant)
}

/**
 * Evaluate `n` (descriptor, hardware) pairs; pair i = (pairs[2i], pairs[2i+1]), or (i, i) when
 * `pairsPtr` is 0. Writes row i at `outPtr + i * OUT_SIZE * 8`. Returns the number of rejected rows.
 */
export function evaluateBatch(descPtr: usize, numDescs: i32, hwPtr: usize, numHw: i32, pairsPtr: usize, n: i32, outPtr: usize): i32 {
  let rejected = 0;
  lastAnalysis = -1; // descriptors may have changed since the last call
  builtOk = false;
  for (let i = 0; i < n; i++) {
    let di = i;
    let hi = i;
    if (pairsPtr != 0) {
      di = load<i32>(pairsPtr + (<usize>(2 * i) << 2));
      hi = load<i32>(pairsPtr + (<usize>(2 * i + 1) << 2));
    }
    const row = outPtr + <usize>i * (<usize>OUT_SIZE << 3);
    if (di < 0 || di >= numDescs || hi < 0 || hi >= numHw) {
      failRow(row, ERR_BAD_INDEX);
      rejected++;
      continue;
    }
    evaluateOne(descPtr + <usize>di * (<usize>DESC_SIZE << 2), hwPtr + <usize>hi * (<usize>HW_SIZE << 2), row);
    if (load<f64>(row) != 0) rejected++;
  }
  return rejected;
}

@inline function putExact(at: usize, slot: i32, v: i64): void {
  store<i64>(at + (<usize>slot << 3), v);
}

/**
 * Evaluate one (descriptor, hardware) pair (its row to `rowPtr`) and write MAESTRO's 64-bit
 * integer columns of it, exactly, as EXACT_SIZE Int64 at `exactPtr` (layout.ts EX_*): for counts
 * beyond 2^53, which the row's Float64 slots hold only as the nearest double. Returns the row's
 * status (the counts are written only when it is 0).
 */
export function evaluateExact(descPtr: usize, hwPtr: usize, rowPtr: usize, exactPtr: usize): i32 {
  lastAnalysis = -1;
  builtOk = false;
  evaluateOne(descPtr, hwPtr, rowPtr);
  const status = <i32>load<f64>(rowPtr);
  if (status != 0) return status;
  putExact(exactPtr, EX_RUNTIME, E.topRuntime);
  putExact(exactPtr, EX_NOC_BW_REQ, E.topPeakBw);
  putExact(exactPtr, EX_OFFCHIP_BW_REQ, E.topOffchipBw);
  putExact(exactPtr, EX_INPUT_PIXELS, declaredTensorSize(0));
  putExact(exactPtr, EX_WEIGHT_PIXELS, declaredTensorSize(1));
  putExact(exactPtr, EX_NUM_MACS, E.topComputations);
  for (let t = 0; t < 3; t++) {
    const b = EX_TENSOR + 4 * t;
    putExact(exactPtr, b + TCOL_L1_RD, i64At(rec, DN_RD + t));
    putExact(exactPtr, b + TCOL_L1_WR, i64At(rec, DN_WR + t));
    putExact(exactPtr, b + TCOL_L2_RD, i64At(rec, UP_RD + t));
    putExact(exactPtr, b + TCOL_L2_WR, i64At(rec, UP_WR + t));
    putExact(exactPtr, EX_L2_SIZE_TENSOR + t, i64At(rec, UP_SIZE + t));
    putExact(exactPtr, EX_L1_SIZE_TENSOR + t, i64At(E.firstDownSize, t));
  }
  return 0;
}

/** Statistics: largest number of recorded trace cases of one analysis since start-up. */
export function maxTraceCases(): i32 {
  return E.maxTraceCases;
}

/** Statistics: iteration cases analysed since start-up. */
export function casesAnalysed(): f64 {
  return <f64>E.casesAnalysed;
}

/** Exposed for tests: x added n times in double precision (see hardware.ts). */
export function repeatedSum(x: f64, n: i32): f64 {
  return H.repeatedSum(x, n);
}

/**
 * Statistics: level calls (analysis) plus evaluations (runtime replay) since start-up whose
 * 64-bit sums needed run-time overflow checks (see bounds.ts).
 */
export function longCheckedAnalyses(): i32 {
  return longChecked + E.checkedCalls;
}
