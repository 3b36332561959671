/**
 * Error contract over EVERY input format `codesign maestro` and `codesign evaluate` read:
 * each broken input gives exit code 2 and ONE line on stderr naming the file (and line:column
 * and field where the format has them), never a stack trace. Table-driven: formats x defects.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { run, tempDir, put, expectOneLineError, esc, VALID } from './helpers.js';

let dir = '';
let hwM = '';
let mapM = '';
let modelM = '';
let dfM = '';

beforeAll(() => {
  dir = tempDir();
  hwM = put(dir, 'valid-hw.m', VALID.hwM);
  mapM = put(dir, 'valid-map.m', VALID.mappingM());
  modelM = put(dir, 'valid-model.m', VALID.modelM());
  dfM = put(dir, 'valid-df.m', VALID.dataflowM);
  mkdirSync(path.join(dir, 'a-directory.m'));
});

/** An input format: file extension, a valid text, how to put a number into it, and the CLI call. */
interface Format {
  name: string;
  ext: string;
  valid: () => string;
  /** The valid text with the probed number replaced by `v` (raw text), and the field name expected in the error. */
  withNumber?: (v: string) => string;
  field?: RegExp;
  args: (file: string) => string[];
}

const jsonNet = (dims: string, mapped: boolean) =>
  `{"name": "net", "layers": [{"name": "L1", "type": "CONV", "dims": {"K": ${dims}, "C": 64, "R": 3, "S": 3, "Y": 56, "X": 56}` +
  (mapped ? `, "dataflow": ${JSON.stringify(VALID.dataflowJson)}` : '') +
  '}]}\n';

const FORMATS: Format[] = [
  {
    name: 'maestro --HW_file (.m)',
    ext: '.m',
    valid: () => VALID.hwM,
    withNumber: (v) => VALID.hwM.replace('num_pes: 256', `num_pes: ${v}`),
    field: /num_pes/,
    args: (f) => ['maestro', '--HW_file', f, '--Mapping_file', mapM, '--out', '-'],
  },
  {
    name: 'maestro --HW_file (JSON)',
    ext: '.json',
    valid: () => VALID.hwJson,
    withNumber: (v) => VALID.hwJson.replace('"numPes": 256', `"numPes": ${v}`),
    field: /numPes/,
    args: (f) => ['maestro', '--HW_file', f, '--Mapping_file', mapM, '--out', '-'],
  },
  {
    name: 'maestro --Mapping_file (.m)',
    ext: '.m',
    valid: () => VALID.mappingM(),
    withNumber: (v) => VALID.mappingM(`K: ${v}, C: 64, R: 3, S: 3, Y: 56, X: 56`),
    field: /Dimensions\.K/,
    args: (f) => ['maestro', '--HW_file', hwM, '--Mapping_file', f, '--out', '-'],
  },
  {
    name: 'maestro --Mapping_file (JSON)',
    ext: '.json',
    valid: () => jsonNet('64', true),
    withNumber: (v) => jsonNet(v, true),
    field: /layers\[0\]\.dims\.K/,
    args: (f) => ['maestro', '--HW_file', hwM, '--Mapping_file', f, '--out', '-'],
  },
  {
    name: 'maestro --Model_file (.m)',
    ext: '.m',
    valid: () => VALID.modelM(),
    withNumber: (v) => VALID.modelM(`K: ${v}, C: 64, R: 3, S: 3, Y: 56, X: 56`),
    field: /Dimensions\.K/,
    args: (f) => ['maestro', '--HW_file', hwM, '--Model_file', f, '--Dataflow_file', dfM, '--out', '-'],
  },
  {
    name: 'maestro --Model_file (JSON)',
    ext: '.json',
    valid: () => jsonNet('64', false),
    withNumber: (v) => jsonNet(v, false),
    field: /layers\[0\]\.dims\.K/,
    args: (f) => ['maestro', '--HW_file', hwM, '--Model_file', f, '--Dataflow_file', dfM, '--out', '-'],
  },
  {
    name: 'maestro --Dataflow_file (.m)',
    ext: '.m',
    valid: () => VALID.dataflowM,
    withNumber: (v) => VALID.dataflowM.replace('TemporalMap(64,64) C', `TemporalMap(${v},64) C`),
    field: /Dataflow\.TemporalMap/,
    args: (f) => ['maestro', '--HW_file', hwM, '--Model_file', modelM, '--Dataflow_file', f, '--out', '-'],
  },
  {
    name: 'maestro --Dataflow_file (JSON)',
    ext: '.json',
    valid: () => JSON.stringify(VALID.dataflowJson),
    withNumber: (v) => JSON.stringify(VALID.dataflowJson).replace('"size":64', `"size":${v}`),
    field: /directives\[1\]\.size/,
    args: (f) => ['maestro', '--HW_file', hwM, '--Model_file', modelM, '--Dataflow_file', f, '--out', '-'],
  },
  {
    name: 'maestro --batch (jobs.jsonl)',
    ext: '.jsonl',
    valid: () => JSON.stringify({ HW_file: hwM, Mapping_file: mapM, out: path.join(dir, 'batch-out.csv') }) + '\n',
    args: (f) => ['maestro', '--batch', f],
  },
  {
    name: 'evaluate --space FILE (.m model)',
    ext: '.m',
    valid: () => VALID.modelM(),
    withNumber: (v) => VALID.modelM(`K: ${v}, C: 64, R: 3, S: 3, Y: 56, X: 56`),
    field: /Dimensions\.K/,
    args: (f) => ['evaluate', '--space', f, '--hw', 'default', '--no-progress'],
  },
  {
    name: 'evaluate --space FILE (.m mapping)',
    ext: '.m',
    valid: () => VALID.mappingM(),
    withNumber: (v) => VALID.mappingM(`K: ${v}, C: 64, R: 3, S: 3, Y: 56, X: 56`),
    field: /Dimensions\.K/,
    args: (f) => ['evaluate', '--space', f, '--hw', 'default', '--no-progress'],
  },
  {
    name: 'evaluate --space FILE (JSON network list)',
    ext: '.json',
    valid: () => `[${jsonNet('64', false)}]`,
    withNumber: (v) => `[${jsonNet(v, false)}]`,
    field: /\[0\]\.layers\[0\]\.dims\.K/,
    args: (f) => ['evaluate', '--space', f, '--hw', 'default', '--no-progress'],
  },
  {
    name: 'evaluate --dataflow FILE (.m)',
    ext: '.m',
    valid: () => VALID.dataflowM,
    withNumber: (v) => VALID.dataflowM.replace('TemporalMap(64,64) C', `TemporalMap(${v},64) C`),
    field: /Dataflow\.TemporalMap/,
    args: (f) => ['evaluate', '--space', modelM, '--dataflow', f, '--hw', 'default', '--no-progress'],
  },
  {
    name: 'evaluate --HW_file (.m)',
    ext: '.m',
    valid: () => VALID.hwM,
    withNumber: (v) => VALID.hwM.replace('num_pes: 256', `num_pes: ${v}`),
    field: /num_pes/,
    args: (f) => ['evaluate', '--space', modelM, '--HW_file', f, '--no-progress'],
  },
  {
    name: 'evaluate --HW_file (JSON)',
    ext: '.json',
    valid: () => VALID.hwJson,
    withNumber: (v) => VALID.hwJson.replace('"numPes": 256', `"numPes": ${v}`),
    field: /numPes/,
    args: (f) => ['evaluate', '--space', modelM, '--HW_file', f, '--no-progress'],
  },
];

let seq = 0;
const file = (fmt: Format, content: string | Buffer) => put(dir, `in${seq++}${fmt.ext}`, content);

describe.each(FORMATS)('$name', (fmt) => {
  it('valid input works, also with a UTF-8 BOM, CRLF or lone-CR line endings and tabs', async () => {
    for (const text of [fmt.valid(), '\uFEFF' + fmt.valid(), fmt.valid().replace(/\n/g, '\r\n'), fmt.valid().replace(/\n/g, '\r'), fmt.valid().replace(/ {2}/g, '\t')]) {
      const r = await run(...fmt.args(file(fmt, text)));
      expect(r.err, text.slice(0, 40)).not.toMatch(/codesign: /);
      expect(r.code).toBe(0);
    }
  });

  it('missing file, directory, empty, binary, invalid UTF-8: one line naming the file, exit 2', async () => {
    const missing = path.join(dir, `no-such-file${fmt.ext}`);
    expectOneLineError(await run(...fmt.args(missing)), 2, /no-such-file/);
    expectOneLineError(await run(...fmt.args(path.join(dir, 'a-directory.m'))), 2, /a-directory\.m/);
    for (const content of ['', Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 7]), Buffer.from('\u00ff\u00fe', 'latin1')]) {
      const f = file(fmt, content);
      expectOneLineError(await run(...fmt.args(f)), 2, new RegExp(esc(path.basename(f))));
    }
  });

  it('truncated file: one line with file:line:column, exit 2', async () => {
    if (fmt.ext === '.jsonl') return; // a truncated job line is a failed job (exit 1), tested in batch.test.ts
    const text = fmt.valid();
    for (const cut of [Math.floor(text.length / 2), text.length - 3]) {
      const f = file(fmt, text.slice(0, cut));
      expectOneLineError(await run(...fmt.args(f)), 2, new RegExp(`${esc(path.basename(f))}:\\d+:\\d+: `));
    }
  });

  const BAD_NUMBERS: Array<[string, RegExp]> = [
    ['-5', /negative|>= 1|expected/],
    ['0', /not allowed|>= 1/],
    ['1.5', /integer/],
    ['0x10', /integer|JSON/],
    ['2147483648', /too large/],
    ['9007199254740993', /too large/],
    ['1e400', /integer|Infinity/],
  ];
  it.each(BAD_NUMBERS)('number %s: one line with file:line:column and the field, exit 2', async (v, re) => {
    if (!fmt.withNumber) return;
    const f = file(fmt, fmt.withNumber(v));
    const r = await run(...fmt.args(f));
    const where = new RegExp(`${esc(path.basename(f))}:\\d+:\\d+: `);
    if (v === '0x10' && fmt.ext === '.json') expectOneLineError(r, 2, where, /invalid JSON/);
    else expectOneLineError(r, 2, where, fmt.field!, re);
  });
});

describe('JSON-specific defects (every JSON input)', () => {
  const JSON_FORMATS = FORMATS.filter((f) => f.ext === '.json' && f.withNumber);
  it.each(JSON_FORMATS.map((f) => [f.name, f] as const))('%s: duplicate key, wrong type, unicode quotes, deep nesting', async (_n, fmt) => {
    const valid = fmt.withNumber!('64');
    const cases: Array<[string, RegExp]> = [
      [fmt.withNumber!('"64"'), /string|integer/],
      [fmt.withNumber!('null'), /null|integer/],
      [fmt.withNumber!('[64]'), /array|integer/],
      [valid.replace(/\{/, '{\u201cx\u201d: 1, '), /U\+201C/],
      ['['.repeat(5000) + ']'.repeat(5000), /nesting/],
    ];
    // duplicate key: repeat the first key of the innermost object holding the number
    const dup = valid.replace(/"(numPes|K|size)": ?(64|256)/, (m) => `${m}, ${m}`);
    cases.push([dup, /duplicate key/]);
    for (const [text, re] of cases) {
      const f = file(fmt, text);
      expectOneLineError(await run(...fmt.args(f)), 2, new RegExp(`${esc(path.basename(f))}:\\d+:\\d+: `), re);
    }
  });

  it('evaluate --space JSON: unknown layer key, dimension foreign to the type, missing dimension', async () => {
    const fmt = FORMATS.find((f) => f.name.startsWith('evaluate --space FILE (JSON'))!;
    const cases: Array<[unknown, RegExp]> = [
      [[{ name: 'n', layers: [{ ...VALID.layerJson(), stirde: [2, 2] }] }], /\[0\]\.layers\[0\]\.stirde: unknown layer key/],
      [[{ name: 'n', layers: [VALID.layerJson({ K: 4, C: 3, R: 3, S: 3, Y: 8, X: 8, M: 2 })] }], /dims\.M: a CONV layer has no dimension M/],
      [[{ name: 'n', layers: [VALID.layerJson({ K: 4, C: 3, R: 3, S: 3 })] }], /dims: missing dimension Y or Y'/],
      [[{ name: 'n', layers: [] }], /has no layers/],
      [[], /no networks/],
    ];
    for (const [doc, re] of cases) {
      const f = file(fmt, JSON.stringify(doc, null, 1));
      expectOneLineError(await run(...fmt.args(f)), 2, new RegExp(`${esc(path.basename(f))}:\\d+:\\d+: `), re);
    }
  });
});

describe('wrong extensions', () => {
  it('MAESTRO text in a .json file: located error with a hint; JSON in a .m file is sniffed and read', async () => {
    const mj = put(dir, 'mapping-text.json', VALID.mappingM());
    expectOneLineError(await run('maestro', '--HW_file', hwM, '--Mapping_file', mj, '--out', '-'), 2, /mapping-text\.json:1:1: invalid JSON: unexpected 'N' \(this looks like a MAESTRO \.m file/);
    expectOneLineError(await run('evaluate', '--space', mj, '--no-progress'), 2, /mapping-text\.json:1:1: .*MAESTRO \.m file/);
    const hj = put(dir, 'hw-json.m', VALID.hwJson);
    const r = await run('maestro', '--HW_file', hj, '--Mapping_file', mapM, '--out', '-');
    expect(r.code).toBe(0);
    // A hardware file given as the mapping: the parser says what it expected.
    expectOneLineError(await run('maestro', '--HW_file', hwM, '--Mapping_file', hwM, '--out', '-'), 2, /valid-hw\.m:1:1: expected 'Constant', 'Network' or 'Dataflow', got 'num_pes'/);
  });
});
