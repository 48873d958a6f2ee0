import * as tf from '@tensorflow/tfjs-core';
import type { TabularModelConfig } from '../../../../shared/tabular-config';
import { totalCorrelationMws } from '../../core/losses/beta-tcvae';
import { logSumExp } from '../../core/losses/log-sum-exp';
import { klStandardNormal } from '../../core/losses/terms';
import type { LossTerms } from '../../core/losses/terms';
import { reparameterize } from '../../core/nn/reparameterize';
import type { Params } from '../../core/nn/params';
import { stepSeed } from '../../core/seeds';
import { tidyStep, update, type StepResult } from '../../core/train-step';
import type { TabularMsVae } from './model';

export type TabularStep = (x: tf.Tensor2D, step: number) => StepResult;

const halfLog2Pi = 0.5 * Math.log(2 * Math.PI);

/** Stage 1's per-row terms: recon NLL over the encoded row and KL, with c sampled from q(c|x). */
function stage1ReconKl(model: TabularMsVae, x: tf.Tensor2D, seed: number) {
  const { mu, logvar } = model.encode(x);
  const c = reparameterize(mu, logvar, seed);
  return { mu, logvar, c, recon: model.layout.reconNll(model.decodeRaw(c), x), kl: klStandardNormal(mu, logvar) };
}

/**
 * Rows the TC estimate is taken over. MWS compares every row with every other ([b, b, latents]),
 * so above this its cost grows with the square of the batch while recon and KL grow linearly;
 * the batch is shuffled, so its first rows are a random minibatch of this size, the size the
 * estimate was tuned at (batch 256).
 */
export const TC_ROWS = 256;

/** Stage 1: recon NLL over the encoded row + KL + (beta - 1) TC (MWS with the training-set size, on at most TC_ROWS rows). */
export function tabularStage1Loss(model: TabularMsVae, config: TabularModelConfig, datasetSize: number, x: tf.Tensor2D, seed: number): LossTerms {
  const { mu, logvar, c, recon, kl } = stage1ReconKl(model, x, seed);
  const m = Math.min(x.shape[0], TC_ROWS);
  const first = (t: tf.Tensor2D) => (m === t.shape[0] ? t : tf.slice(t, [0, 0], [m, t.shape[1]]));
  const tc = totalCorrelationMws(first(c), first(mu), first(logvar), datasetSize);
  return { total: tf.add(tf.add(recon, kl), tf.mul(config.beta - 1, tc)) as tf.Scalar, terms: { recon, kl, tc } };
}

/** The flow's training noise for a table of `rows` training rows (see TabularModelConfig.flowNoise). */
export function flowNoiseFor(setting: TabularModelConfig['flowNoise'], rows: number): number {
  if (setting !== 'auto') return setting;
  return Math.max(0.03, 0.3 * Math.min(1, Math.cbrt(300 / Math.max(1, rows))));
}

/** A stage-2 loss of rows x given stage 1's output y (stage 1 frozen), for a training set of `rows` rows. */
type Stage2Loss = (model: TabularMsVae, x: tf.Tensor2D, y: tf.Tensor2D, seed: number, rows: number) => LossTerms;

/**
 * The stage-2 losses, by config.stage2 (the disentangling-vae registry pattern):
 *   vae:  recon NLL(x | G(y, z)) + KL(q(z | x - y) || N(0, I))
 *   gmm:  NLL of the residual x - y under the mixture given y
 *   flow: NLL of the residual under the coupling flow given y; the residual of a one-hot or a
 *         missing flag is discrete given y, so a little Gaussian noise (dequantisation) keeps
 *         its density finite.
 */
export const tabularStage2Losses: Record<TabularModelConfig['stage2'], Stage2Loss> = {
  vae: (model, x, y, seed) => {
    const { mu, sigma } = model.encodeZ(tf.sub(x, y));
    const z = tf.add(mu, tf.mul(sigma, tf.randomNormal(mu.shape, 0, 1, 'float32', seed))) as tf.Tensor2D;
    const recon = model.layout.reconNll(model.generateRaw(y, z), x);
    const perDim = tf.sub(tf.mul(0.5, tf.add(tf.square(mu), tf.square(sigma))), tf.add(tf.log(sigma), 0.5));
    const kl = tf.div(tf.sum(perDim), x.shape[0]) as tf.Scalar;
    return { total: tf.add(recon, kl) as tf.Scalar, terms: { recon, kl } };
  },
  gmm: (model, x, y) => {
    const r = tf.expandDims(tf.sub(x, y), 1); // [b, 1, w]
    const { logits, means, logSigmas } = model.mixture(y);
    const z = tf.div(tf.sub(r, means), tf.exp(logSigmas));
    const logComponent = tf.sum(tf.neg(tf.add(tf.add(tf.mul(0.5, tf.square(z)), logSigmas), halfLog2Pi)), 2); // [b, K]
    const nll = tf.neg(tf.mean(logSumExp(tf.add(tf.logSoftmax(logits), logComponent), 1))) as tf.Scalar;
    return { total: nll, terms: { nll } };
  },
  flow: (model, x, y, seed, rows) => {
    const flow = model.flow;
    if (!flow) throw new Error('this model has no flow stage 2');
    const r = tf.add(tf.sub(x, y), tf.randomNormal(x.shape, 0, flowNoiseFor(model.config.flowNoise, rows), 'float32', seed)) as tf.Tensor2D;
    const nll = tf.neg(tf.mean(flow.logProb(r, y))) as tf.Scalar;
    return { total: nll, terms: { nll } };
  },
};

/** Stage 1's output for rows x, with c sampled from q(c | x): stage 2's condition. */
function stage1Condition(model: TabularMsVae, x: tf.Tensor2D, seed: number): tf.Tensor2D {
  return tf.tidy(() => model.stage1Output(model.encodeC(x, seed, 'sample')));
}

/** Updates `params` from f's loss; frees everything but the returned terms. */
const trainOn = (optimizer: tf.Optimizer, params: Params, f: () => LossTerms): StepResult => tidyStep(() => update(optimizer, params, f));

export function tabularStage1Step(model: TabularMsVae, config: TabularModelConfig, datasetSize: number, opt: tf.Optimizer): TabularStep {
  return (x, step) => trainOn(opt, model.stage1, () => tabularStage1Loss(model, config, datasetSize, x, stepSeed(config.seed, step, 1)));
}

export function tabularStage2Step(model: TabularMsVae, config: TabularModelConfig, datasetSize: number, opt: tf.Optimizer): TabularStep {
  const loss = tabularStage2Losses[config.stage2];
  return (x, step) => {
    const y = stage1Condition(model, x, stepSeed(config.seed, step, 2));
    try {
      return trainOn(opt, model.stage2, () => loss(model, x, y, stepSeed(config.seed, step, 3), datasetSize));
    } finally {
      y.dispose();
    }
  };
}

/**
 * A stage's loss on held-out rows, with fixed noise so successive checks are comparable (early
 * stopping). Stage 1 is judged by recon + KL (the TC estimate is a minibatch statistic).
 */
export async function tabularValidationLoss(model: TabularMsVae, config: TabularModelConfig, stage: 1 | 2, x: tf.Tensor2D, seed: number, datasetSize: number): Promise<number> {
  const loss = tf.tidy(() => {
    if (stage === 1) {
      // No TC: its estimate is quadratic in the rows, and a big table's validation set is large.
      const { recon, kl } = stage1ReconKl(model, x, seed);
      return tf.add(recon, kl);
    }
    const y = model.stage1Output(model.encodeC(x, seed + 1, 'sample'));
    return tabularStage2Losses[config.stage2](model, x, y, seed + 2, datasetSize).total;
  });
  try {
    return (await loss.data())[0]!;
  } finally {
    loss.dispose();
  }
}

export function createTabularOptimizers(config: TabularModelConfig): Record<string, tf.Optimizer> {
  return { stage1: tf.train.adam(config.lr), stage2: tf.train.adam(config.stage2Lr) };
}
