/**
 * SAP score (Kumar et al. 2018) exactly as disentanglement_lib's sap_score.py computes it with
 * continuous_factors=False: for each code dimension i and factor j, fit
 * LinearSVC(C=0.01, class_weight='balanced') on the single feature z_i of the TRAIN samples to
 * predict factor j, and score its accuracy on separate TEST samples (disentanglement_lib draws
 * num_train = 10,000 and num_test = 5,000); SAP = mean over factors of (best - second best)
 * accuracy over code dimensions (`_compute_avg_diff_top_two`). The SVM is ./linear-svc.ts.
 *
 * Deviation: a factor constant over the train samples makes sklearn raise (one class); such
 * factors are left out of the mean and listed in `skippedFactors`.
 */
import { factorNamesOrDefault, topTwo } from './mig';
import { intColumn } from './mutual-info';
import { fitLinearSvcSteps, linearSvcAccuracy } from './linear-svc';
import { runToEnd, type Steps } from '../../core/steps';

/** disentanglement_lib's sap_score settings. */
export const SAP_C = 0.01;
export const SAP_TRAIN = 10_000;
export const SAP_TEST = 5_000;

export interface FactorSap {
  name: string;
  /** Accuracy of the best code dimension minus that of the second best. */
  sap: number;
  topCode: number;
  /** -1 when the code has one dimension. */
  secondCode: number;
}

export interface SapResult {
  /** Mean over the factors in `perFactor`; NaN when every factor is constant. */
  sap: number;
  perFactor: FactorSap[];
  skippedFactors: string[];
  /** Test accuracy, row-major [d x f] (code dimension by factor). */
  scoreMatrix: Float64Array;
  trainSize: number;
  testSize: number;
}

/** Mean codes (row-major [n x d]) and their discrete factors (row-major [n x f]). */
export interface CodedSamples {
  readonly codes: Float32Array;
  readonly factors: Int32Array;
  readonly n: number;
}

const column = (codes: Float32Array, n: number, d: number, k: number): Float64Array => {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = codes[i * d + k]!;
  return out;
};

export interface SapOptions {
  factorNames?: string[];
  C?: number;
}

/** SAP with classifiers fit on `train` and scored on `test` (separate samples). */
export function computeSap(train: CodedSamples, test: CodedSamples, d: number, f: number, options: SapOptions = {}): SapResult {
  return runToEnd(sapSteps(train, test, d, f, options));
}

/** computeSap as steps (core/steps.ts): d x f SVM fits on 10,000 samples take tens of seconds on 2 cores. */
export function* sapSteps(train: CodedSamples, test: CodedSamples, d: number, f: number, options: SapOptions = {}): Steps<SapResult> {
  for (const s of [train, test]) {
    if (s.codes.length !== s.n * d) throw new RangeError(`codes has ${s.codes.length} values, expected ${s.n} x ${d}`);
    if (s.factors.length !== s.n * f) throw new RangeError(`factors has ${s.factors.length} values, expected ${s.n} x ${f}`);
  }
  if (d < 1 || f < 1) throw new RangeError('need at least one code dimension and one factor');
  if (train.n < 1 || test.n < 1) throw new RangeError(`SAP needs train and test samples, got ${train.n} and ${test.n}`);
  const names = factorNamesOrDefault(f, options.factorNames);
  const trainFactors = Array.from({ length: f }, (_, j) => intColumn(train.factors, train.n, f, j));
  const testFactors = Array.from({ length: f }, (_, j) => intColumn(test.factors, test.n, f, j));
  const constant = trainFactors.map((c) => c.every((v) => v === c[0]));
  const scoreMatrix = new Float64Array(d * f);
  for (let k = 0; k < d; k++) {
    const x = column(train.codes, train.n, d, k);
    const xTest = column(test.codes, test.n, d, k);
    for (let j = 0; j < f; j++) {
      if (constant[j]) continue;
      const model = yield* fitLinearSvcSteps(x, trainFactors[j]!, options.C ?? SAP_C);
      scoreMatrix[k * f + j] = linearSvcAccuracy(model, xTest, testFactors[j]!);
      yield;
    }
  }
  const perFactor: FactorSap[] = [];
  const skippedFactors: string[] = [];
  for (let j = 0; j < f; j++) {
    if (constant[j]) {
      skippedFactors.push(names[j]!);
      continue;
    }
    const [top, second] = topTwo(scoreMatrix, d, f, j);
    const gap = scoreMatrix[top * f + j]! - (second >= 0 ? scoreMatrix[second * f + j]! : 0);
    perFactor.push({ name: names[j]!, sap: gap, topCode: top, secondCode: second });
  }
  const sap = perFactor.length > 0 ? perFactor.reduce((s, p) => s + p.sap, 0) / perFactor.length : NaN;
  return { sap, perFactor, skippedFactors, scoreMatrix, trainSize: train.n, testSize: test.n };
}

/** Rows [from, from + count) of coded samples. */
export function sliceSamples(s: CodedSamples, d: number, f: number, from: number, count: number): CodedSamples {
  return { codes: s.codes.subarray(from * d, (from + count) * d), factors: s.factors.subarray(from * f, (from + count) * f), n: count };
}
