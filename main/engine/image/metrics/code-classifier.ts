/**
 * A small one-hidden-layer MLP classifier that predicts a discrete label from code vectors, for
 * the interpretability scores (which labels C, Z and C+Z carry). Plain typed arrays rather than
 * TF.js: the problems are small (thousands of rows, ~100 features), the result must not depend on
 * the backend, and there is no tensor to leak.
 *
 * Fit: features standardised with the fit set's mean and std (codes of different dims have very
 * different scales), 32 ReLU units, softmax over classes, cross-entropy plus a small L2 penalty,
 * mini-batch Adam for a fixed number of epochs on a seeded shuffle. Not linear: dSprites' position
 * has 32 ordered classes along one code dim, which a softmax over linear scores barely separates
 * (measured: 17% on a perfect code) while one hidden layer carves the intervals.
 */
import { mulberry32, permutation, seededNormal } from '../../core/seeded-rng';
import { runToEnd, type Steps } from '../../core/steps';

export interface LabelledCodes {
  /** Row-major [n x p]. */
  readonly x: Float32Array;
  /** n labels in 0..classes-1. */
  readonly y: Int32Array;
  readonly n: number;
}

export interface ClassifierOptions {
  /** Hidden ReLU units. */
  readonly hidden?: number;
  readonly epochs?: number;
  readonly batch?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  readonly seed?: number;
}

const DEFAULTS = { hidden: 32, epochs: 10, batch: 64, learningRate: 0.02, l2: 1e-4, seed: 1 };

/** Per-feature mean and 1/std of the fit set (1 for a constant feature, so it stays 0). */
function standardiser(x: Float32Array, n: number, p: number): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(p);
  const sq = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j]! += x[i * p + j]!;
  for (let j = 0; j < p; j++) mean[j]! /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const v = x[i * p + j]! - mean[j]!;
      sq[j]! += v * v;
    }
  }
  const scale = sq.map((s) => (s > 1e-12 * n ? 1 / Math.sqrt(s / n) : 1));
  return { mean, scale };
}

/** Parameters of the one-hidden-layer network, in one array so Adam updates them in one loop. */
interface Net {
  readonly params: Float64Array;
  /** Offsets of W1 [p x h], b1 [h], W2 [h x k], b2 [k]. */
  readonly w1: number;
  readonly b1: number;
  readonly w2: number;
  readonly b2: number;
}

function createNet(p: number, h: number, k: number, seed: number): Net {
  const w1 = 0;
  const b1 = p * h;
  const w2 = b1 + h;
  const b2 = w2 + h * k;
  const params = new Float64Array(b2 + k);
  const normal = seededNormal(seed);
  // He initialisation for the ReLU layer, Glorot-like for the output.
  for (let q = w1; q < b1; q++) params[q] = normal() * Math.sqrt(2 / p);
  for (let q = w2; q < b2; q++) params[q] = normal() * Math.sqrt(1 / h);
  return { params, w1, b1, w2, b2 };
}

/** Forward pass of one standardised row: hidden activations into hidden, softmax into probs. */
function forward(net: Net, row: Float64Array, p: number, h: number, k: number, hidden: Float64Array, probs: Float64Array): void {
  const w = net.params;
  for (let u = 0; u < h; u++) {
    let s = w[net.b1 + u]!;
    for (let j = 0; j < p; j++) s += row[j]! * w[net.w1 + j * h + u]!;
    hidden[u] = s > 0 ? s : 0;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    let s = w[net.b2 + c]!;
    for (let u = 0; u < h; u++) s += hidden[u]! * w[net.w2 + u * k + c]!;
    probs[c] = s;
    if (s > max) max = s;
  }
  let total = 0;
  for (let c = 0; c < k; c++) {
    probs[c] = Math.exp(probs[c]! - max);
    total += probs[c]!;
  }
  for (let c = 0; c < k; c++) probs[c]! /= total;
}

/** Adds the cross-entropy gradient of one row (probs already minus the one-hot label) into grad. */
function backward(net: Net, row: Float64Array, p: number, h: number, k: number, hidden: Float64Array, delta: Float64Array, grad: Float64Array, dHidden: Float64Array): void {
  const w = net.params;
  for (let u = 0; u < h; u++) {
    const a = hidden[u]!;
    let back = 0;
    for (let c = 0; c < k; c++) {
      const q = net.w2 + u * k + c;
      if (a !== 0) grad[q]! += a * delta[c]!;
      back += w[q]! * delta[c]!;
    }
    // ReLU: no gradient through a unit that was off.
    dHidden[u] = a > 0 ? back : 0;
  }
  for (let c = 0; c < k; c++) grad[net.b2 + c]! += delta[c]!;
  for (let j = 0; j < p; j++) {
    const xj = row[j]!;
    if (xj === 0) continue;
    const base = net.w1 + j * h;
    for (let u = 0; u < h; u++) grad[base + u]! += xj * dHidden[u]!;
  }
  for (let u = 0; u < h; u++) grad[net.b1 + u]! += dHidden[u]!;
}

/**
 * Fits on `fit` and returns the accuracy on `test` (the share of test rows whose most probable
 * class is their label). Both sets have p features per row and labels in 0..classes-1.
 */
export function classifierAccuracy(fit: LabelledCodes, test: LabelledCodes, p: number, classes: number, options: ClassifierOptions = {}): number {
  return runToEnd(classifierAccuracySteps(fit, test, p, classes, options));
}

/** Mini-batches between two pause points: ~16 x 64 rows, a few milliseconds. */
const BATCHES_PER_STEP = 16;

/**
 * classifierAccuracy as steps (core/steps.ts): 10 epochs over 5,000 rows for each label and
 * code set is seconds of work, so it pauses every BATCHES_PER_STEP mini-batches.
 */
export function* classifierAccuracySteps(fit: LabelledCodes, test: LabelledCodes, p: number, classes: number, options: ClassifierOptions = {}): Steps<number> {
  if (fit.x.length !== fit.n * p || test.x.length !== test.n * p) throw new RangeError(`codes have ${fit.x.length} and ${test.x.length} values, expected ${fit.n} and ${test.n} rows of ${p}`);
  if (fit.n < 1 || test.n < 1) throw new RangeError('the classifier needs at least one row to fit and one to test');
  const o = { ...DEFAULTS, ...options };
  const [h, k] = [o.hidden, classes];
  const { mean, scale } = standardiser(fit.x, fit.n, p);
  const rowOf = (x: Float32Array, i: number, row: Float64Array) => {
    for (let j = 0; j < p; j++) row[j] = (x[i * p + j]! - mean[j]!) * scale[j]!;
  };
  const net = createNet(p, h, k, o.seed);
  const w = net.params;
  const size = w.length;
  const [m, v, grad] = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
  const [row, hidden, dHidden, probs] = [new Float64Array(p), new Float64Array(h), new Float64Array(h), new Float64Array(k)];
  const random = mulberry32(o.seed);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  let t = 0;
  /** One mini-batch of rows order[start..end): gradient, then an Adam update. */
  const trainBatch = (order: Int32Array, start: number, end: number): void => {
    grad.fill(0);
    for (let r = start; r < end; r++) {
      const i = order[r]!;
      rowOf(fit.x, i, row);
      forward(net, row, p, h, k, hidden, probs);
      probs[fit.y[i]!]! -= 1;
      backward(net, row, p, h, k, hidden, probs, grad, dHidden);
    }
    const rows = end - start;
    t++;
    const lr = (o.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    for (let q = 0; q < size; q++) {
      const g = grad[q]! / rows + o.l2 * w[q]!;
      m[q] = beta1 * m[q]! + (1 - beta1) * g;
      v[q] = beta2 * v[q]! + (1 - beta2) * g * g;
      w[q]! -= (lr * m[q]!) / (Math.sqrt(v[q]!) + eps);
    }
  };
  let batches = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = permutation(fit.n, random);
    for (let start = 0; start < fit.n; start += o.batch) {
      trainBatch(order, start, Math.min(fit.n, start + o.batch));
      if (++batches % BATCHES_PER_STEP === 0) yield;
    }
  }
  let correct = 0;
  for (let i = 0; i < test.n; i++) {
    rowOf(test.x, i, row);
    forward(net, row, p, h, k, hidden, probs);
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[c]! > probs[best]!) best = c;
    if (best === test.y[i]) correct++;
  }
  return correct / test.n;
}

/** Accuracy on `test` of always answering the most common class of `fit` (ties: the lowest). */
export function majorityAccuracy(fit: Int32Array, test: Int32Array, classes: number): number {
  const counts = new Int32Array(classes);
  for (const label of fit) counts[label]!++;
  let top = 0;
  for (let c = 1; c < classes; c++) if (counts[c]! > counts[top]!) top = c;
  let hits = 0;
  for (const label of test) if (label === top) hits++;
  return test.length > 0 ? hits / test.length : NaN;
}
