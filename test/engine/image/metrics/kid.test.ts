import { describe, expect, it } from 'vitest';

import { kernelInceptionDistance, polynomialMmd2 } from '../../../../main/engine/image/metrics/kid';
import { gaussian } from './helpers';

/** Direct unbiased MMD^2 with k(x, y) = (x.y / dim + 1)^3 over full kernel matrices. */
function bruteForceMmd2(x: Float64Array, y: Float64Array, m: number, dim: number): number {
  const k = (p: Float64Array, i: number, q: Float64Array, j: number): number => {
    let s = 0;
    for (let t = 0; t < dim; t++) s += p[i * dim + t]! * q[j * dim + t]!;
    return (s / dim + 1) ** 3;
  };
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i !== j) {
        xx += k(x, i, x, j);
        yy += k(y, i, y, j);
      }
      xy += k(x, i, y, j);
    }
  }
  return xx / (m * (m - 1)) + yy / (m * (m - 1)) - (2 * xy) / (m * m);
}

describe('kernelInceptionDistance', () => {
  it('computes the unbiased polynomial MMD^2 of a block', () => {
    const x = Float64Array.from(gaussian(7, 3, 1));
    const y = Float64Array.from(gaussian(7, 3, 2, 1, 0.5));
    expect(polynomialMmd2(x, y, 7, 3)).toBeCloseTo(bruteForceMmd2(x, y, 7, 3), 10);
  });

  it('is ~0 for identical or same-distribution sets and clearly positive for shifted sets', () => {
    const dim = 16;
    const a = gaussian(600, dim, 3);
    const same = kernelInceptionDistance(a, 600, a, 600, dim, { subsets: 20, subsetSize: 200 });
    const other = kernelInceptionDistance(a, 600, gaussian(600, dim, 4), 600, dim, { subsets: 20, subsetSize: 200 });
    const shifted = kernelInceptionDistance(a, 600, gaussian(600, dim, 5, 1, 0.5), 600, dim, { subsets: 20, subsetSize: 200 });
    // Subsets of one set share samples, which pulls the estimate slightly below 0.
    expect(Math.abs(same.mean)).toBeLessThan(0.05);
    expect(Math.abs(other.mean)).toBeLessThan(0.02);
    expect(shifted.mean).toBeGreaterThan(0.5);
    expect(shifted.mean).toBeGreaterThan(10 * Math.max(Math.abs(same.mean), Math.abs(other.mean)));
    expect(shifted.std).toBeGreaterThan(0);
    expect(same.subsetSize).toBe(200);
  });

  it('is reproducible for a seed and caps the subset size at the smaller set', () => {
    const a = gaussian(50, 4, 6);
    const b = gaussian(30, 4, 7, 1, 1);
    const r1 = kernelInceptionDistance(a, 50, b, 30, 4, { subsets: 5, seed: 9 });
    const r2 = kernelInceptionDistance(a, 50, b, 30, 4, { subsets: 5, seed: 9 });
    expect(r1).toEqual(r2);
    expect(r1.subsetSize).toBe(30);
  });

  it('gives the same value with and without the cached kernel matrices', () => {
    const a = gaussian(120, 8, 8);
    const b = gaussian(90, 8, 9, 1.2, 0.3);
    const cached = kernelInceptionDistance(a, 120, b, 90, 8, { subsets: 6, subsetSize: 50, seed: 2 });
    const direct = kernelInceptionDistance(a, 120, b, 90, 8, { subsets: 6, subsetSize: 50, seed: 2, kernelCacheEntries: 0 });
    expect(cached.mean).toBeCloseTo(direct.mean, 10);
    expect(cached.std).toBeCloseTo(direct.std, 10);
  });

  it('runs the default 100 subsets of 1000 (dim 128) in a few seconds via the cache', () => {
    const a = gaussian(1000, 128, 10);
    const b = gaussian(1000, 128, 11, 1, 0.1);
    const start = performance.now();
    const result = kernelInceptionDistance(a, 1000, b, 1000, 128);
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(result.subsets).toBe(100);
    expect(result.mean).toBeGreaterThan(0);
  });
});
