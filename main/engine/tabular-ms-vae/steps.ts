import * as tf from '@tensorflow/tfjs-core';
import type { TabularModelConfig } from '../../../shared/tabular-config';
import { totalCorrelationMws } from '../losses/beta-tcvae';
import { logSumExp } from '../losses/log-sum-exp';
import { klStandardNormal } from '../losses/terms';
import type { LossTerms } from '../losses/terms';
import { reparameterize } from '../models/stage1-conv';
import type { Params } from '../nn/params';
import { stepSeed } from '../training/seeds';
import { tidyStep, update, type StepResult } from '../training/steps';
import type { TabularMsVae } from './model';

export type TabularStep = (x: tf.Tensor2D, step: number) => StepResult;

/** Updates `params` from f's loss; frees everything but the returned terms. */
const trainOn = (optimizer: tf.Optimizer, params: Params, f: () => LossTerms): StepResult => tidyStep(() => update(optimizer, params, f));

/** Stage 1: recon NLL over the encoded row + KL + (beta - 1) TC (MWS with the training-set size). */
export function tabularStage1Step(model: TabularMsVae, config: TabularModelConfig, datasetSize: number, opt: tf.Optimizer): TabularStep {
  return (x, step) =>
    trainOn(opt, model.stage1, () => {
      const { mu, logvar } = model.encode(x);
      const c = reparameterize(mu, logvar, stepSeed(config.seed, step, 1));
      const recon = model.layout.reconNll(model.decodeRaw(c), x);
      const kl = klStandardNormal(mu, logvar);
      const tc = totalCorrelationMws(c, mu, logvar, datasetSize);
      return { total: tf.add(tf.add(recon, kl), tf.mul(config.beta - 1, tc)) as tf.Scalar, terms: { recon, kl, tc } };
    });
}

/** Stage 2 conditional VAE: stage 1 frozen; recon NLL(x | G(y, z)) + KL(q(z|x,y) || N(0, I)). */
export function tabularStage2VaeStep(model: TabularMsVae, config: TabularModelConfig, opt: tf.Optimizer): TabularStep {
  return (x, step) => {
    const y = tf.tidy(() => model.stage1Output(model.encodeC(x, stepSeed(config.seed, step, 2), 'sample')));
    try {
      return trainOn(opt, model.stage2, () => {
        const { mu, sigma } = model.encodeZ(tf.sub(x, y));
        const z = tf.add(mu, tf.mul(sigma, tf.randomNormal(mu.shape, 0, 1, 'float32', stepSeed(config.seed, step, 3)))) as tf.Tensor2D;
        const recon = model.layout.reconNll(model.generateRaw(y, z), x);
        const perDim = tf.sub(tf.mul(0.5, tf.add(tf.square(mu), tf.square(sigma))), tf.add(tf.log(sigma), 0.5));
        const kl = tf.div(tf.sum(perDim), x.shape[0]) as tf.Scalar;
        return { total: tf.add(recon, kl) as tf.Scalar, terms: { recon, kl } };
      });
    } finally {
      y.dispose();
    }
  };
}

const halfLog2Pi = 0.5 * Math.log(2 * Math.PI);

/** Stage 2 conditional Gaussian mixture: NLL of the residual x - y under the mixture given y. */
export function tabularStage2GmmStep(model: TabularMsVae, config: TabularModelConfig, opt: tf.Optimizer): TabularStep {
  return (x, step) => {
    const y = tf.tidy(() => model.stage1Output(model.encodeC(x, stepSeed(config.seed, step, 2), 'sample')));
    try {
      return trainOn(opt, model.stage2, () => {
        const r = tf.expandDims(tf.sub(x, y), 1); // [b, 1, w]
        const { logits, means, logSigmas } = model.mixture(y);
        const z = tf.div(tf.sub(r, means), tf.exp(logSigmas));
        const logComponent = tf.sum(tf.neg(tf.add(tf.add(tf.mul(0.5, tf.square(z)), logSigmas), halfLog2Pi)), 2); // [b, K]
        const nll = tf.neg(tf.mean(logSumExp(tf.add(tf.logSoftmax(logits), logComponent), 1))) as tf.Scalar;
        return { total: nll, terms: { nll } };
      });
    } finally {
      y.dispose();
    }
  };
}

export function createTabularOptimizers(config: TabularModelConfig): Record<string, tf.Optimizer> {
  return { stage1: tf.train.adam(config.lr), stage2: tf.train.adam(config.stage2Lr) };
}
