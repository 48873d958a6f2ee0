/**
 * Coverage: does the synthetic data span what the real data spans?
 *
 * SDMetrics definitions (docs.sdv.dev/sdmetrics, "Coverage" in the Diagnostic Report):
 * - CategoryCoverage (categorical and boolean columns): the number of distinct non-missing real
 *   categories that appear at least once in the synthetic column, divided by the number of
 *   distinct real categories.
 * - RangeCoverage (numerical and datetime columns): the share of the real [min, max] spanned by
 *   the synthetic [min, max]: 1 - (max(s_min - r_min, 0) + max(r_max - s_max, 0)) / (r_max - r_min),
 *   clipped to [0, 1]. Synthetic values beyond the real range do not raise the score.
 *
 * Our choices: a real column with no present values has no coverage to measure (score null,
 * left out of the mean); a real range of one value scores 1 if the synthetic range contains it,
 * else 0; a synthetic column with no present values scores 0.
 */
import { isNumericType, presentCategories, presentNumbers, type FeatureTable } from './common';
import type { ColumnCoverage } from '../../../../shared/table-report';

// The report's shapes are declared in shared/ (they cross the process boundary as the job's output).
export type { ColumnCoverage };

function range(values: readonly number[]): [number, number] | null {
  if (values.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** SDMetrics RangeCoverage of a real and a synthetic [min, max] (see module comment). */
export function rangeCoverage(real: [number, number] | null, synthetic: [number, number] | null): number | null {
  if (!real) return null;
  if (!synthetic) return 0;
  const [rMin, rMax] = real;
  const [sMin, sMax] = synthetic;
  if (rMax === rMin) return sMin <= rMin && sMax >= rMax ? 1 : 0;
  const uncovered = Math.max(sMin - rMin, 0) + Math.max(rMax - sMax, 0);
  return Math.max(0, Math.min(1, 1 - uncovered / (rMax - rMin)));
}

export function columnCoverage(real: FeatureTable, synthetic: FeatureTable, j: number): ColumnCoverage {
  const col = real.columns[j];
  if (!col) throw new RangeError(`no feature column ${j}`);
  if (isNumericType(col.type)) {
    const r = range(presentNumbers(real.rows, j));
    const s = range(presentNumbers(synthetic.rows, j));
    return {
      column: col.name,
      type: col.type,
      metric: 'RangeCoverage',
      score: rangeCoverage(r, s),
      real_min: r?.[0] ?? null,
      real_max: r?.[1] ?? null,
      synthetic_min: s?.[0] ?? null,
      synthetic_max: s?.[1] ?? null,
    };
  }
  const realSet = new Set(presentCategories(real.rows, j));
  const synthSet = new Set(presentCategories(synthetic.rows, j));
  let covered = 0;
  for (const c of realSet) if (synthSet.has(c)) covered++;
  return {
    column: col.name,
    type: col.type,
    metric: 'CategoryCoverage',
    score: realSet.size === 0 ? null : covered / realSet.size,
    real_categories: realSet.size,
    covered_categories: covered,
  };
}

export function columnCoverages(real: FeatureTable, synthetic: FeatureTable): ColumnCoverage[] {
  return real.columns.map((_, j) => columnCoverage(real, synthetic, j));
}
