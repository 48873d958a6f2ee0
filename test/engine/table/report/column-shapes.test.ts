import { describe, expect, it } from 'vitest';

import { columnShapes, ksStatistic, tvDistance } from '../../../../main/engine/table/report/column-shapes';
import { featureTable } from '../../../../main/engine/table/report/common';
import { mixedTable, schemaOf, tableOf } from './helpers';

describe('column shapes (SDMetrics KSComplement / TVComplement)', () => {
  it('computes the two-sample KS statistic as the largest CDF gap, ties included', () => {
    // F_a - F_b at 2: 0.4 - 0 = 0.4; the gap never grows past it.
    expect(ksStatistic([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])).toBeCloseTo(0.4, 12);
    // Ties: after the value 1, F_a = 2/3 and F_b = 1/3.
    expect(ksStatistic([1, 1, 2], [1, 2, 2])).toBeCloseTo(1 / 3, 12);
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksStatistic([1, 2], [5, 6])).toBe(1);
    expect(ksStatistic([], [])).toBe(0);
    expect(ksStatistic([1], [])).toBe(1);
  });

  it('computes the total variation distance over the union of categories', () => {
    expect(tvDistance(['a', 'b'], ['a', 'a'])).toBeCloseTo(0.5, 12);
    expect(tvDistance(['a', 'b', 'c', 'c'], ['c', 'c', 'b', 'a'])).toBe(0);
    expect(tvDistance(['a', 'b'], ['c', 'd'])).toBe(1);
  });

  it('scores identical tables 1 on every column', () => {
    const { schema, table } = mixedTable(300, 1);
    const t = featureTable(schema, table, 'real');
    const shapes = columnShapes(t, t).details;
    expect(shapes).toHaveLength(6);
    for (const s of shapes) {
      expect(s.score).toBe(1);
      expect(s.missing_rate_difference).toBe(0);
    }
    expect(shapes.map((s) => s.metric)).toEqual(['KSComplement', 'KSComplement', 'KSComplement', 'TVComplement', 'TVComplement', 'TVComplement']);
  });

  it('scores disjoint categories 0 and a shifted numeric column 1 - KS by hand', () => {
    const schema = schemaOf([
      ['v', 'float'],
      ['c', 'categorical'],
      ['d', 'datetime'],
    ]);
    const real = tableOf(
      ['v', 'c', 'd'],
      Array.from({ length: 10 }, (_, i) => [i + 1, i % 2 ? 'a' : 'b', Date.UTC(2020, 0, i + 1)]),
    );
    // v shifted by 3: real 1..10, synthetic 4..13 -> at x = 3, F_real = 0.3, F_synth = 0 -> D = 0.3.
    // d shifted by 5 days -> D = 0.5.
    const synth = tableOf(
      ['v', 'c', 'd'],
      Array.from({ length: 10 }, (_, i) => [i + 4, i % 2 ? 'x' : 'y', Date.UTC(2020, 0, i + 6)]),
    );
    const shapes = columnShapes(featureTable(schema, real, 'real'), featureTable(schema, synth, 'synthetic')).details;
    expect(shapes[0]!.score).toBeCloseTo(0.7, 12);
    expect(shapes[1]!.score).toBe(0);
    expect(shapes[2]!.score).toBeCloseTo(0.5, 12);
  });

  it('reports missing rates separately from the shape score', () => {
    const schema = schemaOf([
      ['v', 'integer'],
      ['b', 'boolean'],
    ]);
    const real = tableOf(['v', 'b'], [[1, true], [2, false], [null, null], [3, true]]);
    const synth = tableOf(['v', 'b'], [[1, true], [2, false], [3, true]]);
    const shapes = columnShapes(featureTable(schema, real, 'real'), featureTable(schema, synth, 'synthetic')).details;
    for (const s of shapes) {
      expect(s.score).toBe(1);
      expect(s.missing_rate_real).toBeCloseTo(0.25, 12);
      expect(s.missing_rate_synthetic).toBe(0);
      expect(s.missing_rate_difference).toBeCloseTo(0.25, 12);
    }
  });

  it('matches columns by name, whatever the table column order', () => {
    const schema = schemaOf([
      ['v', 'float'],
      ['c', 'categorical'],
    ]);
    const real = tableOf(['v', 'c'], [[1, 'a'], [2, 'b']]);
    const synth = tableOf(['c', 'v', 'extra'], [['a', 1, 0], ['b', 2, 0]]);
    const shapes = columnShapes(featureTable(schema, real, 'real'), featureTable(schema, synth, 'synthetic')).details;
    expect(shapes.map((s) => s.score)).toEqual([1, 1]);
    expect(() => featureTable(schema, tableOf(['v'], [[1]]), 'synthetic')).toThrow(/synthetic table has no column "c"/);
  });
});
