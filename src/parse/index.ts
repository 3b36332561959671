/**
 * Input formats: MAESTRO text files (mapping, model, dataflow, hardware) and their JSON form.
 * See FORMATS.md in this folder for grammar, defaults, limits and the JSON schema.
 */
export { tokenize, type Token, type TokenKind } from './lexer.js';
export { parseMaestroText, type MaestroFile, type ParsedLayer } from './dfsl.js';
export {
  parseMapping,
  parseModel,
  parseDataflow,
  applyDataflow,
  resolveDataflow,
  checkMappedLayer,
  layerDimSet,
  type ApplyDataflowOptions,
} from './mapping.js';
export { parseHardware, declaredHardwareKeys, HARDWARE_KEYS } from './hardware.js';
export { locationOf, setLocation } from './locations.js';
export { MAX_INT, MAX_DIRECTIVES, DIM_NAMES, LAYER_TYPES, LAYER_DIM_RULES, HARDWARE_DEFAULTS, HARDWARE_MIN } from './limits.js';
export { expectedMacs, overflowRisk, resultOverflow } from './result-check.js';
export {
  parseHardwareJson,
  parseMappingJson,
  parseModelJson,
  parseDataflowJson,
  parseInputJson,
  INPUT_JSON_SCHEMA,
} from './json-input.js';
export { splitLines } from './lines.js';
export { parseJsonLocated, pathString, type Json, type LocatedJson } from './json-located.js';
export { loadHardware, loadMapping, loadModel, loadDataflow, readInputFile, looksLikeJson, MAX_INPUT_BYTES } from './load.js';
