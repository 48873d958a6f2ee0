import { describe, expect, it } from 'vitest';

import { mulberry32, seededNormal } from '../../../../main/engine/core/seeded-rng';
import { featureTable } from '../../../../main/engine/table/report/common';
import { privacy } from '../../../../main/engine/table/report/privacy';
import type { CellValue, ColumnType } from '../../../../shared/tabular-schema';
import { mixedTable, schemaOf, tableOf } from './helpers';

describe('privacy: distance to closest record', () => {
  const { schema, table: training } = mixedTable(400, 21);
  const holdout = mixedTable(400, 22).table;
  const f = (t: typeof training, label: string) => featureTable(schema, t, label);

  it('synthetic = copies of training rows: all closer to training, n exact copies', () => {
    const synth = tableOf(training.columns, training.rows.slice(0, 150));
    const res = privacy(f(training, 'real'), f(synth, 'synthetic'), f(holdout, 'holdout'));
    if (res.status !== 'ok') throw new Error('skipped');
    expect(res.share_closer_to_training).toBe(1);
    expect(res.exact_copies).toBe(150);
    expect(res.median_dcr_training).toBe(0);
    expect(res.median_dcr_holdout).toBeGreaterThan(0);
    expect(res.share_expected).toBeCloseTo(0.5, 12);
    expect(res.sampled).toBe(false);
  });

  it('synthetic = copies of hold-out rows: about none closer to training', () => {
    const synth = tableOf(holdout.columns, holdout.rows.slice(0, 150));
    const res = privacy(f(training, 'real'), f(synth, 'synthetic'), f(holdout, 'holdout'));
    if (res.status !== 'ok') throw new Error('skipped');
    expect(res.share_closer_to_training).toBeLessThan(0.02);
    expect(res.exact_copies).toBe(0);
    expect(res.exact_copies_of_holdout).toBe(150);
    expect(res.median_dcr_holdout).toBe(0);
  });

  it('averages the share over synthetic draws within a work budget; copies come from the first draw', () => {
    const copies = tableOf(training.columns, training.rows.slice(0, 150));
    const ofHoldout = tableOf(holdout.columns, holdout.rows.slice(0, 150));
    const both = privacy(f(training, 'real'), [f(copies, 'synthetic'), f(ofHoldout, 'draw 2')], f(holdout, 'holdout'));
    const second = privacy(f(training, 'real'), f(ofHoldout, 'synthetic'), f(holdout, 'holdout'));
    if (both.status !== 'ok' || second.status !== 'ok') throw new Error('skipped');
    expect(both.share_by_draw).toEqual([1, second.share_closer_to_training]);
    expect(both.share_closer_to_training).toBeCloseTo((1 + second.share_closer_to_training) / 2, 12);
    expect(both.rows.synthetic_draws).toBe(2);
    expect(both.exact_copies).toBe(150);
    // A budget below one draw's pairs: the first draw only.
    const capped = privacy(f(training, 'real'), [f(copies, 'synthetic'), f(ofHoldout, 'draw 2')], f(holdout, 'holdout'), { maxPairWork: 1 });
    if (capped.status !== 'ok') throw new Error('skipped');
    expect(capped.share_by_draw).toEqual([1]);
    expect(capped.rows.synthetic_draws).toBe(1);
  });

  it('uses a Gower-like distance, splits ties half/half', () => {
    const s = schemaOf([
      ['v', 'float'],
      ['c', 'categorical'],
    ]);
    const tr = tableOf(['v', 'c'], [[0, 'a'], [10, 'b']]);
    const ho = tableOf(['v', 'c'], [[10, 'a'], [10, 'c']]);
    // (5, 'a'): to (0, 'a') = (0.5 + 0) / 2; to (10, 'a') = 0.25 too -> a tie, counted half.
    // (0, null): to (0, 'a') = (0 + 1) / 2 = 0.5; to hold-out (10, 'a') = (1 + 1) / 2 = 1 -> training.
    const sy = tableOf(['v', 'c'], [[5, 'a'], [0, null]]);
    const res = privacy(featureTable(s, tr, 'real'), featureTable(s, sy, 'synthetic'), featureTable(s, ho, 'holdout'));
    if (res.status !== 'ok') throw new Error('skipped');
    expect(res.share_closer_to_training).toBeCloseTo(0.75, 12);
    expect(res.median_dcr_training).toBeCloseTo((0.25 + 0.5) / 2, 12);
    expect(res.median_dcr_holdout).toBeCloseTo((0.25 + 1) / 2, 12);
    // Training is sampled to the hold-out's size, so the no-memorisation share is one half.
    expect(res.share_expected).toBeCloseTo(1 / 2, 12);
  });

  it('counts a copy of a row whose numbers are all missing apart: it names only categories', () => {
    const s = schemaOf([
      ['v', 'float'],
      ['w', 'integer'],
      ['c', 'categorical'],
    ]);
    const tr = tableOf(['v', 'w', 'c'], [[null, null, 'a'], [1.5, null, 'b'], [2.5, 3, 'b']]);
    const ho = tableOf(['v', 'w', 'c'], [[9, 9, 'c']]);
    // One all-missing copy (apart), one copy with a number present (counted), one new row.
    const sy = tableOf(['v', 'w', 'c'], [[null, null, 'a'], [1.5, null, 'b'], [7, 7, 'b']]);
    const res = privacy(featureTable(s, tr, 'real'), featureTable(s, sy, 'synthetic'), featureTable(s, ho, 'holdout'));
    if (res.status !== 'ok') throw new Error('skipped');
    expect(res.exact_copies).toBe(1);
    expect(res.exact_copies_without_numbers).toBe(1);
    // Without numeric columns every copy counts.
    const cats = schemaOf([['c', 'categorical']]);
    const onlyCats = privacy(featureTable(cats, tableOf(['c'], [['a'], ['b']]), 'real'), featureTable(cats, tableOf(['c'], [['a']]), 'synthetic'), featureTable(cats, tableOf(['c'], [['z']]), 'holdout'));
    if (onlyCats.status !== 'ok') throw new Error('skipped');
    expect(onlyCats.exact_copies).toBe(1);
    expect(onlyCats.exact_copies_without_numbers).toBe(0);
  });

  it('averages the share over disjoint training parts: the same mean, a smaller spread across seeds', () => {
    const s = schemaOf([
      ['x', 'float'],
      ['y', 'float'],
      ['k', 'categorical'],
    ]);
    const normal = seededNormal(41);
    const random = mulberry32(42);
    const rows = (n: number): CellValue[][] => Array.from({ length: n }, () => [normal(), normal(), `k${Math.floor(random() * 3)}`]);
    // Fresh draws: no memorisation, so every estimate centres on 0.5.
    const tr = featureTable(s, tableOf(['x', 'y', 'k'], rows(1000)), 'real');
    const ho = featureTable(s, tableOf(['x', 'y', 'k'], rows(100)), 'holdout');
    const sy = featureTable(s, tableOf(['x', 'y', 'k'], rows(200)), 'synthetic');
    const shares = (maxRepeats: number) =>
      Array.from({ length: 20 }, (_, seed) => {
        const res = privacy(tr, sy, ho, { seed, maxRepeats });
        if (res.status !== 'ok') throw new Error('skipped');
        expect(res.repeats).toBe(maxRepeats);
        return res.share_closer_to_training;
      });
    const sd = (v: number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    };
    const one = shares(1);
    const ten = shares(10);
    console.log(`DCR share over 20 seeds, sd: one training part ${sd(one).toFixed(3)}, ten parts ${sd(ten).toFixed(3)}`);
    expect(Math.abs(ten.reduce((a, b) => a + b, 0) / ten.length - 0.5)).toBeLessThan(0.05);
    expect(sd(ten)).toBeLessThan(sd(one) * 0.6);
  });

  it('stays fast for 2,000 synthetic x 5,000 training x 20 columns and subsamples above the caps', () => {
    const types: ColumnType[] = Array.from({ length: 20 }, (_, k) => (k % 4 === 3 ? 'categorical' : 'float'));
    const names = types.map((_, k) => `col${k}`);
    const s = schemaOf(names.map((n, k) => [n, types[k]!] as const));
    const normal = seededNormal(31);
    const random = mulberry32(32);
    const rows = (n: number): CellValue[][] =>
      Array.from({ length: n }, () => types.map((t) => (t === 'float' ? normal() : `k${Math.floor(random() * 5)}`)));
    const tr = featureTable(s, tableOf(names, rows(5000)), 'real');
    const ho = featureTable(s, tableOf(names, rows(5000)), 'holdout');
    const sy = featureTable(s, tableOf(names, rows(3000)), 'synthetic');
    const start = performance.now();
    const res = privacy(tr, sy, ho, { seed: 4 });
    const ms = performance.now() - start;
    console.log(`DCR 2,000 (of 3,000) synthetic x 5,000 training + 5,000 hold-out x 20 columns: ${ms.toFixed(0)} ms`);
    if (res.status !== 'ok') throw new Error('skipped');
    expect(res.rows).toEqual({ synthetic: 2000, training: 5000, holdout: 5000, synthetic_draws: 1 });
    expect(res.sampled).toBe(true);
    // Fresh draws from the same distribution: about half closer to training.
    expect(Math.abs(res.share_closer_to_training - 0.5)).toBeLessThan(0.06);
    // Not a strict benchmark: a generous bound that still catches an accidental O(n^3).
    expect(ms).toBeLessThan(30_000);
  });
});
