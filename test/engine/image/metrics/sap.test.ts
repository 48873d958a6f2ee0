import { describe, expect, it } from 'vitest';

import { computeSap, sliceSamples, type CodedSamples } from '../../../../main/engine/image/metrics/sap';
import { gaussian, perfectCode, permuteDims, uniformFactors } from './helpers';

const LEVELS = [3, 6, 10];
const F = LEVELS.length;
const D = 6;

/** disentanglement_lib's sizes: 10,000 train and 5,000 separate test samples. */
function split(codes: Float32Array, factors: Int32Array, d: number, f: number): [CodedSamples, CodedSamples] {
  const all = { codes, factors, n: factors.length / f };
  return [sliceSamples(all, d, f, 0, 10_000), sliceSamples(all, d, f, 10_000, all.n - 10_000)];
}

describe('computeSap (disentanglement_lib: LinearSVC C = 0.01, balanced, 10,000 / 5,000)', () => {
  it('scores separable 1-D data exactly: accuracy 1 on the factor, chance on a constant dim', () => {
    // One binary factor; dim 0 = -1 / +1 by the factor (separable, symmetric: w > 0, b = 0),
    // dim 1 constant: one prediction for every sample, right for that class only.
    const n = 15_000;
    const factors = Int32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const codes = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      codes[i * 2] = factors[i] === 1 ? 1 : -1;
      codes[i * 2 + 1] = 0.3;
    }
    const [train, test] = split(codes, factors, 2, 1);
    const result = computeSap(train, test, 2, 1);
    expect(result.scoreMatrix[0]).toBe(1);
    // Share of one class in the test rows: 1/4 of them are class 1.
    const share1 = test.factors.reduce((s, v) => s + v, 0) / test.n;
    expect([share1, 1 - share1]).toContain(result.scoreMatrix[1]);
    expect(result.sap).toBeCloseTo(1 - result.scoreMatrix[1]!, 12);
    expect(result.trainSize).toBe(10_000);
    expect(result.testSize).toBe(5_000);
  });

  it('is high for a perfect code and finds the right code dims', () => {
    const factors = uniformFactors(15_000, LEVELS, 11);
    const [train, test] = split(perfectCode(factors, 15_000, F, D, 12), factors, D, F);
    const result = computeSap(train, test, D, F, { factorNames: ['a', 'b', 'c'] });
    expect(result.perFactor.map((p) => p.topCode)).toEqual([0, 1, 2]);
    // Factor a (3 values) is separated exactly; the strongly regularised SVM loses some of the
    // 6- and 10-valued ones, so the mean stays below the ideal 1 - mean(1/k) = 0.79.
    expect(result.perFactor[0]!.sap).toBeGreaterThan(0.6);
    expect(result.sap).toBeGreaterThan(0.3);
  });

  it('is near 0 for a random code', () => {
    const factors = uniformFactors(15_000, LEVELS, 13);
    const [train, test] = split(gaussian(15_000, D, 14), factors, D, F);
    expect(computeSap(train, test, D, F).sap).toBeLessThan(0.03);
  });

  it('does not depend on the order of code dims, and skips constant factors', () => {
    const factors = uniformFactors(15_000, LEVELS, 15);
    const codes = perfectCode(factors, 15_000, F, D, 16);
    const [train, test] = split(codes, factors, D, F);
    const [ptrain, ptest] = split(permuteDims(codes, 15_000, D, [5, 4, 3, 2, 1, 0]), factors, D, F);
    expect(computeSap(ptrain, ptest, D, F).sap).toBeCloseTo(computeSap(train, test, D, F).sap, 12);
    const constant = new Int32Array(15_000).fill(2);
    const [ctrain, ctest] = split(codes.subarray(0, 15_000 * D), constant, D, 1);
    const result = computeSap(ctrain, ctest, D, 1, { factorNames: ['const'] });
    expect(result.skippedFactors).toEqual(['const']);
    expect(result.sap).toBeNaN();
  });
});
