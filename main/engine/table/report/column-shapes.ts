/**
 * Column shapes: how well each feature column's marginal distribution is reproduced.
 *
 * SDMetrics definitions (docs.sdv.dev/sdmetrics, "Column Shapes" in the Quality Report):
 * - KSComplement (numerical and datetime columns): 1 - D, where D is the two-sample
 *   Kolmogorov-Smirnov statistic, the largest gap between the two empirical CDFs
 *   (scipy.stats.ks_2samp). Missing values are dropped first. Datetimes are compared as epoch ms.
 * - TVComplement (categorical and boolean columns): 1 - TVD, with the total variation distance
 *   TVD = 1/2 * sum over categories c of |R_c - S_c|, where R_c and S_c are the relative
 *   frequencies of c among the non-missing real and synthetic cells. The sum runs over the union
 *   of categories, so a category absent from one side contributes its full frequency.
 *
 * Missing values are NOT part of the shape score (as in SDMetrics, which drops them). They are
 * reported separately per column: the missing rates of both tables and their absolute difference
 * (SDMetrics' MissingValueSimilarity would be 1 minus that difference).
 *
 * A column with no present values on either side is incomputable and left out of the mean, as
 * in SDMetrics: KSComplement returns NaN when ks_2samp gets an empty sample, TVComplement raises
 * IncomputableMetricError, ColumnShapes records Score NaN with the Error, and the property score
 * is pandas' mean, which skips NaN (sdmetrics/reports/single_table/_properties/column_shapes.py,
 * base.py _compute_average). Here it goes to `incomputable` with the reason instead of a score.
 */
import type { ColumnType } from '../../../../shared/tabular-schema';
import { runToEnd, type Steps } from '../../core/steps';
import { frequencies, isMissing, isNumericType, presentCategories, presentNumbers, type FeatureTable } from './common';
import type { ColumnShape, IncomputableColumn } from '../../../../shared/table-report';

// The report's shapes are declared in shared/ (they cross the process boundary as the job's output).
export type { ColumnShape, IncomputableColumn };

/**
 * Two-sample Kolmogorov-Smirnov statistic D = sup_x |F_a(x) - F_b(x)| of the empirical CDFs.
 * Ties are handled exactly: both CDFs step past every copy of a value before they are compared.
 * Returns 0 for two empty samples and 1 when exactly one is empty (see the module comment).
 */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const na = a.length;
  const nb = b.length;
  if (na === 0 && nb === 0) return 0;
  if (na === 0 || nb === 0) return 1;
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < na && j < nb) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < na && x[i]! <= v) i++;
    while (j < nb && y[j]! <= v) j++;
    const gap = Math.abs(i / na - j / nb);
    if (gap > d) d = gap;
  }
  // Once one sample is exhausted its CDF is 1 and the other only climbs towards 1: the gap shrinks.
  return d;
}

/**
 * Total variation distance between the category frequencies of two label lists:
 * 1/2 * sum over the union of categories of |p_a(c) - p_b(c)|. Empty handling as ksStatistic.
 */
export function tvDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  if (a.length === 0 || b.length === 0) return 1;
  const pa = frequencies(a);
  const pb = frequencies(b);
  let sum = 0;
  for (const [c, p] of pa) sum += Math.abs(p - (pb.get(c) ?? 0));
  for (const [c, p] of pb) if (!pa.has(c)) sum += p;
  return Math.min(1, sum / 2);
}

function missingRate(table: FeatureTable, j: number, type: ColumnType): number {
  if (table.rows.length === 0) return 0;
  let m = 0;
  for (const row of table.rows) if (isMissing(row[j], type)) m++;
  return m / table.rows.length;
}

/** The shape score of feature column j (real and synthetic aligned to the same feature columns), or why it has none. */
export function columnShape(real: FeatureTable, synthetic: FeatureTable, j: number): ColumnShape | IncomputableColumn {
  const col = real.columns[j];
  if (!col) throw new RangeError(`no feature column ${j}`);
  const numeric = isNumericType(col.type);
  let score: number;
  let realPresent: number;
  let synthPresent: number;
  if (numeric) {
    const a = presentNumbers(real.rows, j);
    const b = presentNumbers(synthetic.rows, j);
    score = 1 - ksStatistic(a, b);
    realPresent = a.length;
    synthPresent = b.length;
  } else {
    const a = presentCategories(real.rows, j);
    const b = presentCategories(synthetic.rows, j);
    score = 1 - tvDistance(a, b);
    realPresent = a.length;
    synthPresent = b.length;
  }
  const metric = numeric ? 'KSComplement' : 'TVComplement';
  const mr = missingRate(real, j, col.type);
  const ms = missingRate(synthetic, j, col.type);
  const missing = { missing_rate_real: mr, missing_rate_synthetic: ms, missing_rate_difference: Math.abs(mr - ms) };
  if (realPresent === 0 || synthPresent === 0) {
    const side = realPresent === 0 && synthPresent === 0 ? 'both tables' : realPresent === 0 ? 'the real table' : 'the synthetic table';
    return { column: col.name, metric, reason: `no present values in ${side}`, ...missing };
  }
  return {
    column: col.name,
    type: col.type,
    metric,
    score,
    real_present: realPresent,
    synthetic_present: synthPresent,
    ...missing,
  };
}

/** Shape scores of every scorable feature column, in schema order, and the incomputable ones. */
export function columnShapes(real: FeatureTable, synthetic: FeatureTable): { details: ColumnShape[]; incomputable: IncomputableColumn[] } {
  return runToEnd(columnShapesSteps(real, synthetic));
}

/** columnShapes as steps (core/steps.ts), a pause point after each column. */
export function* columnShapesSteps(real: FeatureTable, synthetic: FeatureTable): Steps<{ details: ColumnShape[]; incomputable: IncomputableColumn[] }> {
  const details: ColumnShape[] = [];
  const incomputable: IncomputableColumn[] = [];
  for (let j = 0; j < real.columns.length; j++) {
    const r = columnShape(real, synthetic, j);
    if ('reason' in r) incomputable.push(r);
    else details.push(r);
    yield;
  }
  return { details, incomputable };
}
