// Layer decoding: the full dimension table (MAESTRO completes Y'/X' from Y/X or the reverse),
// the overlap pairs (X slides over S, Y over R) and the three tensors' coupled dimensions.
import { i32At, setI32 } from './slots';
import {
  DESC_DIM_SIZE, DESC_DIM_STRIDE, DESC_FLAGS, DESC_FLAG_BATCH_TENSORS, DESC_TYPE,
  DIM_C, DIM_G, DIM_K, DIM_M, DIM_N, DIM_R, DIM_S, DIM_X, DIM_XP, DIM_Y, DIM_YP,
  ERR_BAD_LAYER, ERR_INT_OVERFLOW, LAYER_CONV, LAYER_DSCONV, LAYER_GEMM, LAYER_NGCONV,
} from './layout';
import { declSize, fail, fullSize, fullStride, ND, tCount, tMask, tVars } from './state';

/** Layer type code of the layer being evaluated. */
export let layerType: i32 = 0;
/** Whether the layer type has sliding windows (CONV-like): overlap pairs (X, S) and (Y, R). */
export let convLike: bool = false;
/** Identifies the tensor tables (layer type and batch flag; see buildTensors). */
export let tensorsId: i32 = -1;
/** Presence bit mask of the full dimension table. */
export let fullMask: i32 = 0;

@inline export function bit(d: i32): i32 {
  return 1 << d;
}

/** The overlap counterpart of a dimension (X <-> S, Y <-> R), -1 if none. */
@inline export function counterpart(d: i32): i32 {
  if (d == DIM_X) return DIM_S;
  if (d == DIM_S) return DIM_X;
  if (d == DIM_Y) return DIM_R;
  if (d == DIM_R) return DIM_Y;
  return -1;
}

/** Overlap-pair bit (0: X/S, 1: Y/R) of a dimension, 0 if it is in no pair. */
@inline export function pairBit(d: i32): i32 {
  if (d == DIM_X || d == DIM_S) return 1;
  if (d == DIM_Y || d == DIM_R) return 2;
  return 0;
}

/** Is `d` a reference (sliding-over) dimension of a pair present in `overlap`? (X or Y) */
@inline export function isReference(d: i32, overlap: i32): bool {
  return (d == DIM_X && (overlap & 1) != 0) || (d == DIM_Y && (overlap & 2) != 0);
}

/** Is `d` in a pair present in `overlap`? */
@inline export function isOverlapped(d: i32, overlap: i32): bool {
  return (pairBit(d) & overlap) != 0;
}

/** Is `d` the sliding (window) dimension of a pair present in `overlap`? (S or R) */
@inline export function isSliding(d: i32, overlap: i32): bool {
  return (d == DIM_S && (overlap & 1) != 0) || (d == DIM_R && (overlap & 2) != 0);
}

/** Overlap pairs of the full table: both for CONV-like layers, none for GEMM. */
export function fullOverlap(): i32 {
  return convLike ? 3 : 0;
}

function push(t: i32, x: i32): void {
  if (x < 0) return;
  const n = i32At(tCount, t);
  setI32(tVars, t * 6 + n, x);
  setI32(tCount, t, n + 1);
  setI32(tMask, t, i32At(tMask, t) | bit(x));
}

/** Set tensor `t`'s coupled dimensions (in MAESTRO's list order; -1 = unused slot). */
function setTensor(t: i32, a: i32, b: i32, c: i32, d: i32, e: i32, f: i32): void {
  setI32(tCount, t, 0);
  setI32(tMask, t, 0);
  push(t, a);
  push(t, b);
  push(t, c);
  push(t, d);
  push(t, e);
  push(t, f);
}

/** Tensor tables MAESTRO builds per layer type (ConfigConvTensors), with or without batch N. */
function buildTensors(batch: bool): void {
  const n = batch ? DIM_N : -1;
  if (layerType == LAYER_GEMM) {
    setTensor(0, DIM_M, DIM_K, -1, -1, -1, -1);
    setTensor(1, DIM_K, DIM_N, -1, -1, -1, -1);
    setTensor(2, DIM_M, DIM_N, -1, -1, -1, -1);
  } else if (layerType == LAYER_DSCONV) {
    if (batch) {
      setTensor(0, n, DIM_C, DIM_Y, DIM_X, -1, -1);
      setTensor(2, n, DIM_C, DIM_Y, DIM_X, -1, -1);
    } else {
      setTensor(0, DIM_C, DIM_Y, DIM_X, -1, -1, -1);
      setTensor(2, DIM_C, DIM_Y, DIM_X, -1, -1, -1);
    }
    setTensor(1, DIM_C, DIM_R, DIM_S, -1, -1, -1);
  } else if (layerType == LAYER_NGCONV) {
    if (batch) {
      setTensor(0, n, DIM_G, DIM_C, DIM_Y, DIM_X, -1);
      setTensor(2, n, DIM_G, DIM_K, DIM_C, DIM_Y, DIM_X);
    } else {
      setTensor(0, DIM_G, DIM_C, DIM_Y, DIM_X, -1, -1);
      setTensor(2, DIM_G, DIM_K, DIM_C, DIM_Y, DIM_X, -1);
    }
    setTensor(1, DIM_G, DIM_K, DIM_C, DIM_R, DIM_S, -1);
  } else {
    if (batch) {
      setTensor(0, n, DIM_C, DIM_Y, DIM_X, -1, -1);
      setTensor(2, n, DIM_K, DIM_Y, DIM_X, -1, -1);
    } else {
      setTensor(0, DIM_C, DIM_Y, DIM_X, -1, -1, -1);
      setTensor(2, DIM_K, DIM_Y, DIM_X, -1, -1, -1);
    }
    setTensor(1, DIM_K, DIM_C, DIM_R, DIM_S, -1, -1);
  }
}

/**
 * Decode the layer part of a descriptor: full dimension table and tensors.
 * Returns false (with the error flag set) for layers MAESTRO rejects.
 */
export function buildLayer(desc: usize): bool {
  layerType = load<i32>(desc + (<usize>DESC_TYPE << 2));
  if (layerType < LAYER_CONV || layerType > LAYER_NGCONV) {
    fail(ERR_BAD_LAYER);
    return false;
  }
  convLike = layerType != LAYER_GEMM;
  let mask = 0;
  for (let d = 0; d < ND; d++) {
    const size = load<i32>(desc + (<usize>(DESC_DIM_SIZE + d) << 2));
    const stride = load<i32>(desc + (<usize>(DESC_DIM_STRIDE + d) << 2));
    if (size < 0 || (size > 0 && stride < 1)) {
      fail(ERR_BAD_LAYER);
      return false;
    }
    setI32(declSize, d, size);
    setI32(fullSize, d, size);
    setI32(fullStride, d, size > 0 ? stride : 1);
    if (size > 0) mask |= bit(d);
  }
  if (convLike) {
    // MAESTRO: declaring both an input and the matching output size is an error (DoubleDimDefinition).
    if ((mask & bit(DIM_X)) != 0 && (mask & bit(DIM_XP)) != 0) { fail(ERR_BAD_LAYER); return false; }
    if ((mask & bit(DIM_Y)) != 0 && (mask & bit(DIM_YP)) != 0) { fail(ERR_BAD_LAYER); return false; }
    // The completion needs the filter sizes (MAESTRO would read an uninitialised value).
    if ((mask & (bit(DIM_X) | bit(DIM_XP))) != 0 && (mask & bit(DIM_S)) == 0) { fail(ERR_BAD_LAYER); return false; }
    if ((mask & (bit(DIM_Y) | bit(DIM_YP))) != 0 && (mask & bit(DIM_R)) == 0) { fail(ERR_BAD_LAYER); return false; }
    const s = i32At(fullSize, DIM_S);
    const r = i32At(fullSize, DIM_R);
    // MAESTRO completes X = X' + S - 1 (Y likewise) in int: beyond 2^31-1 it wraps.
    if (
      <i64>i32At(fullSize, DIM_XP) + <i64>s - 1 > 0x7fffffff ||
      <i64>i32At(fullSize, DIM_YP) + <i64>r - 1 > 0x7fffffff
    ) {
      fail(ERR_INT_OVERFLOW);
      return false;
    }
    // Output sizes ignore the stride (MAESTRO applies strides later, on the mapping).
    if ((mask & bit(DIM_X)) != 0) {
      setI32(fullSize, DIM_XP, i32At(fullSize, DIM_X) - s + 1);
      setI32(fullStride, DIM_XP, i32At(fullStride, DIM_X));
      mask |= bit(DIM_XP);
    } else if ((mask & bit(DIM_XP)) != 0) {
      setI32(fullSize, DIM_X, i32At(fullSize, DIM_XP) + s - 1);
      setI32(fullStride, DIM_X, 1);
      mask |= bit(DIM_X);
    }
    if ((mask & bit(DIM_Y)) != 0) {
      setI32(fullSize, DIM_YP, i32At(fullSize, DIM_Y) - r + 1);
      setI32(fullStride, DIM_YP, i32At(fullStride, DIM_Y));
      mask |= bit(DIM_YP);
    } else if ((mask & bit(DIM_YP)) != 0) {
      setI32(fullSize, DIM_Y, i32At(fullSize, DIM_YP) + r - 1);
      setI32(fullStride, DIM_Y, 1);
      mask |= bit(DIM_Y);
    }
  }
  fullMask = mask;
  const flags = load<i32>(desc + (<usize>DESC_FLAGS << 2));
  const id = layerType * 2 + (flags & DESC_FLAG_BATCH_TENSORS);
  if (id != tensorsId) {
    buildTensors((flags & DESC_FLAG_BATCH_TENSORS) != 0);
    tensorsId = id;
  }
  return true;
}

/** Product of the declared sizes of the dimensions of tensor `t` (MAESTRO's pixel counts). */
export function declaredTensorSize(t: i32): i64 {
  let p: i64 = 1;
  const m = i32At(tMask, t);
  for (let d = 0; d < ND; d++) {
    if ((m & bit(d)) != 0 && i32At(declSize, d) > 0) p *= <i64>i32At(declSize, d);
  }
  return p;
}
