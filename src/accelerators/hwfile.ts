/**
 * Read hardware configurations from a user file:
 * - JSON (a `.json` name, or content starting with `{` / `[`): an array of objects, `{ "hardware":
 *   [...] }`, or one configuration as an object or `{ "hardware": {...} }`, with fields
 *   `numPes`/`num_pes`, `l1Size`/`l1_size`/`l1_size_cstr`, `l2Size`/..., `nocBw`/`noc_bw`/`noc_bw_cstr`,
 *   `offchipBw`/`offchip_bw`/`offchip_bw_cstr`, optional `id`, `nocHops`/`noc_hops`/`NoC_NumHops`,
 *   `vectorWidth`/`vector_width`/`num_simd_lanes` (ALUs per PE, default 1);
 * - `.csv`: a header row naming the same fields, one configuration per row (an empty cell of an
 *   optional field, noc_hops or the vector width, leaves it unset);
 * - anything else: a MAESTRO hardware file (`num_pes: 256` lines; src/parse/hardware.ts), one configuration.
 * Files are read with the limits of every input file (src/parse/load.ts).
 * Bad input -> UserError naming file, line and field.
 */
import { basename } from 'node:path';
import type { Hardware } from '../model/types.js';
import { UserError, type SourceLocation } from '../errors.js';
import { parseJsonLocated } from '../parse/json-located.js';
import { parseHardware } from '../parse/hardware.js';
import { HARDWARE_MIN, MAX_INT } from '../parse/limits.js';
import { checkIntText } from '../parse/token-stream.js';
import { looksLikeJson, readInputFile } from '../parse/load.js';
import { splitLines } from '../parse/lines.js';
import { describeValue, hardwareKey } from '../model/encode.js';
import { isJsonObject } from '../spaces/networks-file.js';
import { readCsvCells } from '../parse/csv-cells.js';

const ALIASES: Record<string, keyof Hardware> = {
  id: 'id', name: 'id',
  numpes: 'numPes', num_pes: 'numPes',
  l1size: 'l1Size', l1_size: 'l1Size', l1_size_cstr: 'l1Size',
  l2size: 'l2Size', l2_size: 'l2Size', l2_size_cstr: 'l2Size',
  nocbw: 'nocBw', noc_bw: 'nocBw', noc_bw_cstr: 'nocBw',
  offchipbw: 'offchipBw', offchip_bw: 'offchipBw', offchip_bw_cstr: 'offchipBw',
  nochops: 'nocHops', noc_hops: 'nocHops', noc_numhops: 'nocHops',
  vectorwidth: 'vectorWidth', vector_width: 'vectorWidth', num_simd_lanes: 'vectorWidth',
};
const REQUIRED: (keyof Hardware)[] = ['numPes', 'l1Size', 'l2Size', 'nocBw', 'offchipBw'];
/** A required field's name as a CSV header writes it. */
const CSV_NAME: Partial<Record<keyof Hardware, string>> = { numPes: 'num_pes', l1Size: 'l1_size', l2Size: 'l2_size', nocBw: 'noc_bw', offchipBw: 'offchip_bw' };

function fieldOf(key: string): keyof Hardware | undefined {
  return ALIASES[key.trim().toLowerCase()];
}

/**
 * Hardware ids and configurations seen so far in one file: an id names one configuration in every
 * result (accelerator ids are `hwId/dataflow`), and one configuration is one accelerator, so a
 * repeated id or a repeated configuration (under another id) is an error at its second use.
 */
class UniqueIds {
  private readonly seen = new Set<string>();
  private readonly configs = new Map<string, { id: string; where: string }>();
  /** `at`: where the id is; `row`: where the configuration is; `where`: how to name that place in a message (`line 2`). */
  add(hw: Hardware, at: SourceLocation, row: SourceLocation, where: string): void {
    const id = hw.id!;
    if (this.seen.has(id)) throw new UserError(`hardware id '${id}' used twice (ids name the configurations in the results)`, at);
    this.seen.add(id);
    const key = hardwareKey(hw);
    const earlier = this.configs.get(key);
    if (earlier) throw new UserError(`duplicate hardware configuration '${id}' (the values of '${earlier.id}', ${earlier.where}: ${key})`, row);
    this.configs.set(key, { id, where });
  }
}

/** Where a field of one configuration is (`key` undefined: the configuration itself). */
type Locate = (key?: string) => SourceLocation;

/**
 * One configuration from its (key, value) entries: CSV cells (text) or JSON values (`json`: numbers
 * must be JSON numbers, an id a string or a number). A field given twice, also under two of its
 * names (`numPes` and `num_pes`), is an error: neither value would be the obvious one.
 */
function toHardware(entries: [string, unknown][], where: Locate, fallbackId: string, json = false): Hardware {
  const hw: Partial<Record<keyof Hardware, unknown>> = {};
  const keyOf = new Map<keyof Hardware, string>();
  for (const [k, v] of entries) {
    const f = fieldOf(k);
    if (!f) throw new UserError(`unknown hardware field`, where(k));
    const earlier = keyOf.get(f);
    if (earlier !== undefined)
      throw new UserError(earlier === k ? `field given twice` : `field given twice (as '${earlier}' and '${k}': both name ${f})`, where(k));
    keyOf.set(f, k);
    if (f === 'id') {
      if (json && typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v)))
        throw new UserError(`expected the id as a string or an integer, got ${describeValue(v)}`, where(k));
      hw.id = String(v).trim();
      if (hw.id === '') throw new UserError('empty hardware id', where(k));
      if (/[\u0000-\u001f\u007f]/.test(hw.id as string)) throw new UserError('a hardware id cannot contain line breaks or other control characters', where(k));
      continue;
    }
    // (an empty CSV cell of an optional field, noc_hops or the vector width: not given)
    if (!json && String(v).trim() === '' && !(REQUIRED as readonly string[]).includes(f)) continue;
    if (json && typeof v !== 'number') throw new UserError(`expected an integer >= ${HARDWARE_MIN[f]}, got ${describeValue(v)}`, where(k));
    hw[f] = checkIntText(String(v).trim(), HARDWARE_MIN[f], where(k));
  }
  for (const f of REQUIRED)
    if (hw[f] === undefined)
      throw new UserError(`missing hardware field '${f}' (each configuration of a hardware list needs ${REQUIRED.join(', ')})`, where());
  const out: Hardware = {
    id: (hw.id as string | undefined) ?? fallbackId,
    numPes: hw.numPes as number,
    l1Size: hw.l1Size as number,
    l2Size: hw.l2Size as number,
    nocBw: hw.nocBw as number,
    offchipBw: hw.offchipBw as number,
  };
  if (hw.nocHops !== undefined) out.nocHops = hw.nocHops as number;
  if (hw.vectorWidth !== undefined) out.vectorWidth = hw.vectorWidth as number;
  return out;
}

/** Parse hardware configurations from text (`file` names the source in errors and picks the format). */
export function parseHardwareText(text: string, file: string): Hardware[] {
  const base = basename(file).replace(/\.[^.]*$/, '') || basename(file); // (`.m`: not an empty id)
  if (!/\.csv$/i.test(file) && looksLikeJson(file, text)) {
    const doc = parseJsonLocated(text, file);
    const v = doc.value;
    // One configuration as an object of its own, or as {"hardware": {...}}: a list of one, named
    // by the file as a MAESTRO hardware file is.
    const single = isJsonObject(v) && (isJsonObject(v.hardware) || (!('hardware' in v) && Object.keys(v).some((k) => fieldOf(k) !== undefined)));
    const wrapped = isJsonObject(v) && 'hardware' in v; // {"hardware": [...]} or {"hardware": {...}}
    if (isJsonObject(v) && !single)
      for (const k of Object.keys(v))
        if (k !== 'hardware') throw new UserError(`unknown key "${k}" (expected {"hardware": [...]})`, doc.at([k]));
    const root: (string | number)[] = wrapped ? ['hardware'] : [];
    const list = isJsonObject(v) ? (single ? [wrapped ? v.hardware : v] : v.hardware) : v;
    if (!Array.isArray(list) || list.length === 0)
      throw new UserError('expected a non-empty array of hardware configurations (or {"hardware": [...]})', doc.at(root));
    const ids = new UniqueIds();
    return list.map((o, i) => {
      // (a single object's fields sit at its own path, without a list index)
      const path = (k?: string) => [...root, ...(single ? [] : [i]), ...(k === undefined ? [] : [k])];
      if (!isJsonObject(o)) throw new UserError('expected an object', doc.at(path()));
      const where: Locate = (k) => doc.at(path(k));
      const hw = toHardware(Object.entries(o), where, single ? base : `${base}_${i}`, true);
      const at = where();
      ids.add(hw, where(Object.keys(o).find((k) => fieldOf(k) === 'id')), at, at.line !== undefined ? `line ${at.line}` : `[${i}]`);
      return hw;
    });
  }
  const lines = splitLines(text);
  if (/\.csv$/i.test(file)) {
    if (lines.every((l) => l.trim() === '')) throw new UserError('the file is empty: expected a header line such as id,num_pes,l1_size,l2_size,noc_bw,offchip_bw, then a line per configuration', { file });
    if (lines[0].trim() === '') throw new UserError('expected the header line (id,num_pes,l1_size,l2_size,noc_bw,offchip_bw) on line 1, got an empty line', { file, line: 1 });
    const header = readCsvCells(lines[0], { file, line: 1 });
    header.forEach((h, i) => {
      if (h === '') throw new UserError(`empty column name (column ${i + 1} of the header)`, { file, line: 1 });
      if (!fieldOf(h)) throw new UserError('unknown hardware column', { file, line: 1, field: h });
    });
    // (a required column missing: said of the header, by its CSV name, not of the first row)
    const missing = REQUIRED.filter((f) => !header.some((h) => fieldOf(h) === f));
    if (missing.length > 0)
      throw new UserError(`missing column${missing.length > 1 ? 's' : ''} ${missing.map((f) => CSV_NAME[f]).join(', ')} (the header needs num_pes, l1_size, l2_size, noc_bw, offchip_bw)`, { file, line: 1 });
    const out: Hardware[] = [];
    const ids = new UniqueIds();
    for (let i = 1; i < lines.length; i++) {
      if (lines[i].trim() === '') continue;
      const cells = readCsvCells(lines[i], { file, line: i + 1 });
      if (cells.length !== header.length)
        throw new UserError(`expected ${header.length} columns, got ${cells.length}`, { file, line: i + 1 });
      const hw = toHardware(header.map((h, j) => [h, cells[j]]), (k) => ({ file, line: i + 1, ...(k !== undefined ? { field: k } : {}) }), `${base}_${out.length}`);
      ids.add(hw, { file, line: i + 1, field: header.find((h) => fieldOf(h) === 'id') ?? 'id' }, { file, line: i + 1 }, `line ${i + 1}`);
      out.push(hw);
    }
    if (out.length === 0) throw new UserError('no hardware rows', { file });
    return out;
  }
  // MAESTRO hardware file (parsed by src/parse/hardware.ts).
  const hw = parseHardware(text, file);
  return [{ ...hw, id: hw.id ?? base }];
}

/**
 * The hardware of a `PES:L1:L2:NOC:OFFCHIP` shortcut such as `256:100:3000:1000:50` (id = `spec`),
 * or undefined when `spec` has another form. Values outside HARDWARE_MIN..MAX_INT: a UserError on
 * `field`.
 */
export function hardwareShortcut(spec: string, field: string): Hardware | undefined {
  const m = /^(\d+):(\d+):(\d+):(\d+):(\d+)$/.exec(spec);
  if (!m) return undefined;
  const [numPes, l1Size, l2Size, nocBw, offchipBw] = m.slice(1).map(Number);
  const hw: Hardware = { id: spec, numPes, l1Size, l2Size, nocBw, offchipBw };
  for (const k of ['numPes', 'l1Size', 'l2Size', 'nocBw', 'offchipBw'] as const) {
    if (hw[k] < HARDWARE_MIN[k] || hw[k] > MAX_INT) {
      throw new UserError(`values must be integers 1..${MAX_INT} (L1 and L2 may be 0), got '${spec}'`, { field });
    }
  }
  return hw;
}

/** Read hardware configurations from a file (see module doc for formats; the input-file limits of src/parse/load.ts). */
export function readHardwareFile(file: string): Hardware[] {
  return parseHardwareText(readInputFile(file), file);
}
