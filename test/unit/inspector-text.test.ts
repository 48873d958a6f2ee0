import { describe, expect, it } from 'vitest';
import { imageEvaluationMetrics, tabularReportMetrics } from '../../main/services/evaluation-metrics';
import { describeEffect, factorReading } from '../../renderer/src/ui/inspect/column-effect-text';
import { betterText, explainMetric, metricOrder } from '../../renderer/src/ui/inspect/metric-explanations';
import { copulaNotTrained } from '../../renderer/src/ui/inspect/models-side-by-side';

describe('factor effects in words', () => {
  it('gives a numeric column its means at both ends and the move in standard deviations', () => {
    expect(describeEffect({ column: 'price', kind: 'numeric', means: [10, 12, 14], std: 2 })).toEqual({ text: 'mean 10 → 14 (+2.0 sd)', strength: 2 });
    expect(describeEffect({ column: 'price', kind: 'numeric', means: [null, 1, 2], std: 1 }).text).toBe('—');
  });

  it('names the category whose share moves most', () => {
    const effect = describeEffect({ column: 'kind', kind: 'categorical', labels: ['fern', 'moss'], shares: [[0.5, 0.5], [0.45, 0.55], [0.1, 0.9]] });
    expect(effect.text).toMatch(/^(fern 50% → 10%|moss 50% → 90%)$/);
    expect(effect.strength).toBeCloseTo(1.6);
  });

  it('reads a factor in one line from its measured column effects, largest moves first', () => {
    const numeric = (column: string, to: number) => ({ column, kind: 'numeric' as const, means: [0, 0, to], std: 1 });
    expect(factorReading('c5', [numeric('wind', 0.1), numeric('temp_max', 0.9), numeric('precipitation', -2)])).toBe('c5 mostly moves precipitation and temp_max');
    expect(factorReading('rain', [numeric('a', 0.6), numeric('b', 0.7), numeric('c', 0.8), numeric('d', 0.9)])).toBe('rain mostly moves d, c and b');
    expect(factorReading('c1', [numeric('wind', 0.3), numeric('temp', 0.1)])).toBe('c1 slightly moves wind');
    expect(factorReading('c2', [numeric('wind', 0.01)])).toBe('c2 moves no column noticeably (probably unused)');
  });
});

describe('metrics', () => {
  it('flattens the image evaluate report into eval.* numbers, skipping what is missing', () => {
    const metrics = imageEvaluationMetrics({
      stage1: { recon_bce: 40, mse: 0.01, psnr: 21, ssim: 0.8 },
      stage2: { recon_bce: 30, mse: 0.008, psnr: 23, ssim: 0.85 },
      sample_quality: { stage1: { fd_local: 5, kid: 0.1 }, stage2: { fd_local: 3, kid: 0.05 } },
      disentanglement: { factors_used: [], note: 'none' },
      preservation: { encoder_z: 0.9, random_z: 0.8, shuffled_y: 0.7 },
      factors: { active: 4 },
    });
    expect(metrics).toMatchObject({ 'eval.stage1.psnr': 21, 'eval.stage2.fd': 3, 'eval.preservation.encoder_z': 0.9, 'eval.active_factors': 4 });
    expect(imageEvaluationMetrics({ samples: 500, evaluated_on: { split: 'test', n: 10_000, note: '' } })).toEqual({ 'eval.samples': 500, 'eval.split.test': 10_000 });
    expect(metrics['eval.mig']).toBeUndefined();
    // Stage 2 with the mean y beside the as-trained figure; the preservation floor; an untrained stage 2 stores nothing.
    const more = imageEvaluationMetrics({ stage2_mean_y: { recon_bce: 31 }, preservation: { encoder_z: 0.9, chance: 0.01, dims: [0, 2] } });
    expect(more).toEqual({ 'eval.stage2_mean_y.recon_bce': 31, 'eval.preservation.encoder_z': 0.9, 'eval.preservation.chance': 0.01 });
    expect(imageEvaluationMetrics({ stage2: null, stage2_mean_y: null, preservation: null, sample_quality: { stage2: null } })).toEqual({});
    // The paper's analyses: one number per label and way, per factor and path; nulls store nothing.
    const analyses = imageEvaluationMetrics({
      interpretability: { n: 5, split: 'full-grid', labels: [{ name: 'shape', classes: 3, chance: 0.34, c: 0.9, z: null, cz: null }] },
      stage2Mi: { n: 10, split: 'full-grid', perFactor: [{ factor: 'c3', m1: 0.9, m2: 0.8, m3: 0.7, m4: null }] },
    });
    expect(analyses).toEqual({ 'eval.interp.shape.chance': 0.34, 'eval.interp.shape.c': 0.9, 'eval.stage2_mi.c3.m1': 0.9, 'eval.stage2_mi.c3.m2': 0.8, 'eval.stage2_mi.c3.m3': 0.7 });
    expect(explainMetric('eval.interp.shape.cz')).toMatchObject({ label: 'shape from C+Z (accuracy)', better: 'higher' });
    expect(explainMetric('eval.interp.shape.chance')?.better).toBeNull();
    expect(explainMetric('eval.stage2_mi.c3.m4')).toMatchObject({ label: 'c3 kept, M4 another image’s Y', better: 'lower' });
    expect(tabularReportMetrics({ headline: { overall: 0.8, exact_copies: 0, ml_efficacy_ratio: null }, stage1: { headline: { overall: 0.7 } } })).toEqual({
      'eval.overall': 0.8,
      'eval.exact_copies': 0,
      'eval.stage1.overall': 0.7,
    });
  });

  it('stores the Gaussian copula’s and stage 1’s headline beside MS-VAE’s, and nothing for a run without a copula', () => {
    const headline = { overall: 0.9, overall_vs_training: 0.95, ml_efficacy_ratio: 0.93, exact_copies: 0 };
    const stored = tabularReportMetrics({
      headline,
      stage1: { headline: { overall: 0.8, overall_vs_training: 0.85, ml_efficacy_ratio: 0.7 } },
      baseline: { kind: 'gaussian-copula', status: 'ok', fit_seconds: 0.3, train_rows: 100, report: { headline: { overall: 0.86, overall_vs_training: 0.87, exact_copies: 1 } } },
    });
    expect(stored).toMatchObject({ 'eval.baseline.overall': 0.86, 'eval.baseline.exact_copies': 1, 'eval.baseline.fit_seconds': 0.3, 'eval.stage1.overall': 0.8, 'eval.stage1.ml_efficacy_ratio': 0.7 });
    // The vs-training context is stored for MS-VAE only.
    expect(stored['eval.baseline.overall_vs_training']).toBeUndefined();
    expect(stored['eval.stage1.overall_vs_training']).toBeUndefined();
    const older = tabularReportMetrics({ headline, baseline: { kind: 'gaussian-copula', status: 'not-trained', reason: 'old' } });
    expect(Object.keys(older).filter((k) => k.startsWith('eval.baseline.'))).toEqual([]);
    // The compare view: the copula's rows read 'not trained' for the older run only.
    expect(copulaNotTrained(older, 'eval.baseline.overall')).toBe(true);
    expect(copulaNotTrained(stored, 'eval.baseline.ml_efficacy_ratio')).toBe(false);
    expect(copulaNotTrained(older, 'eval.stage1.overall')).toBe(false);
    // Each model's number sits under MS-VAE's, then the copula's, then stage 1's.
    expect(metricOrder(['eval.stage1.overall', 'eval.column_shapes', 'eval.baseline.overall', 'eval.overall'])).toEqual(['eval.overall', 'eval.baseline.overall', 'eval.stage1.overall', 'eval.column_shapes']);
    expect(explainMetric('eval.baseline.ml_efficacy_ratio')).toMatchObject({ label: 'Gaussian copula ML efficacy', better: 'higher' });
  });

  it('explains every stored eval metric in one line, with which way is better', () => {
    const scores = { recon_bce: 1, mse: 1, psnr: 1, ssim: 1 };
    const image = imageEvaluationMetrics({
      stage1: scores,
      stage2: scores,
      stage2_mean_y: scores,
      sample_quality: { stage1: { fd_local: 1, kid: 1 }, stage2: { fd_local: 1, kid: 1 } },
      preservation: { encoder_z: 1, random_z: 1, shuffled_y: 1, chance: 0.1 },
      factors: { active: 3 },
    });
    const headline = { overall: 1, column_shapes: 1, column_pair_trends: 1, overall_vs_training: 1, column_shapes_vs_training: 1, column_pair_trends_vs_training: 1, ml_efficacy_ratio: 1, dcr_share_closer_to_training: 0.5, exact_copies: 0 };
    const tables = tabularReportMetrics({ headline, stage1: { headline: { overall: 1 } } });
    const names = [...Object.keys(image), ...Object.keys(tables), 'eval.mig', 'eval.sap'];
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) expect(explainMetric(name), name).toMatchObject({ label: expect.any(String), explain: expect.any(String) });
    expect(explainMetric('eval.stage2.psnr')).toMatchObject({ label: 'Stage 2 PSNR (dB)', better: 'higher' });
    expect(explainMetric('stage1.recon')).toBeNull();
    // Stage 2 measured with y from the mean code, as samples are drawn.
    expect(explainMetric('eval.stage2_mean_y.recon_bce')).toMatchObject({ label: 'Stage 2 (mean y) reconstruction error (BCE)', better: 'lower' });
    expect(metricOrder(['stage1.kl', 'eval.mig', 'eval.stage1.psnr'])).toEqual(['eval.stage1.psnr', 'eval.mig', 'stage1.kl']);
  });

  it('says which way is better as the metric is computed (main/engine/image/evaluate-scores.ts)', () => {
    const better = (name: string) => explainMetric(name)?.better;
    // Every preservation score compares c of a stage-2 output with the code it should keep: higher is better.
    expect(better('eval.preservation.encoder_z')).toBe('higher');
    expect(better('eval.preservation.random_z')).toBe('higher');
    // Swapped factors: compared with the code of the image whose y stage 2 was given, so following it is good.
    expect(better('eval.preservation.shuffled_y')).toBe('higher');
    expect(explainMetric('eval.preservation.shuffled_y')?.explain).toMatch(/should be that other image’s/);
    // A chance floor and a count are references, not scores.
    expect(better('eval.preservation.chance')).toBeNull();
    expect(better('eval.active_factors')).toBeNull();
    expect(explainMetric('eval.active_factors')?.explain).toMatch(/0\.1 nats or 5%/);
    expect(better('eval.overall_vs_training')).toBeNull();
    expect(better('eval.dcr_share_closer_to_training')).toBe('half');
    expect(betterText('higher')).toBe('higher is better');
    expect(betterText('half')).toBe('about 50% is best');
    expect(betterText(null)).toBeNull();
  });
});
