/**
 * Reconstruction quality of images (METHOD.md: per-stage NLL, MSE, PSNR, SSIM).
 * Images are Float32Array NHWC batches of n square images, size x size x channels, in [0, 1].
 */

/** PSNR of identical images is infinite; we report this cap instead (and never more). */
export const PSNR_CAP_DB = 100;

export interface PerImage {
  perImage: Float64Array;
  mean: number;
}

function checkBatch(name: string, x: Float32Array, n: number, size: number, channels: number): void {
  if (x.length !== n * size * size * channels) {
    throw new RangeError(`${name} has ${x.length} values, expected ${n} x ${size} x ${size} x ${channels}`);
  }
}

function withMean(perImage: Float64Array): PerImage {
  let sum = 0;
  for (const v of perImage) sum += v;
  return { perImage, mean: perImage.length > 0 ? sum / perImage.length : NaN };
}

/** Mean squared error per image (mean over pixels and channels). */
export function mse(x: Float32Array, y: Float32Array, n: number, size: number, channels: number): PerImage {
  checkBatch('x', x, n, size, channels);
  checkBatch('y', y, n, size, channels);
  const per = size * size * channels;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = i * per; p < (i + 1) * per; p++) s += (x[p]! - y[p]!) ** 2;
    out[i] = s / per;
  }
  return withMean(out);
}

/** PSNR in dB for data range 1: 10 log10(1 / mse), capped at PSNR_CAP_DB (identical images). */
export function psnrFromMse(meanSquaredError: number): number {
  if (meanSquaredError <= 0) return PSNR_CAP_DB;
  return Math.min(PSNR_CAP_DB, -10 * Math.log10(meanSquaredError));
}

/** PSNR per image; `mean` is the mean of per-image PSNRs (not the PSNR of the mean MSE). */
export function psnr(x: Float32Array, y: Float32Array, n: number, size: number, channels: number): PerImage {
  return withMean(mse(x, y, n, size, channels).perImage.map(psnrFromMse));
}

// SSIM constants of Wang et al. 2004 (and tf.image.ssim / skimage defaults).
const SSIM_WINDOW = 11;
const SSIM_SIGMA = 1.5;
const SSIM_C1 = 0.01 ** 2;
const SSIM_C2 = 0.03 ** 2;

/** Normalised 1-D Gaussian taps of odd length `w`. */
function gaussianTaps(w: number, sigma: number): Float64Array {
  const taps = new Float64Array(w);
  const centre = (w - 1) / 2;
  let sum = 0;
  for (let i = 0; i < w; i++) {
    taps[i] = Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma));
    sum += taps[i]!;
  }
  for (let i = 0; i < w; i++) taps[i]! /= sum;
  return taps;
}

/** Separable 'valid' Gaussian filter of a size x size plane: output (size-w+1)^2. */
function filterValid(plane: Float64Array, size: number, taps: Float64Array): Float64Array {
  const w = taps.length;
  const out = size - w + 1;
  const rows = new Float64Array(size * out);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < out; c++) {
      let s = 0;
      for (let t = 0; t < w; t++) s += taps[t]! * plane[r * size + c + t]!;
      rows[r * out + c] = s;
    }
  }
  const result = new Float64Array(out * out);
  for (let r = 0; r < out; r++) {
    for (let c = 0; c < out; c++) {
      let s = 0;
      for (let t = 0; t < w; t++) s += taps[t]! * rows[(r + t) * out + c]!;
      result[r * out + c] = s;
    }
  }
  return result;
}

/** Mean SSIM of two planes (one channel of one image). */
function planeSsim(a: Float64Array, b: Float64Array, size: number, taps: Float64Array): number {
  const count = size * size;
  const aa = new Float64Array(count);
  const bb = new Float64Array(count);
  const ab = new Float64Array(count);
  for (let p = 0; p < count; p++) {
    aa[p] = a[p]! * a[p]!;
    bb[p] = b[p]! * b[p]!;
    ab[p] = a[p]! * b[p]!;
  }
  const muA = filterValid(a, size, taps);
  const muB = filterValid(b, size, taps);
  const eAA = filterValid(aa, size, taps);
  const eBB = filterValid(bb, size, taps);
  const eAB = filterValid(ab, size, taps);
  let sum = 0;
  for (let p = 0; p < muA.length; p++) {
    const ma = muA[p]!;
    const mb = muB[p]!;
    const varA = eAA[p]! - ma * ma;
    const varB = eBB[p]! - mb * mb;
    const cov = eAB[p]! - ma * mb;
    sum += ((2 * ma * mb + SSIM_C1) * (2 * cov + SSIM_C2)) / ((ma * ma + mb * mb + SSIM_C1) * (varA + varB + SSIM_C2));
  }
  return sum / muA.length;
}

/**
 * SSIM per image (Wang et al. 2004): Gaussian window 11, sigma 1.5, K1 0.01, K2 0.03, data
 * range 1, biased (population) local variances as in tf.image.ssim. 'valid' region only (no
 * padding), like the original MATLAB code and tf.image.ssim; the map is averaged per channel,
 * then over channels. Images smaller than 11 pixels use the largest odd window that fits.
 */
export function ssim(x: Float32Array, y: Float32Array, n: number, size: number, channels: number): PerImage {
  checkBatch('x', x, n, size, channels);
  checkBatch('y', y, n, size, channels);
  if (size < 1) throw new RangeError('image size must be positive');
  const window = Math.min(SSIM_WINDOW, size % 2 === 1 ? size : size - 1);
  const taps = gaussianTaps(window, SSIM_SIGMA);
  const per = size * size * channels;
  const a = new Float64Array(size * size);
  const b = new Float64Array(size * size);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let ch = 0; ch < channels; ch++) {
      for (let p = 0; p < size * size; p++) {
        a[p] = x[i * per + p * channels + ch]!;
        b[p] = y[i * per + p * channels + ch]!;
      }
      total += planeSsim(a, b, size, taps);
    }
    out[i] = total / channels;
  }
  return withMean(out);
}

/**
 * Bernoulli negative log-likelihood (binary cross-entropy) summed over the pixels of each image,
 * from logits, in the numerically stable form max(l, 0) - l x + log(1 + exp(-|l|)).
 */
export function bceSum(x: Float32Array, logits: Float32Array, n: number, size: number, channels: number): PerImage {
  checkBatch('x', x, n, size, channels);
  checkBatch('logits', logits, n, size, channels);
  const per = size * size * channels;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = i * per; p < (i + 1) * per; p++) {
      const l = logits[p]!;
      s += Math.max(l, 0) - l * x[p]! + Math.log1p(Math.exp(-Math.abs(l)));
    }
    out[i] = s;
  }
  return withMean(out);
}

/** Probabilities are clamped to [eps, 1 - eps] before the logarithm (the Keras epsilon). */
export const BCE_PROB_EPSILON = 1e-7;

/** Binary cross-entropy summed per image, from probabilities (clamped by BCE_PROB_EPSILON). */
export function bceSumFromProbs(x: Float32Array, probs: Float32Array, n: number, size: number, channels: number): PerImage {
  checkBatch('x', x, n, size, channels);
  checkBatch('probs', probs, n, size, channels);
  const per = size * size * channels;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = i * per; p < (i + 1) * per; p++) {
      const q = Math.min(1 - BCE_PROB_EPSILON, Math.max(BCE_PROB_EPSILON, probs[p]!));
      const t = x[p]!;
      s -= t * Math.log(q) + (1 - t) * Math.log(1 - q);
    }
    out[i] = s;
  }
  return withMean(out);
}

export interface ReconstructionMetrics {
  /** Mean over images of the per-image summed BCE (nats). */
  recon_bce: number;
  mse: number;
  /** Mean of per-image PSNR in dB (capped at PSNR_CAP_DB). */
  psnr: number;
  ssim: number;
}

/**
 * All reconstruction metrics for a batch: `output` is the decoder's logits (default) or its
 * probabilities; MSE, PSNR and SSIM compare x with the probabilities (sigmoid of logits).
 */
export function reconstructionMetrics(
  x: Float32Array,
  output: Float32Array,
  n: number,
  size: number,
  channels: number,
  options: { output?: 'logits' | 'probs' } = {},
): ReconstructionMetrics {
  const fromLogits = (options.output ?? 'logits') === 'logits';
  const probs = fromLogits ? output.map((l) => 1 / (1 + Math.exp(-l))) : output;
  const bce = fromLogits ? bceSum(x, output, n, size, channels) : bceSumFromProbs(x, output, n, size, channels);
  return {
    recon_bce: bce.mean,
    mse: mse(x, probs, n, size, channels).mean,
    psnr: psnr(x, probs, n, size, channels).mean,
    ssim: ssim(x, probs, n, size, channels).mean,
  };
}
