import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { paperHardware, MAESTRO_DEFAULT_HW, PAPER_VALUES } from '../../src/accelerators/paper.js';
import { gridHardware, randomHardware, mulberry32 } from '../../src/accelerators/generate.js';
import { buildAccelerators, checkDataflowFileName, parseDataflows, parseHardwareSpec, parseProxy, acceleratorKey } from '../../src/accelerators/accelerators.js';
import { resolveDataflowSpec } from '../../src/dataflows/resolve.js';
import { parseHardwareText } from '../../src/accelerators/hwfile.js';

describe('paper accelerators', () => {
  it('50 configs recovered from the paper repository, accelerator_1 = MAESTRO default', () => {
    const hw = paperHardware();
    expect(hw.length).toBe(50);
    expect(hw.map((h) => h.id)).not.toContain('accelerator_11');
    expect(hw[0]).toEqual({ ...MAESTRO_DEFAULT_HW, id: 'accelerator_1' });
    expect(hw.find((h) => h.id === 'accelerator_51')).toEqual({ id: 'accelerator_51', numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 275 });
    expect(new Set(hw.map((h) => acceleratorKey(h, ''))).size).toBe(50);
    for (const h of hw) {
      expect([16, 32, 64, 128, 256, 512]).toContain(h.numPes);
      expect(h.nocBw).toBeGreaterThanOrEqual(300);
      expect(h.offchipBw).toBeLessThanOrEqual(350);
    }
    expect(buildAccelerators(hw, ['kcp_ws', 'rs', 'xp_ws']).length).toBe(150);
    expect(buildAccelerators(hw, ['kcp_ws', 'rs'])[1].id).toBe('accelerator_1/rs');
  });
});

describe('generators', () => {
  it('grid = 6 x 8 x 9 paper values', () => {
    const g = gridHardware();
    expect(g.length).toBe(432);
    expect(g[0]).toEqual({ id: 'pe512-l1_100-l2_3000-noc300-off50', numPes: 512, l1Size: 100, l2Size: 3000, nocBw: 300, offchipBw: 50 });
  });
  it('seeded random sample: distinct, reproducible', () => {
    const a = randomHardware(20, 42);
    expect(randomHardware(20, 42)).toEqual(a);
    expect(new Set(a.map((h) => h.id)).size).toBe(20);
    expect(randomHardware(20, 43)).not.toEqual(a);
    expect(() => randomHardware(433, 1)).toThrow(/exceeds/);
    // mulberry32 reference values (seed 1).
    const r = mulberry32(1);
    expect([r(), r()]).toEqual([0.6270739405881613, 0.002735721180215478]);
  });
});

describe('spec parsing', () => {
  it('hardware specs and files', () => {
    expect(parseHardwareSpec('paper').length).toBe(50);
    expect(parseHardwareSpec('random:5:1').length).toBe(5);
    expect(() => parseHardwareSpec('random:5')).toThrow(/random:N:SEED/);
    expect(() => parseHardwareSpec('nope')).toThrow(/not paper, grid/);
    // PES:L1:L2:NOC:OFFCHIP shortcuts, as evaluate --hw and --proxy take them.
    expect(parseHardwareSpec('16:100:3000:1000:50, 256:0:0:500:50')).toEqual([
      { id: '16:100:3000:1000:50', numPes: 16, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 },
      { id: '256:0:0:500:50', numPes: 256, l1Size: 0, l2Size: 0, nocBw: 500, offchipBw: 50 },
    ]);
    expect(() => parseHardwareSpec('16:100:3000:0:50')).toThrow(/--accelerators: values must be integers/);
    expect(() => parseHardwareSpec('16:1:1:1:1,16:1:1:1:1')).toThrow(/--accelerators: duplicate hardware configuration '16:1:1:1:1'/);
    {
      // In a file: the line of the repeat, and of the configuration it repeats.
      const d = mkdtempSync(path.join(tmpdir(), 'h4dup-'));
      const csv = path.join(d, 'd.csv');
      writeFileSync(csv, 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\nsmall,64,100,3000,400,50\n\nother,64,100,3000,400,50\n');
      expect(() => parseHardwareSpec(csv)).toThrow(`${csv}:4: duplicate hardware configuration 'other' (the values of 'small', line 2: 64:100:3000:400:50:1)`);
      // Quoted cells, as R's write.csv writes them: the same configurations, ids without quotes.
      const r = path.join(d, 'r.csv');
      writeFileSync(r, '"id","num_pes","l1_size","l2_size","noc_bw","offchip_bw"\n"small, v2",64,100,3000,400,50\n"big ""B""","256",100,3000,1000,50\n');
      expect(parseHardwareSpec(r)).toEqual([
        { id: 'small, v2', numPes: 64, l1Size: 100, l2Size: 3000, nocBw: 400, offchipBw: 50 },
        { id: 'big "B"', numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 },
      ]);
      writeFileSync(r, '\uFEFF"id","num_pes","l1_size","l2_size","noc_bw","offchip_bw"\n"a",64,100,3000,400,50\n'); // (a BOM too)
      expect(parseHardwareSpec(r).map((h) => h.id)).toEqual(['a']);
      writeFileSync(r, 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\n"small,64,100,3000,400,50\n');
      expect(() => parseHardwareSpec(r)).toThrow(`${r}:2: column 1: a quoted cell is not closed on its line`);
      const json = path.join(d, 'd.json');
      writeFileSync(json, '[{"id":"a","numPes":64,"l1Size":100,"l2Size":3000,"nocBw":400,"offchipBw":50},\n {"id":"b","numPes":64,"l1Size":100,"l2Size":3000,"nocBw":400,"offchipBw":50,"nocHops":1}]\n');
      expect(() => parseHardwareSpec(json)).toThrow(`${json}:2:2: [1]: duplicate hardware configuration 'b' (the values of 'a', line 1: 64:100:3000:400:50:1)`);
    }
    {
      // A required column missing from a CSV header: said of line 1, by its CSV name.
      const d = mkdtempSync(path.join(tmpdir(), 'h4col-'));
      const csv = path.join(d, 'm.csv');
      writeFileSync(csv, 'id,num_pes,l1_size,l2_size,noc_bw\na,64,100,3000,400\n');
      expect(() => parseHardwareSpec(csv)).toThrow(`${csv}:1: missing column offchip_bw (the header needs num_pes, l1_size, l2_size, noc_bw, offchip_bw)`);
      writeFileSync(csv, 'id,numPes,noc_bw\na,64,400\n');
      expect(() => parseHardwareSpec(csv)).toThrow(`${csv}:1: missing columns l1_size, l2_size, offchip_bw (`);
    }
    expect(() => parseHardwareSpec('16:1:1:1')).toThrow(/not paper, grid, default, random:N:SEED, PES:L1:L2:NOC:OFFCHIP\[,\.\.\.\] or an existing file/);
    // A library caller names the spec in errors as it likes (the CLI's flag by default).
    expect(() => parseHardwareSpec('16:1:1:1', 'hardware')).toThrow(/^hardware: '16:1:1:1' is not paper/);
    expect(() => parseHardwareSpec('16:100:3000:0:50', 'hw')).toThrow(/^hw: values must be integers/);
    const dir = mkdtempSync(path.join(tmpdir(), 'h4hw-'));
    const csv = path.join(dir, 'hw.csv');
    writeFileSync(csv, 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\na,64,100,3000,500,50\nb,128,100,3000,500,x\n');
    expect(() => parseHardwareSpec(csv)).toThrow(/hw\.csv:3: offchip_bw: expected an integer >= 1, got 'x'/);
    writeFileSync(csv, 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\na,64,100,3000,500,50\n');
    expect(parseHardwareSpec(csv)).toEqual([{ id: 'a', numPes: 64, l1Size: 100, l2Size: 3000, nocBw: 500, offchipBw: 50 }]);
    // The limits of every hardware format (HARDWARE_MIN): L1 / L2 sizes and NoC hops may be 0.
    writeFileSync(csv, 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw,noc_hops\na,64,0,0,500,50,0\n');
    expect(parseHardwareSpec(csv)).toEqual([{ id: 'a', numPes: 64, l1Size: 0, l2Size: 0, nocBw: 500, offchipBw: 50, nocHops: 0 }]);
    // ALUs per PE (MAESTRO's --num_simd_lanes): optional, >= 1, part of the accelerator's key.
    writeFileSync(csv, 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw,vector_width\na,64,100,3000,500,50,4\nb,64,100,3000,500,50,1\n');
    const [v4, v1] = parseHardwareSpec(csv);
    expect(v4).toEqual({ id: 'a', numPes: 64, l1Size: 100, l2Size: 3000, nocBw: 500, offchipBw: 50, vectorWidth: 4 });
    expect(acceleratorKey(v4!, 'kcp_ws')).toBe('64:100:3000:500:50:1:v4/kcp_ws');
    expect(acceleratorKey(v1!, 'kcp_ws')).toBe('64:100:3000:500:50:1/kcp_ws'); // = without the column
    writeFileSync(csv, 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw,num_simd_lanes\na,64,100,3000,500,50,0\n');
    expect(() => parseHardwareSpec(csv)).toThrow(/hw\.csv:2: num_simd_lanes: value 0 is not allowed \(expected an integer >= 1\)/);
    writeFileSync(csv, 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\na,0,100,3000,500,50\n');
    expect(() => parseHardwareSpec(csv)).toThrow(/hw\.csv:2: num_pes: value 0 is not allowed \(expected an integer >= 1\)/);
    writeFileSync(csv, 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\na,64,100,3000,3000000000,50\n');
    expect(() => parseHardwareSpec(csv)).toThrow(/hw\.csv:2: noc_bw: value 3000000000 is too large \(limit 2147483647\)/);
    const json = path.join(dir, 'hw.json');
    writeFileSync(json, JSON.stringify([{ numPes: 32, l1Size: 100, l2Size: 3000, nocBw: 300, offchipBw: 50 }]));
    expect(parseHardwareSpec(json)[0]).toMatchObject({ id: 'hw_0', numPes: 32 });
    writeFileSync(json, JSON.stringify([{ numPes: 32, l1Size: 100, l2Size: 3000, nocBw: 300 }]));
    expect(() => parseHardwareSpec(json)).toThrow(/hw.json:1:2: \[0\]: missing hardware field 'offchipBw'/);
    // An empty cell of an optional column leaves the field unset; of a required one, an error.
    const opt = parseHardwareText('id,num_pes,l1_size,l2_size,noc_bw,offchip_bw,noc_hops,vector_width\na,64,100,3000,300,50,,\nb,64,100,3000,300,50,3, 2\n', 'o.csv');
    expect(opt).toEqual([
      { id: 'a', numPes: 64, l1Size: 100, l2Size: 3000, nocBw: 300, offchipBw: 50 },
      { id: 'b', numPes: 64, l1Size: 100, l2Size: 3000, nocBw: 300, offchipBw: 50, nocHops: 3, vectorWidth: 2 },
    ]);
    expect(() => parseHardwareText('id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\na,64,100,3000,,50\n', 'r.csv')).toThrow(/r\.csv:2: noc_bw: expected an integer >= 1, got ''/);
    const m = parseHardwareText('num_pes: 64\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 400\noffchip_bw_cstr: 250\n', 'accelerator_4.m');
    expect(m).toEqual([{ id: 'accelerator_4', numPes: 64, l1Size: 100, l2Size: 3000, nocBw: 400, offchipBw: 250, nocHops: 1 }]);
  });
  it('dataflows and proxies', () => {
    expect(parseDataflows('kcp_ws, rs')).toEqual(['kcp_ws', 'rs']);
    expect(() => parseDataflows('kcp_ws,zz')).toThrow(/'zz' is neither a built-in dataflow/);
    expect(parseProxy('default', [], 'rs')).toEqual({ hw: MAESTRO_DEFAULT_HW, dataflow: 'rs' });
    expect(parseProxy('64:100:3000:500:50/xp_ws', [], 'rs').hw.numPes).toBe(64);
    expect(parseProxy('64:0:0:500:50', [], 'rs').hw).toEqual({ id: 'proxy-64_0_0_500_50', numPes: 64, l1Size: 0, l2Size: 0, nocBw: 500, offchipBw: 50 });
    expect(() => parseProxy('64:100:3000:0:50', [], 'rs')).toThrow(/--proxy: values must be integers/);
    expect(parseProxy('accelerator_7/kcp_ws', paperHardware(), 'rs').hw.nocBw).toBe(800);
    expect(() => parseProxy('what', [], 'rs')).toThrow(/--proxy/);
    // A missing dataflow file after a known hardware part: the error names the whole path.
    expect(() => parseProxy('default/dfs/my.m', [], 'rs')).toThrow(/--proxy: 'dfs\/my\.m' is neither a built-in dataflow .* nor an existing file/);
    expect(() => parseProxy('default//abs/x.m', [], 'rs')).toThrow(/--proxy: '\/abs\/x\.m' is neither a built-in dataflow/);
    // A hardware file by its absolute path, with a dataflow: split as the relative form is (it was refused).
    const hwm = path.resolve('examples/cli/hw.m');
    expect(parseProxy(`${hwm}/rs`, [], 'kcp_ws')).toEqual({ hw: { id: 'hw', numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50, nocHops: 1 }, dataflow: 'rs' });
    const df = path.resolve('examples/cli/kcp_ws.m');
    expect(parseProxy(`${hwm}/${df}`, [], 'rs').dataflow).toBe(df);
    // A missing file: the error names the entry, never a piece of its path as a missing dataflow.
    expect(() => parseProxy('/no/such/hw.m/rs', [], 'rs')).toThrow(/--proxy: '\/no\/such\/hw\.m\/rs' is not default/);
    const tmp = path.dirname(hwm); // (an existing directory is no hardware file)
    expect(() => parseProxy(`${tmp}/missing.m`, [], 'rs')).toThrow(`--proxy: '${tmp}/missing.m' is not default, PES:L1:L2:NOC:OFFCHIP, a hardware id or a file (optionally /DATAFLOW)`);
    expect(() => parseProxy(`${tmp}/missing.m/x.m`, [], 'rs')).toThrow(`--proxy: '${tmp}/missing.m/x.m' is not default`);
  });
  it('ids name one configuration: a repeated or empty hardware id, or two dataflows of one name, are errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'h4ids-'));
    const csv = path.join(dir, 'hw.csv');
    writeFileSync(csv, 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\na,256,100,3000,500,50\na,128,100,3000,500,50\n');
    expect(() => parseHardwareSpec(csv)).toThrow(/hw\.csv:3: id: hardware id 'a' used twice \(ids name the configurations in the results\)/);
    writeFileSync(csv, 'name,num_pes,l1_size,l2_size,noc_bw,offchip_bw\n ,256,100,3000,500,50\n');
    expect(() => parseHardwareSpec(csv)).toThrow(/hw\.csv:2: name: empty hardware id/);
    const json = path.join(dir, 'hw.json');
    const cfg = { numPes: 32, l1Size: 100, l2Size: 3000, nocBw: 300, offchipBw: 50 };
    writeFileSync(json, JSON.stringify([{ id: 'x', ...cfg }, { ...cfg, numPes: 64, id: 'x' }]));
    expect(() => parseHardwareSpec(json)).toThrow(/hw\.json:1:\d+: \[1\]\.id: hardware id 'x' used twice/);
    // Without ids: file base name + position, always distinct.
    writeFileSync(json, JSON.stringify([cfg, { ...cfg, numPes: 64 }]));
    expect(parseHardwareSpec(json).map((h) => h.id)).toEqual(['hw_0', 'hw_1']);
    writeFileSync(json, JSON.stringify([{ numPes: 32 }]));
    expect(() => parseHardwareSpec(json)).toThrow(/missing hardware field 'l1Size' \(each configuration of a hardware list needs numPes, l1Size, l2Size, nocBw, offchipBw\)/);
    for (const d of ['d1', 'd2']) {
      mkdirSync(path.join(dir, d));
      writeFileSync(path.join(dir, d, 'x.m'), 'SpatialMap(1,1) K;\n');
    }
    const [a, b] = [path.join(dir, 'd1', 'x.m'), path.join(dir, 'd2', 'x.m')];
    expect(() => parseDataflows(`${a},${b}`)).toThrow(/--dataflows: .*d1\/x\.m and .*d2\/x\.m have the same name 'x' \(accelerator ids are hardware\/dataflow name\): rename one/);
    writeFileSync(path.join(dir, 'rs.m'), 'SpatialMap(1,1) K;\n');
    expect(() => parseDataflows(`rs,${path.join(dir, 'rs.m')}`)).toThrow(/same name 'rs'/);
    expect(parseDataflows(`kcp_ws,${a}`)).toEqual(['kcp_ws', a]);
  });
});

describe('accelerator inputs that were read silently wrong', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'h4acc-'));
  const put = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const HW = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 };

  it('a field given twice, also under two of its names, is an error (the later value won)', () => {
    expect(() => parseHardwareSpec(put('two.json', '[{"numPes":256,"num_pes":16,"l1Size":100,"l2Size":3000,"nocBw":1000,"offchipBw":50}]'))).toThrow(
      /two\.json:1:\d+: \[0\]\.num_pes: field given twice \(as 'numPes' and 'num_pes': both name numPes\)/,
    );
    expect(() => parseHardwareSpec(put('two.csv', 'num_pes,numPes,l1_size,l2_size,noc_bw,offchip_bw\n256,16,100,3000,1000,50\n'))).toThrow(
      /two\.csv:2: numPes: field given twice/,
    );
    expect(() => parseHardwareSpec(put('idname.csv', 'id,name,num_pes,l1_size,l2_size,noc_bw,offchip_bw\na,b,256,100,3000,1000,50\n'))).toThrow(/idname\.csv:2: name: field given twice/);
  });

  it('JSON values must be JSON numbers (and ids strings): "256", [256] were read as 256', () => {
    for (const bad of ['"256"', '[256]', '[[256]]', 'true'])
      expect(() => parseHardwareSpec(put('t.json', `[{"numPes":${bad},"l1Size":100,"l2Size":3000,"nocBw":1000,"offchipBw":50}]`)), bad).toThrow(
        /t\.json:1:\d+: \[0\]\.numPes: expected an integer >= 1, got /,
      );
    for (const bad of ['{}', 'null', '[1]'])
      expect(() => parseHardwareSpec(put('i.json', JSON.stringify([{ ...HW, id: JSON.parse(bad) }]))), bad).toThrow(/i\.json:1:\d+: \[0\]\.id: expected the id as a string or an integer/);
    expect(parseHardwareSpec(put('ok.json', JSON.stringify([{ ...HW, id: 7 }])))[0]!.id).toBe('7');
    expect(() => parseHardwareSpec(put('w.json', JSON.stringify({ hardware: [HW], extra: 1 })))).toThrow(/w\.json:1:\d+: extra: unknown key "extra"/);
  });

  it('one configuration as a JSON object (as evaluate --HW_file takes it), JSON found by content, a dotfile named by its name', () => {
    expect(parseHardwareSpec(put('one.json', JSON.stringify({ ...HW, id: 'x' })))).toEqual([{ ...HW, id: 'x' }]);
    expect(parseHardwareSpec(put('big.json', JSON.stringify(HW)))).toEqual([{ ...HW, id: 'big' }]); // named by the file, as big.m
    expect(parseHardwareSpec(put('wrap1.json', JSON.stringify({ hardware: HW })))).toEqual([{ ...HW, id: 'wrap1' }]);
    expect(() => parseHardwareSpec(put('wrap2.json', JSON.stringify({ hardware: { ...HW, nocBw: 0 } })))).toThrow(/wrap2\.json:1:\d+: hardware\.nocBw: value 0 is not allowed/);
    expect(() => parseHardwareSpec(put('one-bad.json', JSON.stringify({ ...HW, numPes: 0 })))).toThrow(/one-bad\.json:1:\d+: numPes: value 0 is not allowed/);
    expect(parseHardwareSpec(put('list.txt', JSON.stringify([HW])))).toEqual([{ ...HW, id: 'list_0' }]);
    expect(parseHardwareSpec(put('.m', 'num_pes: 64\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 400\noffchip_bw_cstr: 250\n'))[0]!.id).toBe('.m');
  });

  it('an id with a line break or another control character is an error (it split CSV rows)', () => {
    expect(() => parseHardwareSpec(put('nl.json', JSON.stringify([{ ...HW, id: 'a\nb' }])))).toThrow(/nl\.json:1:\d+: \[0\]\.id: a hardware id cannot contain line breaks/);
  });

  it('hardware files are read with the limits of every input file (NUL bytes, invalid UTF-8)', () => {
    const f = path.join(dir, 'bin.csv');
    writeFileSync(f, Buffer.from([0x6e, 0x75, 0x6d, 0x00, 0x0a]));
    expect(() => parseHardwareSpec(f)).toThrow(/bin\.csv:1:4: not a text file \(NUL byte/);
  });

  it('random:N:SEED takes 32-bit seeds (4294967296 was seed 0); a file named random... is a file', () => {
    expect(() => parseHardwareSpec("random:4:4294967296")).toThrow(/--accelerators: random seed must be an integer 0\.\.4294967295, got 4294967296/);
    expect(parseHardwareSpec('random:4:4294967295')).toHaveLength(4);
    expect(() => randomHardware(4, -1)).toThrow(RangeError);
    expect(() => randomHardware(4, 1.5)).toThrow(RangeError);
    const file = put('random_hw.csv', 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\na,64,100,3000,500,50\n');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(parseHardwareSpec('random_hw.csv')).toEqual([{ id: 'a', numPes: 64, l1Size: 100, l2Size: 3000, nocBw: 500, offchipBw: 50 }]);
    } finally {
      process.chdir(cwd);
    }
    expect(file).toContain('random_hw.csv');
  });

  it('buildAccelerators: hardware without an id gets hw<position> (all were "hw/...")', () => {
    const ids = buildAccelerators([{ ...HW }, { ...HW, numPes: 64 }, { ...HW, id: 'named' }], ['kcp_ws', 'rs']).map((a) => a.id);
    expect(ids).toEqual(['hw0/kcp_ws', 'hw0/rs', 'hw1/kcp_ws', 'hw1/rs', 'named/kcp_ws', 'named/rs']);
  });

  it('the grid generator checks its value lists; the paper lists are frozen all the way down', () => {
    expect(() => gridHardware({ numPes: [0], l1Size: [100], l2Size: [3000], nocBw: [1000], offchipBw: [50] })).toThrow(/values\.numPes: expected integers 1\.\./);
    expect(() => gridHardware({ numPes: [1.5], l1Size: [100], l2Size: [3000], nocBw: [1000], offchipBw: [50] })).toThrow(RangeError);
    expect(() => gridHardware({ numPes: [64, 64], l1Size: [100], l2Size: [3000], nocBw: [1000], offchipBw: [50] })).toThrow(/values\.numPes: a value is listed twice/);
    expect(() => (PAPER_VALUES.numPes as number[]).push(1024)).toThrow(TypeError);
    expect(gridHardware()).toHaveLength(432);
  });

  it('a --proxy file holds one configuration, and its id may not name other hardware of the accelerators', () => {
    const two = put('p2.csv', 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\na,64,100,3000,500,50\nb,128,100,3000,500,50\n');
    expect(() => parseProxy(two, [], 'rs')).toThrow(/p2\.csv: --proxy: a proxy file holds one hardware configuration, this one 2/);
    const clash = put('p1.csv', 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\naccelerator_7,64,100,3000,500,50\n');
    expect(() => parseProxy(clash, paperHardware(), 'rs')).toThrow(/p1\.csv: --proxy: the proxy's id 'accelerator_7' names an accelerator's hardware with other values/);
    const same = put('p3.csv', 'id,num_pes,l1_size,l2_size,noc_bw,offchip_bw\naccelerator_1,256,100,3000,1000,50\n');
    expect(parseProxy(same, paperHardware(), 'rs').hw.id).toBe('accelerator_1');
  });

  it('a dataflow file named like a built-in must map like it (its results would carry the built-in name)', () => {
    const sub = path.join(dir, 'df');
    mkdirSync(sub);
    const other = put('df/rs.m', 'Dataflow {\n SpatialMap(1,1) K;\n TemporalMap(1,1) C;\n}\n');
    expect(() => checkDataflowFileName(other, resolveDataflowSpec(other), '--dataflows')).toThrow(
      /df\/rs\.m: --dataflows: .*has the name of the built-in dataflow rs but other directives/,
    );
    const copy = path.resolve(__dirname, '../fixtures/maestro/dataflow/kcp_ws.m'); // MAESTRO's own kcp_ws.m = the built-in
    expect(() => checkDataflowFileName(copy, resolveDataflowSpec(copy), '--dataflows')).not.toThrow();
  });
});
