import { describe, expect, it } from 'vitest';

import { matMul, psdSqrt, symmetricEigen } from '../../../../main/engine/image/metrics/linalg';
import { seededNormal } from '../../../../main/engine/core/seeded-rng';

function randomSymmetric(n: number, seed: number): Float64Array {
  const normal = seededNormal(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('symmetricEigen (cyclic Jacobi)', () => {
  it('diagonalises a 2x2 matrix with known eigenvalues', () => {
    const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort((p, q) => p - q)).toEqual([expect.closeTo(1, 14), expect.closeTo(3, 14)]);
  });

  it('reconstructs a random symmetric matrix with orthonormal eigenvectors', () => {
    const n = 40;
    const a = randomSymmetric(n, 1);
    const { values, vectors } = symmetricEigen(a, n);
    const v = vectors!;
    const vt = new Float64Array(n * n);
    const vl = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        vt[i * n + j] = v[j * n + i]!;
        vl[i * n + j] = v[i * n + j]! * values[j]!;
      }
    }
    expect(maxAbsDiff(matMul(vl, vt, n), a)).toBeLessThan(1e-12);
    const identity = new Float64Array(n * n);
    for (let i = 0; i < n; i++) identity[i * n + i] = 1;
    expect(maxAbsDiff(matMul(vt, v, n), identity)).toBeLessThan(1e-12);
  });

  it('gives a PSD square root that squares back', () => {
    const n = 20;
    const r = randomSymmetric(n, 2);
    const a = matMul(r, r, n); // PSD
    const s = psdSqrt(a, n);
    expect(maxAbsDiff(matMul(s, s, n), a) / Math.max(...a.map(Math.abs))).toBeLessThan(1e-12);
  });
});
