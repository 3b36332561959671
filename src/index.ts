/**
 * codesign: fast, exact hardware/software co-design of neural-network accelerators.
 *
 * The library's public entry (`import { CostModel, parseMapping } from 'codesign'`). Every module
 * re-exported here works in Node; the cost model (`src/model`) and the parsers (`src/parse`) also
 * work in browsers (see examples/browser).
 *
 * ```ts
 * const model = await CostModel.load();            // build/costmodel.wasm (or a URL / bytes)
 * const net = parseMapping(text, 'net.m');          // MAESTRO mapping file -> MappedNetwork
 * const r = model.evaluateNetwork(net, { numPes: 256, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 50 });
 * ```
 *
 * Bad arguments fail at the call with a message naming what is wrong: a TypeError when an argument
 * is not an object / string at all (`net: expected a MappedNetwork object ..., got null`), a
 * {@link UserError} naming the field otherwise (`hw.numPes: expected an integer in 1..2147483647,
 * got 1.5`, `cfg.mode: expected semi, full, both, certified or all, got the string "bogus"`).
 */

// Domain types and errors.
export type * from './model/types.js';
export { UserError, formatLocation, type SourceLocation } from './errors.js';

// The cost model (src/model).
export { CostModel, type NetworkResult, type NetworkRow, type LayerResult, type NetworkOptions, type TensorSizes } from './model/costmodel.js';
export { BatchEvaluator, type BatchWorkspace } from './model/batch.js';
// The flat encoding's sizes and row offsets (assembly/layout.ts): descriptor, hardware record, result row.
export { DESC_SIZE, HW_SIZE, OUT_SIZE, OUT_STATUS, OUT_COLUMNS, EXACT_SIZE } from '../assembly/layout.js';
export { encodeLayer, encodeHardware, checkHardware, hardwareKey, errorMessage, LayerRejectedError, type EncodeOptions } from './model/encode.js';
export { meaninglessResult } from './parse/result-check.js';
export { applyNetworkSemantics, batchTensorFlags, layerEnergy } from './model/network.js';
export { hiddenRows, type HiddenRow } from './model/shown-rows.js';
export { exactCountsFrom, rowMetrics, rowNeedsExactCounts, rowStatus } from './model/rows.js';
export { compileWasm, compileWasmSync, type WasmSource, type CostModelExports, type WasmModule, type WasmMemory } from './model/wasm.js';
export { instantiateWithLoader, instantiateWithLoaderSync, type LoaderSource, type WasmBytes } from './model/loader.js';
export {
  COLUMN_KEYS,
  NUMERIC_COLUMN_KEYS,
  NUM_NUMERIC_COLUMNS,
  MAESTRO_CSV_HEADER,
  type ColumnKey,
  type NumericColumnKey,
  type LayerMetrics,
  type ExactCounts,
} from './model/columns.js';

// MAESTRO's number formatting: a value of a CSV column as MAESTRO prints it.
export { formatCppDouble } from './report/format-number.js';
export { formatColumnValue, columnFormat, type ColumnFormat } from './report/maestro-csv.js';

// Input formats (src/parse).
export * from './parse/index.js';

// Dataflows and accelerators.
export {
  BUILTIN_DATAFLOW_NAMES,
  builtinDataflow,
  isBuiltinDataflow,
  dataflowKey,
  type BuiltinDataflowName,
} from './dataflows/builtin.js';
export { resolveDataflowSpec } from './dataflows/resolve.js';
export { MAESTRO_DEFAULT_HW, PAPER_VALUES, paperHardware } from './accelerators/paper.js';

// Architecture spaces (src/spaces) and their memoized evaluation (src/evaluate).
export * from './spaces/index.js';
export * from './evaluate/index.js';

// Accelerators (hardware x dataflow) and the co-design search (src/search).
export { buildAccelerators, acceleratorKey, parseHardwareSpec, PAPER_DATAFLOWS, type Accelerator } from './accelerators/accelerators.js';
export { gridHardware, randomHardware, type HardwareValues } from './accelerators/generate.js';
export { runCodesign, type RunConfig, type RunResult, type ThresholdSpec, type ThresholdRow, type CorrelationReport } from './search/run.js';
export { searchConfig, SEARCH_DEFAULTS } from './search/defaults.js';
export type { ArchEvaluator, EvalBatch, Objective, Problem, SearchMode, Answer } from './search/types.js';
export type { SearchOutcome, SemiOutcome, CertifiedOutcome } from './search/searches.js';
export { AbortedError, type EvalCache, type InProcess } from './search/evalcache.js';
// The types EvalCache's members use (RunResult.caches). Its progress callback is EvalProgressFn here:
// ProgressFn is evaluateArchitectures' (src/evaluate).
export type { EvalCacheOptions, EvalTable, EvalRequest, ProgressFn as EvalProgressFn } from './search/evalcache.js';
export type { Checkpoint, CheckpointHeader } from './search/checkpoint.js';
export { ModelArchEvaluator, createEvaluator, type SpaceEvaluatorSpec } from './search/space-evaluator.js';
export { PoolEvaluator, type PoolOptions } from './search/pool.js';
export { paretoPositions, selectCandidates, topKPerQuality, type SelectionMode, type SelectionOptions } from './search/pareto.js';
export { perThresholdPositions, type PerThresholdOptions } from './search/per-threshold.js';
export { objectiveValue, feasible } from './search/objective.js';
// Rank correlations (Spearman, Kendall tau-b) between series, e.g. accelerators' latencies.
export { rankCorrelations, type RankCorrelationOptions } from './search/rankcorr.js';
