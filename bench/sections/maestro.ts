/**
 * d. Side by side with the MAESTRO binary (only when env MAESTRO_BIN is set): the same mapping
 *    and hardware files through `$MAESTRO_BIN` and `codesign maestro` (a drop-in with the same
 *    flags), timing whole processes (start-up included), and checking the CSVs are identical.
 *    - one network per process (Resnet50, MobileNetV2, the first and the largest NB301 paper model);
 *    - a batch of NB301 paper models: one MAESTRO process per model (as the paper ran it) vs ONE
 *      `codesign maestro --batch jobs.jsonl` process;
 *    - per layer: MAESTRO's cost of one more layer (slope over its processes) vs one fresh Wasm
 *      analysis (encoding included), its rows checked against MAESTRO's runtimes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as L from '../../assembly/layout.js';
import { builtinDataflow } from '../../src/dataflows/builtin.js';
import { encodeHardware, encodeLayer } from '../../src/model/encode.js';
import { wasmEngine } from '../lib/engines.js';
import { MAESTRO_DEFAULT_HW } from '../../src/accelerators/paper.js';
import type { Section } from '../run.js';
import { ratio } from '../lib/report.js';
import { SkipSection } from '../lib/skip.js';
import { projectRoot } from '../lib/paths.js';
import { hardwareText, mappingText, type TextMappedLayer } from '../lib/maestro-text.js';
import { NetworkSpec } from '../lib/oracle-spec.js';


/** Wall time (ms) of a process run in `cwd`; throws with its stderr when it fails. */
function timeProcess(cmd: string, args: string[], cwd: string): number {
  const t = performance.now();
  try {
    execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  } catch (err) {
    const e = err as { status?: number; stderr?: Buffer };
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (exit ${e.status}): ${e.stderr?.toString().trim().split('\n').pop() || 'nothing on stderr'}`);
  }
  return performance.now() - t;
}

/** Least-squares line y = intercept + slope * x through the points. */
function leastSquares(points: readonly (readonly [number, number])[]): { slope: number; intercept: number } {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  const slope = sxx > 0 ? sxy / sxx : NaN;
  return { slope, intercept: my - slope * mx };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** MAESTRO dataflow text of a built-in dataflow (for mapping files). */
function dataflowText(name: 'kcp_ws' | 'dpt' | 'nmk' | 'rs' | 'xp_ws'): string {
  const df = builtinDataflow(name);
  const s = (e: number | { sz: string }): string => (typeof e === 'number' ? String(e) : `Sz(${e.sz})`);
  const lines = df.directives.map((d) =>
    d.kind === 'Cluster' ? `Cluster(${s(d.size)}, ${d.clusterType});` : `${d.kind}(${s(d.size)},${s(d.offset)}) ${d.dim};`,
  );
  return `Dataflow {\n${lines.join('\n')}\n}`;
}

export const maestroSection: Section = {
  id: 'd',
  title: 'Side by side with the MAESTRO binary (env MAESTRO_BIN): whole processes, same files',
  async run(opts, result) {
    const bin = opts.maestroBin;
    if (!bin) throw new SkipSection('env MAESTRO_BIN is not set (e.g. MAESTRO_BIN=/path/to/maestro npm run bench)');
    if (!existsSync(bin)) throw new Error(`MAESTRO_BIN=${bin} does not exist`);
    const root = projectRoot();
    const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');
    if (!existsSync(cli)) throw new SkipSection('dist/src/cli/main.js is missing (run `npm run build`)');
    const spaces = await import('../../src/spaces/index.js');
    const reps = opts.quick ? 1 : 7;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'codesign-bench-maestro-'));
    try {
      writeFileSync(path.join(dir, 'hw.m'), hardwareText(MAESTRO_DEFAULT_HW));
      const kcp = dataflowText('kcp_ws');
      const dpt = dataflowText('dpt');
      const nmk = dataflowText('nmk');
      const mapLayers = (layers: TextMappedLayer['layer'][]): TextMappedLayer[] =>
        layers.map((layer) => ({ layer, dataflow: layer.type === 'DSCONV' ? dpt : layer.type === 'GEMM' ? nmk : kcp }));

      const nets: { name: string; layers: TextMappedLayer[] }[] = [];
      try {
        const spec = NetworkSpec.load(root);
        for (const n of ['Resnet50', 'MobileNetV2']) nets.push({ name: n, layers: mapLayers(spec.layers(n)) });
      } catch (err) {
        const why = `Resnet50 / MobileNetV2 left out: the shared oracle spec cannot be read (${(err as Error).message.split('\n')[0]})`;
        (result.notes ??= []).push(why);
        process.stderr.write(`bench: d: ${why}\n`);
      }
      const space = spaces.nb301Space();
      const paperIds = space.paperIds ?? [];
      nets.push({ name: `nb301_${paperIds[0]}`, layers: mapLayers(space.layers(paperIds[0]!)) });
      // The paper set's largest model: per process, Node's start-up is repaid from ~250 layers on.
      let largest = paperIds[0]!;
      let most = 0;
      for (const id of paperIds) {
        const n = space.layers(id).length;
        if (n > most) [largest, most] = [id, n];
      }
      if (largest !== paperIds[0]) nets.push({ name: `nb301_${largest}`, layers: mapLayers(space.layers(largest)) });

      const one = (name: string, who: 'maestro' | 'codesign'): number => {
        const csv = path.join(dir, `${who}-${name}.csv`);
        rmSync(csv, { force: true });
        const map = `${who}-${name}.m`;
        const args = ['--HW_file=hw.m', `--Mapping_file=${map}`, '--print_res=false', '--print_res_csv_file=true', '--print_log_file=false'];
        return who === 'maestro' ? timeProcess(bin, args, dir) : timeProcess(process.execPath, [cli, 'maestro', ...args], dir);
      };
      const sameCsv = (name: string): boolean => {
        const a = readFileSync(path.join(dir, `maestro-${name}.csv`), 'utf8');
        const b = readFileSync(path.join(dir, `codesign-${name}.csv`), 'utf8');
        return a === b;
      };
      for (const net of nets) {
        const text = mappingText(net.name, net.layers);
        // Same text under two names (each program writes <mapping base name>.csv).
        writeFileSync(path.join(dir, `maestro-${net.name}.m`), text);
        writeFileSync(path.join(dir, `codesign-${net.name}.m`), text);
        const m: number[] = [];
        const c: number[] = [];
        for (let r = 0; r < reps; r++) {
          m.push(one(net.name, 'maestro'));
          c.push(one(net.name, 'codesign'));
        }
        const identical = sameCsv(net.name);
        const mm = median(m);
        const cm = median(c);
        result.rows.push(
          { name: `${net.name} (${net.layers.length} layers): MAESTRO`, value: mm, unit: 'ms', note: `${(mm / net.layers.length).toFixed(3)} ms/layer` },
          { name: `${net.name}: codesign maestro`, value: cm, unit: 'ms', note: `CSV ${identical ? 'identical' : 'DIFFERS'}` },
        );
        result.ratios.push(
          ratio(`${net.name}, one process each: MAESTRO time / codesign time`, mm / cm, undefined, { same: identical ? true : 'the CSVs differ' }),
        );
      }

      // A batch of NB301 paper models: N MAESTRO processes vs one codesign process.
      const count = Math.min(paperIds.length, opts.quick ? 20 : 100);
      const jobs: string[] = [];
      let layers = 0;
      for (const id of paperIds.slice(0, count)) {
        const ls = mapLayers(space.layers(id));
        layers += ls.length;
        writeFileSync(path.join(dir, `nb_${id}.m`), mappingText(`nb301_${id}`, ls));
        jobs.push(JSON.stringify({ HW_file: 'hw.m', Mapping_file: `nb_${id}.m`, out: `cd_nb_${id}.csv` }));
      }
      writeFileSync(path.join(dir, 'jobs.jsonl'), jobs.join('\n') + '\n');
      const ids = paperIds.slice(0, count);
      // One repetition: N whole MAESTRO processes already average out noise (and take long).
      // Each process is timed on its own: the per-layer cost below is fitted over them.
      const perModel: { layers: number; ms: number }[] = [];
      for (const id of ids) {
        rmSync(path.join(dir, `nb_${id}.csv`), { force: true });
        const ms = timeProcess(bin, ['--HW_file=hw.m', `--Mapping_file=nb_${id}.m`, '--print_res=false', '--print_res_csv_file=true', '--print_log_file=false'], dir);
        perModel.push({ layers: space.layers(id).length, ms });
      }
      const mm = perModel.reduce((a, m) => a + m.ms, 0);
      for (const id of ids) rmSync(path.join(dir, `cd_nb_${id}.csv`), { force: true });
      const cm = timeProcess(process.execPath, [cli, 'maestro', '--batch', 'jobs.jsonl'], dir);
      let same = 0;
      const maestroCsv = ids.map((id) => readFileSync(path.join(dir, `nb_${id}.csv`), 'utf8'));
      ids.forEach((id, i) => {
        if (maestroCsv[i] === readFileSync(path.join(dir, `cd_nb_${id}.csv`), 'utf8')) same++;
      });
      const batchSame = same === count ? true : `${count - same} of ${count} CSVs differ`;
      result.rows.push(
        { name: `${count} NB301 paper models (${layers} layers): MAESTRO, ${count} processes`, value: mm, unit: 'ms', note: `${(mm / layers).toFixed(3)} ms/layer` },
        { name: `${count} NB301 paper models: codesign maestro --batch, 1 process`, value: cm, unit: 'ms', note: `${same} of ${count} CSVs identical` },
      );
      result.ratios.push(ratio(`${count} NB301 models: MAESTRO time / codesign time`, mm / cm, undefined, { same: batchSame }));

      // Per layer analysis, side by side: MAESTRO's cost of one more layer in the run above (the
      // slope of a least-squares line through its processes' times against their layer counts,
      // so process start-up, spawning and fixed costs are left out) vs one fresh analysis of each
      // of the same layers by the Wasm cost model (every layer encoded and analysed, its own
      // descriptor, one batch call, nothing memoized). The Wasm rows are checked against
      // MAESTRO's: every layer has a result with MAESTRO's runtime.
      const engine = wasmEngine(root);
      const dfOf = { CONV: builtinDataflow('kcp_ws'), DSCONV: builtinDataflow('dpt'), GEMM: builtinDataflow('nmk') } as const;
      const all = ids.flatMap((id) => space.layers(id));
      const descs = new Int32Array(all.length * L.DESC_SIZE);
      const encodeAll = (): void =>
        all.forEach((l, i) => encodeLayer(l, dfOf[l.type as keyof typeof dfOf] ?? dfOf.CONV, {}, descs, i * L.DESC_SIZE));
      const pairs = new Int32Array(2 * all.length);
      for (let i = 0; i < all.length; i++) pairs[2 * i] = i;
      const hwRec = encodeHardware(MAESTRO_DEFAULT_HW);
      const out = new Float64Array(all.length * L.OUT_SIZE);
      const times: number[] = [];
      for (let r = 0; r < 7; r++) {
        const t = performance.now();
        encodeAll();
        engine.batch.evaluate(descs, hwRec, pairs, out);
        times.push(performance.now() - t);
      }
      const runtimes = maestroCsv.flatMap((csv) =>
        csv
          .split('\n')
          .slice(1)
          .filter((line) => line.trim() !== '')
          .map((line) => Number(line.split(',')[3])),
      );
      let agree = 0;
      for (let i = 0; i < all.length; i++) {
        if (out[i * L.OUT_SIZE + L.OUT_STATUS] === 0 && out[i * L.OUT_SIZE + L.COL_RUNTIME] === runtimes[i]) agree++;
      }
      const rowsSame =
        runtimes.length !== all.length
          ? `MAESTRO's CSVs have ${runtimes.length} rows for ${all.length} layers`
          : agree === all.length
            ? true
            : `${all.length - agree} of ${all.length} Wasm rows differ from MAESTRO's runtime`;
      const perLayerUs = (median(times) * 1000) / all.length;
      const fit = leastSquares(perModel.map((m) => [m.layers, m.ms]));
      const marginalUs = fit.slope * 1000;
      const averageUs = (mm * 1000) / layers;
      result.rows.push(
        {
          name: `the same ${all.length} layers: one fresh Wasm analysis each (encoded, one batch call; median of 7)`,
          value: perLayerUs,
          unit: 'us/layer',
          note: `${agree} of ${all.length} rows with MAESTRO's runtime`,
        },
        {
          name: `MAESTRO: one more layer (slope over its ${count} processes; start-up ${fit.intercept.toFixed(1)} ms left out)`,
          value: marginalUs,
          unit: 'us/layer',
          note: `average over whole processes ${averageUs.toFixed(0)} us/layer`,
        },
      );
      result.ratios.push(
        ratio('per layer: MAESTRO (one more layer) / fresh Wasm analysis (issue: >= 100x, aim 1000x)', marginalUs / perLayerUs, 100, {
          same: rowsSame === true ? batchSame : rowsSame,
          quick: opts.quick,
        }),
        ratio('per layer: MAESTRO (average over whole processes) / fresh Wasm analysis', averageUs / perLayerUs, undefined, {
          same: rowsSame === true ? batchSame : rowsSame,
        }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
