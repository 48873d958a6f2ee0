/**
 * The copula's dependence: the correlation matrix of the columns' normal scores, and its
 * Cholesky factor for sampling. Plain Float64Arrays, row-major m x m.
 */

/**
 * Pearson correlation of each pair of score columns over the rows where both are present (NaN
 * marks a missing score), so a column's missing cells neither shrink nor bias its correlations.
 * A pair with fewer than 3 complete rows, or a constant side, gets 0.
 */
export function pairwiseCorrelation(scores: readonly Float64Array[], n: number): Float64Array {
  const m = scores.length;
  const r = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    r[i * m + i] = 1;
    for (let j = i + 1; j < m; j++) {
      const x = scores[i]!;
      const y = scores[j]!;
      let count = 0;
      let sx = 0;
      let sy = 0;
      for (let k = 0; k < n; k++) {
        const a = x[k]!;
        const b = y[k]!;
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        count++;
        sx += a;
        sy += b;
      }
      let value = 0;
      if (count >= 3) {
        const mx = sx / count;
        const my = sy / count;
        let sxy = 0;
        let sxx = 0;
        let syy = 0;
        for (let k = 0; k < n; k++) {
          const a = x[k]!;
          const b = y[k]!;
          if (Number.isNaN(a) || Number.isNaN(b)) continue;
          sxy += (a - mx) * (b - my);
          sxx += (a - mx) * (a - mx);
          syy += (b - my) * (b - my);
        }
        value = sxx > 0 && syy > 0 ? Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))) : 0;
      }
      r[i * m + j] = value;
      r[j * m + i] = value;
    }
  }
  return r;
}

/** The lower Cholesky factor L (A = L L^T) of a symmetric m x m matrix, or null when it is not positive definite. */
export function cholesky(matrix: Float64Array, m: number): Float64Array | null {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * m + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * m + k]! * l[j * m + k]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * m + i] = Math.sqrt(sum);
      } else {
        l[i * m + j] = sum / l[j * m + j]!;
      }
    }
  }
  return l;
}

/**
 * Cholesky of the correlation matrix after a ridge: pairwise correlations need not form a
 * positive-definite matrix, so the ridge grows from `ridge` until the factor exists; the matrix is
 * rescaled to a unit diagonal so every score stays standard normal. Returns the ridge used (null:
 * none helped, and the columns are drawn independently).
 */
export function choleskyWithRidge(correlation: Float64Array, m: number, ridge = 1e-6): { factor: Float64Array; ridge: number | null } {
  for (let lambda = ridge; lambda <= 1; lambda *= 10) {
    const shrunk = new Float64Array(m * m);
    for (let i = 0; i < m * m; i++) shrunk[i] = correlation[i]! / (1 + lambda);
    for (let i = 0; i < m; i++) shrunk[i * m + i] = 1;
    const factor = cholesky(shrunk, m);
    if (factor) return { factor, ridge: lambda };
  }
  // A ridge of 1 halves every correlation; past that, independent columns are the honest answer.
  const identity = new Float64Array(m * m);
  for (let i = 0; i < m; i++) identity[i * m + i] = 1;
  return { factor: identity, ridge: null };
}
