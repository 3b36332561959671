/** Inline-SVG scatter plot with the Pareto front (minimise both axes), log-scaled axes. */
import { compactNumber, logTicks } from '../../src/report/axis.js';
import { esc } from '../../src/report/escape.js';

/** One point of the plot. */
export interface PlotPoint {
  x: number;
  y: number;
  /** Tooltip text. */
  label: string;
  /** Series (colour), e.g. the dataflow. */
  group: string;
  /** Drawn larger (the accelerator the user typed). */
  highlight?: boolean;
}

/** Indices of the points no other point beats on both axes (lower is better), by x. */
export function paretoFront(points: readonly PlotPoint[]): number[] {
  const order = points.map((_, i) => i).sort((a, b) => points[a].x - points[b].x || points[a].y - points[b].y);
  const front: number[] = [];
  let bestY = Infinity;
  for (const i of order) {
    if (points[i].y < bestY) {
      front.push(i);
      bestY = points[i].y;
    }
  }
  return front;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

/** SVG markup of the scatter plot. */
export function scatterSvg(points: readonly PlotPoint[], xLabel: string, yLabel: string): string {
  const W = 560;
  const H = 360;
  const m = { l: 64, r: 130, t: 16, b: 44 };
  if (points.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"></svg>`;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const pad = (lo: number, hi: number): [number, number] => (lo === hi ? [lo / 1.5, hi * 1.5] : [lo / 1.1, hi * 1.1]);
  const [x0, x1] = pad(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = pad(Math.min(...ys), Math.max(...ys));
  const sx = (v: number): number => m.l + ((Math.log(v) - Math.log(x0)) / (Math.log(x1) - Math.log(x0))) * (W - m.l - m.r);
  const sy = (v: number): number => H - m.b - ((Math.log(v) - Math.log(y0)) / (Math.log(y1) - Math.log(y0))) * (H - m.t - m.b);
  const groups = [...new Set(points.map((p) => p.group))];
  const colour = (g: string): string => COLOURS[groups.indexOf(g) % COLOURS.length];
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#999"/>`);
  for (const t of logTicks(x0, x1)) {
    parts.push(`<line x1="${sx(t)}" x2="${sx(t)}" y1="${H - m.b}" y2="${H - m.b + 4}" stroke="#999"/>`);
    parts.push(`<text x="${sx(t)}" y="${H - m.b + 16}" text-anchor="middle">${compactNumber(t)}</text>`);
  }
  for (const t of logTicks(y0, y1)) {
    parts.push(`<line x1="${m.l - 4}" x2="${m.l}" y1="${sy(t)}" y2="${sy(t)}" stroke="#999"/>`);
    parts.push(`<text x="${m.l - 6}" y="${sy(t) + 4}" text-anchor="end">${compactNumber(t)}</text>`);
  }
  parts.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 8}" text-anchor="middle">${esc(xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  const front = paretoFront(points);
  const path = front.map((i, k) => `${k === 0 ? 'M' : 'L'}${sx(points[i].x).toFixed(1)},${sy(points[i].y).toFixed(1)}`).join(' ');
  parts.push(`<path class="pareto" d="${path}" fill="none" stroke="#444" stroke-dasharray="4 3"/>`);
  const onFront = new Set(front);
  points.forEach((p, i) => {
    const r = p.highlight ? 6 : 3.5;
    parts.push(
      `<circle class="point${onFront.has(i) ? ' pareto-point' : ''}" cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="${r}" ` +
        `fill="${colour(p.group)}" fill-opacity="0.75" stroke="${p.highlight ? '#000' : 'none'}"><title>${esc(p.label)}</title></circle>`,
    );
  });
  groups.forEach((g, k) => {
    const y = m.t + 12 + k * 16;
    parts.push(`<circle cx="${W - m.r + 14}" cy="${y - 4}" r="4" fill="${colour(g)}"/>`);
    parts.push(`<text x="${W - m.r + 24}" y="${y}">${esc(g)}</text>`);
  });
  parts.push(`<text x="${W - m.r + 8}" y="${m.t + 12 + groups.length * 16 + 8}" fill="#444">- - Pareto front</text>`);
  parts.push('</svg>');
  return parts.join('');
}
