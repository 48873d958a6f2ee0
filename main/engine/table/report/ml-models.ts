/**
 * Two small models for ML efficacy, in plain TypeScript (float64, row-major matrices):
 * - ridge regression, closed form through the normal equations (X'X + lambda D) w = X'y with an
 *   unpenalised intercept (D = identity except a 0 for the intercept), solved by a Cholesky
 *   factorisation (X'X + lambda D is symmetric positive definite for lambda > 0 and n >= 1);
 * - multinomial logistic regression (softmax), fitted by full-batch gradient descent on the mean
 *   cross-entropy + l2/2 |W|^2 (intercepts unpenalised), with Adam step sizes (Kingma & Ba) so one
 *   learning rate works for any column mix.
 */
import { runToEnd, type Steps } from '../../core/steps';

/** Lower-triangular L with A = L L' (row-major n x n). Throws if A is not positive definite. */
export function cholesky(a: Float64Array, n: number): Float64Array {
  if (a.length !== n * n) throw new RangeError(`matrix has ${a.length} values, expected ${n} x ${n}`);
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`matrix is not positive definite (pivot ${i}: ${s})`);
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j]!;
      }
    }
  }
  return l;
}

/** Solves L L' x = b for x, given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

export interface LinearModel {
  readonly weights: Float64Array;
  readonly intercept: number;
}

/** Ridge regression on X (n x d, row-major) and y; lambda > 0 penalises the weights, not the intercept. */
export function fitRidge(x: Float64Array, n: number, d: number, y: ArrayLike<number>, lambda = 1): LinearModel {
  if (n === 0) return { weights: new Float64Array(d), intercept: 0 };
  // Augmented design [1, x]: p = d + 1 unknowns, intercept first.
  const p = d + 1;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    row[0] = 1;
    for (let j = 0; j < d; j++) row[j + 1] = x[i * d + j]!;
    const yi = y[i]!;
    for (let r = 0; r < p; r++) {
      const vr = row[r]!;
      if (vr === 0) continue;
      b[r] = b[r]! + vr * yi;
      for (let c = 0; c <= r; c++) a[r * p + c] = a[r * p + c]! + vr * row[c]!;
    }
  }
  for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) a[c * p + r] = a[r * p + c]!;
  for (let r = 1; r < p; r++) a[r * p + r] = a[r * p + r]! + lambda;
  let l: Float64Array;
  try {
    l = cholesky(a, p);
  } catch {
    // Round-off on a nearly singular system: a little jitter on the whole diagonal.
    const jitter = 1e-8 * Math.max(1, n);
    for (let r = 0; r < p; r++) a[r * p + r] = a[r * p + r]! + jitter;
    l = cholesky(a, p);
  }
  const w = choleskySolve(l, p, b);
  return { intercept: w[0]!, weights: w.slice(1) };
}

export function predictLinear(model: LinearModel, x: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = model.intercept;
    for (let j = 0; j < d; j++) s += model.weights[j]! * x[i * d + j]!;
    out[i] = s;
  }
  return out;
}

export interface SoftmaxModel {
  /** Row-major [d x k] weights and k intercepts. */
  readonly weights: Float64Array;
  readonly intercepts: Float64Array;
  readonly classes: number;
}

export interface SoftmaxOptions {
  readonly steps?: number;
  readonly learningRate?: number;
  readonly l2?: number;
}

/** Multinomial logistic regression on X (n x d) and labels y in [0, k). */
export function fitSoftmax(x: Float64Array, n: number, d: number, y: Int32Array, k: number, options: SoftmaxOptions = {}): SoftmaxModel {
  return runToEnd(fitSoftmaxSteps(x, n, d, y, k, options));
}

/**
 * fitSoftmax as steps (core/steps.ts), a pause point after each gradient step: a fit is up to
 * 3e8 multiply-adds (ml-efficacy.ts), a second or more on a busy 2-core machine, and the report
 * fits 18 of them.
 */
export function* fitSoftmaxSteps(x: Float64Array, n: number, d: number, y: Int32Array, k: number, options: SoftmaxOptions = {}): Steps<SoftmaxModel> {
  const steps = options.steps ?? 300;
  const lr = options.learningRate ?? 0.05;
  const l2 = options.l2 ?? 1e-4;
  const size = (d + 1) * k; // weights then intercepts
  const theta = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const grad = new Float64Array(size);
  const logits = new Float64Array(k);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  if (n === 0 || k < 2) return { weights: new Float64Array(d * k), intercepts: new Float64Array(k), classes: k };
  for (let step = 1; step <= steps; step++) {
    softmaxGradient(x, n, d, y, k, theta, grad, logits);
    const b1t = 1 - Math.pow(beta1, step);
    const b2t = 1 - Math.pow(beta2, step);
    for (let q = 0; q < size; q++) {
      const g = grad[q]! / n + (q < d * k ? l2 * theta[q]! : 0);
      const mq = (m[q] = beta1 * m[q]! + (1 - beta1) * g);
      const vq = (v[q] = beta2 * v[q]! + (1 - beta2) * g * g);
      theta[q] = theta[q]! - (lr * (mq / b1t)) / (Math.sqrt(vq / b2t) + eps);
    }
    yield;
  }
  return { weights: theta.slice(0, d * k), intercepts: theta.slice(d * k), classes: k };
}

/** The summed cross-entropy gradient over all rows into grad (logits is scratch of length k). */
function softmaxGradient(x: Float64Array, n: number, d: number, y: Int32Array, k: number, theta: Float64Array, grad: Float64Array, logits: Float64Array): void {
  grad.fill(0);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let c = 0; c < k; c++) logits[c] = theta[d * k + c]!;
    for (let j = 0; j < d; j++) {
      const xj = x[base + j]!;
      if (xj === 0) continue;
      const wr = j * k;
      for (let c = 0; c < k; c++) logits[c] = logits[c]! + xj * theta[wr + c]!;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (logits[c]! > max) max = logits[c]!;
    let z = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(logits[c]! - max);
      logits[c] = e;
      z += e;
    }
    const yi = y[i]!;
    // logits now hold p - onehot(y): the gradient of the cross-entropy wrt the logits.
    for (let c = 0; c < k; c++) logits[c] = logits[c]! / z - (c === yi ? 1 : 0);
    for (let j = 0; j < d; j++) {
      const xj = x[base + j]!;
      if (xj === 0) continue;
      const wr = j * k;
      for (let c = 0; c < k; c++) grad[wr + c] = grad[wr + c]! + xj * logits[c]!;
    }
    for (let c = 0; c < k; c++) grad[d * k + c] = grad[d * k + c]! + logits[c]!;
  }
}

/** The most probable class of each row (ties: the lowest class index). */
export function predictSoftmax(model: SoftmaxModel, x: Float64Array, n: number, d: number): Int32Array {
  const k = model.classes;
  const out = new Int32Array(n);
  const logits = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) logits[c] = model.intercepts[c]!;
    for (let j = 0; j < d; j++) {
      const xj = x[i * d + j]!;
      if (xj === 0) continue;
      for (let c = 0; c < k; c++) logits[c] = logits[c]! + xj * model.weights[j * k + c]!;
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (logits[c]! > logits[best]!) best = c;
    out[i] = best;
  }
  return out;
}
