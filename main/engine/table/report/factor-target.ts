/**
 * Which of a table's codes carry its target column (issue 19; the paper's Fig. 5 for tables):
 * the target (the report's ML-efficacy target, ml-efficacy.ts chooseTarget) is predicted from
 * C (stage-1 mean codes), from stage 2's code of the row and from both, by a logistic regression
 * (ml-models.ts fitSoftmax on standardised codes) fit on the first half of the rows and scored on
 * the second. The rows are the hold-out (never trained on); the training rows only when the
 * hold-out has fewer than MIN_ROWS with the target. The target is part of the row the encoder
 * reads, so this says how much of it the codes keep, not whether it can be guessed from the other
 * columns. A numeric target is cut into 5 classes at the fit half's quintiles.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TargetPrediction } from '../../../../shared/models';
import type { Table } from '../../../../shared/tabular-schema';
import type { TrainedTabularRun } from '../model/run-files';
import { categoryCell, featureTable, isNumericType, numericCell } from './common';
import { chooseTarget } from './ml-efficacy';
import type { Steps } from '../../core/steps';
import { fitSoftmaxSteps, predictSoftmax } from './ml-models';

const MIN_ROWS = 40;
const MAX_ROWS = 4000;
const BINS = 5;

/** Codes of the rows: C = mu, and stage 2's code (VAE z mean; flow: the residual's base-space u). */
function codesOf(run: TrainedTabularRun, table: Table): { c: Float32Array; z: Float32Array | null; dc: number; dz: number } {
  const { model, encoder } = run;
  const n = table.rows.length;
  const w = encoder.width;
  const stage2 = run.hasStage2 ? model.config.stage2 : null;
  const tensors = tf.tidy(() => {
    const x = tf.tensor2d(encoder.encode(table), [n, w]);
    const mu = model.encode(x).mu;
    if (stage2 !== 'vae' && stage2 !== 'flow') return [mu];
    const y = model.stage1Output(mu);
    const r = tf.sub(x, y) as tf.Tensor2D;
    return [mu, stage2 === 'vae' ? model.encodeZ(r).mu : model.flow!.forward(r, y).u];
  });
  const [c, z] = tensors.map((t) => t.dataSync() as Float32Array);
  const dz = tensors[1]?.shape[1] ?? 0;
  tf.dispose(tensors);
  return { c: c!, z: z ?? null, dc: model.config.latents, dz };
}

/** Labels 0..k-1 of the target per row (-1 where missing); numeric targets by the fit half's quintiles. */
function targetClasses(values: readonly (string | number | null)[], numeric: boolean, fitN: number): { labels: Int32Array; classes: number } {
  const labels = new Int32Array(values.length).fill(-1);
  if (!numeric) {
    const index = new Map<string, number>();
    values.forEach((v, i) => {
      if (v === null) return;
      const key = String(v);
      if (!index.has(key)) index.set(key, index.size);
      labels[i] = index.get(key)!;
    });
    return { labels, classes: index.size };
  }
  const fit = (values.slice(0, fitN).filter((v) => v !== null) as number[]).sort((a, b) => a - b);
  const edges = Array.from({ length: BINS - 1 }, (_, b) => fit[Math.floor(((b + 1) * fit.length) / BINS)] ?? Infinity);
  values.forEach((v, i) => {
    if (v !== null) labels[i] = edges.filter((e) => (v as number) >= e).length;
  });
  return { labels, classes: BINS };
}

/** Columns `from` of each row, standardised with the fit rows' mean and std, as float64. */
function standardised(sets: readonly (Float32Array | null)[], dims: readonly number[], rows: readonly number[], fitN: number): Float64Array {
  const d = dims.reduce((a, b) => a + b, 0);
  const out = new Float64Array(rows.length * d);
  let offset = 0;
  sets.forEach((set, s) => {
    const dim = dims[s]!;
    if (!set) return;
    rows.forEach((r, i) => {
      for (let k = 0; k < dim; k++) out[i * d + offset + k] = set[r * dim + k]!;
    });
    offset += dim;
  });
  for (let k = 0; k < d; k++) {
    let mean = 0;
    for (let i = 0; i < fitN; i++) mean += out[i * d + k]!;
    mean /= fitN;
    let sq = 0;
    for (let i = 0; i < fitN; i++) sq += (out[i * d + k]! - mean) ** 2;
    const scale = sq > 0 ? 1 / Math.sqrt(sq / fitN) : 1;
    for (let i = 0; i < rows.length; i++) out[i * d + k] = (out[i * d + k]! - mean) * scale;
  }
  return out;
}

function* accuracyFrom(x: Float64Array, d: number, labels: Int32Array, fitN: number, classes: number): Steps<number> {
  const n = labels.length;
  const model = yield* fitSoftmaxSteps(x.subarray(0, fitN * d), fitN, d, labels.subarray(0, fitN), classes);
  const predicted = predictSoftmax(model, x.subarray(fitN * d), n - fitN, d);
  let hits = 0;
  for (let i = fitN; i < n; i++) if (predicted[i - fitN] === labels[i]) hits++;
  return hits / (n - fitN);
}

const round = (v: number) => Number(v.toFixed(4));

/** As steps (core/steps.ts): three softmax fits of up to 300 steps on 2,000 rows, a pause after each step. */
export function* factorTargetPrediction(run: TrainedTabularRun, holdout: Table, train: Table, target?: string): Steps<TargetPrediction | null> {
  const schema = run.manifest.schema;
  const chosen = chooseTarget(featureTable(schema, train, 'training'), target);
  if (!chosen) return null;
  const column = featureTable(schema, train, 'training').columns[chosen.index]!;
  const numeric = isNumericType(column.type);
  const at = train.columns.indexOf(column.name);
  const present = (t: Table) => t.rows.filter((row) => (numeric ? numericCell(row[at]) : categoryCell(row[at])) !== null).slice(0, MAX_ROWS);
  const fromHoldout = present(holdout);
  const split = fromHoldout.length >= MIN_ROWS ? 'holdout' : 'training';
  const rows = split === 'holdout' ? fromHoldout : present(train);
  if (rows.length < MIN_ROWS) return null;
  const table: Table = { columns: train.columns, rows };
  const fitN = Math.floor(rows.length / 2);
  const values = rows.map((row) => (numeric ? numericCell(row[at]) : categoryCell(row[at])));
  const { labels, classes } = targetClasses(values, numeric, fitN);
  if (classes < 2) return null;
  const codes = codesOf(run, table);
  const order = rows.map((_, i) => i);
  const accuracy = function* (sets: (Float32Array | null)[], dims: number[]): Steps<number> {
    const d = dims.reduce((a, b) => a + b, 0);
    return round(yield* accuracyFrom(standardised(sets, dims, order, fitN), d, labels, fitN, classes));
  };
  const counts = new Int32Array(classes);
  for (let i = 0; i < fitN; i++) counts[labels[i]!]!++;
  const top = counts.indexOf(Math.max(...counts));
  let chanceHits = 0;
  for (let i = fitN; i < rows.length; i++) if (labels[i] === top) chanceHits++;
  // In the order the object literal evaluated them before: c, z, cz.
  const onC = yield* accuracy([codes.c], [codes.dc]);
  const onZ = codes.z ? yield* accuracy([codes.z], [codes.dz]) : null;
  const onCz = codes.z ? yield* accuracy([codes.c, codes.z], [codes.dc, codes.dz]) : null;
  return {
    target: column.name,
    classes,
    binned: numeric,
    n: rows.length - fitN,
    split,
    chance: round(chanceHits / (rows.length - fitN)),
    c: onC,
    z: onZ,
    cz: onCz,
  };
}
