/**
 * Accelerators = hardware configurations x dataflows, and the `--accelerators` / `--proxy` specs.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Dataflow, Hardware } from '../model/types.js';
import { builtinDataflow, dataflowKey, type BuiltinDataflowName } from '../dataflows/builtin.js';
import { describeValue, hardwareKey } from '../model/encode.js';
import { UserError } from '../errors.js';
import { MAESTRO_DEFAULT_HW, paperHardware } from './paper.js';
import { gridHardware, randomHardware, RANDOM_SEED_MAX } from './generate.js';
import { hardwareShortcut, readHardwareFile } from './hwfile.js';

/** One accelerator design point: a hardware configuration with a dataflow. */
export interface Accelerator {
  /** Position in the accelerator list (stable, used for tie-breaking). */
  index: number;
  /** `hwId/dataflow`, e.g. `accelerator_7/kcp_ws`. */
  id: string;
  /** The hardware configuration. */
  hw: Hardware;
  /** Built-in dataflow name (`kcp_ws`, `rs`, `xp_ws`, `ykp_os`) or a dataflow file path. */
  dataflow: string;
}

/** The built-in dataflow names (the paper used kcp_ws, rs, xp_ws). */
export const BUILTIN_DATAFLOWS = ['kcp_ws', 'rs', 'xp_ws', 'ykp_os'] as const;
/** The paper's dataflows. */
export const PAPER_DATAFLOWS = ['kcp_ws', 'rs', 'xp_ws'] as const;

/** Short name of a dataflow (file basename without extension for files). */
export function dataflowName(df: string): string {
  return (BUILTIN_DATAFLOWS as readonly string[]).includes(df) ? df : basename(df).replace(/\.[^.]*$/, '');
}

/** How the results name a proxy: `hwId/<dataflow name>`, as accelerators are named (`proxy/...` without an id). */
export function proxyId(p: { hw: Hardware; dataflow: string }): string {
  return `${p.hw.id ?? 'proxy'}/${dataflowName(p.dataflow)}`;
}

/** Canonical key of a (hardware, dataflow) pair: equal keys <=> identical cost-model inputs. */
export function acceleratorKey(hw: Hardware, dataflow: string): string {
  return `${hardwareKey(hw)}/${dataflow}`;
}

/**
 * Cross product hardware x dataflows, hardware-major (all dataflows of hw 0 first). Ids are
 * `hwId/<dataflow name>`; hardware without an id is `hw<position>` (`hw2/rs`), so ids stay distinct.
 */
export function buildAccelerators(hardware: readonly Hardware[], dataflows: readonly string[]): Accelerator[] {
  const out: Accelerator[] = [];
  hardware.forEach((hw, i) => {
    for (const df of dataflows) out.push({ index: out.length, id: `${hw.id ?? `hw${i}`}/${dataflowName(df)}`, hw, dataflow: df });
  });
  return out;
}

/**
 * Parse a `--dataflows` value: comma-separated built-in names or dataflow file paths.
 * Unknown names that are not existing files -> UserError.
 */
export function parseDataflows(spec: string, field = '--dataflows'): string[] {
  const list = spec.split(',').map((s) => s.trim());
  if (list.every((s) => s === '')) throw new UserError('empty dataflow list', { field });
  if (list.includes('')) throw new UserError(`an empty item in '${spec}' (a stray comma?)`, { field }); // (as --proxy and --thresholds)
  for (const df of list)
    if (!(BUILTIN_DATAFLOWS as readonly string[]).includes(df) && !existsSync(df))
      throw new UserError(`'${df}' is neither a built-in dataflow (${BUILTIN_DATAFLOWS.join(', ')}) nor an existing file`, { field });
  if (new Set(list).size !== list.length) throw new UserError('dataflow listed twice', { field });
  // Accelerator ids are `hwId/<dataflow name>`: two files of one base name would share ids.
  const byName = new Map<string, string>();
  for (const df of list) {
    const other = byName.get(dataflowName(df));
    if (other !== undefined)
      throw new UserError(`${other} and ${df} have the same name '${dataflowName(df)}' (accelerator ids are hardware/dataflow name): rename one`, { field });
    byName.set(dataflowName(df), df);
  }
  return list;
}

/**
 * Check that a dataflow file whose name is a built-in's (`rs.m`: accelerator ids `hw/rs`) maps like
 * that built-in: otherwise its results would carry the built-in's name. `df` is the file's path,
 * `directives` its resolved dataflow.
 */
export function checkDataflowFileName(df: string, dataflow: Dataflow, field: string): void {
  const name = dataflowName(df);
  if ((BUILTIN_DATAFLOWS as readonly string[]).includes(df) || !(BUILTIN_DATAFLOWS as readonly string[]).includes(name)) return;
  if (dataflowKey(dataflow) !== dataflowKey(builtinDataflow(name as BuiltinDataflowName)))
    throw new UserError(`${df} has the name of the built-in dataflow ${name} but other directives (accelerator ids would read hardware/${name}): rename the file`, {
      file: df,
      field,
    });
}

/**
 * Parse an `--accelerators` hardware spec:
 * `paper` (the paper's 50 configs), `grid` (paper value lists, 432 configs), `random:N:SEED`
 * (N distinct configs from the grid, mulberry32(SEED)), `default` (MAESTRO default only),
 * `PES:L1:L2:NOC:OFFCHIP` shortcuts (comma-separated; ids = the shortcuts), or a file.
 * `field` names the spec in errors (a file's errors name the file): `--accelerators`, the CLI's
 * flag, unless given (e.g. `parseHardwareSpec(spec, 'hardware')`).
 */
export function parseHardwareSpec(spec: string, field = '--accelerators'): Hardware[] {
  if (typeof spec !== 'string') throw new TypeError(`parseHardwareSpec: spec must be a string (paper, grid, default, random:N:SEED, PES:L1:L2:NOC:OFF[,...] or a file), got ${describeValue(spec)}`);
  if (spec === 'paper') return paperHardware();
  if (spec === 'grid') return gridHardware();
  if (spec === 'default') return [{ ...MAESTRO_DEFAULT_HW }];
  const fromFile = existsSync(spec);
  const m = fromFile ? null : /^random:(\d+):(\d+)$/.exec(spec);
  if (m && m[2].replace(/^0+(?=\d)/, '').length > 10) // (as typed: a double would round it)
    throw new UserError(`random seed must be an integer 0..${RANDOM_SEED_MAX}, got ${m[2]}`, { field });
  if (m) {
    try {
      return randomHardware(Number(m[1]), Number(m[2]));
    } catch (e) {
      throw new UserError((e as Error).message, { field });
    }
  }
  if (!fromFile && spec.startsWith('random')) throw new UserError(`expected random:N:SEED, got '${spec}'`, { field });
  // PES:L1:L2:NOC:OFFCHIP[,PES:L1:L2:NOC:OFFCHIP...] (the shortcut of evaluate --hw and --proxy).
  const shortcuts = fromFile ? undefined : shortcutList(spec, field);
  if (!fromFile && !shortcuts)
    throw new UserError(`'${spec}' is not paper, grid, default, random:N:SEED, PES:L1:L2:NOC:OFFCHIP[,...] or an existing file`, {
      field,
    });
  if (!shortcuts) return readHardwareFile(spec); // (a file's repeated configuration: refused there, with its lines)
  const seen = new Map<string, string | undefined>();
  for (const hw of shortcuts) {
    const k = acceleratorKey(hw, '');
    if (seen.has(k)) throw new UserError(`duplicate hardware configuration '${hw.id}' (the values of '${seen.get(k)}': ${hardwareKey(hw)})`, { field });
    seen.set(k, hw.id);
  }
  return shortcuts;
}

/** `PES:L1:L2:NOC:OFFCHIP` items separated by commas (ids = the items), or undefined for another form. */
function shortcutList(spec: string, field: string): Hardware[] | undefined {
  const items = spec.split(',').map((s) => s.trim());
  if (!items.every((s) => /^\d+(:\d+){4}$/.test(s))) return undefined;
  return items.map((s) => hardwareShortcut(s, field)!);
}

/**
 * Parse one `--proxy` entry: `default[/DATAFLOW]`, `PES:L1:L2:NOC:OFFCHIP[/DATAFLOW]`, or a hardware
 * id from `hardware` (e.g. `accelerator_7/rs`). Dataflow defaults to `defaultDataflow`.
 */
export function parseProxy(spec: string, hardware: readonly Hardware[], defaultDataflow: string): { hw: Hardware; dataflow: string } {
  let hwPart = spec;
  let df = defaultDataflow;
  // (an accelerator's id with a '/' in it is that id, not HW/DATAFLOW)
  if (!existsSync(spec) && !hardware.some((h) => h.id === spec) && spec.lastIndexOf('/') > 0) {
    // HW/DATAFLOW, where either side may be a path: the first split whose hardware part is known
    // (default, a shortcut, a hardware id, a file) and whose dataflow part is a built-in or a file
    // (`default//abs/dir/df.m`, `hw/dir/accel.m/rs`); else the first whose hardware part is known
    // (the error names the whole missing dataflow path); else the last '/' when a built-in dataflow
    // follows it; else none (a missing file: the error names the entry, not a piece of its path).
    const splits = [...spec.matchAll(/\//g)].map((m) => m.index!).filter((i) => i > 0);
    const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() === true; // (not a directory on the way)
    const builtin = (d: string) => (BUILTIN_DATAFLOWS as readonly string[]).includes(d);
    const hwKnown = (h: string) => h === 'default' || /^\d+(:\d+){4}$/.test(h) || hardware.some((x) => x.id === h) || isFile(h);
    const known = (h: string, d: string) => hwKnown(h) && (builtin(d) || isFile(d));
    const last = splits[splits.length - 1]!;
    const at =
      splits.find((i) => known(spec.slice(0, i), spec.slice(i + 1))) ?? splits.find((i) => hwKnown(spec.slice(0, i))) ?? (builtin(spec.slice(last + 1)) ? last : undefined);
    if (at !== undefined) {
      hwPart = spec.slice(0, at);
      df = spec.slice(at + 1);
      parseDataflows(df, '--proxy');
    }
  }
  if (hwPart === 'default') return { hw: { ...MAESTRO_DEFAULT_HW }, dataflow: df };
  const shortcut = hardwareShortcut(hwPart, '--proxy');
  const byId = hardware.find((h) => h.id === hwPart);
  if (shortcut && byId && hardwareKey(byId) !== hardwareKey(shortcut))
    throw new UserError(`'${hwPart}' is both a hardware shortcut and the id of an accelerator with other values: rename that accelerator`, { field: '--proxy' });
  if (shortcut) return { hw: { ...shortcut, id: `proxy-${hwPart.replace(/:/g, '_')}` }, dataflow: df };
  if (byId) return { hw: byId, dataflow: df };
  if (existsSync(hwPart)) {
    const hws = readHardwareFile(hwPart);
    if (hws.length !== 1)
      throw new UserError(`a proxy file holds one hardware configuration, this one ${hws.length} (give several proxies as a comma list)`, { file: hwPart, field: '--proxy' });
    const hw = hws[0]!;
    const same = hardware.find((h) => h.id === hw.id);
    if (same && hardwareKey(same) !== hardwareKey(hw))
      throw new UserError(`the proxy's id '${hw.id}' names an accelerator's hardware with other values: rename one`, { file: hwPart, field: '--proxy' });
    return { hw, dataflow: df };
  }
  throw new UserError(`'${spec}' is not default, PES:L1:L2:NOC:OFFCHIP, a hardware id or a file (optionally /DATAFLOW)`, {
    field: '--proxy',
  });
}
