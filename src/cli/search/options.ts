/** The options of `codesign search`, as commander parses them (src/cli/search.ts registers them). */
import type { Objective, SearchMode } from '../../search/types.js';
import type { SelectionMode } from '../../search/pareto.js';

/** Parsed `codesign search` options. */
export interface SearchCliOptions {
  space?: string;
  ids: string;
  accelerators: string;
  dataflows: string;
  objective: Objective;
  mode: SearchMode;
  quality?: string;
  proxy?: string;
  thresholds: string;
  /** Phase-1 selection: `pareto` (default) or `per-threshold` (needs explicit --thresholds). */
  select: SelectionMode;
  tolerance: string;
  topK?: string;
  latencyCap?: string;
  energyCap?: string;
  invalid: 'infeasible' | 'skip';
  workers?: string;
  chunk?: string;
  out?: string;
  csv?: string;
  report?: string;
  checkpoint?: string;
  correlations: boolean;
  timings: boolean;
  summary?: boolean;
  progress: boolean;
  evaluator?: string;
  memo: boolean;
}
