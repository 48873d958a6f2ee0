import { describe, expect, it } from 'vitest';

import { computeSap, nearestMeanAccuracy } from '../../../../main/engine/image/metrics/sap';
import { gaussian, perfectCode, permuteDims, uniformFactors } from './helpers';

const N = 6000;
const LEVELS = [3, 6, 10];
const F = LEVELS.length;
const D = 6;

describe('nearestMeanAccuracy', () => {
  it('classifies separated 1-D classes by intervals', () => {
    const trainX = Float64Array.from([0, 0.2, 5, 5.2, 10, 10.2]);
    const trainY = Int32Array.from([7, 7, 3, 3, 1, 1]);
    // Means 0.1, 5.1, 10.1: midpoints 2.6 and 7.6.
    const testX = Float64Array.from([-3, 2.5, 2.7, 7.5, 7.7, 99]);
    const testY = Int32Array.from([7, 7, 3, 3, 1, 1]);
    expect(nearestMeanAccuracy(trainX, trainY, testX, testY)).toBe(1);
    expect(nearestMeanAccuracy(trainX, trainY, testX, Int32Array.from([7, 3, 3, 3, 1, 1]))).toBeCloseTo(5 / 6, 12);
  });
});

describe('computeSap', () => {
  const factors = uniformFactors(N, LEVELS, 11);

  it('is high for a perfect code: gap = 1 - chance for each factor', () => {
    const result = computeSap(perfectCode(factors, N, F, D, 12), N, D, factors, F);
    const expected = LEVELS.reduce((s, k) => s + (1 - 1 / k), 0) / F; // ~0.8
    expect(result.sap).toBeGreaterThan(expected - 0.05);
    expect(result.perFactor.map((p) => p.topCode)).toEqual([0, 1, 2]);
    expect(result.trainSize + result.testSize).toBe(N);
    expect(result.trainSize).toBe(4000);
  });

  it('is near 0 for a random code', () => {
    expect(computeSap(gaussian(N, D, 13), N, D, factors, F).sap).toBeLessThan(0.05);
  });

  it('does not depend on the order of code dims', () => {
    const codes = perfectCode(factors, N, F, D, 14);
    const base = computeSap(codes, N, D, factors, F);
    const permuted = computeSap(permuteDims(codes, N, D, [5, 4, 3, 2, 1, 0]), N, D, factors, F);
    expect(permuted.sap).toBeCloseTo(base.sap, 12);
  });

  it('is reproducible for a seed and rejects empty splits', () => {
    const codes = gaussian(N, D, 15);
    expect(computeSap(codes, N, D, factors, F, { seed: 3 }).sap).toBe(computeSap(codes, N, D, factors, F, { seed: 3 }).sap);
    expect(() => computeSap(codes, N, D, factors, F, { trainFraction: 1 })).toThrow(RangeError);
  });
});
