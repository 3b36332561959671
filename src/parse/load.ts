/**
 * Read input files from disk and parse them with the right parser: JSON when the file name
 * ends in `.json` or its first non-blank character is `{`, MAESTRO text otherwise.
 * I/O problems become UserErrors naming the file.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { Dataflow, Hardware, MappedNetwork, Network } from '../model/types.js';
import { parseHardware } from './hardware.js';
import { parseDataflow, parseMapping, parseModel } from './mapping.js';
import { parseDataflowJson, parseHardwareJson, parseMappingJson, parseModelJson } from './json-input.js';
import { splitLines } from './lines.js';

/** Largest input file read (64 MiB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Read a text input file, with one-line errors for missing/unreadable/oversized files. */
export function readInputFile(file: string): string {
  let size: number;
  let regular: boolean;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UserError('is a directory, expected a file', { file });
    size = st.size;
    regular = st.isFile();
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`cannot read file (${ioReason(e)})`, { file });
  }
  if (size > MAX_INPUT_BYTES) throw new UserError(`file is too large (${size} bytes, limit ${MAX_INPUT_BYTES})`, { file });
  let bytes: Buffer;
  try {
    // A pipe or a device (/dev/stdin, a FIFO) has no size to check first: read up to the limit.
    bytes = regular ? readFileSync(file) : readBounded(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`cannot read file (${ioReason(e)})`, { file });
  }
  const text = bytes.toString('utf8');
  const at = (i: number) => {
    const before = text.slice(0, i);
    return { file, line: splitLines(before).length, column: i - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) };
  };
  const nul = text.indexOf('\0');
  if (nul >= 0) throw new UserError('not a text file (NUL byte: binary data?)', at(nul));
  if (text.includes('\uFFFD')) {
    try {
      utf8.decode(bytes); // a literal U+FFFD is fine; a decoding error is not
    } catch {
      throw new UserError('not a UTF-8 text file (invalid byte sequence: binary data or another encoding?)', at(text.indexOf('\uFFFD')));
    }
  }
  return text;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Read a non-regular file (pipe, device) to its end, at most {@link MAX_INPUT_BYTES} (`/dev/zero` is endless). */
function readBounded(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    // Standard input that is a socket (a parent process's pipe, e.g. Node's spawn) cannot be
    // opened by name (ENXIO): read the descriptor itself.
    if ((e as NodeJS.ErrnoException).code !== 'ENXIO' || !STDIN_NAMES.includes(file)) throw e;
    fd = 0;
  }
  try {
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(1 << 20);
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e; // (a non-blocking descriptor: wait for data)
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (n === 0) return Buffer.concat(parts, total);
      total += n;
      if (total > MAX_INPUT_BYTES) throw new UserError(`input is too large (over ${MAX_INPUT_BYTES} bytes read from a pipe or device)`, { file });
      parts.push(buf.subarray(0, n));
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** The names of standard input. */
const STDIN_NAMES = ['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'];

function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return code ?? String((e as Error)?.message ?? e);
}

/** True if `text` from `file` should be read as JSON. */
export function looksLikeJson(file: string, text: string): boolean {
  if (/\.json$/i.test(file)) return true;
  const m = /^\uFEFF?\s*(\S)/.exec(text);
  return m !== null && (m[1] === '{' || m[1] === '[');
}

/**
 * A `.csv` file given where one hardware configuration is read (`--HW_file`): a UserError saying
 * what such a file is for (as MAESTRO text its header would be an unknown key `id`); `hint` is appended
 * to the message (e.g. how the command picks one of the list's configurations).
 */
export function refuseHardwareList(file: string, field?: string, hint = ''): void {
  if (/\.csv$/i.test(file))
    throw new UserError(
      `a CSV file is a list of hardware configurations (for codesign search --accelerators); this takes one configuration: a MAESTRO hardware file or a JSON object ({"numPes": 256, "l1Size": 100, ...})${hint}`,
      { file, ...(field !== undefined ? { field } : {}) },
    );
}

/** Load a hardware file (MAESTRO `.m` or JSON). */
export function loadHardware(file: string): Hardware {
  refuseHardwareList(file);
  const text = readInputFile(file);
  return looksLikeJson(file, text) ? parseHardwareJson(text, file) : parseHardware(text, file);
}

/** Load a mapping file (MAESTRO `.m` or JSON). */
export function loadMapping(file: string): MappedNetwork {
  const text = readInputFile(file);
  return looksLikeJson(file, text) ? parseMappingJson(text, file) : parseMapping(text, file);
}

/** Load a model file (MAESTRO `.m` or JSON). */
export function loadModel(file: string): Network {
  const text = readInputFile(file);
  return looksLikeJson(file, text) ? parseModelJson(text, file) : parseModel(text, file);
}

/** Load a dataflow file (MAESTRO `.m` or JSON). */
export function loadDataflow(file: string): Dataflow {
  const text = readInputFile(file);
  return looksLikeJson(file, text) ? parseDataflowJson(text, file) : parseDataflow(text, file);
}
