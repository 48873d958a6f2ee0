import { describe, expect, it } from 'vitest';

import { fitGaussianCopula, sampleGaussianCopula } from '../../../../main/engine/table/baseline/gaussian-copula';
import { modelsSection } from '../../../../main/engine/table/report/models-html';
import { modelsSideBySide } from '../../../../main/engine/table/report/models-side-by-side';
import { buildQualityReport } from '../../../../main/engine/table/report/report';
import type { BaselineReport } from '../../../../shared/table-report';
import { mixedTable, noiseLike } from './helpers';

describe('MS-VAE beside the Gaussian copula and stage 1', () => {
  const { schema, table: real } = mixedTable(600, 51);
  const holdout = mixedTable(300, 52).table;
  const copula = fitGaussianCopula(schema, real, 1);
  const common = { schema, real, holdout, seed: 1 };
  // "Ours" here is a fresh draw of the real generator (the best a model can do), stage 1 is noise.
  const ours = buildQualityReport({ ...common, synthetic: mixedTable(600, 53).table });
  const stage1 = buildQualityReport({ ...common, synthetic: noiseLike(600, 54) });
  const baseline: BaselineReport = { kind: 'gaussian-copula', status: 'ok', fit_seconds: 0.01, train_rows: 600, report: buildQualityReport({ ...common, synthetic: sampleGaussianCopula(copula, 600, 13) }) };

  it('puts the three reports’ headline numbers side by side with the margin over the copula', () => {
    const models = modelsSideBySide(ours, stage1, baseline);
    const overall = models.headline.overall;
    expect(overall).toMatchObject({ ms_vae: ours.headline.overall, copula: baseline.status === 'ok' ? baseline.report.headline.overall : null, stage1: stage1.headline.overall, better: 'higher' });
    expect(overall.margin_over_copula).toBeCloseTo(overall.ms_vae! - overall.copula!, 12);
    // A copula recovers most of this table; noise does not: the copula sits between the two.
    expect(overall.copula!).toBeGreaterThan(overall.stage1!);
    expect(overall.copula!).toBeGreaterThan(0.8);
    expect(models.headline.exact_copies.better).toBe('lower');
    expect(models.column_shapes.map((c) => c.column)).toEqual(['x', 'y', 'n', 'c', 'flag', 'label']);
    expect(models.column_shapes.every((c) => c.copula !== null && c.ms_vae !== null && c.stage1 !== null)).toBe(true);
    expect(models.summary).toMatch(/^Overall quality \(vs hold-out\): MS-VAE \d+\.\d%, Gaussian copula \d+\.\d% \([+-]\d+\.\d points\), stage 1 alone \d+\.\d%\.$/);
    const html = modelsSection(models);
    expect(html).toContain('<th>Gaussian copula</th>');
    expect(html).toContain(overall.copula!.toFixed(3));
  });

  it('says the copula was not trained for a run without one, and leaves its column empty', () => {
    const models = modelsSideBySide(ours, stage1, { kind: 'gaussian-copula', status: 'not-trained', reason: 'an older run' });
    expect(models.copula_trained).toBe(false);
    expect(models.headline.overall).toMatchObject({ copula: null, margin_over_copula: null, beats_copula: null, ms_vae: ours.headline.overall });
    expect(models.summary).toContain('not trained');
    expect(modelsSection(models)).toContain('not trained');
  });
});
