import type { ColumnType } from './tabular-schema';

/**
 * The tabular quality report ('tabular-report' job; main/engine/table/report/ computes it):
 * SDMetrics-style quality score, ML efficacy and DCR privacy per stage, and the stage 1 vs
 * stage 2 comparison. Plain JSON; written to <run>/report.json and returned as the job's output.
 */

export interface ColumnShape {
  readonly column: string;
  readonly type: ColumnType;
  readonly metric: 'KSComplement' | 'TVComplement';
  /** In [0, 1]; 1 = identical marginal distributions (non-missing values only). */
  readonly score: number;
  /** Non-missing cells compared. */
  readonly real_present: number;
  readonly synthetic_present: number;
  /** Share of missing cells in each table, and |real - synthetic| (not part of `score`). */
  readonly missing_rate_real: number;
  readonly missing_rate_synthetic: number;
  readonly missing_rate_difference: number;
}

export interface ColumnPairScore {
  readonly column_1: string;
  readonly column_2: string;
  readonly metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  /** In [0, 1]; 1 = the same trend. */
  readonly score: number;
  /** Pearson r of the pair in each table (numeric pairs). */
  readonly real_correlation?: number;
  readonly synthetic_correlation?: number;
}

export interface ColumnCoverage {
  readonly column: string;
  readonly type: ColumnType;
  readonly metric: 'CategoryCoverage' | 'RangeCoverage';
  /** In [0, 1]; null when the real column has no present values. */
  readonly score: number | null;
  /** CategoryCoverage: distinct real categories, and how many of them the synthetic column has. */
  readonly real_categories?: number;
  readonly covered_categories?: number;
  /** RangeCoverage: the ranges compared (null when a side has no values). */
  readonly real_min?: number | null;
  readonly real_max?: number | null;
  readonly synthetic_min?: number | null;
  readonly synthetic_max?: number | null;
}

/** A column SDMetrics could not score (its Score is NaN, its Error says why): left out of the mean. */
export interface IncomputableColumn {
  readonly column: string;
  readonly metric: 'KSComplement' | 'TVComplement';
  readonly reason: string;
  /** Missing rates still compare (a column the synthetic table leaves all missing shows here). */
  readonly missing_rate_real: number;
  readonly missing_rate_synthetic: number;
  readonly missing_rate_difference: number;
}

/** A pair SDMetrics could not score (constant column, too few complete rows, an empty table). */
/** Which pairs the pair-trends property looked at, beside its scores. */
export interface ColumnPairsCoverage {
  readonly incomputable: IncomputablePair[];
  /** All pairs of feature columns, m (m - 1) / 2. */
  readonly total_pairs: number;
  /** Pairs tried (scored + incomputable): all pairs, or the seeded sample. */
  readonly evaluated_pairs: number;
  /** True when only a seeded sample of `max_pairs` pairs was scored. */
  readonly sampled: boolean;
  readonly max_pairs: number;
  readonly bins: number;
}

export interface IncomputablePair {
  readonly column_1: string;
  readonly column_2: string;
  readonly metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  readonly reason: string;
}

/** Synthetic rows scored against one set of real rows (the hold-out, or the training rows). */
export interface QualityScore {
  /** mean(column_shapes.score, column_pair_trends.score); null with no scorable column. */
  readonly overall: number | null;
  /** Real rows compared (the reference set's size). */
  readonly reference_rows: number;
  readonly column_shapes: {
    /** Mean over the scored columns (`details`); incomputable ones are left out. */
    readonly score: number | null;
    readonly details: ColumnShape[];
    readonly incomputable: IncomputableColumn[];
    /** Mean over all columns, incomputable ones too, of |missing rate real - synthetic| (not in the score). */
    readonly mean_missing_rate_difference: number | null;
  };
  readonly column_pair_trends: ColumnPairsCoverage & {
    /** Mean over the scored pairs (`details`); incomputable ones are left out. */
    readonly score: number | null;
    readonly details: ColumnPairScore[];
  };
  readonly coverage: {
    /** Mean of the per-column coverage scores that are defined (not in the overall score). */
    readonly score: number | null;
    readonly details: ColumnCoverage[];
  };
}

export interface MlEfficacyResult {
  readonly status: 'ok';
  readonly target: string;
  readonly target_type: ColumnType;
  /** Why this target: 'given', or the default rule that picked it. */
  readonly target_choice: string;
  readonly task: 'classification' | 'regression';
  readonly metric: 'macro_f1' | 'r2';
  /** The metric on the real hold-out for the model trained on real / on synthetic rows (mean over draws). */
  readonly real: number;
  readonly synthetic: number;
  /** The synthetic-trained metric for each synthetic draw (the mean is `synthetic`). */
  readonly synthetic_by_draw: number[];
  /** synthetic / real; null when real <= 0 (see ratio_note). */
  readonly ratio: number | null;
  readonly ratio_note?: string;
  /** Classification: hold-out accuracy of both models. */
  readonly accuracy?: { readonly real: number; readonly synthetic: number };
  /** The metric of a trivial predictor fitted on the real training rows (majority class / mean). */
  readonly baseline: number;
  readonly model: string;
  readonly features: string[];
  /**
   * Both models see the same number of training rows: train_size = min(real rows, every draw's
   * rows (target present), the cap); real_train = synthetic_train = train_size.
   */
  readonly rows: { readonly train_size: number; readonly real_train: number; readonly synthetic_train: number; readonly holdout_test: number; readonly synthetic_draws: number };
  /** True when any of the three row sets was subsampled to its cap. */
  readonly sampled: boolean;
}

export interface MlEfficacySkipped {
  readonly status: 'skipped';
  readonly reason: string;
  readonly target?: string;
}

export interface PrivacyResult {
  readonly status: 'ok';
  readonly distance: string;
  /** Mean over the synthetic draws used (see share_by_draw). */
  readonly share_closer_to_training: number;
  readonly share_by_draw: number[];
  readonly share_expected: number;
  readonly median_dcr_training: number;
  readonly median_dcr_holdout: number;
  readonly exact_copies: number;
  /** Copies of training rows whose numeric / datetime cells are all missing (not in exact_copies). */
  readonly exact_copies_without_numbers: number;
  readonly exact_copies_of_holdout: number;
  /** Disjoint hold-out-sized parts of the training rows the share is averaged over. */
  readonly repeats: number;
  /** Rows compared after capping (exact copies use all rows); synthetic: rows per draw; synthetic_draws: draws averaged. */
  readonly rows: { readonly synthetic: number; readonly training: number; readonly holdout: number; readonly synthetic_draws: number };
  readonly sampled: boolean;
  readonly caps: { readonly synthetic: number; readonly reference: number };
}

export interface PrivacySkipped {
  readonly status: 'skipped';
  readonly reason: string;
}

export interface QualityHeadline {
  /**
   * Report version 2: synthetic rows against the HOLD-OUT rows (never trained on), so copying the
   * training rows is not a perfect score. mean(column_shapes, column_pair_trends), in [0, 1].
   * (Version 1 compared with the training rows: that is now `overall_vs_training`.)
   */
  readonly overall: number | null;
  readonly column_shapes: number | null;
  readonly column_pair_trends: number | null;
  /** The same three against the training rows, beside the headline: far above it hints at copying. */
  readonly overall_vs_training: number | null;
  readonly column_shapes_vs_training: number | null;
  readonly column_pair_trends_vs_training: number | null;
  /** ML efficacy: synthetic-trained score / real-trained score on the real hold-out. */
  readonly ml_efficacy_ratio: number | null;
  /** Share of synthetic rows nearer to a training row than to a hold-out row (ties half). */
  readonly dcr_share_closer_to_training: number | null;
  /** Synthetic rows identical to a training row in every feature cell. */
  readonly exact_copies: number | null;
}

export interface QualityReport {
  /** 2: the headline quality is against the hold-out (1: against the training rows). */
  readonly version: 2;
  readonly seed: number;
  readonly headline: QualityHeadline;
  /** real: the training rows. */
  readonly rows: { readonly real: number; readonly synthetic: number; readonly holdout: number };
  /** The headline quality: synthetic vs the hold-out rows. */
  readonly vs_holdout: QualityScore;
  /** The same synthetic rows vs the training rows (what version 1 reported as the quality). */
  readonly vs_training: QualityScore;
  readonly columns: { readonly features: string[]; readonly excluded: string[] };
  readonly ml_efficacy: MlEfficacyResult | MlEfficacySkipped;
  readonly privacy: PrivacyResult | PrivacySkipped;
  /** The definitional choices, in words, for the reader of the report. */
  readonly notes: string[];
}

/** The headline numbers compared between stages (the vs-training ones are context, not a goal). */
export type HeadlineKey = Exclude<keyof QualityHeadline, 'overall_vs_training' | 'column_shapes_vs_training' | 'column_pair_trends_vs_training'>;

/** Synthetic rows per stage in a report, the same from the app, the CLI and the bench. */
export const TABLE_REPORT_SAMPLES = 2000;

export interface HeadlineChange {
  readonly stage1: number | null;
  readonly stage2: number | null;
  /** stage2 - stage1 (null when either is null). */
  readonly difference: number | null;
  /** How to read the difference: 'higher' = higher is better; 'lower' = lower is better. */
  readonly better: 'higher' | 'lower';
  /**
   * Whether stage 2 is better on this number (null when undecidable or equal). For the DCR share,
   * only its excess over the expected share (privacy.share_expected) counts.
   */
  readonly improved: boolean | null;
}

export interface StageComparison {
  readonly headline: Record<HeadlineKey, HeadlineChange>;
  /** Per-column shape score differences (stage 2 - stage 1), columns present in both. */
  readonly column_shapes: { readonly column: string; readonly stage1: number; readonly stage2: number; readonly difference: number }[];
  readonly summary: string;
}

/**
 * The Gaussian copula baseline (main/engine/table/baseline/), fitted on the run's training rows
 * and scored exactly as the stages are. 'not-trained': a run from before the baseline existed.
 */
export type BaselineReport =
  | { readonly kind: 'gaussian-copula'; readonly status: 'ok'; readonly fit_seconds: number; readonly train_rows: number; readonly report: QualityReport }
  | { readonly kind: 'gaussian-copula'; readonly status: 'not-trained'; readonly reason: string };

/** One headline number for MS-VAE (the run's sampling stage), the copula and stage 1 alone. */
export interface SideBySideValue {
  readonly ms_vae: number | null;
  /** null also when the copula was not trained. */
  readonly copula: number | null;
  readonly stage1: number | null;
  /** ms_vae - copula (null when either is null). */
  readonly margin_over_copula: number | null;
  readonly better: 'higher' | 'lower';
  /** Whether MS-VAE beats the copula on this number (null when undecidable or equal; the DCR share by its excess over the expected share). */
  readonly beats_copula: boolean | null;
}

/** The three models side by side, the row the report leads with. */
export interface ModelsSideBySide {
  readonly copula_trained: boolean;
  readonly headline: Record<HeadlineKey, SideBySideValue>;
  /** Per column shape score of each model vs the hold-out (null where a model has none). */
  readonly column_shapes: { readonly column: string; readonly ms_vae: number | null; readonly copula: number | null; readonly stage1: number | null }[];
  readonly summary: string;
}

/** The whole report: stage 2's headline first (what the history shows), then both stages and how they differ. */
export interface TabularReport {
  readonly run: string;
  readonly data: string;
  readonly samples: number;
  readonly stage2_kind: string;
  readonly stage2_trained: boolean;
  readonly headline: QualityHeadline;
  readonly stage1: QualityReport;
  readonly stage2: QualityReport;
  readonly comparison: StageComparison;
  /** The Gaussian copula baseline, scored as the stages are. */
  readonly baseline: BaselineReport;
  /** MS-VAE beside the copula and stage 1. */
  readonly models: ModelsSideBySide;
}
