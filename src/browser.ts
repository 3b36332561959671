/**
 * The browser-safe part of the codesign API (no Node built-ins anywhere in its import graph
 * except where noted): the WebAssembly cost model, the MAESTRO text / JSON parsers, the paper's
 * accelerators and MAESTRO-style number formatting. Bundle this entry for web pages
 * (see examples/browser); Node users import `codesign` (src/index.ts) instead.
 *
 * ```ts
 * const model = await CostModel.load(new URL('./costmodel.wasm', import.meta.url)); // fetch()
 * const r = model.evaluateNetwork(parseMapping(text, 'net.m'), hw);
 * ```
 */
export type * from './model/types.js';
export { UserError, formatLocation, type SourceLocation } from './errors.js';
export { CostModel, type NetworkResult, type NetworkRow, type LayerResult, type NetworkOptions, type TensorSizes } from './model/costmodel.js';
export { BatchEvaluator, type BatchWorkspace } from './model/batch.js';
export { DESC_SIZE, HW_SIZE, OUT_SIZE, OUT_STATUS, OUT_COLUMNS, EXACT_SIZE } from '../assembly/layout.js';
export { encodeLayer, encodeHardware, checkHardware, errorMessage, LayerRejectedError, type EncodeOptions } from './model/encode.js';
export { meaninglessResult } from './parse/result-check.js';
export { compileWasm, type WasmSource, type CostModelExports, type WasmModule, type WasmMemory } from './model/wasm.js';
export { COLUMN_KEYS, NUMERIC_COLUMN_KEYS, MAESTRO_CSV_HEADER, type ColumnKey, type NumericColumnKey, type LayerMetrics, type ExactCounts } from './model/columns.js';
export { parseMapping, parseModel, parseDataflow, applyDataflow, resolveDataflow, checkMappedLayer, type ApplyDataflowOptions } from './parse/mapping.js';
export { parseHardware } from './parse/hardware.js';
export { parseHardwareJson, parseMappingJson, parseModelJson, parseDataflowJson, parseInputJson } from './parse/json-input.js';
export { MAESTRO_DEFAULT_HW, PAPER_VALUES, paperHardware } from './accelerators/paper.js';
// (resolveDataflowSpec reads a file for a non-built-in name: Node only)
export { builtinDataflow, isBuiltinDataflow, dataflowKey, BUILTIN_DATAFLOW_NAMES, type BuiltinDataflowName } from './dataflows/builtin.js';
export { formatCppDouble } from './report/format-number.js';
export { formatColumnValue, columnFormat, type ColumnFormat } from './report/maestro-csv.js';
export { locationOf } from './parse/locations.js';
export { hiddenRows, type HiddenRow } from './model/shown-rows.js';
