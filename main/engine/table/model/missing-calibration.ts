/**
 * Where a sample's missing flag counts as missing. The flow (and the mixture) give samples, not
 * probabilities: a flag lands near 1 or near 0, but a flow spreads part of a rare mode's mass
 * between the two, so reading "> 0.5" wrote about half the real rate (2.75% against 5.7% on a
 * census-like table). Instead each flag's threshold is set once per synthesis, on an
 * unconditional draw, so that draw is missing at the column's real rate; conditioned draws (a
 * fixed factor, a where-clause) then keep the model's own rise or fall in missingness around it.
 */
import type { TableSchema } from '../../../../shared/tabular-schema';
import type { Span } from '../encoding/spans';

/** Rows of the unconditional draw: a 6% rate set on it is off by ~0.2 points (binomial), a 1% one on ~160 rows. */
export const CALIBRATION_ROWS = 16_384;

/** Each missing flag's position in the row -> the threshold above which a sample is missing. */
export function missingThresholds(encoded: ArrayLike<number>, n: number, width: number, spans: readonly Span[], schema: TableSchema): Map<number, number> {
  const rateOf = new Map(schema.columns.map((c) => [c.name, schema.rowCount > 0 ? c.missing / schema.rowCount : 0]));
  const thresholds = new Map<number, number>();
  const values = new Float64Array(n);
  for (const span of spans) {
    if (span.kind !== 'missing') continue;
    const missing = Math.round((rateOf.get(span.column) ?? 0) * n);
    for (let i = 0; i < n; i++) values[i] = encoded[i * width + span.start]!;
    values.sort();
    // Strictly above the (n - missing)-th smallest value: exactly `missing` rows (ties aside).
    thresholds.set(span.start, missing <= 0 ? Infinity : missing >= n ? -Infinity : values[n - missing - 1]!);
  }
  return thresholds;
}
