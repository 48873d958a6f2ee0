import { describe, expect, it } from 'vitest';
import { imageEvaluationMetrics, tabularReportMetrics } from '../../main/services/evaluation-metrics';
import { describeEffect } from '../../renderer/src/ui/inspect/column-effect-text';
import { explainMetric, metricOrder } from '../../renderer/src/ui/inspect/metric-explanations';

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
    expect(metrics['eval.mig']).toBeUndefined();
    expect(tabularReportMetrics({ headline: { overall: 0.8, exact_copies: 0, ml_efficacy_ratio: null }, stage1: { headline: { overall: 0.7 } } })).toEqual({
      'eval.overall': 0.8,
      'eval.exact_copies': 0,
      'eval.stage1.overall': 0.7,
    });
  });

  it('explains every stored eval metric in one line, with which way is better', () => {
    const names = [...Object.keys(imageEvaluationMetrics({ stage1: { recon_bce: 1, mse: 1, psnr: 1, ssim: 1 }, stage2: { psnr: 1 }, sample_quality: { stage2: { fd_local: 1, kid: 1 } } })), 'eval.mig', 'eval.sap', 'eval.overall'];
    for (const name of names) expect(explainMetric(name), name).toMatchObject({ label: expect.any(String), explain: expect.any(String) });
    expect(explainMetric('eval.stage2.psnr')).toMatchObject({ label: 'Stage 2 PSNR (dB)', better: 'higher' });
    expect(explainMetric('stage1.recon')).toBeNull();
    expect(metricOrder(['stage1.kl', 'eval.mig', 'eval.stage1.psnr'])).toEqual(['eval.stage1.psnr', 'eval.mig', 'stage1.kl']);
  });
});
