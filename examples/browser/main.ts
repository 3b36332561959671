/** The page: load the WebAssembly cost model, evaluate the pasted mapping, draw table and plot. */
import { CostModel, type Hardware } from '../../src/browser.js';
import { evaluateMapping, sweepAccelerators } from './app.js';
import { scatterSvg } from './plot.js';
import { SAMPLE_MAPPING } from './sample.js';
import { layerTableHtml, summaryHtml } from './view.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page is missing #${id}`);
  return el as T;
};

const HW_FIELDS = [
  ['num_pes', 'numPes'],
  ['l1_size', 'l1Size'],
  ['l2_size', 'l2Size'],
  ['noc_bw', 'nocBw'],
  ['offchip_bw', 'offchipBw'],
] as const;

/** Hardware from the form; throws a one-line message naming the bad field. */
function readHardware(): Hardware {
  const hw = {} as Record<(typeof HW_FIELDS)[number][1], number>;
  for (const [id, key] of HW_FIELDS) {
    const text = $<HTMLInputElement>(id).value.trim();
    const v = Number(text);
    if (text === '' || !Number.isInteger(v) || v < 1) throw new Error(`hardware: ${id} must be a positive integer, got '${text}'`);
    hw[key] = v;
  }
  return { id: 'your hardware', ...hw };
}

function run(model: CostModel): void {
  const error = $('error');
  const status = $('status');
  error.textContent = '';
  try {
    const hw = readHardware();
    const t0 = performance.now();
    const ev = evaluateMapping(model, $<HTMLTextAreaElement>('mapping').value, hw);
    const ms = performance.now() - t0;
    $('summary').innerHTML = summaryHtml(ev, ms);
    $('layers').innerHTML = layerTableHtml(ev);
    const t1 = performance.now();
    const sweep = sweepAccelerators(model, ev.net, hw);
    const sweepMs = performance.now() - t1;
    $('plot').innerHTML = scatterSvg(sweep.points, 'latency (cycles)', 'energy (nJ)');
    $('plot-note').textContent =
      `${sweep.points.length} points (the paper's 50 accelerators x 3 CONV dataflows, DSCONV on dpt, GEMM on nmk, plus yours), ` +
      `evaluated in ${sweepMs.toFixed(0)} ms` +
      (sweep.skipped > 0 ? `; ${sweep.skipped} pairs left out (a layer without result, e.g. a cluster larger than the PE array)` : '');
    status.textContent = 'done';
    status.dataset.state = 'done';
  } catch (err) {
    error.textContent = err instanceof Error ? err.message : String(err);
    $('summary').innerHTML = '';
    $('layers').innerHTML = '';
    $('plot').innerHTML = '';
    $('plot-note').textContent = '';
    status.textContent = 'error';
    status.dataset.state = 'error';
  }
}

async function start(): Promise<void> {
  const mapping = $<HTMLTextAreaElement>('mapping');
  if (mapping.value.trim() === '') mapping.value = SAMPLE_MAPPING;
  const status = $('status');
  try {
    const model = await CostModel.load(new URL('./costmodel.wasm', import.meta.url));
    const button = $<HTMLButtonElement>('evaluate');
    button.disabled = false;
    button.addEventListener('click', () => run(model));
    status.textContent = 'ready';
    status.dataset.state = 'ready';
    // Show a result straight away: the sample (or whatever the text area kept) on the default hardware.
    run(model);
  } catch (err) {
    status.textContent = `cannot load the cost model: ${err instanceof Error ? err.message : String(err)}`;
    status.dataset.state = 'failed';
  }
}

void start();
