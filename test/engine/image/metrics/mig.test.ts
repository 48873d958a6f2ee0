import { describe, expect, it } from 'vitest';

import { computeMig } from '../../../../main/engine/image/metrics/mig';
import { gaussian, perfectCode, permuteDims, uniformFactors } from './helpers';

const N = 5000;
const LEVELS = [3, 6, 10];
const F = LEVELS.length;
const D = 6;

describe('computeMig (disentanglement_lib recipe)', () => {
  it('is exactly 1 when the codes are the factors on a full grid', () => {
    // Every combination of the levels equally often: factors are empirically independent, so a
    // code dim's MI with any other factor is exactly 0 and with its own factor exactly H(factor).
    const grid = LEVELS.reduce((s, k) => s * k, 1);
    const n = grid * 5;
    const factors = new Int32Array(n * F);
    for (let i = 0; i < n; i++) {
      let rest = i % grid;
      for (let j = 0; j < F; j++) {
        factors[i * F + j] = rest % LEVELS[j]!;
        rest = Math.floor(rest / LEVELS[j]!);
      }
    }
    const codes = Float32Array.from(factors);
    const result = computeMig(codes, n, F, factors, F);
    expect(result.mig).toBeCloseTo(1, 12);
    expect(result.perFactor.map((p) => p.entropy)).toEqual(LEVELS.map((k) => expect.closeTo(Math.log(k), 12)));
  });

  it('is ~0 for a code independent of the factors at 10,000 samples (small plug-in bias)', () => {
    const n = 10_000;
    const f = uniformFactors(n, LEVELS, 21);
    expect(computeMig(gaussian(n, D, 22), n, D, f, F).mig).toBeLessThan(0.01);
  });

  const factors = uniformFactors(N, LEVELS, 1);

  it('is near 1 for a perfect code and finds the right code dims', () => {
    const codes = perfectCode(factors, N, F, D, 2);
    const result = computeMig(codes, N, D, factors, F, { factorNames: ['shape', 'scale', 'posX'] });
    expect(result.mig).toBeGreaterThan(0.9);
    expect(result.perFactor.map((p) => p.name)).toEqual(['shape', 'scale', 'posX']);
    expect(result.perFactor.map((p) => p.topCode)).toEqual([0, 1, 2]);
    expect(result.perFactor[0]!.entropy).toBeCloseTo(Math.log(3), 2);
    expect(result.skippedFactors).toEqual([]);
    expect(result.mutualInfo.length).toBe(D * F);
  });

  it('is near 0 for a random code', () => {
    const codes = gaussian(N, D, 3);
    expect(computeMig(codes, N, D, factors, F).mig).toBeLessThan(0.05);
  });

  it('does not change when code dims are permuted', () => {
    const codes = perfectCode(factors, N, F, D, 4);
    const perm = [4, 2, 5, 0, 3, 1];
    const base = computeMig(codes, N, D, factors, F);
    const permuted = computeMig(permuteDims(codes, N, D, perm), N, D, factors, F);
    expect(permuted.mig).toBeCloseTo(base.mig, 12);
    // Factor 0 lives in old dim 0 = new dim 3.
    expect(permuted.perFactor[0]!.topCode).toBe(3);
  });

  it('is low when one code dim carries two factors (no gap between dims for either)', () => {
    const codes = perfectCode(factors, N, F, D, 5);
    // Copy dim 0 into dim 1: factor 0 now has two equally informative dims.
    for (let i = 0; i < N; i++) codes[i * D + 1] = codes[i * D]!;
    const result = computeMig(codes, N, D, factors, F);
    expect(result.perFactor[0]!.mig).toBeLessThan(0.01);
  });

  it('skips constant factors and says so', () => {
    const withConstant = new Int32Array(N * 2);
    for (let i = 0; i < N; i++) {
      withConstant[i * 2] = factors[i * F]!;
      withConstant[i * 2 + 1] = 7;
    }
    const codes = perfectCode(withConstant, N, 2, 4, 6);
    const result = computeMig(codes, N, 4, withConstant, 2, { factorNames: ['a', 'const'] });
    expect(result.skippedFactors).toEqual(['const']);
    expect(result.perFactor.map((p) => p.name)).toEqual(['a']);
    expect(result.mig).toBeGreaterThan(0.9);
  });
});
