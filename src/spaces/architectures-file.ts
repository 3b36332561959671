/**
 * The architectures space file (`--space FILE.json`, read by `readNetworksFile`,
 * src/spaces/space-file.ts):
 *
 *     { "name"?: string, "architectures": [ARCH, ...] }
 *
 * with ARCH = `{ "layers": [LAYER, ...] }` or `{ "model": "net.m" }` (a MAESTRO model file,
 * relative to the JSON file), plus optional numbers `accuracy`, `flops`, `params`, each given for
 * every architecture or for none. LAYER is a layer of a JSON network list, checked by the same
 * code with the same messages (`layerFromJson`, src/spaces/networks-file.ts): every layer type,
 * the dimensions allowed / required for it, integers 1..2^31-1, no unknown keys. Unknown keys of
 * the document or of an architecture are errors too. Architecture id = position in the list,
 * which is also its label. Errors name file:line:column and the JSON path.
 */
import path from 'node:path';
import { UserError } from '../errors.js';
import type { Layer } from '../model/types.js';
import { parseModel, readInputFile, type Json, type LocatedJson } from '../parse/index.js';
import { isJsonObject, jsonFailer, layerFromJson, type JsonFail, type NamedNetwork } from './networks-file.js';

const FIGURES = ['accuracy', 'flops', 'params'] as const;
const ARCH_KEYS = ['model', 'layers', ...FIGURES];
const DOC_KEYS = ['name', 'architectures'];
const quoted = (keys: readonly string[]) => keys.map((k) => `"${k}"`).join(', ');

/** The architectures of a parsed `{"architectures": [...]}` document `file` (format in the module comment). */
export function architecturesFromDoc(doc: LocatedJson, file: string, files?: string[]): NamedNetwork[] {
  const fail = jsonFailer(doc);
  const v = doc.value;
  if (!isJsonObject(v)) return fail([], 'expected {"architectures": [...]}');
  for (const k of Object.keys(v)) if (!DOC_KEYS.includes(k)) fail([k], `unknown key "${k}" (expected ${quoted(DOC_KEYS)})`);
  if (v.name !== undefined && typeof v.name !== 'string') fail(['name'], 'expected a string');
  const list = v.architectures;
  if (!Array.isArray(list) || list.length === 0) return fail(['architectures'], 'expected "architectures": [...] (non-empty)');
  const nets = list.map((a, i): NamedNetwork => {
    const at = ['architectures', i];
    if (!isJsonObject(a)) return fail(at, 'expected an object');
    for (const k of Object.keys(a)) if (!ARCH_KEYS.includes(k)) fail([...at, k], `unknown key "${k}" (expected ${quoted(ARCH_KEYS)})`);
    const figures: NamedNetwork['figures'] = {};
    for (const c of FIGURES) {
      const x = a[c];
      if (x === undefined) continue;
      if (typeof x !== 'number' || !Number.isFinite(x)) fail([...at, c], 'expected a number');
      figures[c] = x as number;
    }
    return { name: String(i), layers: architectureLayers(a, at, file, fail, files), figures };
  });
  for (const c of FIGURES) {
    const have = nets.filter((n) => n.figures![c] !== undefined).length;
    if (have === 0 || have === nets.length) continue;
    const i = nets.findIndex((n) => n.figures![c] === undefined);
    fail(['architectures', i], `"${c}" given for ${have} of ${nets.length} architectures; missing here`);
  }
  return nets;
}

/** The layers of one architecture: inline `layers` or a MAESTRO `model` file. */
function architectureLayers(a: { [k: string]: Json }, at: Array<string | number>, file: string, fail: JsonFail, files?: string[]): Layer[] {
  if (a.layers !== undefined && a.model !== undefined) fail(at, 'give "model" or "layers", not both');
  if (a.layers !== undefined) {
    if (!Array.isArray(a.layers) || a.layers.length === 0) fail([...at, 'layers'], 'expected a non-empty array of layers');
    return (a.layers as Json[]).map((l, j) => layerFromJson(l, [...at, 'layers', j], fail));
  }
  if (a.model === undefined) return fail(at, 'needs "model" (MAESTRO model file) or "layers"');
  if (typeof a.model !== 'string' || a.model.trim() === '') return fail([...at, 'model'], 'expected a file name (a MAESTRO model file)');
  const model = a.model;
  const p = path.resolve(path.dirname(file), model);
  files?.push(p);
  let text: string;
  try {
    text = readInputFile(p); // size limit, not a text file: located in the model file
  } catch (e) {
    if (!(e instanceof UserError) || e.location.line !== undefined) throw e;
    return fail([...at, 'model'], `cannot read model file '${model}': ${e.reason}`);
  }
  const layers = parseModel(text, p).layers.map((l) => ({ name: l.name, type: l.type, strideX: l.strideX, strideY: l.strideY, dims: { ...l.dims } }));
  if (layers.length === 0) fail([...at, 'model'], `model file '${model}' has no layers`);
  return layers;
}
