/**
 * The report's Pareto-front chart: quality (up) against a cost metric (log scale, left = better),
 * one staircase per accelerator coloured by its group (dataflow), the proxy's front in black and
 * the co-design front (best accelerator at each quality level) dashed, with a legend.
 */
import { linearTicks, logTicks, tickLabels } from './axis.js';
import { esc } from './escape.js';

/** A staircase: [quality, metric] points, quality descending, metric decreasing. */
export type FrontPoints = [number, number][];

/** One line of the chart. */
export interface FrontSeries {
  /** Shown as the line's tooltip. */
  label: string;
  pts: FrontPoints;
  /** Colour group (the accelerator's dataflow); ignored for the proxy / co-design lines. */
  group: string;
  role?: 'accelerator' | 'proxy' | 'codesign';
}

/** Colours of the groups, in order of first appearance (then hues). */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

function groupColour(i: number, n: number): string {
  return i < PALETTE.length ? PALETTE[i]! : `hsl(${Math.round((360 * i) / Math.max(1, n))},65%,45%)`;
}

/** 2-D front of [quality, metric] points (higher quality and lower metric are better). */
export function paretoFront(points: Iterable<[number, number]>): FrontPoints {
  const sorted = [...points].filter((p) => Number.isFinite(p[1])).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const out: FrontPoints = [];
  let best = Infinity;
  for (const p of sorted)
    if (p[1] < best) {
      best = p[1];
      out.push(p);
    }
  return out;
}

/** SVG path of a staircase in whole pixels (steps that round to no move are dropped). */
function stairPath(pts: FrontPoints, x: (m: number) => number, y: (q: number) => number): string {
  let px = Math.round(x(pts[0]![1]));
  let py = Math.round(y(pts[0]![0]));
  let d = `M${px},${py}`;
  for (let k = 1; k < pts.length; k++) {
    const ny = Math.round(y(pts[k]![0]));
    const nx = Math.round(x(pts[k]![1]));
    if (ny !== py) d += `V${ny}`;
    if (nx !== px) d += `H${nx}`;
    py = ny;
    px = nx;
  }
  return d;
}

/** The chart as an inline SVG element (or a sentence when there is nothing to draw). */
export function frontsSvg(title: string, series: readonly FrontSeries[], metricName: string, qualityName: string): string {
  const W = 820, H = 420, ml = 70, mr = 210, mt = 30, mb = 48;
  const all = series.flatMap((f) => f.pts).filter((p) => p[1] > 0);
  if (all.length === 0) return `<p>${esc(title)}: no feasible points.</p>`;
  // (A loop, not Math.min(...xs): a large sweep has more points than a call takes arguments.)
  let qmin = Infinity, qmax = -Infinity, mmin = Infinity, mmax = -Infinity;
  for (const [q, m] of all) {
    if (q < qmin) qmin = q;
    if (q > qmax) qmax = q;
    if (m < mmin) mmin = m;
    if (m > mmax) mmax = m;
  }
  // A single quality level or metric value: a range around it, so that its points sit inside.
  if (qmax === qmin) {
    const pad = Math.abs(qmin) * 0.01 || 1;
    qmin -= pad;
    qmax += pad;
  }
  if (mmax === mmin) {
    mmin /= 2;
    mmax *= 2;
  }
  const lmin = Math.log10(mmin), lmax = Math.log10(mmax);
  // (a cost of 0, which a log axis cannot show, sits at the left edge: the best)
  const x = (m: number) => ml + Math.min(1, Math.max(0, (Math.log10(Math.max(m, 1e-300)) - lmin) / (lmax - lmin))) * (W - ml - mr);
  const y = (q: number) => H - mb - ((q - qmin) / (qmax - qmin)) * (H - mt - mb);
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">`];
  parts.push(`<text x="${(ml + W - mr) / 2}" y="18" text-anchor="middle" font-size="14">${esc(title)}</text>`);
  // Grid and tick labels.
  const xt = logTicks(mmin, mmax);
  tickLabels(xt).forEach((label, i) => {
    const px = Math.round(x(xt[i]!)) + 0.5;
    parts.push(`<line x1="${px}" y1="${mt}" x2="${px}" y2="${H - mb}" stroke="#eee"/>`);
    parts.push(`<text x="${px}" y="${H - mb + 15}" text-anchor="middle" font-size="10">${label}</text>`);
  });
  const yt = linearTicks(qmin, qmax);
  tickLabels(yt).forEach((label, i) => {
    const py = Math.round(y(yt[i]!)) + 0.5;
    parts.push(`<line x1="${ml}" y1="${py}" x2="${W - mr}" y2="${py}" stroke="#eee"/>`);
    parts.push(`<text x="${ml - 6}" y="${py + 3}" text-anchor="end" font-size="10">${label}</text>`);
  });
  parts.push(`<line x1="${ml}" y1="${H - mb}" x2="${W - mr}" y2="${H - mb}" stroke="#333"/><line x1="${ml}" y1="${mt}" x2="${ml}" y2="${H - mb}" stroke="#333"/>`);
  parts.push(`<text x="${(ml + W - mr) / 2}" y="${H - 10}" text-anchor="middle" font-size="12">${esc(metricName)} (log scale; left is better)</text>`);
  const yc = (mt + H - mb) / 2;
  parts.push(`<text x="14" y="${yc}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${yc})">${esc(qualityName)} (up is better)</text>`);
  // Lines: accelerators first, then the proxy and the co-design front on top.
  const groups = [...new Set(series.filter((s) => (s.role ?? 'accelerator') === 'accelerator').map((s) => s.group))];
  const colour = (s: FrontSeries) => groupColour(groups.indexOf(s.group), groups.length);
  const order = (s: FrontSeries) => (s.role === 'codesign' ? 2 : s.role === 'proxy' ? 1 : 0);
  // Several proxies (--proxy per-dataflow, a list): each its own dash pattern and legend entry.
  const proxies = series.filter((s) => s.role === 'proxy');
  const proxyStyle = (s: FrontSeries) => {
    const dash = PROXY_DASHES[proxies.indexOf(s) % PROXY_DASHES.length]!;
    return `stroke="#000" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}`;
  };
  for (const s of [...series].sort((a, b) => order(a) - order(b))) {
    if (s.pts.length === 0) continue;
    const d = stairPath(s.pts, x, y);
    const style =
      s.role === 'proxy'
        ? proxyStyle(s)
        : s.role === 'codesign'
          ? 'stroke="#000" stroke-width="2" stroke-dasharray="6 4"'
          : `stroke="${colour(s)}" stroke-width="1" opacity="0.55"`;
    parts.push(`<path d="${d}" fill="none" ${style}><title>${esc(s.label)}</title></path>`);
    // A front of one point is a path without length: mark the point.
    if (s.pts.length === 1) {
      const [q, m] = s.pts[0]!;
      const fill = s.role === 'proxy' || s.role === 'codesign' ? '#000' : colour(s);
      parts.push(`<circle cx="${Math.round(x(m))}" cy="${Math.round(y(q))}" r="3" fill="${fill}"><title>${esc(s.label)}</title></circle>`);
    }
  }
  // Legend.
  const lx = W - mr + 16;
  let ly = mt + 6;
  // (a second line, for a note that would run past the chart's right edge)
  const entry = (swatch: string, text: string, note?: string) => {
    parts.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" ${swatch}/><text x="${lx + 28}" y="${ly + 4}" font-size="11">${esc(text)}</text>`);
    if (note !== undefined) parts.push(`<text x="${lx + 28}" y="${(ly += 14) + 4}" font-size="11">${esc(note)}</text>`);
    ly += 18;
  };
  for (const g of groups) {
    const of = series.filter((s) => (s.role ?? 'accelerator') === 'accelerator' && s.group === g);
    const n = of.length;
    const empty = of.filter((s) => s.pts.length === 0).length; // (no feasible point: no line)
    entry(`stroke="${groupColour(groups.indexOf(g), groups.length)}" stroke-width="2"`, `${g} (${n} accelerator${n === 1 ? '' : 's'}${empty ? ',' : ')'}`, empty ? `${empty} without a feasible point)` : undefined);
  }
  if (proxies.length === 1) entry(proxyStyle(proxies[0]!), 'proxy (phase 1)');
  else for (const p of proxies) entry(proxyStyle(p), `${p.label} (phase 1)`);
  if (series.some((s) => s.role === 'codesign')) entry('stroke="#000" stroke-width="2" stroke-dasharray="6 4"', 'co-design front');
  parts.push('</svg>');
  return parts.join('');
}

/** Dash patterns of the proxies' lines, in order (the first solid). */
const PROXY_DASHES = ['', '2 3', '9 3 2 3', '1 5'];
