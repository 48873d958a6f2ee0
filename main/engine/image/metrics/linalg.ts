/**
 * Small dense linear algebra in float64 for the metrics (Frechet distance): a symmetric
 * eigendecomposition by the cyclic Jacobi method (Numerical Recipes, 3rd ed., section 11.1,
 * with its threshold strategy), matrix products, and the square root of a PSD matrix.
 * Jacobi is slower than Householder + QL but simple and very accurate, and dims here are at
 * most a few hundred (dim 128: a few tens of milliseconds).
 * Matrices are row-major Float64Array of n * n values.
 */

export interface SymmetricEigen {
  /** Eigenvalues, in no particular order. */
  values: Float64Array;
  /** Row-major [n x n]; column j is the unit eigenvector of values[j]. Absent if not asked for. */
  vectors?: Float64Array;
  /** Jacobi sweeps used. */
  sweeps: number;
}

const MAX_SWEEPS = 100;

/**
 * Eigenvalues (and optionally eigenvectors) of the symmetric matrix `a` (only its upper triangle
 * is read; `a` is not modified). A = V diag(values) V^T.
 */
export function symmetricEigen(a: Float64Array, n: number, withVectors = true): SymmetricEigen {
  if (a.length !== n * n) throw new RangeError(`matrix has ${a.length} values, expected ${n} x ${n}`);
  const m = Float64Array.from(a);
  // V^T is accumulated (rows p and q of it are contiguous, unlike columns of V), transposed at the end.
  const vt = withVectors ? new Float64Array(n * n) : undefined;
  if (vt) for (let i = 0; i < n; i++) vt[i * n + i] = 1;
  const d = new Float64Array(n);
  const b = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = b[i] = m[i * n + i]!;

  let sweep = 0;
  for (; sweep < MAX_SWEEPS; sweep++) {
    let offDiagonal = 0;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) offDiagonal += Math.abs(m[p * n + q]!);
    // Converged: NR drives the off-diagonal part to exactly zero (underflow / the g test below).
    if (offDiagonal === 0) break;
    // First three sweeps: rotate only elements above a threshold (NR's speed-up).
    const threshold = sweep < 3 ? (0.2 * offDiagonal) / (n * n) : 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        const g = 100 * Math.abs(apq);
        const dp = d[p]!;
        const dq = d[q]!;
        // After four sweeps, zero elements too small to change the diagonal.
        if (sweep > 3 && Math.abs(dp) + g === Math.abs(dp) && Math.abs(dq) + g === Math.abs(dq)) {
          m[p * n + q] = 0;
          continue;
        }
        if (Math.abs(apq) <= threshold) continue;
        let h = dq - dp;
        let t: number;
        if (Math.abs(h) + g === Math.abs(h)) {
          t = apq / h;
        } else {
          const theta = (0.5 * h) / apq;
          t = 1 / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
          if (theta < 0) t = -t;
        }
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        const tau = s / (1 + c);
        h = t * apq;
        z[p]! -= h;
        z[q]! += h;
        d[p] = dp - h;
        d[q] = dq + h;
        m[p * n + q] = 0;
        // Rotate the rest of rows/columns p and q (upper triangle only).
        for (let j = 0; j < p; j++) rotate(m, j * n + p, j * n + q, s, tau);
        for (let j = p + 1; j < q; j++) rotate(m, p * n + j, j * n + q, s, tau);
        for (let j = q + 1; j < n; j++) rotate(m, p * n + j, q * n + j, s, tau);
        if (vt) for (let j = 0; j < n; j++) rotate(vt, p * n + j, q * n + j, s, tau);
      }
    }
    for (let p = 0; p < n; p++) {
      b[p]! += z[p]!;
      d[p] = b[p]!;
      z[p] = 0;
    }
  }
  if (!vt) return { values: d, sweeps: sweep };
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v[i * n + j] = vt[j * n + i]!;
  return { values: d, vectors: v, sweeps: sweep };
}

function rotate(m: Float64Array, ij: number, kl: number, s: number, tau: number): void {
  const g = m[ij]!;
  const h = m[kl]!;
  m[ij] = g - s * (h + g * tau);
  m[kl] = h + s * (g - h * tau);
}

/** C = A B for row-major [n x n] matrices. */
export function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      const bRow = k * n;
      const cRow = i * n;
      for (let j = 0; j < n; j++) c[cRow + j]! += aik * b[bRow + j]!;
    }
  }
  return c;
}

/** (M + M^T) / 2, to remove rounding asymmetry before an eigendecomposition. */
export function symmetrize(m: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const value = (m[i * n + j]! + m[j * n + i]!) / 2;
      out[i * n + j] = value;
      out[j * n + i] = value;
    }
  }
  return out;
}

/**
 * Principal square root of a symmetric PSD matrix: V diag(sqrt(max(lambda, 0))) V^T.
 * Tiny negative eigenvalues (rounding) are clamped to 0.
 */
export function psdSqrt(a: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, n, true);
  const v = vectors!;
  const roots = values.map((x) => Math.sqrt(Math.max(x, 0)));
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += v[i * n + k]! * roots[k]! * v[j * n + k]!;
      out[i * n + j] = sum;
      out[j * n + i] = sum;
    }
  }
  return out;
}

/** Trace of the principal square root of a symmetric PSD matrix (eigenvalues only). */
export function traceSqrtPsd(a: Float64Array, n: number): number {
  const { values } = symmetricEigen(a, n, false);
  let sum = 0;
  for (const x of values) sum += Math.sqrt(Math.max(x, 0));
  return sum;
}
