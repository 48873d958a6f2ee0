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
 * Our choices: with fewer than two feature columns there are no pairs, the pair-trend score is
 * null and overall = the column-shape score; with no feature columns every score is null.
 */
import { columnPairs, type ColumnPairsOptions } from './column-pairs';
import { columnShapes } from './column-shapes';
import { mean, type FeatureTable } from './common';
import { columnCoverages } from './coverage';
import type { QualityScore } from '../../../../shared/table-report';

// The report's shapes are declared in shared/ (they cross the process boundary as the job's output).
export type { QualityScore };

export function qualityScore(real: FeatureTable, synthetic: FeatureTable, options: ColumnPairsOptions = {}): QualityScore {
  const shapes = columnShapes(real, synthetic);
  const pairs = columnPairs(real, synthetic, options);
  const coverage = columnCoverages(real, synthetic);

  const shapeScore = mean(shapes.map((s) => s.score));
  const pairScore = mean(pairs.pairs.map((p) => p.score));
  const overall = shapeScore === null ? null : pairScore === null ? shapeScore : (shapeScore + pairScore) / 2;
  const covered = coverage.map((c) => c.score).filter((s): s is number => s !== null);

  return {
    overall,
    column_shapes: {
      score: shapeScore,
      details: shapes,
      mean_missing_rate_difference: mean(shapes.map((s) => s.missing_rate_difference)),
    },
    column_pair_trends: {
      score: pairScore,
      details: pairs.pairs,
      total_pairs: pairs.total_pairs,
      evaluated_pairs: pairs.evaluated_pairs,
      sampled: pairs.sampled,
      max_pairs: pairs.max_pairs,
      bins: pairs.bins,
    },
    coverage: { score: mean(covered), details: coverage },
  };
}
