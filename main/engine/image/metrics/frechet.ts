/**
 * Frechet distance between Gaussians fitted to two sets of feature vectors (the formula of FID,
 * Heusel et al. 2017; pytorch-fid / clean-fid `frechet_distance`):
 *   |mu_a - mu_b|^2 + Tr(Sa + Sb - 2 (Sa Sb)^(1/2)).
 * Tr((Sa Sb)^(1/2)) is computed in float64 through the symmetric PSD matrix
 * Sa^(1/2) Sb Sa^(1/2), which has the same eigenvalues as Sa Sb: no complex square roots, no
 * scipy.linalg.sqrtm instability. Covariances use the unbiased (n - 1) normaliser, like np.cov.
 * What features go in decides what the number means: with feature-net.ts it is
 * "FD (local features)", not FID.
 */
import { runToEnd, type Steps } from '../../core/steps';
import { matMul, psdSqrt, symmetrize, traceSqrtPsd } from './linalg';

export interface GaussianFit {
  mean: Float64Array;
  /** Row-major [dim x dim]. */
  cov: Float64Array;
}

/** Mean and unbiased covariance of n row-major vectors of length dim. */
export function fitGaussian(x: Float32Array | Float64Array, n: number, dim: number): GaussianFit {
  if (x.length !== n * dim) throw new RangeError(`features have ${x.length} values, expected ${n} x ${dim}`);
  if (n < 2) throw new RangeError(`need at least 2 samples for a covariance, got ${n}`);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k]! += x[i * dim + k]!;
  for (let k = 0; k < dim; k++) mean[k]! /= n;
  const cov = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < dim; k++) row[k] = x[i * dim + k]! - mean[k]!;
    // Upper triangle only; mirrored below.
    for (let k = 0; k < dim; k++) {
      const rk = row[k]!;
      if (rk === 0) continue;
      const base = k * dim;
      for (let l = k; l < dim; l++) cov[base + l]! += rk * row[l]!;
    }
  }
  for (let k = 0; k < dim; k++) {
    for (let l = k; l < dim; l++) {
      const value = cov[k * dim + l]! / (n - 1);
      cov[k * dim + l] = value;
      cov[l * dim + k] = value;
    }
  }
  return { mean, cov };
}

/** Frechet distance between two fitted Gaussians. Clamped at 0 (rounding can go slightly below). */
export function frechetDistanceFromGaussians(a: GaussianFit, b: GaussianFit, dim: number): number {
  return runToEnd(frechetFromGaussiansSteps(a, b, dim));
}

/** As steps (core/steps.ts): a pause between the two Jacobi eigendecompositions (~0.25 s each at dim 128 on a busy machine). */
function* frechetFromGaussiansSteps(a: GaussianFit, b: GaussianFit, dim: number): Steps<number> {
  let meanTerm = 0;
  for (let k = 0; k < dim; k++) meanTerm += (a.mean[k]! - b.mean[k]!) ** 2;
  let traces = 0;
  for (let k = 0; k < dim; k++) traces += a.cov[k * dim + k]! + b.cov[k * dim + k]!;
  const sqrtA = psdSqrt(a.cov, dim);
  yield;
  const inner = symmetrize(matMul(matMul(sqrtA, b.cov, dim), sqrtA, dim), dim);
  const crossTrace = traceSqrtPsd(inner, dim);
  return Math.max(0, meanTerm + traces - 2 * crossTrace);
}

/** Frechet distance between feature sets a (row-major [na x dim]) and b ([nb x dim]). */
export function frechetDistance(a: Float32Array, na: number, b: Float32Array, nb: number, dim: number): number {
  return runToEnd(frechetSteps(a, na, b, nb, dim));
}

/** frechetDistance as steps (core/steps.ts), a pause after each fit and between the eigendecompositions. */
export function* frechetSteps(a: Float32Array, na: number, b: Float32Array, nb: number, dim: number): Steps<number> {
  const fitA = fitGaussian(a, na, dim);
  yield;
  const fitB = fitGaussian(b, nb, dim);
  yield;
  return yield* frechetFromGaussiansSteps(fitA, fitB, dim);
}
