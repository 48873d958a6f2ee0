/**
 * Factor preservation by stage 2 (the MS-VAE paper's analysis; METHOD.md): re-encode x_hat with
 * the stage-1 encoder and compare its code c(x_hat) with c(x), dimension by dimension.
 *
 * For each code dimension k: both c_k(x) and c_k(x_hat) are discretised into `bins` equal-width
 * bins (each over its own range, as for MIG), and
 *   NMI_k = I(c_k(x); c_k(x_hat)) / H(c_k(x)).
 * We normalise by H(c_k(x)), not sqrt(H_a H_b): the question is what fraction of the information
 * in the original code survives; it is 1 when c(x_hat) determines c(x) bin for bin (identical
 * codes) and ~0 for independent codes. Dimensions where c_k(x) is constant (H = 0) are NaN in
 * `perDim` and left out of the mean.
 */
import { DEFAULT_BINS, discretizeColumns, entropy, mutualInfo } from './mutual-info';

export interface PreservationResult {
  /** Mean of perDim over dimensions with non-zero entropy; NaN if there are none. */
  mean: number;
  perDim: number[];
}

/** codesA = c(x), codesB = c(x_hat): row-major [n x d] mean codes of the same n images. */
export function normalisedMutualInfo(codesA: Float32Array, codesB: Float32Array, n: number, d: number, bins: number = DEFAULT_BINS): PreservationResult {
  if (codesA.length !== n * d || codesB.length !== n * d) {
    throw new RangeError(`codes have ${codesA.length} and ${codesB.length} values, expected ${n} x ${d}`);
  }
  const a = discretizeColumns(codesA, n, d, bins);
  const b = discretizeColumns(codesB, n, d, bins);
  const perDim: number[] = [];
  let sum = 0;
  let counted = 0;
  for (let k = 0; k < d; k++) {
    const h = entropy(a[k]!);
    if (h <= 0) {
      perDim.push(NaN);
      continue;
    }
    const value = mutualInfo(a[k]!, b[k]!) / h;
    perDim.push(value);
    sum += value;
    counted++;
  }
  return { mean: counted > 0 ? sum / counted : NaN, perDim };
}
