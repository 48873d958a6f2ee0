import { describe, expect, it } from 'vitest';

import { choosePairs, columnPairs, pearson } from '../../../../main/engine/table/report/column-pairs';
import { featureTable } from '../../../../main/engine/table/report/common';
import { mixedTable, schemaOf, tableOf } from './helpers';

describe('column-pair trends (SDMetrics CorrelationSimilarity / ContingencySimilarity)', () => {
  it('computes Pearson r on rows where both are present', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, NaN, 3], [1, 2, 100, 3])).toBeCloseTo(1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it('scores r = 1 against r = -1 as 0 and identical tables as 1', () => {
    const schema = schemaOf([
      ['a', 'float'],
      ['b', 'float'],
    ]);
    const real = tableOf(['a', 'b'], Array.from({ length: 20 }, (_, i) => [i, 2 * i + 1]));
    const synth = tableOf(['a', 'b'], Array.from({ length: 20 }, (_, i) => [i, -3 * i]));
    const r = featureTable(schema, real, 'real');
    const s = featureTable(schema, synth, 'synthetic');
    const opposite = columnPairs(r, s);
    expect(opposite.pairs).toHaveLength(1);
    expect(opposite.pairs[0]!.metric).toBe('CorrelationSimilarity');
    expect(opposite.pairs[0]!.real_correlation).toBeCloseTo(1, 12);
    expect(opposite.pairs[0]!.synthetic_correlation).toBeCloseTo(-1, 12);
    expect(opposite.pairs[0]!.score).toBeCloseTo(0, 12);
    expect(columnPairs(r, r).pairs[0]!.score).toBe(1);
  });

  it('uses contingency similarity for mixed and categorical pairs', () => {
    const { schema, table } = mixedTable(400, 3);
    const t = featureTable(schema, table, 'real');
    const same = columnPairs(t, t);
    expect(same.total_pairs).toBe(15);
    expect(same.sampled).toBe(false);
    for (const p of same.pairs) expect(p.score).toBeCloseTo(1, 12);
    const metrics = new Map(same.pairs.map((p) => [`${p.column_1}|${p.column_2}`, p.metric]));
    expect(metrics.get('x|y')).toBe('CorrelationSimilarity');
    expect(metrics.get('x|c')).toBe('ContingencySimilarity');
    expect(metrics.get('c|label')).toBe('ContingencySimilarity');

    // Categorical pair with disjoint joint cells: TVD 1 -> score 0.
    const cs = schemaOf([
      ['p', 'categorical'],
      ['q', 'categorical'],
    ]);
    const a = tableOf(['p', 'q'], [['u', 'v'], ['u', 'v']]);
    const b = tableOf(['p', 'q'], [['u', 'w'], ['z', 'v']]);
    expect(columnPairs(featureTable(cs, a, 'real'), featureTable(cs, b, 'synthetic')).pairs[0]!.score).toBe(0);
    // Half the joint mass moved: TVD 0.5.
    const c = tableOf(['p', 'q'], [['u', 'v'], ['u', 'w']]);
    expect(columnPairs(featureTable(cs, a, 'real'), featureTable(cs, c, 'synthetic')).pairs[0]!.score).toBeCloseTo(0.5, 12);
  });

  it('bins numeric columns over the real range with open outer bins', () => {
    const schema = schemaOf([
      ['v', 'float'],
      ['c', 'categorical'],
    ]);
    // Real v in [0, 10]; synthetic values beyond the range land in the edge bins -> same contingency table.
    const real = tableOf(['v', 'c'], [[0, 'a'], [10, 'b'], [0.5, 'a'], [9.5, 'b']]);
    const synth = tableOf(['v', 'c'], [[-50, 'a'], [99, 'b'], [0.2, 'a'], [9.9, 'b']]);
    const res = columnPairs(featureTable(schema, real, 'real'), featureTable(schema, synth, 'synthetic'));
    expect(res.bins).toBe(10);
    expect(res.pairs[0]!.score).toBe(1);
  });

  it('leaves a numeric pair with a constant column out, as SDMetrics does (ConstantInputError)', () => {
    const schema = schemaOf([
      ['a', 'float'],
      ['b', 'float'],
    ]);
    const t = featureTable(schema, tableOf(['a', 'b'], [[1, 5], [2, 5], [3, 5]]), 'real');
    const res = columnPairs(t, t);
    expect(res.pairs).toEqual([]);
    expect(res.evaluated_pairs).toBe(1);
    expect(res.incomputable).toEqual([{ column_1: 'a', column_2: 'b', metric: 'CorrelationSimilarity', reason: expect.stringMatching(/real data in 'b' contains a constant value/) }]);
  });

  it('caps the number of pairs by a seeded sample', () => {
    const picked = choosePairs(50, 1000, 7);
    expect(picked.total).toBe(1225);
    expect(picked.sampled).toBe(true);
    expect(picked.pairs).toHaveLength(1000);
    expect(new Set(picked.pairs.map(([i, j]) => `${i},${j}`)).size).toBe(1000);
    for (const [i, j] of picked.pairs) expect(i).toBeLessThan(j);
    expect(choosePairs(50, 1000, 7).pairs).toEqual(picked.pairs);
    expect(choosePairs(10, 1000, 7)).toMatchObject({ total: 45, sampled: false });

    const names = Array.from({ length: 50 }, (_, k) => `f${k}`);
    const schema = schemaOf(names.map((n) => [n, 'float'] as const));
    const table = featureTable(schema, tableOf(names, Array.from({ length: 30 }, (_, i) => names.map((_, k) => Math.sin(i * (k + 1))))), 'real');
    const res = columnPairs(table, table, { seed: 7 });
    expect(res).toMatchObject({ total_pairs: 1225, evaluated_pairs: 1000, sampled: true, max_pairs: 1000 });
  });
});
