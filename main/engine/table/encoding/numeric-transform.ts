/**
 * Numeric columns in encoded space. 'standard': (x - mean) / std, one scalar.
 * 'mode-specific' (CTGAN, Xu et al. 2019): a 1-D Gaussian mixture fitted by EM; a value is
 * encoded as the one-hot of its most likely mode plus (x - mu_k) / sigma_k, so a multimodal
 * column becomes a categorical choice plus a well-scaled scalar (and keeps more float32
 * precision, since sigma_k is smaller than the column's std). 'quantile': normal scores of the
 * empirical quantiles (quantile-transform.ts).
 */
import type { QuantileTransform } from './quantile-transform';

export interface StandardTransform {
  readonly kind: 'standard';
  readonly mean: number;
  readonly std: number;
}

export interface ModeSpecificTransform {
  readonly kind: 'mode-specific';
  readonly weights: readonly number[];
  readonly means: readonly number[];
  readonly stds: readonly number[];
}

export type NumericTransform = StandardTransform | ModeSpecificTransform | QuantileTransform;

export function fitStandard(values: ArrayLike<number>, fallback?: { mean?: number; std?: number }): StandardTransform {
  const n = values.length;
  if (n === 0) return { kind: 'standard', mean: fallback?.mean ?? 0, std: fallback?.std || 1 };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  const std = Math.sqrt(ss / n);
  // A constant column: any positive scale works; 1 keeps encoded values at 0.
  return { kind: 'standard', mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

export interface MixtureOptions {
  /** Modes to start from (fewer if the column has fewer distinct values). Default 5. */
  readonly maxModes?: number;
  /** Modes with a smaller weight are pruned. Default 0.01. */
  readonly minWeight?: number;
  /** EM iterations at most. Default 200. */
  readonly iterations?: number;
  /** Values used for fitting at most (an even stride through them). Default 20,000. */
  readonly maxFitValues?: number;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function logDensity(x: number, mean: number, std: number): number {
  const z = (x - mean) / std;
  return -0.5 * z * z - Math.log(std) - LOG_SQRT_2PI;
}

/** Fits a 1-D Gaussian mixture by EM, initialised at quantiles; deterministic for given values. */
export function fitGaussianMixture(values: ArrayLike<number>, options: MixtureOptions = {}): ModeSpecificTransform {
  const maxFit = options.maxFitValues ?? 20_000;
  const stride = Math.max(1, Math.ceil(values.length / maxFit));
  const xs: number[] = [];
  for (let i = 0; i < values.length; i += stride) xs.push(values[i]!);
  const base = fitStandard(xs);
  if (xs.length < 2) return { kind: 'mode-specific', weights: [1], means: [base.mean], stds: [base.std] };
  xs.sort((a, b) => a - b);
  const distinct = new Set(xs).size;
  let k = Math.max(1, Math.min(options.maxModes ?? 5, distinct));
  // Variance floor: discrete values would otherwise collapse a mode to zero width.
  const minStd = Math.max(base.std * 1e-3, 1e-12);
  let means = Array.from({ length: k }, (_, j) => xs[Math.floor(((j + 0.5) / k) * xs.length)]!);
  let stds = new Array<number>(k).fill(base.std / k);
  let weights = new Array<number>(k).fill(1 / k);
  const n = xs.length;
  const resp = new Float64Array(n * k);

  const run = (iterations: number): void => {
    let previous = -Infinity;
    for (let it = 0; it < iterations; it++) {
      // E step (log-sum-exp per value).
      let loglik = 0;
      for (let i = 0; i < n; i++) {
        let maxLog = -Infinity;
        for (let j = 0; j < k; j++) {
          const l = Math.log(weights[j]!) + logDensity(xs[i]!, means[j]!, stds[j]!);
          resp[i * k + j] = l;
          if (l > maxLog) maxLog = l;
        }
        let sum = 0;
        for (let j = 0; j < k; j++) sum += Math.exp(resp[i * k + j]! - maxLog);
        for (let j = 0; j < k; j++) resp[i * k + j] = Math.exp(resp[i * k + j]! - maxLog) / sum;
        loglik += maxLog + Math.log(sum);
      }
      // M step.
      for (let j = 0; j < k; j++) {
        let w = 0;
        let m = 0;
        for (let i = 0; i < n; i++) {
          w += resp[i * k + j]!;
          m += resp[i * k + j]! * xs[i]!;
        }
        if (w < 1e-12) {
          weights[j] = 1e-12;
          continue;
        }
        m /= w;
        let v = 0;
        for (let i = 0; i < n; i++) v += resp[i * k + j]! * (xs[i]! - m) ** 2;
        weights[j] = w / n;
        means[j] = m;
        stds[j] = Math.max(Math.sqrt(v / w), minStd);
      }
      if (loglik - previous < 1e-7 * n) break;
      previous = loglik;
    }
  };

  run(options.iterations ?? 200);
  const keep = weights.map((w, j) => ({ w, j })).filter(({ w }) => w >= (options.minWeight ?? 0.01));
  if (keep.length < k) {
    k = Math.max(1, keep.length);
    const kept = keep.length > 0 ? keep : [{ w: 1, j: weights.indexOf(Math.max(...weights)) }];
    means = kept.map(({ j }) => means[j]!);
    stds = kept.map(({ j }) => stds[j]!);
    const total = kept.reduce((s, { w }) => s + w, 0);
    weights = kept.map(({ w }) => w / total);
    run(50);
  }
  // Modes sorted by mean, so the encoding does not depend on EM's labelling.
  const order = means.map((_, j) => j).sort((a, b) => means[a]! - means[b]!);
  return {
    kind: 'mode-specific',
    weights: order.map((j) => weights[j]!),
    means: order.map((j) => means[j]!),
    stds: order.map((j) => stds[j]!),
  };
}

/** The mode a value most likely came from (argmax of weight x density). */
export function modeOf(t: ModeSpecificTransform, x: number): number {
  let best = 0;
  let bestLog = -Infinity;
  for (let j = 0; j < t.means.length; j++) {
    const l = Math.log(t.weights[j]!) + logDensity(x, t.means[j]!, t.stds[j]!);
    if (l > bestLog) {
      bestLog = l;
      best = j;
    }
  }
  return best;
}

/**
 * 'Clearly multimodal': the fitted mixture's density has two peaks (each at least 10% of the
 * highest) with a valley between them below half the lower peak. Counting modes of the fit
 * alone would not do: EM splits a single broad hump (or a uniform) into several overlapping modes.
 */
export function isClearlyMultimodal(t: ModeSpecificTransform): boolean {
  if (t.means.length < 2) return false;
  const lo = Math.min(...t.means.map((m, j) => m - 3 * t.stds[j]!));
  const hi = Math.max(...t.means.map((m, j) => m + 3 * t.stds[j]!));
  const steps = 512;
  const density = Array.from({ length: steps + 1 }, (_, i) => {
    const x = lo + ((hi - lo) * i) / steps;
    return t.means.reduce((s, m, j) => s + t.weights[j]! * Math.exp(logDensity(x, m, t.stds[j]!)), 0);
  });
  const top = Math.max(...density);
  let peak = -1; // height of the last significant peak
  let valley = Infinity; // lowest point since that peak
  for (let i = 1; i < steps; i++) {
    const d = density[i]!;
    valley = Math.min(valley, d);
    const isPeak = d >= density[i - 1]! && d > density[i + 1]! && d >= 0.1 * top;
    if (!isPeak) continue;
    if (peak >= 0 && valley < 0.5 * Math.min(peak, d)) return true;
    if (d > peak) {
      peak = d;
      valley = d;
    }
  }
  return false;
}
