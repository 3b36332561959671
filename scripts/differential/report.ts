/**
 * Comparing `codesign maestro --print_res=true`'s report with the MAESTRO binary's stdout for one
 * case (campaign option --print-res): byte for byte, with the first differing line.
 */
import type { CostModel } from '../../src/model/costmodel.js';
import { maestroHardwareBlankLines, maestroReport, type ReportRow } from '../../src/report/maestro-stdout.js';
import { evaluateCase } from './compare.js';

/** How our report compares with MAESTRO's stdout. */
export interface ReportComparison {
  same: boolean;
  /** First differing line (1-based) and both texts of it. */
  line?: number;
  maestro?: string;
  ours?: string;
}

/** Our report for the case (all layers evaluated: call for cases whose CSV rows matched). */
export function compareReport(cm: CostModel, mapping: string, hardware: string, flags: readonly string[], stdout: string): ReportComparison {
  const { fileHw, hw, res } = evaluateCase(cm, mapping, hardware, flags, { tensorSizes: true });
  const ours = maestroReport(res.rows as ReportRow[], hw, { csv: true, blankLines: maestroHardwareBlankLines(fileHw) });
  if (ours === stdout) return { same: true };
  const a = stdout.split('\n');
  const b = ours.split('\n');
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return { same: false, line: k + 1, maestro: a[k] ?? '(end)', ours: b[k] ?? '(end)' };
}
