import { describe, expect, it } from 'vitest';

import { buildQualityReport, compareStages } from '../../../../main/engine/table/report/report';
import { mixedTable, noiseLike, schemaOf, tableOf } from './helpers';

describe('buildQualityReport', () => {
  const { schema, table: real } = mixedTable(800, 41);
  const holdout = mixedTable(400, 42).table;

  it('scores synthetic = training rows 1.0 against training only, and fills the headline', () => {
    const report = buildQualityReport({ schema, real, synthetic: real, holdout, seed: 3 });
    expect(report.version).toBe(2);
    expect(report.headline).toMatchObject({ overall_vs_training: 1, column_shapes_vs_training: 1, column_pair_trends_vs_training: 1, exact_copies: 800 });
    // The headline is against the hold-out (another draw of the same generator): below 1.
    expect(report.headline.overall!).toBeLessThan(1);
    expect(report.headline.overall).toBe(report.vs_holdout.overall);
    expect(report.vs_holdout.reference_rows).toBe(400);
    expect(report.vs_training.reference_rows).toBe(800);
    // Copies of the training rows: closer to (a hold-out-sized sample of) training far above 0.5.
    expect(report.headline.dcr_share_closer_to_training).toBeGreaterThan(0.7);
    expect(report.headline.ml_efficacy_ratio).toBeCloseTo(1, 12);
    expect(report.seed).toBe(3);
    expect(report.rows).toEqual({ real: 800, synthetic: 800, holdout: 400 });
    expect(report.columns.features).toEqual(['x', 'y', 'n', 'c', 'flag', 'label']);
    expect(report.notes.some((n) => n.includes('ML efficacy target: "label"'))).toBe(true);
  });

  it('averages ML efficacy and the DCR share over further synthetic samples and says so', () => {
    const one = buildQualityReport({ schema, real, synthetic: real, holdout, seed: 3 });
    const noise = noiseLike(800, 6);
    const two = buildQualityReport({ schema, real, synthetic: real, moreSynthetic: [noise], holdout, seed: 3 });
    // The quality score reads the first sample only.
    expect(two.headline.overall).toBe(one.headline.overall);
    if (two.ml_efficacy.status !== 'ok' || two.privacy.status !== 'ok') throw new Error('skipped');
    expect(two.ml_efficacy.synthetic_by_draw).toHaveLength(2);
    expect(two.ml_efficacy.synthetic_by_draw[0]).toBeCloseTo(one.ml_efficacy.status === 'ok' ? one.ml_efficacy.synthetic : NaN, 12);
    expect(two.headline.ml_efficacy_ratio!).toBeLessThan(one.headline.ml_efficacy_ratio!);
    expect(two.privacy.share_by_draw).toHaveLength(2);
    expect(two.headline.dcr_share_closer_to_training!).toBeLessThan(one.headline.dcr_share_closer_to_training!);
    expect(two.notes.some((n) => n.includes('mean over 2 synthetic samples'))).toBe(true);
  });

  it('is a plain JSON-serialisable object', () => {
    const report = buildQualityReport({ schema, real, synthetic: noiseLike(500, 5), holdout });
    const json = JSON.stringify(report);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(json)).toEqual(report);
  });

  it('reads only feature columns and ignores excluded ones', () => {
    const s = schemaOf(
      [
        ['v', 'float'],
        ['c', 'categorical'],
      ],
      ['id'],
    );
    const r = tableOf(['id', 'v', 'c'], Array.from({ length: 40 }, (_, i) => [`r${i}`, i, i % 3 ? 'a' : 'b']));
    const syn = tableOf(['v', 'c'], Array.from({ length: 40 }, (_, i) => [i, i % 3 ? 'a' : 'b']));
    const report = buildQualityReport({ schema: s, real: r, synthetic: syn, holdout: r });
    expect(report.columns).toEqual({ features: ['v', 'c'], excluded: ['id'] });
    expect(report.headline.overall).toBe(1);
  });

  it('compares stages by headline differences', () => {
    const stage1 = buildQualityReport({ schema, real, synthetic: noiseLike(800, 7), holdout });
    const stage2 = buildQualityReport({ schema, real, synthetic: mixedTable(800, 43).table, holdout });
    const cmp = compareStages(stage1, stage2);
    expect(cmp.headline.overall.difference).toBeCloseTo(stage2.headline.overall! - stage1.headline.overall!, 12);
    expect(cmp.headline.overall.improved).toBe(true);
    expect(cmp.headline.overall.better).toBe('higher');
    expect(cmp.headline.exact_copies.better).toBe('lower');
    expect(cmp.headline.ml_efficacy_ratio.difference!).toBeGreaterThan(0);
    expect(cmp.column_shapes).toHaveLength(6);
    expect(cmp.summary).toMatch(/rose by/);
  });
});
