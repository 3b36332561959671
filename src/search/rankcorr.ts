/**
 * Rank correlations: Spearman's rho (Pearson correlation of average ranks, ties averaged) and
 * Kendall's tau-b (Knight's O(n log n) algorithm, tie-corrected).
 */
import { describeValue } from '../model/encode.js';

/** Average ranks (1-based; tied values share the mean of their ranks). */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp(x[a], x[b]));
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && cmp(x[idx[j + 1]], x[idx[i]]) === 0) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]] = avg;
    i = j + 1;
  }
  return r;
}

function cmp(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pearson correlation of two equally long series (NaN when one is constant). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

/** Spearman's rho of two equally long series (NaN when either is constant or n < 2). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError('series differ in length');
  if (x.length < 2) return NaN;
  return pearson(averageRanks(x), averageRanks(y));
}

/** Kendall's tau-b of two equally long series (NaN when either is constant or n < 2). */
export function kendall(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n !== y.length) throw new RangeError('series differ in length');
  if (n < 2) return NaN;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp(x[a], x[b]) || cmp(y[a], y[b]));
  const n0 = (n * (n - 1)) / 2;
  // Ties in x (n1) and joint ties (n3).
  let n1 = 0;
  let n3 = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && x[idx[j + 1]] === x[idx[i]]) j++;
    const t = j - i + 1;
    n1 += (t * (t - 1)) / 2;
    for (let a = i; a <= j; ) {
      let b = a;
      while (b + 1 <= j && y[idx[b + 1]] === y[idx[a]]) b++;
      const u = b - a + 1;
      n3 += (u * (u - 1)) / 2;
      a = b + 1;
    }
    i = j + 1;
  }
  // Count discordant pairs = inversions of y in x-sorted order (merge sort).
  const ys = Float64Array.from(idx, (i) => y[i]);
  const buf = new Float64Array(n);
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (ys[j] < ys[i]) {
          buf[k++] = ys[j++];
          swaps += mid - i;
        } else buf[k++] = ys[i++];
      }
      while (i < mid) buf[k++] = ys[i++];
      while (j < hi) buf[k++] = ys[j++];
    }
    ys.set(buf);
  }
  // Ties in y (n2), from the now sorted ys.
  let n2 = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && ys[j + 1] === ys[i]) j++;
    const t = j - i + 1;
    n2 += (t * (t - 1)) / 2;
    i = j + 1;
  }
  const concordantMinusDiscordant = n0 - n1 - n2 + n3 - 2 * swaps;
  const denom = Math.sqrt((n0 - n1) * (n0 - n2));
  return denom === 0 ? NaN : concordantMinusDiscordant / denom;
}

/** Symmetric matrix of `fn` over the columns (series) given; diagonal `fn(x, x)`: 1, or NaN for a constant series. */
export function correlationMatrix(series: ArrayLike<number>[], fn: (a: ArrayLike<number>, b: ArrayLike<number>) => number): number[][] {
  const m = series.length;
  const out = Array.from({ length: m }, () => new Array<number>(m).fill(1));
  for (let i = 0; i < m; i++) {
    out[i][i] = fn(series[i], series[i]); // 1, or NaN for a constant series
    for (let j = i + 1; j < m; j++) {
      const v = fn(series[i], series[j]);
      out[i][j] = v;
      out[j][i] = v;
    }
  }
  return out;
}

/**
 * Dense ranks (0-based, ties share a rank), the index order sorting the series ascending (ties by
 * index) and, optionally, average ranks (as {@link averageRanks}). Values are sorted natively
 * (no comparator callbacks); every value must be a number other than NaN.
 */
function denseRanks(x: ArrayLike<number>, withAverage = false): { order: Int32Array; rank: Int32Array; average?: Float64Array } {
  const n = x.length;
  const sorted = Float64Array.from(x).sort();
  // Distinct values, ascending.
  let u = 0;
  for (let k = 0; k < n; k++) if (k === 0 || sorted[k] !== sorted[u - 1]) sorted[u++] = sorted[k];
  const rank = new Int32Array(n);
  const count = new Int32Array(u + 1);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
    count[lo + 1]++;
  }
  for (let r = 0; r < u; r++) count[r + 1] += count[r]; // count[r] = first sorted position of rank r
  const order = new Int32Array(n);
  const next = count.slice(0, u);
  for (let i = 0; i < n; i++) order[next[rank[i]]++] = i;
  if (!withAverage) return { order, rank };
  const average = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rank[i];
    average[i] = (count[r] + count[r + 1] - 1) / 2 + 1;
  }
  return { order, rank, average };
}

function tiePairs(rank: Int32Array): number {
  const counts = new Map<number, number>();
  for (const r of rank) counts.set(r, (counts.get(r) ?? 0) + 1);
  let t = 0;
  for (const c of counts.values()) t += (c * (c - 1)) / 2;
  return t;
}

/**
 * Kendall tau-b matrix of many series (same values as `kendall` pairwise), with each series
 * sorted once: O(m^2 n log n) worst case on typed arrays, O(m^2 (n + D)) when the series are
 * nearly concordant (D discordant pairs: inversions are counted by insertion sort while they stay
 * below n log n, else by merge sort). Identical series are computed once.
 */
export function kendallMatrix(series: ArrayLike<number>[]): number[][] {
  return rankCorrelations(series, { spearman: false }).kendall!;
}

/** Options of {@link rankCorrelations}. */
export interface RankCorrelationOptions {
  /** Compute Spearman's rho (default true). */
  spearman?: boolean;
  /** Compute Kendall's tau-b (default true). */
  kendall?: boolean;
}

/**
 * Spearman's rho and Kendall's tau-b matrices between many series of equal length: entry [i][j]
 * is the rank correlation of `series[i]` and `series[j]` (diagonal 1; NaN for a constant series or
 * fewer than 2 values). In the co-design search a series is one accelerator's latencies (or
 * energies) over the same architectures, e.g. `rankCorrelations([latOnA, latOnB, latOnC])`; how
 * well such rankings agree is the paper's premise (`runCodesign`'s `correlations`).
 *
 * Equal to `spearman` / `kendall` applied pairwise (Spearman bit for bit). Each series is ranked
 * once; series with identical rank vectors share one row (their correlation is exactly 1, or NaN
 * when constant); Spearman is then one dot product per pair. Values may be +-Infinity (e.g. an
 * infeasible pair), not NaN.
 * @throws TypeError when `series` is not an array of arrays / typed arrays; RangeError when the
 *   series differ in length or a value is NaN or not a number.
 */
export function rankCorrelations(
  series: ArrayLike<number>[],
  opts: RankCorrelationOptions = {},
): { spearman?: number[][]; kendall?: number[][] } {
  if (!Array.isArray(series)) throw new TypeError(`rankCorrelations: series must be an array of series (arrays or typed arrays of numbers), got ${describeValue(series)}`);
  const m = series.length;
  for (let i = 0; i < m; i++) {
    const s: unknown = series[i];
    if (!Array.isArray(s) && !(ArrayBuffer.isView(s) && !(s instanceof DataView)))
      throw new TypeError(`rankCorrelations: series[${i}] must be an array or typed array of numbers, got ${describeValue(s)}`);
  }
  const n = m ? series[0].length : 0;
  for (let i = 0; i < m; i++) {
    const s = series[i];
    if (s.length !== n) throw new RangeError(`series differ in length: series[${i}] has ${s.length} values, series[0] ${n}`);
    for (let k = 0; k < n; k++) {
      const v = s[k];
      if (typeof v !== 'number' || v !== v) throw new RangeError(`rankCorrelations: series[${i}][${k}] is ${describeValue(v)}: every value must be a number other than NaN (Infinity is fine)`);
    }
  }
  opts ??= {};
  const wantSpearman = opts.spearman !== false;
  const pre = series.map((x) => denseRanks(x, wantSpearman));
  // Distinct rank vectors: rep[i] = index of the first series with the same ranks.
  const rep = new Int32Array(m);
  const byHash = new Map<number, number[]>();
  const uniq: number[] = [];
  for (let i = 0; i < m; i++) {
    const r = pre[i].rank;
    let h = 0x811c9dc5;
    for (let k = 0; k < n; k++) h = Math.imul(h ^ r[k], 0x01000193);
    const list = byHash.get(h);
    const same = list?.find((j) => equalInts(pre[j].rank, r));
    if (same !== undefined) rep[i] = same;
    else {
      rep[i] = i;
      uniq.push(i);
      if (list) list.push(i);
      else byHash.set(h, [i]);
    }
  }
  const slot = new Int32Array(m);
  uniq.forEach((i, a) => (slot[i] = a));
  const expand = (u: Map<number, Float64Array>, self: (i: number) => number) =>
    Array.from({ length: m }, (_, i) => {
      const row = new Array<number>(m);
      // (the diagonal too: a constant series' correlation with itself is NaN, as spearman(x, x) says)
      for (let j = 0; j < m; j++) row[j] = rep[i] === rep[j] ? self(rep[i]) : u.get(rep[i])![slot[rep[j]]];
      return row;
    });
  const out: { spearman?: number[][]; kendall?: number[][] } = {};
  const constant = (i: number) => n < 2 || pre[i].rank[pre[i].order[n - 1]] === 0;
  if (wantSpearman) {
    // Pearson on average ranks, with the same arithmetic as `pearson`.
    const dev = new Map<number, Float64Array>();
    const ss = new Map<number, number>();
    for (const i of uniq) {
      const r = pre[i].average!;
      let mean = 0;
      for (let k = 0; k < n; k++) mean += r[k];
      mean /= n;
      let s = 0;
      for (let k = 0; k < n; k++) {
        r[k] -= mean;
        s += r[k] * r[k];
      }
      dev.set(i, r);
      ss.set(i, s);
    }
    const u = new Map<number, Float64Array>();
    for (const i of uniq) u.set(i, new Float64Array(uniq.length));
    for (let a = 0; a < uniq.length; a++) {
      const i = uniq[a];
      const da = dev.get(i)!;
      for (let b = a + 1; b < uniq.length; b++) {
        const j = uniq[b];
        const db = dev.get(j)!;
        let sab = 0;
        for (let k = 0; k < n; k++) sab += da[k] * db[k];
        const saa = ss.get(i)!;
        const sbb = ss.get(j)!;
        const v = saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
        u.get(i)![b] = v;
        u.get(j)![a] = v;
      }
    }
    out.spearman = expand(u, (i) => (constant(i) ? NaN : 1));
  }
  if (opts.kendall !== false) {
    const ties = new Map(uniq.map((i) => [i, tiePairs(pre[i].rank)]));
    const u = new Map<number, Float64Array>();
    for (const i of uniq) u.set(i, new Float64Array(uniq.length));
    const ys = new Int32Array(n);
    const buf = new Int32Array(n);
    const n0 = (n * (n - 1)) / 2;
    const cap = n * Math.max(1, Math.ceil(Math.log2(Math.max(2, n))));
    for (let a = 0; a < uniq.length; a++) {
      const i = uniq[a];
      const { order, rank: xr } = pre[i];
      for (let b = a + 1; b < uniq.length; b++) {
        const j = uniq[b];
        const yr = pre[j].rank;
        for (let k = 0; k < n; k++) ys[k] = yr[order[k]];
        // Sort y within runs of equal x; count joint ties.
        let n3 = 0;
        for (let s = 0; s < n; ) {
          let e = s;
          while (e + 1 < n && xr[order[e + 1]] === xr[order[s]]) e++;
          if (e > s) {
            ys.subarray(s, e + 1).sort();
            for (let p = s; p <= e; ) {
              let q = p;
              while (q + 1 <= e && ys[q + 1] === ys[p]) q++;
              n3 += ((q - p + 1) * (q - p)) / 2;
              p = q + 1;
            }
          }
          s = e + 1;
        }
        let swaps = insertionInversions(ys, buf, cap);
        if (swaps < 0) swaps = mergeInversions(ys, buf);
        const denom = Math.sqrt((n0 - ties.get(i)!) * (n0 - ties.get(j)!));
        const v = denom === 0 ? NaN : (n0 - ties.get(i)! - ties.get(j)! + n3 - 2 * swaps) / denom;
        u.get(i)![b] = v;
        u.get(j)![a] = v;
      }
    }
    out.kendall = expand(u, (i) => (constant(i) ? NaN : 1));
  }
  return out;
}

function equalInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Inversions of `ys` counted by insertion sort on a copy in `buf` (O(n + inversions)); -1 as soon
 * as they exceed `cap` (the caller then uses merge sort). `ys` is left unchanged.
 */
function insertionInversions(ys: Int32Array, buf: Int32Array, cap: number): number {
  const n = ys.length;
  buf.set(ys);
  let swaps = 0;
  for (let i = 1; i < n; i++) {
    const v = buf[i];
    let j = i - 1;
    while (j >= 0 && buf[j] > v) {
      buf[j + 1] = buf[j];
      j--;
    }
    swaps += i - 1 - j;
    if (swaps > cap) return -1;
    buf[j + 1] = v;
  }
  return swaps;
}

/** Inversions of `ys` by bottom-up merge sort (sorts `ys`; `buf` is scratch). */
function mergeInversions(ys: Int32Array, buf: Int32Array): number {
  const n = ys.length;
  let swaps = 0;
  let src = ys;
  let dst = buf;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let a = lo;
      let b = mid;
      let k = lo;
      while (a < mid && b < hi) {
        if (src[b] < src[a]) {
          dst[k++] = src[b++];
          swaps += mid - a;
        } else dst[k++] = src[a++];
      }
      while (a < mid) dst[k++] = src[a++];
      while (b < hi) dst[k++] = src[b++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== ys) ys.set(src);
  return swaps;
}
