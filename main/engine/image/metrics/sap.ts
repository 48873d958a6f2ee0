/**
 * SAP score (Kumar et al. 2018), following disentanglement_lib's sap_score.py with
 * continuous_factors=False: a score matrix [d x f] of the test accuracy of a classifier that
 * predicts factor j from code dimension k alone (fit on a train split), then the mean over
 * factors of the gap between the best and second best code dimension.
 *
 * Deviations from disentanglement_lib:
 * - Classifier. disentanglement_lib fits sklearn LinearSVC(C=0.01, class_weight="balanced") per
 *   (code dim, factor). For one scalar feature any linear multi-class rule argmax_c (w_c x + b_c)
 *   assigns each class one interval of the line. We use the nearest-class-mean rule, which is such
 *   a linear rule (argmax_c m_c x - m_c^2 / 2) with class means weighted equally, as "balanced"
 *   weighting does; it is closed-form and cheap, but not the strongly regularised SVM, so scores
 *   can differ from disentanglement_lib's (usually higher: the SVM with C=0.01 often collapses
 *   several classes).
 * - Samples. disentanglement_lib draws separate train (10,000) and test (5,000) sets; here one set
 *   of samples is split at random (seeded) with trainFraction (default 2/3, the same ratio).
 * - Constant factors are left out of the mean (listed in `skippedFactors`); disentanglement_lib
 *   would count them with gap 0.
 */
import { factorNamesOrDefault, topTwo } from './mig';
import { intColumn } from './mutual-info';
import { mulberry32, permutation } from '../../core/seeded-rng';

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

export interface SapOptions {
  factorNames?: string[];
  /** Fraction of the samples used to fit the classifiers; the rest is the test split. */
  trainFraction?: number;
  /** Seed for the train/test split. */
  seed?: number;
}

/**
 * Test accuracy of the nearest-class-mean classifier on one scalar feature.
 * Classes are sorted by their train mean; a test value goes to the class whose mean is nearest,
 * i.e. to the interval between midpoints of neighbouring means (found by binary search).
 */
export function nearestMeanAccuracy(trainX: Float64Array, trainY: Int32Array, testX: Float64Array, testY: Int32Array): number {
  const sums = new Map<number, { sum: number; count: number }>();
  for (let i = 0; i < trainX.length; i++) {
    const entry = sums.get(trainY[i]!) ?? { sum: 0, count: 0 };
    entry.sum += trainX[i]!;
    entry.count += 1;
    sums.set(trainY[i]!, entry);
  }
  const classes = [...sums.entries()].map(([label, { sum, count }]) => ({ label, mean: sum / count }));
  classes.sort((p, q) => p.mean - q.mean || p.label - q.label);
  if (classes.length === 0 || testX.length === 0) return 0;
  const k = classes.length;
  const midpoints = new Float64Array(k - 1);
  for (let c = 0; c + 1 < k; c++) midpoints[c] = (classes[c]!.mean + classes[c + 1]!.mean) / 2;
  let correct = 0;
  for (let i = 0; i < testX.length; i++) {
    const x = testX[i]!;
    // Number of midpoints strictly below x = index of the predicted class.
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (midpoints[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (classes[lo]!.label === testY[i]) correct++;
  }
  return correct / testX.length;
}

/** SAP of mean codes (row-major [n x d]) against discrete factors (row-major [n x f]). */
export function computeSap(codes: Float32Array, n: number, d: number, factors: Int32Array, f: number, options: SapOptions = {}): SapResult {
  if (codes.length !== n * d) throw new RangeError(`codes has ${codes.length} values, expected ${n} x ${d}`);
  if (factors.length !== n * f) throw new RangeError(`factors has ${factors.length} values, expected ${n} x ${f}`);
  if (d < 1 || f < 1) throw new RangeError('need at least one code dimension and one factor');
  const names = factorNamesOrDefault(f, options.factorNames);
  const trainFraction = options.trainFraction ?? 2 / 3;
  const trainSize = Math.round(n * trainFraction);
  const testSize = n - trainSize;
  if (trainSize < 1 || testSize < 1) throw new RangeError(`trainFraction ${trainFraction} leaves an empty split of ${n} samples`);
  const order = permutation(n, mulberry32(options.seed ?? 0));

  const split = (column: ArrayLike<number>, from: number, count: number, out: Float64Array | Int32Array): void => {
    for (let i = 0; i < count; i++) out[i] = column[order[from + i]!]!;
  };
  const factorTrain: Int32Array[] = [];
  const factorTest: Int32Array[] = [];
  const constant: boolean[] = [];
  for (let j = 0; j < f; j++) {
    const column = intColumn(factors, n, f, j);
    constant.push(column.every((v) => v === column[0]));
    const train = new Int32Array(trainSize);
    const test = new Int32Array(testSize);
    split(column, 0, trainSize, train);
    split(column, trainSize, testSize, test);
    factorTrain.push(train);
    factorTest.push(test);
  }

  const scoreMatrix = new Float64Array(d * f);
  const codeColumn = new Float64Array(n);
  const codeTrain = new Float64Array(trainSize);
  const codeTest = new Float64Array(testSize);
  for (let k = 0; k < d; k++) {
    for (let i = 0; i < n; i++) codeColumn[i] = codes[i * d + k]!;
    split(codeColumn, 0, trainSize, codeTrain);
    split(codeColumn, trainSize, testSize, codeTest);
    for (let j = 0; j < f; j++) {
      scoreMatrix[k * f + j] = nearestMeanAccuracy(codeTrain, factorTrain[j]!, codeTest, factorTest[j]!);
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
  return { sap, perFactor, skippedFactors, scoreMatrix, trainSize, testSize };
}
