/**
 * MS-VAE beside the Gaussian copula baseline and beside stage 1 alone: the same headline numbers
 * and per-column shapes of the three reports in one table, and whether MS-VAE beats the copula on
 * each. The copula column is empty (null) for runs trained before the baseline existed.
 */
import type { BaselineReport, HeadlineKey, ModelsSideBySide, QualityReport, SideBySideValue } from '../../../../shared/table-report';
import { dcrExcess, DIRECTION } from './report';

function beats(key: HeadlineKey, ours: QualityReport, copula: QualityReport, a: number, b: number): boolean | null {
  if (key === 'dcr_share_closer_to_training') {
    // As between the stages: only the excess over the expected share counts.
    const mine = dcrExcess(ours, a);
    const theirs = dcrExcess(copula, b);
    return mine === theirs ? null : mine < theirs;
  }
  if (a === b) return null;
  return DIRECTION[key] === 'higher' ? a > b : a < b;
}

/** The side-by-side of `ours` (the run's sampling stage), the baseline and stage 1. */
export function modelsSideBySide(ours: QualityReport, stage1: QualityReport, baseline: BaselineReport): ModelsSideBySide {
  const copula = baseline.status === 'ok' ? baseline.report : null;
  const headline = {} as Record<HeadlineKey, SideBySideValue>;
  for (const key of Object.keys(DIRECTION) as HeadlineKey[]) {
    const a = ours.headline[key];
    const b = copula ? copula.headline[key] : null;
    headline[key] = {
      ms_vae: a,
      copula: b,
      stage1: stage1.headline[key],
      margin_over_copula: a === null || b === null ? null : a - b,
      better: DIRECTION[key],
      beats_copula: a === null || b === null || !copula ? null : beats(key, ours, copula, a, b),
    };
  }
  const shapes = (r: QualityReport | null) => new Map((r?.vs_holdout.column_shapes.details ?? []).map((d) => [d.column, d.score] as const));
  const [o, c, s] = [shapes(ours), shapes(copula), shapes(stage1)];
  const column_shapes = ours.columns.features.map((column) => ({ column, ms_vae: o.get(column) ?? null, copula: c.get(column) ?? null, stage1: s.get(column) ?? null }));
  const overall = headline.overall;
  const points = (v: number) => `${(v * 100).toFixed(1)}%`;
  const summary =
    baseline.status !== 'ok'
      ? `The Gaussian copula baseline was not trained for this run (${baseline.reason}).`
      : overall.margin_over_copula === null
        ? 'Overall quality is not available for both MS-VAE and the copula.'
        : `Overall quality (vs hold-out): MS-VAE ${points(overall.ms_vae!)}, Gaussian copula ${points(overall.copula!)} (${overall.margin_over_copula >= 0 ? '+' : ''}${(overall.margin_over_copula * 100).toFixed(1)} points), stage 1 alone ${overall.stage1 === null ? 'n/a' : points(overall.stage1)}.`;
  return { copula_trained: copula !== null, headline, column_shapes, summary };
}
