/**
 * Minimal parser of MAESTRO `Dataflow { ... }` blocks (as stored verbatim in the oracle specs)
 * into the Directive types of src/model/types.ts. Test helper only; the real .m parser is src/parse/.
 */
import type { Dataflow, DimName, Directive, SizeExpr } from '../../src/model/types.js';

const DIMS = new Set<string>(['N', 'G', 'K', 'C', 'R', 'S', 'Y', 'X', "Y'", "X'", 'M']);

function sizeExpr(s: string): SizeExpr {
  const t = s.trim();
  const m = /^Sz\(\s*([A-Z]'?)\s*\)$/.exec(t);
  if (m) return { sz: m[1] as DimName };
  const n = Number(t);
  if (!Number.isInteger(n)) throw new Error(`bad size expression ${s}`);
  return n;
}

/** Parse a dataflow block's text. */
export function parseDataflowText(text: string, name?: string): Dataflow {
  const body = text.replace(/\/\/[^\n]*/g, '');
  const open = body.indexOf('{');
  const close = body.lastIndexOf('}');
  const inner = open >= 0 && close > open ? body.slice(open + 1, close) : body;
  const directives: Directive[] = [];
  for (const raw of inner.split(';')) {
    const st = raw.trim();
    if (st === '') continue;
    let m = /^(SpatialMap|TemporalMap)\s*\(\s*([^,]+?)\s*,\s*([^)]*\)?)\s*\)\s*([A-Z]'?)$/.exec(st);
    if (m) {
      const dim = m[4]!;
      if (!DIMS.has(dim)) throw new Error(`bad dimension in "${st}"`);
      directives.push({ kind: m[1] as 'SpatialMap' | 'TemporalMap', size: sizeExpr(m[2]!), offset: sizeExpr(m[3]!), dim: dim as DimName });
      continue;
    }
    m = /^Cluster\s*\(\s*(.+?)\s*,\s*([PL])\s*\)$/.exec(st);
    if (m) {
      directives.push({ kind: 'Cluster', size: sizeExpr(m[1]!), clusterType: m[2] as 'P' | 'L' });
      continue;
    }
    throw new Error(`cannot parse directive "${st}"`);
  }
  return name === undefined ? { directives } : { name, directives };
}
