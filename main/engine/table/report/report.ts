/**
 * The tabular quality report: SDMetrics-style quality score (column shapes, column-pair trends,
 * coverage) of the synthetic rows against the hold-out (the headline) and against the training
 * rows (beside it: a model that copies its training rows scores 1 there only), ML efficacy and
 * DCR privacy, as one plain JSON-serialisable object, plus a stage 1 vs stage 2 comparison. Each part's definitions are in its own module's comment.
 */
import type { Table, TableSchema } from '../../../../shared/tabular-schema';
import { runToEnd, type Steps } from '../../core/steps';
import { featureColumns, featureTable } from './common';
import { mlEfficacySteps } from './ml-efficacy';
import { privacySteps } from './privacy';
import { qualityScoreSteps } from './quality-score';
import type { QualityHeadline, QualityReport, HeadlineChange, StageComparison, HeadlineKey } from '../../../../shared/table-report';

// The report's shapes are declared in shared/ (they cross the process boundary as the job's output).
export type { QualityHeadline, QualityReport, HeadlineChange, StageComparison, HeadlineKey };

export interface BuildQualityReportInput {
  readonly schema: TableSchema;
  /** Real training rows (what the model was trained on; quality `vs_training`, ML efficacy, DCR). */
  readonly real: Table;
  readonly synthetic: Table;
  /**
   * Further independent synthetic samples from the same model, of the same size: ML efficacy and
   * the DCR share are averaged over `synthetic` and these (everything else reads `synthetic`).
   */
  readonly moreSynthetic?: readonly Table[];
  /** Real rows held out from training (the headline quality is against these). */
  readonly holdout: Table;
  /** ML-efficacy target column; default: see ml-efficacy.ts. */
  readonly target?: string;
  readonly seed?: number;
  /** Cap on scored column pairs (default 1,000). */
  readonly maxPairs?: number;
}

const NOTES = [
  'Quality (version 2): the headline column shapes, pair trends and overall compare the synthetic rows with the HOLD-OUT rows, never trained on, so a model that copies its training rows does not score 1; the same against the training rows is given beside it (vs_training, headline *_vs_training), as version 1 reported it. A score far above the hold-out one hints at copying; the hold-out is smaller, so part of the gap is its sampling noise.',
  'Incomputable columns and pairs are left out of the means as in SDMetrics (where their score is not a number, which its mean skips) and listed under incomputable with the reason: a column with no present values on a side; a numeric pair with a constant column or fewer than 2 complete rows.',
  'Column shapes: 1 - KS statistic (numeric, datetime as epoch ms) or 1 - total variation distance (categorical, boolean), on non-missing values only; missing rates are compared separately per column.',
  'Column-pair trends: 1 - |r_real - r_synthetic| / 2 with Pearson r for two numeric columns (rows where both are present); otherwise 1 - TVD of the joint frequency table with numeric columns in 10 equal-width bins over the real range (outer bins open) and missing as its own level.',
  'Overall = mean(column shapes, column-pair trends); coverage (category and range coverage) is shown but not part of the overall score.',
  'ML efficacy: the same model trained on real training rows and on synthetic rows, the same number of each (train_size), both tested on the real hold-out; ratio = synthetic / real, null when real <= 0, negative synthetic scores count as 0.',
  'Privacy (DCR): Gower-like distance; ties between training and hold-out distances count half; training rows are compared in disjoint parts of the hold-out\'s size and the share is the mean over the parts, so the expected share without memorisation is 0.5. Exact copies leave out rows whose numeric values are all missing (counted apart: they name only categories).',
];

/** Builds the report. Tables are matched to the schema's feature columns by name. */
export function buildQualityReport(input: BuildQualityReportInput): QualityReport {
  return runToEnd(qualityReportSteps(input));
}

/**
 * buildQualityReport as steps (core/steps.ts), which the report job runs with pauses: on 2,000
 * rows its model fits and nearest-row searches are tens of seconds in all on 2 busy cores.
 */
export function* qualityReportSteps(input: BuildQualityReportInput): Steps<QualityReport> {
  const seed = input.seed ?? 0;
  const real = featureTable(input.schema, input.real, 'real');
  const synthetic = featureTable(input.schema, input.synthetic, 'synthetic');
  const draws = [synthetic, ...(input.moreSynthetic ?? []).map((t, k) => featureTable(input.schema, t, `synthetic draw ${k + 2}`))];
  const holdout = featureTable(input.schema, input.holdout, 'hold-out');

  const pairOptions = { seed, ...(input.maxPairs !== undefined ? { maxPairs: input.maxPairs } : {}) };
  const quality = yield* qualityScoreSteps(holdout, synthetic, pairOptions);
  const vsTraining = yield* qualityScoreSteps(real, synthetic, pairOptions);
  const ml = yield* mlEfficacySteps(real, draws, holdout, { seed, ...(input.target !== undefined ? { target: input.target } : {}) });
  const dcr = yield* privacySteps(real, draws, holdout, { seed });

  const notes = [...NOTES];
  if (quality.column_pair_trends.sampled) {
    notes.push(`Column pairs: ${quality.column_pair_trends.evaluated_pairs} of ${quality.column_pair_trends.total_pairs} pairs scored, a seeded sample (seed ${seed}).`);
  }
  const left = quality.column_shapes.incomputable.length + quality.column_pair_trends.incomputable.length;
  if (left > 0) notes.push(`Left out as incomputable against the hold-out: ${quality.column_shapes.incomputable.length} column(s), ${quality.column_pair_trends.incomputable.length} pair(s) (see incomputable).`);
  if (ml.status === 'ok') notes.push(`ML efficacy target: "${ml.target}" (${ml.target_choice}); both models trained on ${ml.rows.train_size} rows; the synthetic-trained score is the mean over ${ml.rows.synthetic_draws} synthetic sample${ml.rows.synthetic_draws === 1 ? '' : 's'}.`);
  else notes.push(`ML efficacy skipped: ${ml.reason}.`);
  if (dcr.status === 'ok' && dcr.sampled) notes.push(`DCR computed on seeded subsamples (at most ${dcr.caps.synthetic} synthetic and ${dcr.caps.reference} training / hold-out rows); exact copies use all rows.`);
  if (dcr.status === 'ok' && dcr.rows.synthetic_draws > 1) notes.push(`DCR share: the mean over ${dcr.rows.synthetic_draws} synthetic samples; exact copies are counted in the first.`);
  if (dcr.status === 'skipped') notes.push(`Privacy skipped: ${dcr.reason}.`);

  return {
    version: 2,
    seed,
    headline: {
      overall: quality.overall,
      column_shapes: quality.column_shapes.score,
      column_pair_trends: quality.column_pair_trends.score,
      overall_vs_training: vsTraining.overall,
      column_shapes_vs_training: vsTraining.column_shapes.score,
      column_pair_trends_vs_training: vsTraining.column_pair_trends.score,
      ml_efficacy_ratio: ml.status === 'ok' ? ml.ratio : null,
      dcr_share_closer_to_training: dcr.status === 'ok' ? dcr.share_closer_to_training : null,
      exact_copies: dcr.status === 'ok' ? dcr.exact_copies : null,
    },
    rows: { real: input.real.rows.length, synthetic: input.synthetic.rows.length, holdout: input.holdout.rows.length },
    columns: {
      features: featureColumns(input.schema).map((c) => c.name),
      excluded: input.schema.columns.filter((c) => c.role !== 'feature').map((c) => c.name),
    },
    vs_holdout: quality,
    vs_training: vsTraining,
    ml_efficacy: ml,
    privacy: dcr,
    notes,
  };
}

/** Which way each headline number is better (the stage comparison and the side-by-side read it). */
export const DIRECTION: Readonly<Record<HeadlineKey, 'higher' | 'lower'>> = {
  overall: 'higher',
  column_shapes: 'higher',
  column_pair_trends: 'higher',
  ml_efficacy_ratio: 'higher',
  // Privacy: a lower share closer to training and fewer copies mean less memorisation.
  dcr_share_closer_to_training: 'lower',
  exact_copies: 'lower',
};

/** A DCR share's excess over the share expected without memorisation (0 at or below it). */
export function dcrExcess(report: QualityReport, share: number): number {
  return Math.max(0, share - (report.privacy.status === 'ok' ? report.privacy.share_expected : 0.5));
}

/** The gain of stage 2 over stage 1: differences of the headline numbers (stage 2 - stage 1). */
export function compareStages(stage1: QualityReport, stage2: QualityReport): StageComparison {
  const keys = Object.keys(DIRECTION) as HeadlineKey[];
  const headline = {} as Record<HeadlineKey, HeadlineChange>;
  for (const key of keys) {
    const a = stage1.headline[key];
    const b = stage2.headline[key];
    const difference = a === null || b === null ? null : b - a;
    const better = DIRECTION[key];
    let improved = difference === null || difference === 0 ? null : better === 'higher' ? difference > 0 : difference < 0;
    if (key === 'dcr_share_closer_to_training' && a !== null && b !== null) {
      // Only the excess over the share expected without memorisation counts (SDMetrics'
      // DCROverfittingProtection likewise gives full marks at or below 50% for equal sizes).
      const e1 = dcrExcess(stage1, a);
      const e2 = dcrExcess(stage2, b);
      improved = e1 === e2 ? null : e2 < e1;
    }
    headline[key] = { stage1: a, stage2: b, difference, better, improved };
  }
  const s1 = new Map(stage1.vs_holdout.column_shapes.details.map((d) => [d.column, d.score] as const));
  const column_shapes = stage2.vs_holdout.column_shapes.details
    .filter((d) => s1.has(d.column))
    .map((d) => ({ column: d.column, stage1: s1.get(d.column)!, stage2: d.score, difference: d.score - s1.get(d.column)! }));
  const o = headline.overall;
  const summary =
    o.difference === null
      ? 'Overall quality is not available for both stages.'
      : `Overall quality (vs hold-out) ${o.difference >= 0 ? 'rose' : 'fell'} by ${Math.abs(o.difference * 100).toFixed(1)} points (${((o.stage1 ?? 0) * 100).toFixed(1)}% -> ${((o.stage2 ?? 0) * 100).toFixed(1)}%) from stage 1 to stage 2.`;
  return { headline, column_shapes, summary };
}
