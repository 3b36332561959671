/**
 * Architecture sets from files (`--space FILE` of `codesign evaluate` and `codesign search`: ONE
 * loader, so both commands read the same formats with the same checks and messages):
 *
 * - a MAESTRO mapping file (`Network { Layer { ... Dataflow { ... } } }`) or model file (no
 *   Dataflow blocks): ONE architecture, its layers. The dataflows of a mapping file are kept
 *   ({@link ArchitectureSpace.mapping}): `evaluate` uses them unless a dataflow flag is given;
 *   `search` evaluates the layers with its `--dataflows`.
 * - a JSON network list: src/spaces/networks-file.ts;
 * - `{"architectures": [...]}`: src/spaces/architectures-file.ts.
 *
 * JSON when the name ends in `.json` or the text starts with `{` / `[`. Anything else is one line
 * naming the file and the accepted formats ({@link SPACE_FILE_FORMATS}).
 */
import path from 'node:path';
import { UserError, withField } from '../errors.js';
import type { Layer } from '../model/types.js';
import { looksLikeJson, parseJsonLocated, parseMapping, parseModel, readInputFile } from '../parse/index.js';
import { architecturesFromDoc } from './architectures-file.js';
import { isJsonObject, networksFromDoc, spaceFromNetworks } from './networks-file.js';
import type { ArchitectureSpace } from './space.js';

/** The space file formats `--space FILE` accepts (the error for any other file). */
export const SPACE_FILE_FORMATS =
  'expected a space file: {"architectures": [...]}, a JSON network list ([{"name", "layers"}], {"networks": ...} or {"name", "layers"}), or a MAESTRO mapping / model file';

/** Read `--space FILE`: any format of the module comment. Errors are UserErrors naming the file. */
export function readNetworksFile(file: string): ArchitectureSpace {
  let text: string;
  try {
    text = readInputFile(file); // one line for missing / binary / huge files
  } catch (e) {
    throw withField(e, '--space');
  }
  if (looksLikeJson(file, text)) return jsonSpace(text, file);
  const code = text.replace(/\/\/[^\r\n]*/g, ''); // (keywords in comments do not count; a comment ends at LF, CR or CRLF)
  if (!/\bNetwork\b/.test(code)) throw new UserError(SPACE_FILE_FORMATS, { file });
  // A mapping file if any layer has a Dataflow block, else a model file.
  const mapped = /\bDataflow\s*\{/.test(code) ? parseMapping(text, file) : undefined;
  const net = mapped ?? parseModel(text, file);
  const layers: Layer[] = net.layers.map((l) => ({ name: l.name, type: l.type, strideX: l.strideX, strideY: l.strideY, dims: { ...l.dims } }));
  if (layers.length === 0) throw new UserError('the network has no layers', { file });
  const space = spaceFromNetworks(file, [{ name: net.name || path.basename(file), layers }]);
  return mapped ? { ...space, mapping: () => mapped } : space;
}

/** A JSON space file: `{"architectures": [...]}` or a JSON network list. */
function jsonSpace(text: string, file: string): ArchitectureSpace {
  const doc = parseJsonLocated(text, file); // line/column errors, duplicate keys, depth limit
  const v = doc.value;
  if (isJsonObject(v) && 'architectures' in v) {
    const files: string[] = []; // the model files it names
    const space = spaceFromNetworks(file, architecturesFromDoc(doc, file, files));
    return files.length > 0 ? { ...space, files: [...new Set(files)] } : space;
  }
  if (Array.isArray(v) || (isJsonObject(v) && ('networks' in v || 'layers' in v))) return spaceFromNetworks(file, networksFromDoc(doc, file));
  throw new UserError(SPACE_FILE_FORMATS, doc.at([]));
}
