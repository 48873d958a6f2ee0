import type { ImageEvaluation } from '../../shared/image-evaluation';
import type { TabularReport } from '../../shared/table-report';

/**
 * Turns the evaluate report (image) and the quality report (table) into flat named numbers,
 * stored as 'eval.*' metrics at the run's step so the history can show and compare them.
 */

/** A report read part by part: any part may be missing (a dataset without ground-truth factors has no disentanglement scores), and what is missing is skipped. */
type ReportParts<T> = { readonly [K in keyof T]?: NonNullable<T[K]> extends object ? ReportParts<NonNullable<T[K]>> | null : T[K] };

/** Only finite numbers are stored: a metric the report could not compute (null) is left out. */
function put(out: Record<string, number>, name: string, value: number | null | undefined): void {
  if (typeof value === 'number' && Number.isFinite(value)) out[`eval.${name}`] = value;
}

/**
 * The image evaluate report (main/engine/image/evaluate.ts) as eval.* numbers. Stage-2 parts are
 * null before stage 2 has trained and so store nothing. eval.stage2.* is stage 2 with y made as
 * in training; eval.stage2_mean_y.* the same with y from the mean code (what sampling shows).
 */
export function imageEvaluationMetrics(report: ReportParts<ImageEvaluation>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const stage of ['stage1', 'stage2'] as const) {
    for (const [key, value] of Object.entries(report[stage] ?? {})) put(out, `${stage}.${key}`, value);
    const quality = report.sample_quality?.[stage];
    put(out, `${stage}.fd`, quality?.fd_local);
    put(out, `${stage}.kid`, quality?.kid);
  }
  for (const [key, value] of Object.entries(report.stage2_mean_y ?? {})) put(out, `stage2_mean_y.${key}`, value);
  const codes = report.disentanglement?.stage1;
  put(out, 'mig', codes?.mig);
  put(out, 'sap', codes?.sap);
  const kept = report.preservation;
  for (const key of ['encoder_z', 'random_z', 'shuffled_y', 'chance'] as const) put(out, `preservation.${key}`, kept?.[key]);
  put(out, 'active_factors', report.factors?.active);
  // The paper's analyses, one number each: eval.interp.<label>.<c|z|cz|chance> (accuracies) and
  // eval.stage2_mi.<factor>.<m1..m4> (the Factors tab reads them back into a table and bars).
  for (const label of report.interpretability?.labels ?? []) {
    for (const key of ['chance', 'c', 'z', 'cz'] as const) put(out, `interp.${label?.name}.${key}`, label?.[key]);
  }
  for (const factor of report.stage2Mi?.perFactor ?? []) {
    for (const key of ['m1', 'm2', 'm3', 'm4'] as const) put(out, `stage2_mi.${factor?.factor}.${key}`, factor?.[key]);
  }
  // Which images the numbers are on, as numbers the history can hold: the images used, and the
  // split's size under its name (eval.split.holdout = 120: a hold-out of 120 images).
  put(out, 'samples', report.samples);
  const split = report.evaluated_on;
  if (split?.split) put(out, `split.${split.split}`, split.n);
  return out;
}

/**
 * The tabular quality report (main/engine/table/report/run-report.ts) as eval.* numbers: MS-VAE's
 * headline as eval.<name>, stage 1's as eval.stage1.<name> and the Gaussian copula baseline's as
 * eval.baseline.<name> (absent for runs without one), so the panel and the compare view show the
 * three side by side.
 */
export function tabularReportMetrics(report: ReportParts<TabularReport>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(report.headline ?? {})) put(out, key, value);
  for (const [key, value] of Object.entries(report.stage1?.headline ?? {})) if (!key.endsWith('_vs_training')) put(out, `stage1.${key}`, value);
  const baseline = report.baseline;
  if (baseline?.status === 'ok') {
    for (const [key, value] of Object.entries(baseline.report?.headline ?? {})) if (!key.endsWith('_vs_training')) put(out, `baseline.${key}`, value);
    put(out, 'baseline.fit_seconds', baseline.fit_seconds);
  }
  return out;
}
