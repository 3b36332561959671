/**
 * The report's rank-correlation heatmap: an n x n matrix of values <= 1 (undefined: grey), a
 * colour scale, and, when the rows come in groups (accelerators by dataflow), the group names
 * and lines between the groups' blocks.
 */
import { esc } from './escape.js';

/**
 * `labels[i]` names row / column i; `groups[i]` (optional) its group, rows of a group adjacent.
 * Up to 30 rows get their labels written, up to 40 a tooltip per cell; larger matrices are drawn
 * with colours quantised to 32 levels and equal neighbours merged (a 150 x 150 matrix stays small).
 * The colour scale runs from `lo` (default: the matrix's smallest value, at most 0.9) to 1: give
 * several heatmaps one `lo` ({@link heatmapScaleLow}) so that a colour means one value in all.
 */
export function heatmapSvg(title: string, labels: readonly string[], m: readonly (readonly number[])[], groups?: readonly string[], lo = heatmapScaleLow([m])): string {
  const n = labels.length;
  const cell = Math.max(2, Math.min(24, Math.floor(520 / Math.max(1, n))));
  const blocks = groupBlocks(groups, n);
  // Left margin: the row labels (about 6.2 px a character at 11 px) or the group names.
  const ml = n <= 30 ? 12 + Math.ceil(6.2 * Math.min(LABEL_CHARS, Math.max(0, ...labels.map((l) => l.length)))) : blocks.length > 1 ? 70 : 10;
  const mt = blocks.length > 1 ? 46 : 30;
  // (room for the colour scale; and for the title, about 7.5 px a character at 14 px, over a small matrix)
  const W = Math.max(ml + n * cell + 90, ml + Math.ceil(7.5 * title.length) + 10), H = mt + Math.max(n * cell, 160) + 20;
  const color = (v: number) => {
    if (!Number.isFinite(v)) return '#ccc';
    const t = Math.max(0, Math.min(1, (v - lo) / (1 - lo || 1)));
    // (the lowest value light blue-grey, not white: an empty-looking cell would read as missing)
    return `rgb(${Math.round(228 - 173 * t)},${Math.round(234 - 99 * t)},${Math.round(246 - 31 * t)})`;
  };
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">`];
  parts.push(`<text x="${ml}" y="18" font-size="14">${esc(title)}</text>`);
  const titles = n <= 40;
  for (let i = 0; i < n; i++) {
    if (n <= 30) {
      // (a label longer than the margin holds is shortened; its whole text is the tooltip)
      const l = labels[i]!;
      const shown = l.length > LABEL_CHARS ? `${l.slice(0, LABEL_CHARS - 1)}…` : l;
      parts.push(`<text x="${ml - 4}" y="${mt + i * cell + cell * 0.7}" text-anchor="end" font-size="${Math.min(11, cell)}">${shown !== l ? `<title>${esc(l)}</title>` : ''}${esc(shown)}</text>`);
    }
    if (titles) {
      for (let j = 0; j < n; j++)
        parts.push(`<rect x="${ml + j * cell}" y="${mt + i * cell}" width="${cell}" height="${cell}" fill="${color(m[i]![j]!)}"><title>${esc(labels[i]!)} vs ${esc(labels[j]!)}: ${cellText(m[i]![j]!)}</title></rect>`);
      continue;
    }
    const q = (v: number) => (Number.isFinite(v) ? lo + Math.round(((Math.max(lo, Math.min(1, v)) - lo) / (1 - lo || 1)) * 32) * ((1 - lo) / 32) : NaN);
    for (let j = 0; j < n; ) {
      const c = color(q(m[i]![j]!));
      let k = j + 1;
      while (k < n && color(q(m[i]![k]!)) === c) k++;
      parts.push(`<rect x="${ml + j * cell}" y="${mt + i * cell}" width="${(k - j) * cell}" height="${cell}" fill="${c}"/>`);
      j = k;
    }
  }
  if (blocks.length > 1) {
    const side = n * cell;
    for (const b of blocks) {
      const mid = (b.from + b.to) / 2;
      // A name wider than its block is left out (neighbouring names would run together); the
      // block's tooltip names it.
      const wide = (b.to - b.from) * cell;
      if (6.2 * b.name.length <= wide + 8) parts.push(`<text x="${ml + mid * cell}" y="${mt - 6}" text-anchor="middle" font-size="11">${esc(b.name)}</text>`);
      else parts.push(`<rect x="${ml + b.from * cell}" y="${mt - 14}" width="${wide}" height="12" fill="#eee"><title>${esc(b.name)}</title></rect>`);
      if (n > 30 && wide >= 12) parts.push(`<text x="${ml - 6}" y="${mt + mid * cell + 4}" text-anchor="end" font-size="11">${esc(b.name)}</text>`);
      if (b.from > 0) {
        const p = ml + b.from * cell, r = mt + b.from * cell;
        parts.push(`<line x1="${p}" y1="${mt}" x2="${p}" y2="${mt + side}" stroke="#fff" stroke-width="2"/>`);
        parts.push(`<line x1="${ml}" y1="${r}" x2="${ml + side}" y2="${r}" stroke="#fff" stroke-width="2"/>`);
      }
    }
  }
  const lx = ml + n * cell + 15;
  for (let k = 0; k <= 10; k++) {
    const v = lo + ((1 - lo) * k) / 10;
    parts.push(`<rect x="${lx}" y="${mt + (10 - k) * 12}" width="14" height="12" fill="${color(v)}"/><text x="${lx + 18}" y="${mt + (10 - k) * 12 + 10}" font-size="10">${v.toFixed(3)}</text>`);
  }
  parts.push(`<rect x="${lx}" y="${mt + 11 * 12 + 6}" width="14" height="12" fill="#ccc"/><text x="${lx + 18}" y="${mt + 11 * 12 + 16}" font-size="10">undefined</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** The low end of a colour scale for the matrices `ms`: their smallest defined value, at most 0.9. */
export function heatmapScaleLow(ms: readonly (readonly (readonly number[])[])[]): number {
  let lo = 0.9;
  for (const m of ms) for (const r of m) for (const v of r) if (Number.isFinite(v)) lo = Math.min(lo, v);
  return lo;
}

/** Row labels longer than this are shortened (the left margin holds about this many characters). */
const LABEL_CHARS = 64;

function cellText(v: number): string {
  return Number.isFinite(v) ? v.toFixed(4) : 'undefined';
}

/** Runs of equal group names: [from, to) row ranges. None without groups. */
function groupBlocks(groups: readonly string[] | undefined, n: number): { name: string; from: number; to: number }[] {
  if (!groups || groups.length !== n) return [];
  const out: { name: string; from: number; to: number }[] = [];
  for (let i = 0; i < n; i++) {
    const last = out[out.length - 1];
    if (last && last.name === groups[i]) last.to = i + 1;
    else out.push({ name: groups[i]!, from: i, to: i + 1 });
  }
  return out;
}
