/** Wording shared by the human summary and the HTML report. */

/**
 * How a search's evaluation count compares with the full search's, from `ratio` = full / its own
 * (one decimal): `5.5x fewer`, `as many`, `1.2x more` (a semi-decoupled search with a large S or a
 * certified search with few pruned pairs may cost as much as the full one, or more).
 */
export function fewerOrMore(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return `${ratio}x fewer`;
  if (ratio.toFixed(1) === '1.0' && (1 / ratio).toFixed(1) === '1.0') return 'as many';
  return ratio > 1 ? `${ratio.toFixed(1)}x fewer` : `${(1 / ratio).toFixed(1)}x more`;
}

/**
 * A regret (fraction) as a percentage with 2 decimals; Infinity (the semi-decoupled search has
 * no feasible answer where the full one has) as `inf (no semi answer)`.
 */
export function regretPercent(regret: number): string {
  return regret === Infinity ? 'inf (no semi answer)' : `${(regret * 100).toFixed(2)}%`;
}
