export const KNOWN_FAILURES: Record<string, string> = {};
export const KNOWN_CSV_TEXT_DIFFS: Record<string, string> = {};
