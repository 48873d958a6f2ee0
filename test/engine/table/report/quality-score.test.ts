import { describe, expect, it } from 'vitest';

import { featureTable } from '../../../../main/engine/table/report/common';
import { columnCoverages, rangeCoverage } from '../../../../main/engine/table/report/coverage';
import { qualityScore } from '../../../../main/engine/table/report/quality-score';
import { mixedTable, noiseLike, schemaOf, tableOf } from './helpers';

describe('quality score and coverage', () => {
  it('scores identical tables 1.0 overall, on shapes, pair trends and coverage', () => {
    const { schema, table } = mixedTable(500, 5);
    const t = featureTable(schema, table, 'real');
    const q = qualityScore(t, t);
    expect(q.overall).toBe(1);
    expect(q.column_shapes.score).toBe(1);
    expect(q.column_pair_trends.score).toBe(1);
    expect(q.coverage.score).toBe(1);
  });

  it('averages the two property scores', () => {
    const { schema, table } = mixedTable(500, 5);
    const q = qualityScore(featureTable(schema, table, 'real'), featureTable(schema, noiseLike(500, 9), 'synthetic'));
    expect(q.overall).toBeCloseTo((q.column_shapes.score! + q.column_pair_trends.score!) / 2, 12);
    expect(q.overall!).toBeLessThan(0.95);
    const mean = q.column_shapes.details.reduce((s, d) => s + d.score, 0) / q.column_shapes.details.length;
    expect(q.column_shapes.score).toBeCloseTo(mean, 12);
  });

  it('falls back to the shape score with a single column', () => {
    const schema = schemaOf([['v', 'float']]);
    const t = featureTable(schema, tableOf(['v'], [[1], [2]]), 'real');
    const q = qualityScore(t, t);
    expect(q.column_pair_trends.score).toBeNull();
    expect(q.overall).toBe(1);
  });

  it('computes category and range coverage', () => {
    expect(rangeCoverage([0, 10], [2, 12])).toBeCloseTo(0.8, 12);
    expect(rangeCoverage([0, 10], [-5, 15])).toBe(1);
    expect(rangeCoverage([0, 10], [20, 30])).toBe(0);
    expect(rangeCoverage([0, 10], null)).toBe(0);
    expect(rangeCoverage(null, [0, 1])).toBeNull();
    const schema = schemaOf([
      ['c', 'categorical'],
      ['v', 'integer'],
    ]);
    const real = tableOf(['c', 'v'], [['a', 0], ['b', 10], ['c', 5], ['d', null]]);
    const synth = tableOf(['c', 'v'], [['a', 2], ['b', 12], ['z', 3], [null, 4]]);
    const cov = columnCoverages(featureTable(schema, real, 'real'), featureTable(schema, synth, 'synthetic'));
    expect(cov[0]).toMatchObject({ metric: 'CategoryCoverage', real_categories: 4, covered_categories: 2, score: 0.5 });
    expect(cov[1]).toMatchObject({ metric: 'RangeCoverage', real_min: 0, real_max: 10, synthetic_min: 2, synthetic_max: 12 });
    expect(cov[1]!.score).toBeCloseTo(0.8, 12);
  });
});
