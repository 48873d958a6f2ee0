/**
 * sklearn's LinearSVC(C, class_weight='balanced') on ONE scalar feature, as SAP needs it
 * (disentanglement_lib evaluation/metrics/sap_score.py). LinearSVC is liblinear with
 * penalty='l2', loss='squared_hinge', fit_intercept=True, intercept_scaling=1, multi_class='ovr':
 *
 *   min_{w,b} 1/2 (w^2 + b^2) + sum_i C_i max(0, 1 - y_i (w x_i + b))^2
 *
 * The bias is an extra feature of value 1 and is regularised like w (liblinear's "bias" term).
 * Per-sample costs follow liblinear's train(): class weights c_k = n / (K n_k) ('balanced');
 * - two classes: one problem, positive = the larger label, C_i = C c_{y_i} on both sides;
 * - K > 2: one-vs-rest; problem k has C_i = C c_k for class k and the plain C for the rest
 *   (train_one(&sub_prob, param, w, weighted_C[i], param->C) in sklearn's linear.cpp).
 * Prediction: argmax_k (w_k x + b_k), ties to the smaller label (np.argmax over sorted classes_);
 * binary: the larger label when w x + b > 0.
 *
 * Solver: the problem is 2-D, strictly convex and piecewise quadratic, so we solve it exactly by
 * generalised Newton with backtracking (Keerthi & DeCoste 2005; liblinear's primal solver for
 * this loss is the same Newton idea with a trust region). liblinear stops at tol = 1e-4, so
 * sklearn's weights differ from these in late digits and only test points within that distance
 * of a decision boundary can be classified differently.
 */
import { runToEnd, type Steps } from '../../core/steps';

export interface BinarySvm {
  readonly w: number;
  readonly b: number;
}

/** Objective of the binary problem; y in {+1, -1}, cost[i] the per-sample C. */
export function svmObjective(x: ArrayLike<number>, y: Int8Array, cost: Float64Array, w: number, b: number): number {
  let loss = 0;
  for (let i = 0; i < x.length; i++) {
    const m = 1 - y[i]! * (w * x[i]! + b);
    if (m > 0) loss += cost[i]! * m * m;
  }
  return 0.5 * (w * w + b * b) + loss;
}

/** Gradient of the objective (for the Newton step and for optimality checks in tests). */
export function svmGradient(x: ArrayLike<number>, y: Int8Array, cost: Float64Array, w: number, b: number): [number, number] {
  let gw = w;
  let gb = b;
  for (let i = 0; i < x.length; i++) {
    const m = 1 - y[i]! * (w * x[i]! + b);
    if (m > 0) {
      const s = 2 * cost[i]! * m * y[i]!;
      gw -= s * x[i]!;
      gb -= s;
    }
  }
  return [gw, gb];
}

/** Exact minimiser of the binary L2-regularised squared-hinge problem with a regularised bias. */
export function fitBinarySvm(x: ArrayLike<number>, y: Int8Array, cost: Float64Array): BinarySvm {
  let w = 0;
  let b = 0;
  let f = svmObjective(x, y, cost, w, b);
  for (let iter = 0; iter < 200; iter++) {
    // Generalised Hessian I + 2 sum_active C_i [x^2 x; x 1], and the gradient, in one pass.
    let hww = 1;
    let hwb = 0;
    let hbb = 1;
    let gw = w;
    let gb = b;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      const m = 1 - y[i]! * (w * xi + b);
      if (m <= 0) continue;
      const c2 = 2 * cost[i]!;
      hww += c2 * xi * xi;
      hwb += c2 * xi;
      hbb += c2;
      gw -= c2 * m * y[i]! * xi;
      gb -= c2 * m * y[i]!;
    }
    if (Math.hypot(gw, gb) <= 1e-12 * (1 + Math.abs(f))) break;
    const det = hww * hbb - hwb * hwb;
    const dw = -(hbb * gw - hwb * gb) / det;
    const db = -(hww * gb - hwb * gw) / det;
    const slope = gw * dw + gb * db;
    let t = 1;
    let next = svmObjective(x, y, cost, w + dw, b + db);
    while (next > f + 1e-4 * t * slope && t > 1e-12) {
      t /= 2;
      next = svmObjective(x, y, cost, w + t * dw, b + t * db);
    }
    if (!(next < f)) break; // no further decrease in float64: at the minimum
    w += t * dw;
    b += t * db;
    f = next;
  }
  return { w, b };
}

export interface LinearSvc1D {
  /** Sorted distinct training labels (sklearn's classes_). */
  readonly classes: Int32Array;
  /** One (w, b) per class for K > 2; a single one (positive = classes[1]) for K = 2; none for K = 1. */
  readonly models: readonly BinarySvm[];
}

/**
 * Fit LinearSVC(C, class_weight='balanced') on feature x (one value per sample) and labels, as
 * steps (core/steps.ts): a pause point after each binary problem (one-vs-rest fits 32 of them on
 * 10,000 samples for dSprites' positions).
 */
export function* fitLinearSvcSteps(x: ArrayLike<number>, labels: Int32Array, C = 0.01): Steps<LinearSvc1D> {
  const n = labels.length;
  if (x.length !== n) throw new RangeError(`${x.length} feature values for ${n} labels`);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(labels[i]!, (counts.get(labels[i]!) ?? 0) + 1);
  const classes = Int32Array.from([...counts.keys()].sort((p, q) => p - q));
  const k = classes.length;
  // sklearn compute_class_weight('balanced'): n_samples / (n_classes * bincount(y)).
  const weight = new Map<number, number>();
  for (const label of classes) weight.set(label, n / (k * counts.get(label)!));
  if (k < 2) return { classes, models: [] };
  const y = new Int8Array(n);
  const cost = new Float64Array(n);
  const problem = (positive: number, negativeCost: (label: number) => number): BinarySvm => {
    for (let i = 0; i < n; i++) {
      const isPositive = labels[i] === positive;
      y[i] = isPositive ? 1 : -1;
      cost[i] = isPositive ? C * weight.get(positive)! : negativeCost(labels[i]!);
    }
    return fitBinarySvm(x, y, cost);
  };
  if (k === 2) return { classes, models: [problem(classes[1]!, (label) => C * weight.get(label)!)] };
  const models: BinarySvm[] = [];
  for (const label of classes) {
    models.push(problem(label, () => C));
    yield;
  }
  return { classes, models };
}

/** fitLinearSvcSteps run to the end at once. */
export function fitLinearSvc(x: ArrayLike<number>, labels: Int32Array, C = 0.01): LinearSvc1D {
  return runToEnd(fitLinearSvcSteps(x, labels, C));
}

/** Predicted label for one feature value. */
export function predictLinearSvc(model: LinearSvc1D, value: number): number {
  const { classes, models } = model;
  if (models.length === 0) return classes[0] ?? 0;
  if (classes.length === 2) {
    const m = models[0]!;
    return m.w * value + m.b > 0 ? classes[1]! : classes[0]!;
  }
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < models.length; c++) {
    const score = models[c]!.w * value + models[c]!.b;
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return classes[best]!;
}

/** Share of test samples predicted right (sklearn: np.mean(pred == y_test)). */
export function linearSvcAccuracy(model: LinearSvc1D, testX: ArrayLike<number>, testY: Int32Array): number {
  if (testY.length === 0) return 0;
  let correct = 0;
  for (let i = 0; i < testY.length; i++) if (predictLinearSvc(model, testX[i]!) === testY[i]) correct++;
  return correct / testY.length;
}
