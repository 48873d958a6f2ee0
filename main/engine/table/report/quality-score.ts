/**
 * The quality score, as in the SDMetrics Quality Report (docs.sdv.dev/sdmetrics, "Quality
 * Report"): the overall score is the mean of two property scores,
 *   overall = mean( Column Shapes , Column Pair Trends ),
 * each property score being the plain mean of its per-column / per-pair scores.
 *
 * Coverage (SDMetrics' Diagnostic Report: CategoryCoverage, RangeCoverage) is computed and shown
 * alongside but is NOT part of the overall score, as in SDMetrics. Missing-rate differences are
 * reported per column and averaged, also outside the overall score.
 *
 * Incomputable columns and pairs (no present values, a constant column in a numeric pair) are
 * left out of the means as SDMetrics does (its Score NaN, skipped by pandas' mean) and listed in
 * `incomputable` with the reason; see column-shapes.ts and column-pairs.ts.
 *
 * Our choices: with no scored pair the pair-trend score is null and overall = the column-shape
 * score; with no scored column every score is null.
 *
 * `real` is the reference set: the report scores the synthetic rows against the hold-out (the
 * headline) and against the training rows (report.ts).
 */
import { runToEnd, type Steps } from '../../core/steps';
import { columnPairsSteps, type ColumnPairsOptions } from './column-pairs';
import { columnShapesSteps } from './column-shapes';
import { mean, type FeatureTable } from './common';
import { columnCoverages } from './coverage';
import type { QualityScore } from '../../../../shared/table-report';

// The report's shapes are declared in shared/ (they cross the process boundary as the job's output).
export type { QualityScore };

export function qualityScore(real: FeatureTable, synthetic: FeatureTable, options: ColumnPairsOptions = {}): QualityScore {
  return runToEnd(qualityScoreSteps(real, synthetic, options));
}

/** qualityScore as steps (core/steps.ts): pauses between columns and between pairs. */
export function* qualityScoreSteps(real: FeatureTable, synthetic: FeatureTable, options: ColumnPairsOptions = {}): Steps<QualityScore> {
  const shapes = yield* columnShapesSteps(real, synthetic);
  const pairs = yield* columnPairsSteps(real, synthetic, options);
  const coverage = columnCoverages(real, synthetic);

  const shapeScore = mean(shapes.details.map((s) => s.score));
  const pairScore = mean(pairs.pairs.map((p) => p.score));
  const overall = shapeScore === null ? null : pairScore === null ? shapeScore : (shapeScore + pairScore) / 2;
  const covered = coverage.map((c) => c.score).filter((s): s is number => s !== null);

  return {
    overall,
    reference_rows: real.rows.length,
    column_shapes: {
      score: shapeScore,
      details: shapes.details,
      incomputable: shapes.incomputable,
      mean_missing_rate_difference: mean([...shapes.details, ...shapes.incomputable].map((s) => s.missing_rate_difference)),
    },
    column_pair_trends: {
      score: pairScore,
      details: pairs.pairs,
      incomputable: pairs.incomputable,
      total_pairs: pairs.total_pairs,
      evaluated_pairs: pairs.evaluated_pairs,
      sampled: pairs.sampled,
      max_pairs: pairs.max_pairs,
      bins: pairs.bins,
    },
    coverage: { score: mean(covered), details: coverage },
  };
}
