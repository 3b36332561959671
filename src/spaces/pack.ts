/**
 * A tiny binary container for the embedded architecture-space data (data/spaces/*.bin.gz):
 * named typed arrays plus a JSON `meta` object, gzip-compressed.
 *
 * Layout (before gzip): ASCII magic `CDPACK1\n`, Uint32 LE header length H, H bytes of UTF-8
 * JSON header `{ meta, sections: [{ name, type, length, offset }] }`, then each section's
 * little-endian bytes at `offset` (from the start of the payload after the header, 8-aligned).
 */
import { gunzipSync, gzipSync } from 'node:zlib';

/** Element types a section may have. */
export type PackType = 'u8' | 'u16' | 'u32' | 'f32' | 'f64';

/** The typed array of each element type. */
export type PackArray = Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

const MAGIC = 'CDPACK1\n';
const CTORS = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;

/** A decoded pack. */
export interface Pack {
  meta: Record<string, unknown>;
  sections: Record<string, PackArray>;
}

function typeOf(a: PackArray): PackType {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Float32Array) return 'f32';
  return 'f64';
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Encode and gzip a pack. */
export function writePack(pack: Pack): Uint8Array {
  if (!littleEndian) throw new Error('writePack: big-endian hosts are not supported');
  const entries = Object.entries(pack.sections);
  let offset = 0;
  const sections = entries.map(([name, a]) => {
    const s = { name, type: typeOf(a), length: a.length, offset };
    offset += Math.ceil(a.byteLength / 8) * 8;
    return s;
  });
  const header = new TextEncoder().encode(JSON.stringify({ meta: pack.meta, sections }));
  const headLen = MAGIC.length + 4 + header.length;
  const payloadStart = Math.ceil(headLen / 8) * 8;
  const buf = new Uint8Array(payloadStart + offset);
  buf.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(buf.buffer).setUint32(MAGIC.length, header.length, true);
  buf.set(header, MAGIC.length + 4);
  entries.forEach(([, a], i) => buf.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), payloadStart + sections[i].offset));
  return gzipSync(buf, { level: 9 });
}

/** Gunzip and decode a pack. Throws Error with `what` in the message on a malformed file. */
export function readPack(gz: Uint8Array, what = 'pack'): Pack {
  if (!littleEndian) throw new Error('readPack: big-endian hosts are not supported');
  const raw = gunzipSync(gz);
  const buf = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  if (new TextDecoder().decode(buf.subarray(0, MAGIC.length)) !== MAGIC) throw new Error(`${what}: not a codesign data pack`);
  const headerLen = new DataView(buf.buffer, buf.byteOffset).getUint32(MAGIC.length, true);
  const headLen = MAGIC.length + 4 + headerLen;
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(MAGIC.length + 4, headLen))) as {
    meta: Record<string, unknown>;
    sections: { name: string; type: PackType; length: number; offset: number }[];
  };
  const payloadStart = Math.ceil(headLen / 8) * 8;
  // Copy into a fresh aligned buffer so every typed array view is aligned.
  const aligned = new Uint8Array(buf.length - payloadStart);
  aligned.set(buf.subarray(payloadStart));
  const sections: Record<string, PackArray> = {};
  for (const s of header.sections) {
    const Ctor = CTORS[s.type];
    if (!Ctor) throw new Error(`${what}: section ${s.name}: unknown type ${s.type}`);
    if (s.offset + s.length * Ctor.BYTES_PER_ELEMENT > aligned.length) throw new Error(`${what}: section ${s.name} truncated`);
    sections[s.name] = new Ctor(aligned.buffer, s.offset, s.length);
  }
  return { meta: header.meta, sections };
}
