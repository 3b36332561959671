/**
 * Rank correlations: Spearman's rho (Pearson correlation of average ranks, ties averaged) and
 * Kendall's tau-b (Knight's O(n log n) algorithm, tie-corrected).
 */

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

/** Symmetric matrix of `fn` over the columns (series) given; diagonal 1. */
export function correlationMatrix(series: ArrayLike<number>[], fn: (a: ArrayLike<number>, b: ArrayLike<number>) => number): number[][] {
  const m = series.length;
  const out = Array.from({ length: m }, () => new Array<number>(m).fill(1));
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++) {
      const v = fn(series[i], series[j]);
      out[i][j] = v;
      out[j][i] = v;
    }
  return out;
}

/** Dense ranks (0-based, ties share a rank) and the index order sorting the series ascending. */
function denseRanks(x: ArrayLike<number>): { order: Int32Array; rank: Int32Array } {
  const n = x.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp(x[a], x[b]) || a - b);
  const rank = new Int32Array(n);
  let r = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && cmp(x[order[k]], x[order[k - 1]]) !== 0) r++;
    rank[order[k]] = r;
  }
  return { order, rank };
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
 * sorted once: O(m^2 n log n) on typed arrays.
 */
export function kendallMatrix(series: ArrayLike<number>[]): number[][] {
  const m = series.length;
  const n = m ? series[0].length : 0;
  const pre = series.map(denseRanks);
  const ties = pre.map((p) => tiePairs(p.rank));
  const out = Array.from({ length: m }, () => new Array<number>(m).fill(1));
  const ys = new Int32Array(n);
  const buf = new Int32Array(n);
  const n0 = (n * (n - 1)) / 2;
  for (let i = 0; i < m; i++) {
    const { order, rank: xr } = pre[i];
    for (let j = i + 1; j < m; j++) {
      const yr = pre[j].rank;
      for (let k = 0; k < n; k++) ys[k] = yr[order[k]];
      // Sort y within runs of equal x; count joint ties.
      let n3 = 0;
      for (let a = 0; a < n; ) {
        let b = a;
        while (b + 1 < n && xr[order[b + 1]] === xr[order[a]]) b++;
        if (b > a) {
          ys.subarray(a, b + 1).sort();
          for (let u = a; u <= b; ) {
            let v = u;
            while (v + 1 <= b && ys[v + 1] === ys[u]) v++;
            n3 += ((v - u + 1) * (v - u)) / 2;
            u = v + 1;
          }
        }
        a = b + 1;
      }
      // Inversions of ys by bottom-up merge sort.
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
      const denom = Math.sqrt((n0 - ties[i]) * (n0 - ties[j]));
      const v = denom === 0 ? NaN : (n0 - ties[i] - ties[j] + n3 - 2 * swaps) / denom;
      out[i][j] = v;
      out[j][i] = v;
    }
  }
  return out;
}
