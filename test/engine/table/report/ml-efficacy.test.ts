import { describe, expect, it } from 'vitest';

import { seededNormal } from '../../../../main/engine/core/seeded-rng';
import { featureTable } from '../../../../main/engine/table/report/common';
import { chooseTarget, macroF1, mlEfficacy, rSquared } from '../../../../main/engine/table/report/ml-efficacy';
import { cholesky, choleskySolve, fitRidge, fitSoftmax, predictSoftmax } from '../../../../main/engine/table/report/ml-models';
import { mixedTable, noiseLike, schemaOf, tableOf } from './helpers';

describe('ML efficacy models', () => {
  it('solves SPD systems by Cholesky', () => {
    const a = Float64Array.from([4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]);
    const l = cholesky(a, 3);
    const x = choleskySolve(l, 3, [1, 2, 3]);
    for (let i = 0; i < 3; i++) {
      let s = 0;
      for (let j = 0; j < 3; j++) s += a[i * 3 + j]! * x[j]!;
      expect(s).toBeCloseTo([1, 2, 3][i]!, 10);
    }
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });

  it('ridge recovers linear coefficients and the intercept', () => {
    const normal = seededNormal(3);
    const n = 400;
    const x = Float64Array.from({ length: n * 2 }, () => normal());
    const y = Float64Array.from({ length: n }, (_, i) => 3 + 2 * x[i * 2]! - x[i * 2 + 1]!);
    const m = fitRidge(x, n, 2, y, 1e-6);
    expect(m.intercept).toBeCloseTo(3, 5);
    expect(m.weights[0]).toBeCloseTo(2, 5);
    expect(m.weights[1]).toBeCloseTo(-1, 5);
  });

  it('softmax regression separates linearly separable classes', () => {
    const n = 300;
    const x = Float64Array.from({ length: n }, (_, i) => (i / n) * 6 - 3);
    const y = Int32Array.from(x, (v) => (v < -1 ? 0 : v < 1 ? 1 : 2));
    const m = fitSoftmax(x, n, 1, y, 3);
    const pred = predictSoftmax(m, x, n, 1);
    let ok = 0;
    for (let i = 0; i < n; i++) if (pred[i] === y[i]) ok++;
    expect(ok / n).toBeGreaterThan(0.9);
  });

  it('computes macro-F1 and R^2 as sklearn does', () => {
    // Labels a, b: a: P 1/2 R 1/1 -> F1 2/3; b: P 1/1 R 1/2 -> 2/3; c (predicted only): 0.
    expect(macroF1(['a', 'b', 'b'], ['a', 'a', 'b'])).toBeCloseTo(2 / 3, 12);
    expect(macroF1(['a', 'b'], ['a', 'c'])).toBeCloseTo((1 + 0 + 0) / 3, 12);
    expect(rSquared([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(rSquared([1, 2, 3], [2, 2, 2])).toBe(0);
    expect(rSquared([1, 1], [1, 2])).toBeNull();
  });
});

describe('ML efficacy (train on synthetic, test on real hold-out)', () => {
  const { schema, table: real } = mixedTable(1200, 11);
  const holdout = mixedTable(600, 12).table;
  const f = (t: typeof real, label: string) => featureTable(schema, t, label);

  it('picks the last categorical column as the default target and says so', () => {
    expect(chooseTarget(f(real, 'real'))).toEqual({ index: 5, choice: 'default: the last categorical or boolean feature column' });
    const numericOnly = schemaOf([
      ['a', 'float'],
      ['t', 'datetime'],
      ['b', 'integer'],
    ]);
    expect(chooseTarget(featureTable(numericOnly, tableOf(['a', 't', 'b'], []), 'real'))?.index).toBe(2);
    expect(() => chooseTarget(f(real, 'real'), 'nope')).toThrow(/not a feature column/);
  });

  it('classification: synthetic = real gives ratio 1, noise gives a low ratio', () => {
    const same = mlEfficacy(f(real, 'real'), f(real, 'synthetic'), f(holdout, 'holdout'), { seed: 1 });
    expect(same.status).toBe('ok');
    if (same.status !== 'ok') return;
    expect(same).toMatchObject({ task: 'classification', metric: 'macro_f1', target: 'label' });
    expect(same.real).toBeGreaterThan(0.8);
    expect(same.ratio).toBeCloseTo(1, 12);
    expect(same.baseline).toBeLessThan(same.real);

    const noise = mlEfficacy(f(real, 'real'), f(noiseLike(1200, 99), 'synthetic'), f(holdout, 'holdout'), { seed: 1 });
    if (noise.status !== 'ok') throw new Error('skipped');
    expect(noise.ratio!).toBeLessThan(0.6);
  });

  it('regression: synthetic = real gives ratio 1, noise gives a low ratio', () => {
    const same = mlEfficacy(f(real, 'real'), f(real, 'synthetic'), f(holdout, 'holdout'), { target: 'y' });
    if (same.status !== 'ok') throw new Error('skipped');
    expect(same).toMatchObject({ task: 'regression', metric: 'r2', target: 'y', target_choice: 'given' });
    // y = 0.8 x + noise (sd 0.6): R^2 about 0.64.
    expect(same.real).toBeGreaterThan(0.5);
    expect(same.ratio).toBeCloseTo(1, 12);
    const noise = mlEfficacy(f(real, 'real'), f(noiseLike(1200, 98), 'synthetic'), f(holdout, 'holdout'), { target: 'y' });
    if (noise.status !== 'ok') throw new Error('skipped');
    expect(noise.ratio!).toBeLessThan(0.2);
    expect(noise.ratio!).toBeGreaterThanOrEqual(0);
  });

  it('guards the ratio when the real model scores <= 0', () => {
    const s = schemaOf([
      ['a', 'float'],
      ['t', 'float'],
    ]);
    // Real training target constant at 5, hold-out target around 0: the real model predicts 5, R^2 < 0.
    const train = featureTable(s, tableOf(['a', 't'], Array.from({ length: 30 }, (_, i) => [i, 5])), 'real');
    const hold = featureTable(s, tableOf(['a', 't'], Array.from({ length: 30 }, (_, i) => [i, (i % 3) - 1])), 'holdout');
    const res = mlEfficacy(train, train, hold, { target: 't' });
    if (res.status !== 'ok') throw new Error('skipped');
    expect(res.real).toBeLessThan(0);
    expect(res.ratio).toBeNull();
    expect(res.ratio_note).toMatch(/<= 0/);
  });

  it('skips when the hold-out has no target values', () => {
    const empty = tableOf(real.columns, []);
    expect(mlEfficacy(f(real, 'real'), f(real, 'synthetic'), f(empty, 'holdout'))).toMatchObject({ status: 'skipped' });
  });

  it('averages the synthetic-trained score over several synthetic draws: each draw as if alone, a smaller spread', () => {
    const alone = (t: typeof real) => {
      const r = mlEfficacy(f(real, 'real'), f(t, 'synthetic'), f(holdout, 'holdout'), { seed: 1 });
      if (r.status !== 'ok') throw new Error('skipped');
      return r.synthetic;
    };
    const noise = noiseLike(1200, 97);
    const both = mlEfficacy(f(real, 'real'), [f(real, 'synthetic'), f(noise, 'draw 2')], f(holdout, 'holdout'), { seed: 1 });
    if (both.status !== 'ok') throw new Error('skipped');
    expect(both.synthetic_by_draw).toEqual([alone(real), alone(noise)]);
    expect(both.synthetic).toBeCloseTo((alone(real) + alone(noise)) / 2, 12);
    expect(both.rows.synthetic_draws).toBe(2);
    expect(both.ratio).toBeCloseTo(both.synthetic / both.real, 12);

    // Small fresh samples from the real distribution: one draw's score moves from sample to
    // sample; the mean of five moves about 1/sqrt(5) as much.
    const draws = Array.from({ length: 40 }, (_, k) => f(mixedTable(60, 300 + k).table, `draw ${k}`));
    const score = (group: typeof draws) => {
      const r = mlEfficacy(f(real, 'real'), group, f(holdout, 'holdout'), { seed: 1 });
      if (r.status !== 'ok') throw new Error('skipped');
      return r.synthetic;
    };
    const sd = (v: number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    };
    const singles = draws.slice(0, 20).map((d) => score([d]));
    const fives = Array.from({ length: 8 }, (_, g) => score(draws.slice(g * 5, g * 5 + 5)));
    console.log(`ML efficacy synthetic macro-F1, sd over samples: one draw ${sd(singles).toFixed(3)}, mean of five ${sd(fives).toFixed(3)}`);
    expect(sd(fives)).toBeLessThan(sd(singles) * 0.7);
  });
});
