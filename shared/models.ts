/**
 * Plain, immutable, structured-clone-safe models that cross process boundaries
 * (IPC, HTTP, the compute process). No classes, no functions, no Dates (epoch ms).
 */
import type { BaselineKind } from './baselines';
import type { Progress } from './progress';

export type ProjectKind = 'image' | 'tabular';

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly kind: ProjectKind;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The newest run of this project, if any. */
  readonly latestRun: RunSummary | null;
}

/** What a run trains: 'check' is the tiny backend-check model, 'image' / 'tabular' an MS-VAE. */
export type RunKind = 'check' | 'image' | 'tabular';

/** A training preview: rows x, Y (stage 1), X (stage 2), as a PNG data URL. */
export interface RunPreview {
  readonly step: number;
  readonly dataUrl: string;
}

/** 'paused': stopped by the user after a checkpoint, to be resumed; not ended, not running. */
export type RunStatus = 'queued' | 'running' | 'paused' | 'completed' | 'cancelled' | 'failed' | 'interrupted';

export const terminalRunStatuses: readonly RunStatus[] = ['completed', 'cancelled', 'failed', 'interrupted'];

/** A job of the run is queued or computing. */
export const activeRunStatuses: readonly RunStatus[] = ['queued', 'running'];

/** Whether a job of the run is queued or computing (see activeRunStatuses). */
export const isActiveRun = (run: { readonly status: RunStatus }): boolean => activeRunStatuses.includes(run.status);

/**
 * Statuses a model run can resume from, when its last checkpoint is on disk: paused, or
 * stopped by a crash, a kill or the user (training picks up at the last checkpoint).
 */
export const resumableRunStatuses: readonly RunStatus[] = ['paused', 'interrupted', 'failed', 'cancelled'];

export interface RunSummary {
  readonly id: string;
  readonly projectId: string;
  readonly kind: RunKind;
  readonly status: RunStatus;
  readonly step: number;
  readonly totalSteps: number;
  /** The TF.js backend the compute process chose, once known. */
  readonly backend: string | null;
  /** The GPU a webgpu run computed on ("google swiftshader (SwiftShader driver 5.0.0), software"); null otherwise. */
  readonly backendAdapter: string | null;
  /** The last loss the run reported, once known. */
  readonly lastLoss: number | null;
  readonly error: string | null;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  /** A baseline's MS-VAE run (shared/baselines.ts), and which baseline it is; null for other runs. */
  readonly baselineOf: string | null;
  readonly baselineKind: BaselineKind | null;
}

/** Live progress of a running job (the one progress shape, shared/progress.ts); sent often, never stored whole. */
export type RunProgress = Progress & { readonly runId: string };

export interface MetricPoint {
  readonly step: number;
  readonly value: number;
}

export interface MetricSeries {
  readonly name: string;
  readonly points: readonly MetricPoint[];
}

export interface SystemInfo {
  readonly version: string;
  readonly mode: 'electron' | 'host';
  readonly dataDir: string;
  readonly platform: string;
  /** The backend the last compute job used; null until a job has run. */
  readonly lastBackend: string | null;
}

/** Pictures of a trained image model for the factor inspector (PNG data URLs). */
export interface RunInspection {
  readonly factors: number;
  /** Columns of a traversal (values per factor); 1 for a single decode. */
  readonly steps: number;
  readonly stage2Trained: boolean;
  /** Stage 1's output Y (a grid for a traversal: rows = factors). */
  readonly stage1: string;
  /** Stage 2's output X, the same layout; equals Y's pictures before stage 2 has trained. */
  readonly stage2: string;
}

/** A run's settings and final numbers, for the history's side-by-side comparison. */
export interface RunDetails {
  readonly run: RunSummary;
  /** The model config, flat (data, steps, beta, latents...). */
  readonly config: Readonly<Record<string, string | number | boolean | null>>;
  /** The last value of every stored metric: final loss terms, and 'eval.*' once evaluated. */
  readonly finalMetrics: Readonly<Record<string, number>>;
}

/** How much each factor is used: mean KL(q(c_k|x) || N(0, 1)) in nats over a fixed sample of the data. */
export interface FactorActivity {
  readonly klPerFactor: readonly number[];
  readonly samples: number;
  /** Factors at or below this KL (nats) count as unused: max(0.1, 5% of the largest), main/engine/image/metrics/active-factors.ts. */
  readonly activeThreshold: number;
}

/** How moving one factor from -range to +range moves one column of the synthetic rows. */
export type ColumnEffect =
  | ({ readonly column: string; readonly kind: 'numeric'; readonly means: readonly (number | null)[]; readonly std: number | null } & DatetimeColumn)
  | { readonly column: string; readonly kind: 'categorical'; readonly labels: readonly string[]; readonly shares: readonly (readonly number[])[] };

export interface FactorEffects {
  readonly factor: number;
  readonly columns: readonly ColumnEffect[];
}

/**
 * A datetime column among the numeric ones: its numbers are epoch ms, shown as dates in the
 * input's format (the schema's datetimeFormat, e.g. 'YYYY-MM-DD'). Absent for other columns.
 */
export interface DatetimeColumn {
  readonly datetimeFormat?: string;
}

/** Real vs synthetic distribution of one column: shares per bin (numeric) or per category. */
export interface ColumnChart extends DatetimeColumn {
  readonly column: string;
  readonly kind: 'numeric' | 'categorical';
  /** Bin labels ('1.5–2.0') or category names. */
  readonly labels: readonly string[];
  /** Numeric columns: the bins' edges (labels.length + 1), so a datetime column's bins can be shown as dates. */
  readonly edges?: readonly number[];
  readonly real: readonly number[];
  readonly synthetic: readonly number[];
}

/** The tabular inspector: per-factor column effects and the quality report's charts. */
/**
 * How well the factors predict a table's target column (the report's ML-efficacy target):
 * a logistic regression on the codes of half the rows, scored on the other half.
 */
export interface TargetPrediction {
  readonly target: string;
  /** Classes predicted: the target's categories, or 5 quantile bins of a numeric target. */
  readonly classes: number;
  readonly binned: boolean;
  /** Rows scored (as many were fit on), from the hold-out, or the training rows when the hold-out is too small. */
  readonly n: number;
  readonly split: 'holdout' | 'training';
  /** Accuracy of always answering the fit half's most common class. */
  readonly chance: number;
  readonly c: number;
  /** From stage 2's code of the row (VAE: z; flow: the residual's base-space image); null without one. */
  readonly z: number | null;
  readonly cz: number | null;
}

export interface TabularInspection {
  readonly factors: number;
  /** The factor values of the traversal, e.g. [-2, 0, 2]. */
  readonly values: readonly number[];
  readonly stage2Trained: boolean;
  readonly effects: readonly FactorEffects[];
  readonly charts: readonly ColumnChart[];
  /** Pearson correlation between the numeric columns, real beside synthetic (null where undefined). */
  readonly correlations: { readonly columns: readonly string[]; readonly real: readonly (readonly (number | null)[])[]; readonly synthetic: readonly (readonly (number | null)[])[] };
  readonly rows: { readonly real: number; readonly synthetic: number };
  /** null: no target column, or too few rows with it. */
  readonly targetPrediction?: TargetPrediction | null;
}
