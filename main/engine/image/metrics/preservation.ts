/**
 * Factor preservation by stage 2 (the MS-VAE paper's analysis; METHOD.md): re-encode x_hat with
 * the stage-1 encoder and compare its code c(x_hat) with c(x), dimension by dimension.
 *
 * For each ACTIVE code dimension k (./active-factors.ts; an unused dim is noise on both sides and
 * would only dilute the mean): c_k(x) and c_k(x_hat) are discretised into 20 equal-width bins
 * (each over its own range, as for MIG), and
 *   NMI_k = I(c_k(x); c_k(x_hat)) / H(c_k(x)).
 * We normalise by H(c_k(x)), not sqrt(H_a H_b): the question is what fraction of the information
 * in the original code survives; it is 1 when c(x_hat) determines c(x) bin for bin. Dimensions
 * where c_k(x) is constant (H = 0) are NaN in `perDim` and left out of the mean.
 *
 * Estimator: plug-in MI, whose bias for independent codes is about (B - 1)^2 / (2 n) nats
 * (B = 20 bins): ~0.7 nats at n = 256, ~0.02 nats at n = 10,000 (MIG's sample count, which
 * evaluate uses here too). We keep the plug-in estimate (the one MIG uses, so the two agree) at
 * n large enough that its bias is small, and report the measured floor beside it
 * (`preservationChance`: the same measure between c(x) and the codes of OTHER images) so any
 * remaining bias is visible rather than corrected by a model of it.
 */
import { DEFAULT_BINS, discretizeColumns, entropy, mutualInfo } from './mutual-info';

export interface PreservationResult {
  /** Mean of perDim over the chosen dimensions with non-zero entropy; NaN if there are none. */
  mean: number;
  /** One value per code dimension; NaN for dims left out (not chosen, or constant). */
  perDim: number[];
}

export interface PreservationOptions {
  /** Code dimensions to measure (the active ones); all when absent. */
  dims?: readonly number[];
  bins?: number;
}

/** codesA = c(x), codesB = c(x_hat): row-major [n x d] mean codes of the same n images. */
export function normalisedMutualInfo(codesA: Float32Array, codesB: Float32Array, n: number, d: number, options: PreservationOptions = {}): PreservationResult {
  if (codesA.length !== n * d || codesB.length !== n * d) {
    throw new RangeError(`codes have ${codesA.length} and ${codesB.length} values, expected ${n} x ${d}`);
  }
  const bins = options.bins ?? DEFAULT_BINS;
  const chosen = new Set(options.dims ?? Array.from({ length: d }, (_, k) => k));
  const a = discretizeColumns(codesA, n, d, bins);
  const b = discretizeColumns(codesB, n, d, bins);
  const perDim: number[] = [];
  let sum = 0;
  let counted = 0;
  for (let k = 0; k < d; k++) {
    const h = chosen.has(k) ? entropy(a[k]!) : 0;
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

/** Rows of a row-major [n x d] matrix rotated by `shift`: row i becomes row (i + shift) mod n. */
export function rotateRows(codes: Float32Array, n: number, d: number, shift: number): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) out.set(codes.subarray(((i + shift) % n) * d, (((i + shift) % n) + 1) * d), i * d);
  return out;
}

/**
 * The chance floor of normalisedMutualInfo: c(x) against c(x_hat) of another image (rows rotated
 * by n/2; the rows are a random order of the data, so the pairs are independent). Same marginals
 * and n as the real measure, so it is what that measure reads when nothing is preserved.
 */
export function preservationChance(codesA: Float32Array, codesB: Float32Array, n: number, d: number, options: PreservationOptions = {}): PreservationResult {
  return normalisedMutualInfo(codesA, rotateRows(codesB, n, d, Math.floor(n / 2)), n, d, options);
}
