import { describe, expect, it } from 'vitest';

import { fitGaussian, frechetDistance, frechetDistanceFromGaussians, type GaussianFit } from '../../../../main/engine/image/metrics/frechet';
import { seededNormal } from '../../../../main/engine/core/seeded-rng';
import { gaussian } from './helpers';

function diagonalGaussian(mean: number[], variances: number[]): GaussianFit {
  const dim = mean.length;
  const cov = new Float64Array(dim * dim);
  variances.forEach((v, k) => (cov[k * dim + k] = v));
  return { mean: Float64Array.from(mean), cov };
}

/** Samples x = mu + L z for a fixed lower-triangular L (so a full covariance). */
function correlatedSamples(n: number, dim: number, seed: number): Float32Array {
  const normal = seededNormal(seed);
  const out = new Float32Array(n * dim);
  const z = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < dim; k++) z[k] = normal();
    for (let k = 0; k < dim; k++) {
      let s = 0.3 * k;
      for (let l = 0; l <= k; l++) s += (l === k ? 1 : 0.5 / (1 + k - l)) * z[l]!;
      out[i * dim + k] = s;
    }
  }
  return out;
}

describe('frechetDistance', () => {
  it('matches the closed form for diagonal covariances', () => {
    const a = diagonalGaussian([0, 1, 2], [1, 4, 0.25]);
    const b = diagonalGaussian([1, 1, 0], [9, 1, 0.25]);
    const expected = 1 + 0 + 4 + (1 + 9 - 2 * 3) + (4 + 1 - 2 * 2) + (0.25 + 0.25 - 2 * 0.25);
    expect(frechetDistanceFromGaussians(a, b, 3)).toBeCloseTo(expected, 10);
  });

  it('matches the 2x2 closed form Tr sqrt(Sa Sb) = sqrt(tr(Sa Sb) + 2 sqrt(det Sa det Sb))', () => {
    const sa = [2, 0.8, 0.8, 1];
    const sb = [1, -0.3, -0.3, 3];
    const prod = [sa[0]! * sb[0]! + sa[1]! * sb[2]!, 0, 0, sa[2]! * sb[1]! + sa[3]! * sb[3]!];
    const detA = sa[0]! * sa[3]! - sa[1]! * sa[2]!;
    const detB = sb[0]! * sb[3]! - sb[1]! * sb[2]!;
    const trSqrt = Math.sqrt(prod[0]! + prod[3]! + 2 * Math.sqrt(detA * detB));
    const expected = 0.5 ** 2 + 2 ** 2 + (3 + 4 - 2 * trSqrt);
    const a = { mean: Float64Array.from([0, 0]), cov: Float64Array.from(sa) };
    const b = { mean: Float64Array.from([0.5, -2]), cov: Float64Array.from(sb) };
    expect(frechetDistanceFromGaussians(a, b, 2)).toBeCloseTo(expected, 12);
  });

  it('is ~0 for identical sample sets and symmetric in its arguments', () => {
    const dim = 16;
    const x = correlatedSamples(2000, dim, 1);
    const { cov } = fitGaussian(x, 2000, dim);
    let trace = 0;
    for (let k = 0; k < dim; k++) trace += cov[k * dim + k]!;
    expect(frechetDistance(x, 2000, x, 2000, dim) / trace).toBeLessThan(1e-6);
    const y = gaussian(1500, dim, 2, 1.5, 0.2);
    expect(frechetDistance(x, 2000, y, 1500, dim)).toBeCloseTo(frechetDistance(y, 1500, x, 2000, dim), 8);
  });

  it('estimates the closed form from samples of two Gaussians', () => {
    const dim = 8;
    const n = 20000;
    // N(0, I) vs N(0.5, 4 I): sum (0.5)^2 + sum (1 + 4 - 2 * 2) = 8 * 0.25 + 8 * 1 = 10.
    const fd = frechetDistance(gaussian(n, dim, 3), n, gaussian(n, dim, 4, 2, 0.5), n, dim);
    expect(fd).toBeGreaterThan(9.5);
    expect(fd).toBeLessThan(10.5);
  });

  it('runs in well under a second for dim 128', () => {
    const dim = 128;
    const x = gaussian(1000, dim, 5);
    const y = correlatedSamples(1000, dim, 6);
    const start = performance.now();
    const fd = frechetDistance(x, 1000, y, 1000, dim);
    const elapsed = performance.now() - start;
    expect(fd).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(1000);
  });
});
