/**
 * Which known labels the codes carry (the MS-VAE paper's Fig. 5): for each label, a linear
 * classifier (./code-classifier.ts) predicts it from C (stage-1 mean codes), from Z (stage-2
 * residual code means) and from C and Z side by side. The rows are the evaluated held-out images
 * in their seeded random order; the first half fits, the second half is scored, so every
 * accuracy is on images the classifier never saw. Labels are used at their own discrete values
 * (dSprites' factor indices, as disentanglement_lib keeps them; MNIST's digit), so nothing is
 * binned here. Chance is the majority-class accuracy beside each.
 */
import type { InterpretabilityScores } from '../../../../shared/image-evaluation';
import { runToEnd, type Steps } from '../../core/steps';
import { classifierAccuracySteps, majorityAccuracy, type ClassifierOptions } from './code-classifier';
import { intColumn } from './mutual-info';

/** The most rows fit on (and scored): enough for a stable accuracy, small enough to stay seconds. */
export const INTERPRETABILITY_MAX_FIT = 5_000;

export interface CodeSet {
  /** Row-major [n x dims]. */
  readonly values: Float32Array;
  readonly dims: number;
}

export interface InterpretabilityInput {
  readonly n: number;
  readonly c: CodeSet;
  /** null until stage 2 has trained. */
  readonly z: CodeSet | null;
  /** Row-major [n x labels.length]. */
  readonly labelValues: Int32Array;
  readonly labels: readonly { readonly name: string; readonly values: number }[];
  readonly split: string;
}

const rows = (set: CodeSet, from: number, count: number) => set.values.subarray(from * set.dims, (from + count) * set.dims);

/** C and Z of each row side by side: [n x (dc + dz)]. */
function sideBySide(c: CodeSet, z: CodeSet, n: number): CodeSet {
  const dims = c.dims + z.dims;
  const values = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    values.set(c.values.subarray(i * c.dims, (i + 1) * c.dims), i * dims);
    values.set(z.values.subarray(i * z.dims, (i + 1) * z.dims), i * dims + c.dims);
  }
  return { values, dims };
}

const round = (v: number) => Number(v.toFixed(4));

export function interpretabilityScores(input: InterpretabilityInput, options: ClassifierOptions = {}): InterpretabilityScores {
  return runToEnd(interpretabilitySteps(input, options));
}

/** interpretabilityScores as steps (core/steps.ts): up to 3 classifiers per label, each seconds of work. */
export function* interpretabilitySteps(input: InterpretabilityInput, options: ClassifierOptions = {}): Steps<InterpretabilityScores> {
  const { n, c, z, labels } = input;
  if (n < 2) throw new RangeError(`interpretability needs at least 2 images, got ${n}`);
  const fitN = Math.min(INTERPRETABILITY_MAX_FIT, Math.floor(n / 2));
  const testN = Math.min(fitN, n - fitN);
  const cz = z ? sideBySide(c, z, n) : null;
  const f = labels.length;
  const scored: InterpretabilityScores['labels'][number][] = [];
  for (const [j, label] of labels.entries()) {
    const y = intColumn(input.labelValues, n, f, j);
    const fitY = y.subarray(0, fitN);
    const testY = y.subarray(fitN, fitN + testN);
    const accuracy = function* (set: CodeSet | null): Steps<number | null> {
      if (!set) return null;
      return round(yield* classifierAccuracySteps({ x: rows(set, 0, fitN), y: fitY, n: fitN }, { x: rows(set, fitN, testN), y: testY, n: testN }, set.dims, label.values, options));
    };
    // In the order the object literal evaluated them before: chance, c, z, cz.
    const chance = round(majorityAccuracy(fitY, testY, label.values));
    const onC = (yield* accuracy(c))!;
    const onZ = yield* accuracy(z);
    const onCz = yield* accuracy(cz);
    scored.push({ name: label.name, classes: label.values, chance, c: onC, z: onZ, cz: onCz });
  }
  return { n: testN, split: input.split, labels: scored };
}
