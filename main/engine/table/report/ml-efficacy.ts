/**
 * ML efficacy ("train on synthetic, test on real", SDMetrics' ML Efficacy metrics such as
 * MulticlassLogisticRegression / LinearRegression): fit the same simple model once on the real
 * training rows and once on the synthetic rows, score both on the real hold-out, and compare.
 *
 * - Classification (categorical / boolean target): multinomial logistic regression (ml-models.ts)
 *   on standardised numeric + one-hot categorical features (ml-features.ts). Metric: macro-F1 as
 *   in sklearn's f1_score(average='macro'): the unweighted mean of per-class F1 over the union of
 *   true and predicted hold-out labels, F1 = 0 where precision + recall = 0. Accuracy is also given.
 * - Regression (integer / float / datetime target): ridge regression (lambda = 1 on standardised
 *   features, closed form). Metric: R^2 = 1 - SS_res / SS_tot on the hold-out (can be negative).
 *
 * Several synthetic samples (independent draws of the same size from the same model) may be given:
 * the synthetic-trained model is fitted on each and its scores are averaged. One draw of a few
 * hundred rows moved the ratio by +-0.07 (sd) on cars at a fixed model, as much as the gap to any
 * target; the mean over 5 draws keeps what the model does, not the luck of its sample.
 *
 * ratio = mean synthetic / real, guarded: when real <= 0 (the model trained on real data is no better
 * than predicting nothing useful) the ratio is null with a note; a negative synthetic score counts
 * as 0, so the ratio is never negative. It can exceed 1 (synthetic trained a better model). A
 * trivial baseline (majority class / training mean, fitted on the real training rows) is reported
 * too, and when the real model beats it by less than 0.02 a note says the ratio says little.
 * No synthetic rows with the target present: the synthetic model predicts nothing (score 0 / R^2 0).
 *
 * Default target when none is given: the last categorical/boolean feature column, else the last
 * integer/float column, else the last datetime column; the result says which and why.
 * Rows whose target is missing are dropped from training and testing. Both models see the same
 * number of training rows, train_size = min(real rows, every draw's rows, `maxTrainRows` 5,000),
 * each set subsampled with the seed: a model trained on 10x more real rows than synthetic ones
 * would make the ratio measure the sample size, not the synthetic data. A hold-out above
 * `maxTestRows` (20,000) is subsampled with the seed.
 * The gradient-descent steps shrink (never below 50) when rows x width x classes is large, so the
 * report stays fast on wide tables; the number used is reported.
 */
import type { CellValue, ColumnType } from '../../../../shared/tabular-schema';
import { asDraws, capRows, categoryCell, isNumericType, numericCell, type FeatureTable } from './common';
import { fitFeatureEncoder } from './ml-features';
import { runToEnd, type Steps } from '../../core/steps';
import { fitRidge, fitSoftmaxSteps, predictLinear, predictSoftmax } from './ml-models';
import type { MlEfficacyResult, MlEfficacySkipped } from '../../../../shared/table-report';

// The report's shapes are declared in shared/ (they cross the process boundary as the job's output).
export type { MlEfficacyResult, MlEfficacySkipped };

type Row = readonly CellValue[];

export interface MlEfficacyOptions {
  readonly target?: string;
  readonly seed?: number;
  readonly maxTrainRows?: number;
  readonly maxTestRows?: number;
}

/** The target column index and why it was chosen; null with no feature columns. */
export function chooseTarget(table: FeatureTable, target?: string): { index: number; choice: string } | null {
  const cols = table.columns;
  if (target !== undefined) {
    const index = cols.findIndex((c) => c.name === target);
    if (index < 0) throw new Error(`ML efficacy target "${target}" is not a feature column`);
    return { index, choice: 'given' };
  }
  const last = (pred: (t: ColumnType) => boolean): number => {
    for (let j = cols.length - 1; j >= 0; j--) if (pred(cols[j]!.type)) return j;
    return -1;
  };
  const rules: [string, (t: ColumnType) => boolean][] = [
    ['default: the last categorical or boolean feature column', (t) => t === 'categorical' || t === 'boolean'],
    ['default: the last integer or float feature column (no categorical column)', (t) => t === 'integer' || t === 'float'],
    ['default: the last datetime feature column (no categorical or numeric column)', (t) => t === 'datetime'],
  ];
  for (const [choice, pred] of rules) {
    const index = last(pred);
    if (index >= 0) return { index, choice };
  }
  return null;
}

/** sklearn-style macro-F1 over the union of true and predicted labels. */
export function macroF1(truth: readonly string[], predicted: readonly string[]): number {
  const labels = new Set([...truth, ...predicted]);
  if (labels.size === 0) return 0;
  let sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      const t = truth[i] === label;
      const p = predicted[i] === label;
      if (t && p) tp++;
      else if (p) fp++;
      else if (t) fn++;
    }
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    sum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return sum / labels.size;
}

export function accuracy(truth: readonly string[], predicted: readonly string[]): number {
  if (truth.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) ok++;
  return ok / truth.length;
}

/** R^2 = 1 - SS_res / SS_tot; null when the truth is constant (SS_tot = 0) or empty. */
export function rSquared(truth: ArrayLike<number>, predicted: ArrayLike<number>): number | null {
  const n = truth.length;
  if (n === 0) return null;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += truth[i]!;
  mean /= n;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < n; i++) {
    res += (truth[i]! - predicted[i]!) ** 2;
    tot += (truth[i]! - mean) ** 2;
  }
  return tot > 0 ? 1 - res / tot : null;
}

function ratioOf(real: number, synthetic: number, baseline: number): { ratio: number | null; note?: string } {
  if (!(real > 0)) return { ratio: null, note: `undefined: the model trained on real rows scores ${real} (<= 0), so there is no real performance to preserve` };
  const ratio = Math.max(0, synthetic) / real;
  if (real - baseline < 0.02) return { ratio, note: 'the model trained on real rows is no better than the trivial baseline: the target is hardly predictable and the ratio says little' };
  return { ratio };
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Scores ML efficacy; `real`, every synthetic draw and `holdout` are aligned to the same feature
 * columns. `synthetic` is one synthetic table or several draws (scores averaged over them).
 */
export function mlEfficacy(real: FeatureTable, synthetic: FeatureTable | readonly FeatureTable[], holdout: FeatureTable, options: MlEfficacyOptions = {}): MlEfficacyResult | MlEfficacySkipped {
  return runToEnd(mlEfficacySteps(real, synthetic, holdout, options));
}

/** mlEfficacy as steps (core/steps.ts): a pause point after each model fit and each gradient step within one. */
export function* mlEfficacySteps(real: FeatureTable, synthetic: FeatureTable | readonly FeatureTable[], holdout: FeatureTable, options: MlEfficacyOptions = {}): Steps<MlEfficacyResult | MlEfficacySkipped> {
  const draws = asDraws(synthetic);
  const seed = options.seed ?? 0;
  const chosen = chooseTarget(real, options.target);
  if (!chosen) return { status: 'skipped', reason: 'no feature columns' };
  const t = chosen.index;
  const targetCol = real.columns[t]!;
  const regression = isNumericType(targetCol.type);
  const hasTarget = (row: Row): boolean => (regression ? numericCell(row[t]) !== null : categoryCell(row[t]) !== null);

  const realPresent = real.rows.filter(hasTarget);
  const drawsPresent = draws.map((d) => d.rows.filter(hasTarget));
  // A draw without target values scores 0 (below) and does not shrink the others' size.
  const trainSize = Math.min(options.maxTrainRows ?? 5000, realPresent.length, ...drawsPresent.map((d) => d.length).filter((n) => n > 0));
  const realRows = capRows(realPresent, trainSize, seed + 11);
  const synthDraws = drawsPresent.map((d, k) => capRows(d, trainSize, seed + 12 + 101 * k));
  const testRows = capRows(holdout.rows.filter(hasTarget), options.maxTestRows ?? 20000, seed + 13);
  if (testRows.rows.length === 0) return { status: 'skipped', reason: 'the hold-out has no rows with the target present', target: targetCol.name };
  if (realRows.rows.length === 0) return { status: 'skipped', reason: 'the real training rows have no target values', target: targetCol.name };

  const predictors = real.columns.map((_, j) => j).filter((j) => j !== t);
  const common = {
    target: targetCol.name,
    target_type: targetCol.type,
    target_choice: chosen.choice,
    features: predictors.map((j) => real.columns[j]!.name),
    rows: { train_size: trainSize, real_train: realRows.rows.length, synthetic_train: synthDraws[0]!.rows.length, holdout_test: testRows.rows.length, synthetic_draws: draws.length },
    sampled: realRows.sampled || synthDraws.some((d) => d.sampled) || testRows.sampled,
  };

  if (regression) {
    const truth = Float64Array.from(testRows.rows, (r) => numericCell(r[t])!);
    const fitScore = (rows: readonly Row[]): number => {
      if (rows.length === 0) return 0;
      const enc = fitFeatureEncoder(real.columns, predictors, rows);
      const x = enc.encode(rows);
      const y = Float64Array.from(rows, (r) => numericCell(r[t])!);
      const model = fitRidge(x, rows.length, enc.dim, y, 1);
      const pred = predictLinear(model, enc.encode(testRows.rows), testRows.rows.length, enc.dim);
      return rSquared(truth, pred) ?? 0;
    };
    const realScore = fitScore(realRows.rows);
    yield;
    const byDraw: number[] = [];
    for (const d of synthDraws) {
      byDraw.push(fitScore(d.rows));
      yield;
    }
    const synthScore = mean(byDraw);
    let trainMean = 0;
    for (const r of realRows.rows) trainMean += numericCell(r[t])!;
    trainMean /= realRows.rows.length;
    const baseline = rSquared(truth, new Float64Array(truth.length).fill(trainMean)) ?? 0;
    const { ratio, note } = ratioOf(realScore, synthScore, baseline);
    return {
      status: 'ok',
      ...common,
      task: 'regression',
      metric: 'r2',
      real: realScore,
      synthetic: synthScore,
      synthetic_by_draw: byDraw,
      ratio,
      ...(note ? { ratio_note: note } : {}),
      baseline,
      model: 'ridge regression (lambda = 1, standardised numeric + one-hot categorical features), closed form by Cholesky',
    };
  }

  const truth = testRows.rows.map((r) => categoryCell(r[t])!);
  let stepsUsed = 0;
  const fitPredict = function* (rows: readonly Row[]): Steps<string[]> {
    if (rows.length === 0) return truth.map(() => '');
    const labels = rows.map((r) => categoryCell(r[t])!);
    const classes = [...new Set(labels)].sort();
    const classIndex = new Map(classes.map((c, k) => [c, k] as const));
    const enc = fitFeatureEncoder(real.columns, predictors, rows);
    const x = enc.encode(rows);
    const y = Int32Array.from(labels, (l) => classIndex.get(l)!);
    // Keep about 3e8 multiply-adds at most: fewer steps for big designs (never below 50).
    const work = 2 * rows.length * Math.max(1, enc.dim) * Math.max(2, classes.length);
    const steps = Math.max(50, Math.min(300, Math.floor(3e8 / work)));
    stepsUsed = Math.max(stepsUsed, steps);
    const model = yield* fitSoftmaxSteps(x, rows.length, enc.dim, y, classes.length, { steps });
    const pred = predictSoftmax(model, enc.encode(testRows.rows), testRows.rows.length, enc.dim);
    return Array.from(pred, (k) => classes[k]!);
  };
  const realPred = yield* fitPredict(realRows.rows);
  const synthPreds: string[][] = [];
  for (const d of synthDraws) synthPreds.push(yield* fitPredict(d.rows));
  const realScore = macroF1(truth, realPred);
  const byDraw = synthPreds.map((p) => macroF1(truth, p));
  const synthScore = mean(byDraw);
  const counts = new Map<string, number>();
  for (const r of realRows.rows) {
    const c = categoryCell(r[t])!;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const majority = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const baseline = macroF1(truth, truth.map(() => majority));
  const { ratio, note } = ratioOf(realScore, synthScore, baseline);
  return {
    status: 'ok',
    ...common,
    task: 'classification',
    metric: 'macro_f1',
    real: realScore,
    synthetic: synthScore,
    synthetic_by_draw: byDraw,
    ratio,
    ...(note ? { ratio_note: note } : {}),
    accuracy: { real: accuracy(truth, realPred), synthetic: mean(synthPreds.map((p) => accuracy(truth, p))) },
    baseline,
    model: `multinomial logistic regression (softmax, ${stepsUsed} full-batch gradient steps with Adam, lr 0.05, l2 1e-4; standardised numeric + one-hot categorical features)`,
  };
}
