import { describe, expect, it } from 'vitest';

import { fitGaussianCopula, sampleGaussianCopula } from '../../../../main/engine/table/baseline/gaussian-copula';
import { cholesky, choleskyWithRidge } from '../../../../main/engine/table/baseline/correlation';
import { normalCdf, normalQuantile } from '../../../../main/engine/table/baseline/normal';
import { mulberry32, seededNormal } from '../../../../main/engine/core/seeded-rng';
import type { CellValue, Table } from '../../../../shared/tabular-schema';
import { schemaOf, tableOf } from '../report/helpers';
import { ksDistance } from '../../../helpers/ks-distance';

const column = (t: Table, name: string): CellValue[] => t.rows.map((r) => r[t.columns.indexOf(name)] ?? null);
const numbers = (cells: readonly CellValue[]): number[] => cells.filter((c): c is number => typeof c === 'number');
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pearson = (xs: readonly number[], ys: readonly number[]) => {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
};

/**
 * 4,000 rows: x ~ N(0,1) and y = exp(x + noise) with corr(x, log y) = 0.8 (skewed, so the copula
 * must rank-map it), an integer count, a categorical with skewed frequencies that depends on x, a
 * boolean, a date column (whole days), and missing cells in y (10%) and colour (20%).
 */
function craftedTable(n = 4000, seed = 5) {
  const normal = seededNormal(seed);
  const random = mulberry32(seed + 1);
  const schema = schemaOf([
    ['x', 'float'],
    ['y', 'float'],
    ['count', 'integer'],
    ['colour', 'categorical'],
    ['member', 'boolean'],
    ['joined', 'datetime'],
  ]);
  const day = 86_400_000;
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const x = normal();
    const y = Math.exp(0.8 * x + 0.6 * normal());
    const colour = x > 1 ? 'red' : random() < 0.7 ? 'green' : 'blue';
    rows.push([
      Number(x.toFixed(3)),
      random() < 0.1 ? null : Number(y.toFixed(3)),
      Math.floor(random() * 6) + (x > 0 ? 3 : 0),
      random() < 0.2 ? null : colour,
      random() < 0.3,
      Date.UTC(2020, 0, 1) + Math.floor(random() * 400) * day,
    ]);
  }
  const withDecimals = { ...schema, columns: schema.columns.map((c) => (c.type === 'float' ? { ...c, decimals: 3 } : c)) };
  return { schema: withDecimals, table: tableOf(['x', 'y', 'count', 'colour', 'member', 'joined'], rows) };
}

describe('normal CDF and quantile', () => {
  it('invert each other and match known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424, 4);
    for (const p of [0.001, 0.2, 0.5, 0.77, 0.9999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });
});

describe('Cholesky', () => {
  it('factors a positive-definite matrix and refuses one that is not, which the ridge then fixes', () => {
    const a = Float64Array.from([4, 2, 2, 3]);
    const l = cholesky(a, 2)!;
    expect(Array.from(l)).toEqual([2, 0, 1, Math.sqrt(2)]);
    // Pairwise correlations that no joint distribution has (x~y, y~z, x anti z): not PD.
    const bad = Float64Array.from([1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1]);
    expect(cholesky(bad, 3)).toBeNull();
    const fixed = choleskyWithRidge(bad, 3);
    expect(fixed.ridge).not.toBeNull();
    expect(fixed.ridge!).toBeGreaterThan(1e-6);
    // L L^T has a unit diagonal: every score stays standard normal.
    for (let i = 0; i < 3; i++) expect(fixed.factor[i * 3]! ** 2 + fixed.factor[i * 3 + 1]! ** 2 + fixed.factor[i * 3 + 2]! ** 2).toBeCloseTo(1, 12);
  });
});

describe('Gaussian copula', () => {
  const { schema, table } = craftedTable();
  const model = fitGaussianCopula(schema, table, 1);
  const synthetic = sampleGaussianCopula(model, 4000, 9);

  it('reproduces each numeric marginal (KS small), keeps integers whole, dates on whole days and values in range', () => {
    for (const name of ['x', 'y', 'count', 'joined']) expect(ksDistance(numbers(column(table, name)), numbers(column(synthetic, name)))).toBeLessThan(0.04);
    const counts = numbers(column(synthetic, 'count'));
    expect(counts.every((v) => Number.isInteger(v) && v >= 0 && v <= 8)).toBe(true);
    expect(numbers(column(synthetic, 'joined')).every((v) => v % 86_400_000 === 0)).toBe(true);
    const ys = numbers(column(table, 'y'));
    const sy = numbers(column(synthetic, 'y'));
    expect(Math.min(...sy)).toBeGreaterThanOrEqual(Math.min(...ys));
    expect(Math.max(...sy)).toBeLessThanOrEqual(Math.max(...ys));
    // Floats keep the input's decimals.
    expect(sy.every((v) => Number(v.toFixed(3)) === v)).toBe(true);
  });

  it('draws categories only from the real set, at their real frequencies, and booleans as booleans', () => {
    const real = column(table, 'colour');
    const fake = column(synthetic, 'colour');
    const seen = new Set(real.filter((c) => c !== null));
    expect(fake.every((c) => c === null || seen.has(c))).toBe(true);
    for (const category of seen) {
      const share = (cells: CellValue[]) => cells.filter((c) => c === category).length / cells.length;
      expect(Math.abs(share(real) - share(fake))).toBeLessThan(0.025);
    }
    expect(column(synthetic, 'member').every((c) => typeof c === 'boolean')).toBe(true);
  });

  it('keeps each column missing at its real rate', () => {
    const rate = (t: Table, name: string) => column(t, name).filter((c) => c === null).length / t.rows.length;
    expect(model.columns.find((c) => c.name === 'y')!.missingRate).toBeCloseTo(rate(table, 'y'), 12);
    expect(Math.abs(rate(synthetic, 'y') - rate(table, 'y'))).toBeLessThan(0.015);
    expect(Math.abs(rate(synthetic, 'colour') - rate(table, 'colour'))).toBeLessThan(0.02);
    expect(rate(synthetic, 'x')).toBe(0);
  });

  it('recovers a known correlation (of x and log y, a monotone map of a 0.8 correlation)', () => {
    const pairs = (t: Table) => t.rows.filter((r) => typeof r[1] === 'number');
    const real = pearson(pairs(table).map((r) => r[0] as number), pairs(table).map((r) => Math.log(r[1] as number)));
    const fake = pearson(pairs(synthetic).map((r) => r[0] as number), pairs(synthetic).map((r) => Math.log(r[1] as number)));
    expect(real).toBeGreaterThan(0.75);
    expect(Math.abs(fake - real)).toBeLessThan(0.04);
    // The categorical's dependence on x (red only where x > 1) comes through in part: a copula sees
    // categories in frequency order, red last, so only a linear proxy of it (independent: about 0).
    const redX = synthetic.rows.filter((r) => r[3] === 'red').map((r) => r[0] as number);
    expect(mean(redX)).toBeGreaterThan(0.4);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = fitGaussianCopula(schema, table, 1);
    expect(again).toEqual(model);
    expect(sampleGaussianCopula(again, 50, 9).rows).toEqual(synthetic.rows.slice(0, 50));
    expect(sampleGaussianCopula(again, 50, 10).rows).not.toEqual(synthetic.rows.slice(0, 50));
  });

  it('keeps repeating numbers exactly but interpolates mostly unique ones, so a small table is not resampled', () => {
    const s = schemaOf([['level', 'integer'], ['weight', 'float']]);
    const rows = Array.from({ length: 60 }, (_, i) => [i % 4, 20 + i * 0.37]);
    const m = fitGaussianCopula({ ...s, columns: s.columns.map((c) => (c.name === 'weight' ? { ...c, decimals: 2 } : c)) }, tableOf(['level', 'weight'], rows), 4);
    expect(m.columns.map((c) => c.marginal.kind)).toEqual(['discrete', 'continuous']);
    const out = sampleGaussianCopula(m, 500, 5);
    expect(new Set(out.rows.map((r) => r[0]))).toEqual(new Set([0, 1, 2, 3]));
    const seen = new Set(rows.map((r) => Number(r[1]!.toFixed(2))));
    const resampled = out.rows.filter((r) => seen.has(r[1] as number)).length / out.rows.length;
    expect(resampled).toBeLessThan(0.2);
  });

  it('leaves an all-missing column missing and ignores excluded columns', () => {
    const s = schemaOf([['a', 'float'], ['b', 'categorical']], ['id']);
    const t = tableOf(['a', 'b', 'id'], Array.from({ length: 30 }, (_, i) => [i, null, `r${i}`]));
    const m = fitGaussianCopula(s, t, 2);
    expect(m.columns.map((c) => c.name)).toEqual(['a', 'b']);
    const out = sampleGaussianCopula(m, 20, 3);
    expect(out.columns).toEqual(['a', 'b']);
    expect(out.rows.every((r) => r[1] === null && typeof r[0] === 'number')).toBe(true);
  });

  it('fits a 10,000 x 15 table in well under a few seconds', () => {
    const normal = seededNormal(3);
    const cols = Array.from({ length: 15 }, (_, j) => [`c${j}`, j % 3 === 2 ? 'categorical' : 'float'] as const);
    const rows = Array.from({ length: 10_000 }, () => cols.map(([, type], j) => (type === 'categorical' ? `k${Math.floor(Math.abs(normal()) * 4)}` : normal() * (j + 1))));
    const started = performance.now();
    const m = fitGaussianCopula(schemaOf(cols), tableOf(cols.map(([n]) => n), rows), 1);
    sampleGaussianCopula(m, 10_000, 1);
    // Generous for a shared 2-core machine; on its own it takes a fraction of a second.
    expect((performance.now() - started) / 1000).toBeLessThan(5);
  });
});
