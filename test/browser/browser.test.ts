/**
 * The browser example (examples/browser) in headless Chromium: build it with esbuild, serve it
 * on 127.0.0.1, paste a MAESTRO mapping and hardware, and check that the numbers the page shows
 * are exactly those of the same CostModel in Node (same WebAssembly, same inputs).
 *
 * Needs Debian's Chromium at /usr/bin/chromium (`apt-get install -y chromium`; env CHROMIUM_PATH
 * overrides the path). Missing: the test FAILS when CI=true, and is skipped with a message otherwise.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { CostModel } from '../../src/model/costmodel.js';
import { parseMapping } from '../../src/parse/index.js';
import { formatColumnValue } from '../../src/report/maestro-csv.js';
import type { Hardware } from '../../src/model/types.js';
import { mappingText } from '../../bench/lib/maestro-text.js';
import { NetworkSpec } from '../../bench/lib/oracle-spec.js';
import { sweepAccelerators } from '../../examples/browser/app.js';
import { TABLE_COLUMNS } from '../../examples/browser/view.js';
import { SAMPLE_MAPPING } from '../../examples/browser/sample.js';
// @ts-expect-error plain JS build script (no types)
import { buildExample } from '../../examples/browser/build.mjs';
// @ts-expect-error plain JS server script (no types)
import { serveStatic } from '../../examples/browser/serve.mjs';

/** A running static server (examples/browser/serve.mjs). */
interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Layer name, runtime and energy_nj of each layer (in order) of one whole-network MAESTRO run in the shared oracle's networks.csv. */
function maestroRows(file: string, net: string, dataflow: string, hw: string): { layer: string; runtime: number; energy_nj: number }[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = header!.split(',');
  const at = (name: string): number => cols.indexOf(name);
  const out: { layer: string; runtime: number; energy_nj: number }[] = [];
  for (const line of lines) {
    const f = line.split(',');
    if (f[at('net')] !== net || f[at('dataflow')] !== dataflow || f[at('hw_id')] !== hw || f[at('status')] !== 'ok') continue;
    out.push({ layer: f[at('layer')]!, runtime: Number(f[at('runtime')]), energy_nj: Number(f[at('energy_nj')]) });
  }
  return out;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Debian's Chromium; CHROMIUM_PATH overrides it (another distribution, or to check the missing case). */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env.CI === 'true';
const MISSING =
  `${CHROMIUM} is missing: the browser test needs Debian's Chromium ` +
  '(apt-get update && apt-get install -y chromium)';

if (!HAVE_CHROMIUM && !IN_CI) console.warn(`browser test skipped: ${MISSING}`);

describe.runIf(!HAVE_CHROMIUM && IN_CI)('browser example (CI without Chromium)', () => {
  it('has Chromium installed', () => {
    throw new Error(MISSING);
  });
});

describe.runIf(HAVE_CHROMIUM)('browser example in headless Chromium', () => {
  let outdir: string;
  let userDir: string;
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;
  let model: CostModel;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(os.tmpdir(), 'codesign-example-'));
    userDir = mkdtempSync(path.join(os.tmpdir(), 'codesign-chromium-'));
    await buildExample({ outdir, minify: true, quiet: true });
    server = (await serveStatic(outdir)) as StaticServer;
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(userDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    model = CostModel.loadSync(readFileSync(path.join(ROOT, 'build', 'costmodel.wasm')));
    await page.goto(server.url);
    // On load the page evaluates its sample mapping.
    await page.waitForSelector('#status[data-state="done"], #status[data-state="error"], #status[data-state="failed"]', { timeout: 30_000 });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    for (const d of [outdir, userDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  /** Paste a mapping and hardware, click Evaluate, wait for the result. */
  async function evaluate(text: string, hw: Hardware): Promise<string> {
    await page.fill('#mapping', text);
    await page.fill('#num_pes', String(hw.numPes));
    await page.fill('#l1_size', String(hw.l1Size));
    await page.fill('#l2_size', String(hw.l2Size));
    await page.fill('#noc_bw', String(hw.nocBw));
    await page.fill('#offchip_bw', String(hw.offchipBw));
    await page.fill('#noc_hops', String(hw.nocHops ?? 1));
    await page.fill('#vector_width', String(hw.vectorWidth ?? 1));
    await page.evaluate(() => {
      delete (document.getElementById('status') as HTMLElement).dataset.state;
    });
    await page.click('#evaluate');
    await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 60_000 });
    return (await page.getAttribute('#status', 'data-state')) ?? '';
  }

  it('evaluates its sample mapping on load, on the hardware the form shows', async () => {
    // (runs first: the page is as loaded)
    expect(await page.getAttribute('#status', 'data-state')).toBe('done');
    const hw: Hardware = { id: 'form', numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 };
    const expected = model.evaluateNetwork(parseMapping(SAMPLE_MAPPING, 'sample.m'), hw);
    const runtimes = await page.$$eval('#layers tbody tr.layer td[data-key="runtime"]', (tds) => tds.map((td) => (td as HTMLElement).dataset.value));
    expect(runtimes).toEqual(expected.rows.map((r) => ('metrics' in r ? String(r.metrics.runtime) : undefined)));
    expect(await page.locator('#plot svg circle.point').count()).toBeGreaterThan(0);
  });

  it('shows, per layer and in total, exactly the numbers of the Node cost model', async () => {
    const spec = NetworkSpec.load(ROOT);
    const text = mappingText('MobileNetV2', spec.mapped('MobileNetV2', 'kcp_ws'));
    const hw = spec.hardware().find((h) => h.id === 'n2')!;
    expect(await evaluate(text, hw)).toBe('done');

    const expected = model.evaluateNetwork(parseMapping(text, 'mapping.m'), hw);
    const shown = await page.$$eval('#layers tbody tr.layer', (trs) =>
      trs.map((tr) => ({
        layer: (tr as HTMLElement).dataset.layer ?? '',
        cells: Array.from(tr.querySelectorAll('td[data-key]')).map((td) => ({
          key: (td as HTMLElement).dataset.key ?? '',
          value: (td as HTMLElement).dataset.value ?? '',
          text: td.textContent ?? '',
        })),
      })),
    );
    expect(shown.length).toBe(expected.rows.length);
    expect(shown.length).toBe(spec.layers('MobileNetV2').length);
    expected.rows.forEach((row, i) => {
      expect(shown[i]!.layer).toBe(row.layer);
      if (!('metrics' in row)) throw new Error(`layer ${row.layer} has no result in Node: ${row.error}`);
      expect(shown[i]!.cells.map((c) => c.key)).toEqual(TABLE_COLUMNS.map(([k]) => k));
      for (const c of shown[i]!.cells) {
        const v = row.metrics[c.key as keyof typeof row.metrics];
        expect(c.value, `${row.layer} ${c.key}`).toBe(String(v));
        expect(c.text, `${row.layer} ${c.key}`).toBe(formatColumnValue(c.key as (typeof TABLE_COLUMNS)[number][0], v));
      }
    });
    const totals = await page.$$eval('#layers tfoot td[data-key]', (tds) =>
      Object.fromEntries(tds.map((td) => [(td as HTMLElement).dataset.key, (td as HTMLElement).dataset.value])),
    );
    expect(totals).toEqual({
      runtime: String(expected.totals.runtime),
      energy_nj: String(expected.totals.energy_nj),
      num_macs: String(expected.totals.num_macs),
    });
    // And what the page shows is MAESTRO's own output for this network (shared oracle, whole-network run).
    const maestro = maestroRows(path.resolve(ROOT, '../shared/oracle/networks.csv'), 'MobileNetV2_kcp_ws.m', 'kcp_ws', 'n2');
    expect(maestro.length).toBe(shown.length);
    for (const [i, r] of shown.entries()) {
      const m = maestro[i]!;
      expect(r.layer).toBe(m.layer);
      const cell = (k: string): number => Number(r.cells.find((c) => c.key === k)!.value);
      expect(cell('runtime'), `${r.layer} runtime`).toBe(m.runtime);
      expect(Math.abs(cell('energy_nj') - m.energy_nj) / m.energy_nj, `${r.layer} energy`).toBeLessThan(1e-5);
    }

    // The plot: one circle per (accelerator, dataflow) pair with a result, plus the pasted one.
    const sweep = sweepAccelerators(model, parseMapping(text, 'mapping.m'), hw);
    expect(await page.locator('#plot svg circle.point').count()).toBe(sweep.points.length);
    expect(await page.locator('#plot svg circle.pareto-point').count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  it('checks the hardware fields as MAESTRO does, naming them as the form does', async () => {
    const base = { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 };
    // L1 / L2 size 0 are MAESTRO-valid (they change no output)
    expect(await evaluate(SAMPLE_MAPPING, { ...base, l1Size: 0, l2Size: 0 })).toBe('done');
    await page.fill('#l1_size', 'abc');
    await page.click('#evaluate');
    await page.waitForSelector('#status[data-state="error"]');
    expect(await page.textContent('#error')).toBe("hardware: l1_size_cstr must be an integer in 0..2147483647, got 'abc'");
    expect(await evaluate(SAMPLE_MAPPING, { ...base, numPes: 2147483648 })).toBe('error');
    expect(await page.textContent('#error')).toBe("hardware: num_pes must be an integer in 1..2147483647, got '2147483648'");
    // NoC hops and SIMD lanes are read: 4 lanes make the sample faster than 1
    expect(await evaluate(SAMPLE_MAPPING, { ...base, vectorWidth: 4 })).toBe('done');
    const four = await page.getAttribute('#totals span[data-key="runtime"]', 'data-value');
    const expected = model.evaluateNetwork(parseMapping(SAMPLE_MAPPING, 'mapping.m'), { ...base, vectorWidth: 4 });
    expect(four).toBe(String(expected.totals.runtime));
  });

  it('opened from file:// it says it must be served over http:// (its module script never runs there)', async () => {
    const other = await context.newPage();
    try {
      await other.goto('file://' + path.join(outdir, 'index.html'));
      expect(await other.getAttribute('#status', 'data-state')).toBe('failed');
      expect(await other.textContent('#status')).toMatch(/^this page must be served over http:\/\//);
    } finally {
      await other.close();
    }
  });

  it('names the file, line and field of a bad mapping', async () => {
    const bad = 'Network N {\nLayer L1 {\nType: CONV\nDimensions { K: 0, C: 3, R: 1, S: 1, Y: 8, X: 8 }\n}\n}\n';
    expect(await evaluate(bad, { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 })).toBe('error');
    const message = (await page.textContent('#error')) ?? '';
    expect(message).toMatch(/^mapping\.m:4(:\d+)?: /);
    expect(await page.locator('#layers tr').count()).toBe(0);
  });
});
