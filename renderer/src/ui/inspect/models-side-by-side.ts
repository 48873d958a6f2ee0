/**
 * A table run's stored eval.* metrics as rows of MS-VAE beside the Gaussian copula baseline and
 * stage 1 alone (main/services/evaluation-metrics.ts stores eval.<name>, eval.baseline.<name> and
 * eval.stage1.<name>). Pure, for the metrics panel.
 */
import { explainMetric, TABLE_HEADLINE, type MetricExplanation } from './metric-explanations';

export interface SideBySideRow {
  readonly name: string;
  readonly explanation: MetricExplanation;
  readonly msVae: number | undefined;
  /** 'not trained': a run from before the app fitted the baseline beside it. */
  readonly copula: number | 'not trained' | undefined;
  readonly stage1: number | undefined;
}

/** The rows, or none when the run has no tabular quality metrics yet. */
export function sideBySideRows(metrics: Readonly<Record<string, number>>): SideBySideRow[] {
  if (metrics['eval.overall'] === undefined) return [];
  const copulaTrained = metrics['eval.baseline.overall'] !== undefined;
  return TABLE_HEADLINE.map((key) => ({
    name: `eval.${key}`,
    explanation: explainMetric(`eval.${key}`)!,
    msVae: metrics[`eval.${key}`],
    copula: copulaTrained ? metrics[`eval.baseline.${key}`] : 'not trained',
    stage1: metrics[`eval.stage1.${key}`],
  }));
}

/** The metric names the side-by-side shows, to leave out of the panel's other rows. */
export function sideBySideNames(rows: readonly SideBySideRow[]): Set<string> {
  return new Set(rows.flatMap((r) => [r.name, r.name.replace('eval.', 'eval.baseline.'), r.name.replace('eval.', 'eval.stage1.')]));
}

/** Whether a baseline metric is absent because the run has no copula (it has quality metrics, but none of the copula's). */
export function copulaNotTrained(metrics: Readonly<Record<string, number>>, name: string): boolean {
  return name.startsWith('eval.baseline.') && metrics[name] === undefined && metrics['eval.overall'] !== undefined && metrics['eval.baseline.overall'] === undefined;
}
