/** The page: load the WebAssembly cost model, evaluate the pasted mapping, draw table and plot. */
import { CostModel, type Hardware } from '../../src/browser.js';
import { echoInput } from '../../src/errors.js';
import { HARDWARE_MIN, MAX_INT } from '../../src/parse/limits.js';
import { evaluateMapping, sweepSize, sweepSteps, usesConvDataflow, type Sweep } from './app.js';
import { scatterSvg } from './plot.js';
import { SAMPLE_MAPPING } from './sample.js';
import { layerTableHtml, summaryHtml } from './view.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page is missing #${id}`);
  return el as T;
};

/** Form fields: input id, the hardware-file key shown as its label, Hardware key. */
const HW_FIELDS = [
  ['num_pes', 'num_pes', 'numPes'],
  ['l1_size', 'l1_size_cstr', 'l1Size'],
  ['l2_size', 'l2_size_cstr', 'l2Size'],
  ['noc_bw', 'noc_bw_cstr', 'nocBw'],
  ['offchip_bw', 'offchip_bw_cstr', 'offchipBw'],
  ['noc_hops', 'NoC_NumHops', 'nocHops'],
  ['vector_width', 'num_simd_lanes', 'vectorWidth'],
] as const;

/** Hardware from the form; throws a one-line message naming the bad field as its label does. */
function readHardware(): Hardware {
  const hw: Record<string, number> = {};
  for (const [id, label, key] of HW_FIELDS) {
    const min = HARDWARE_MIN[key]; // the hardware files' rules (L1 / L2 sizes and NoC hops may be 0)
    const raw = $<HTMLInputElement>(id).value;
    const text = raw.trim();
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > MAX_INT) {
      throw new Error(`hardware: ${label} must be an integer in ${min}..${MAX_INT}, got '${echoInput(raw)}'`);
    }
    hw[key] = Number(text);
  }
  return { id: 'your hardware', ...(hw as Omit<Hardware, 'id'>) };
}

function setStatus(text: string, state: string): void {
  const status = $('status');
  status.textContent = text;
  status.dataset.state = state;
}

function clearResults(): void {
  $('summary').innerHTML = '';
  $('layers').innerHTML = '';
  $('plot').innerHTML = '';
  $('plot-note').textContent = '';
}

/** Let the browser paint (the status line) before the next slice of work. */
const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Milliseconds of work between two paints while the plot's sweep runs (a paint of a page with a large text area costs tens of ms). */
const SLICE_MS = 100;

let running = false;
let again = false;

/**
 * Evaluate the form. One run at a time: clicks while a run is busy (the button stays enabled) are
 * merged into one more run after it, with the form as it is then. The sweep runs in slices,
 * painting its progress.
 */
async function run(model: CostModel): Promise<void> {
  if (running) {
    again = true;
    setStatus('evaluating... (then again, with the form as it is now)', 'busy');
    return;
  }
  running = true;
  const results = $('results');
  results.classList.add('stale');
  $('error').textContent = '';
  setStatus('evaluating...', 'busy');
  try {
    await nextFrame();
    const hw = readHardware();
    const t0 = performance.now();
    const ev = evaluateMapping(model, $<HTMLTextAreaElement>('mapping').value, hw);
    const ms = performance.now() - t0;
    clearResults();
    $('summary').innerHTML = summaryHtml(ev, ms);
    $('layers').innerHTML = layerTableHtml(ev);
    const total = sweepSize();
    const sweep: Sweep = { points: [], skipped: 0, ownSkipped: false };
    const steps = sweepSteps(model, ev.net, hw, sweep);
    const t1 = performance.now();
    let busy = 0; // ms of sweep work (the rest of sweepMs is painting the progress)
    for (;;) {
      const slice = performance.now();
      let step = steps.next();
      while (!step.done && performance.now() - slice < SLICE_MS) step = steps.next();
      busy += performance.now() - slice;
      if (step.done) break;
      setStatus(`plotting: ${step.value} of ${total} (accelerator, dataflow) pairs...${again ? ' (then again)' : ''}`, 'busy');
      await nextFrame();
    }
    const sweepMs = performance.now() - t1;
    $('plot').innerHTML = scatterSvg(sweep.points, 'latency (cycles)', 'energy (nJ)');
    const notes = [
      `${sweep.points.length} points: the paper's 50 accelerators x 3 CONV dataflows (DSCONV on dpt, GEMM on nmk)` +
        (sweep.ownSkipped ? '; your hardware is not plotted (a layer has no result on it)' : ', plus yours'),
      `evaluated in ${sweepMs.toFixed(0)} ms${busy + 1 < sweepMs ? ` (${(sweepMs - busy).toFixed(0)} ms of it painting progress)` : ''}`,
    ];
    const others = sweep.skipped - (sweep.ownSkipped ? 1 : 0);
    if (others > 0) notes.push(`${others} of the paper's pairs left out (a layer without result, e.g. a cluster larger than the PE array)`);
    if (!usesConvDataflow(ev.net)) notes.push('this network has no layer the CONV dataflows map, so their three series coincide');
    $('plot-note').textContent = notes.join('; ');
    setStatus('done', 'done');
  } catch (err) {
    $('error').textContent = err instanceof Error ? err.message : String(err);
    clearResults();
    setStatus('error', 'error');
  } finally {
    results.classList.remove('stale');
    running = false;
    if (again) {
      again = false;
      void run(model);
    }
  }
}

async function start(): Promise<void> {
  const mapping = $<HTMLTextAreaElement>('mapping');
  if (mapping.value.trim() === '') mapping.value = SAMPLE_MAPPING;
  if (location.protocol === 'file:') {
    setStatus('this page must be served over http:// (browsers do not load WebAssembly from file://): run `npm run example:serve`', 'failed');
    return;
  }
  try {
    const model = await CostModel.load(new URL('./costmodel.wasm', import.meta.url));
    const button = $<HTMLButtonElement>('evaluate');
    button.disabled = false;
    button.addEventListener('click', () => void run(model));
    setStatus('ready', 'ready');
    // Show a result straight away: the sample (or whatever the text area kept) on the default hardware.
    await run(model);
  } catch (err) {
    setStatus(`cannot load the cost model: ${err instanceof Error ? err.message : String(err)}`, 'failed');
  }
}

void start();
