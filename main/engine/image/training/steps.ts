import * as tf from '@tensorflow/tfjs-core';
import type { ImageModelConfig } from '../../../../shared/image-config';
import { betaTcvaeLoss } from '../../core/losses/beta-tcvae';
import { vaeLoss } from '../../core/losses/vae';
import { discriminatorLoss, generatorLoss, stage2VaeLoss } from '../losses/stage2';
import type { ImageMsVae } from '../models/image-ms-vae';
import { reparameterize } from '../../core/nn/reparameterize';
import { tidyStep, update, type StepResult } from '../../core/train-step';
import { stepSeed } from '../../core/seeds';

/**
 * The image model's training steps, one per stage, registered by name (the disentangling-vae
 * pattern): each takes a batch and the step index, updates its parameters, and returns its loss terms.
 */
export type TrainStep = (x: tf.Tensor4D, step: number) => StepResult;

function stage1Step(model: ImageMsVae, config: ImageModelConfig, datasetSize: number, opt: tf.Optimizer): TrainStep {
  return (x, step) =>
    tidyStep(() =>
      update(opt, model.stage1.params, () => {
        const { mu, logvar } = model.stage1.encode(x);
        const c = reparameterize(mu, logvar, stepSeed(config.seed, step, 1));
        const logits = model.stage1.decode(c);
        return betaTcvaeLoss(x, logits, c, mu, logvar, { beta: config.beta, datasetSize, likelihood: config.likelihood });
      }),
    );
}

/** Big-VAE's one stage: the same encoder and decoder as stage 1, trained on the plain ELBO (no TC term). */
function plainVaeStep(model: ImageMsVae, config: ImageModelConfig, opt: tf.Optimizer): TrainStep {
  return (x, step) =>
    tidyStep(() =>
      update(opt, model.stage1.params, () => {
        const { mu, logvar } = model.stage1.encode(x);
        const c = reparameterize(mu, logvar, stepSeed(config.seed, step, 1));
        return vaeLoss(x, model.stage1.decode(c), mu, logvar, config.likelihood);
      }),
    );
}

/** Stage 1 is frozen in stage 2: y is computed outside the tape and never updated. */
function frozenY(model: ImageMsVae, x: tf.Tensor4D, seed: number): tf.Tensor4D {
  return model.stage1Output(model.encodeC(x, seed));
}

function stage2VaeStep(model: ImageMsVae, config: ImageModelConfig, opt: tf.Optimizer): TrainStep {
  return (x, step) =>
    tidyStep(() => {
      const y = frozenY(model, x, stepSeed(config.seed, step, 2));
      return update(opt, model.stage2Params, () => {
        const { mu, sigma } = model.encoder2.encode(tf.sub(x, y));
        const z = tf.add(mu, tf.mul(sigma, tf.randomNormal(mu.shape, 0, 1, 'float32', stepSeed(config.seed, step, 3)))) as tf.Tensor2D;
        return stage2VaeLoss(x, model.generator.apply(y, z), mu, sigma, config.likelihood);
      });
    });
}

/** MS-GAN: one discriminator update, then one generator update, on the same batch. */
function stage2GanStep(model: ImageMsVae, config: ImageModelConfig, genOpt: tf.Optimizer, discOpt: tf.Optimizer): TrainStep {
  const disc = model.discriminator;
  const discParams = model.discParams;
  if (!disc || !discParams) throw new Error('MS-GAN needs a discriminator');
  return (x, step) =>
    tidyStep(() => {
      const y = frozenY(model, x, stepSeed(config.seed, step, 2));
      const zShape: [number, number] = [x.shape[0], config.zDim];
      const fake = tf.sigmoid(model.generator.apply(y, tf.randomNormal(zShape, 0, 1, 'float32', stepSeed(config.seed, step, 4)) as tf.Tensor2D));
      const d = update(discOpt, discParams, () => discriminatorLoss(disc.apply(x, y), disc.apply(fake, y)));
      const g = update(genOpt, model.stage2Params, () => {
        const z = tf.randomNormal(zShape, 0, 1, 'float32', stepSeed(config.seed, step, 5)) as tf.Tensor2D;
        return generatorLoss(disc.apply(tf.sigmoid(model.generator.apply(y, z)), y));
      });
      const values = tf.keep(tf.concat([g.values, tf.slice(d.values, [1], [-1])]) as tf.Tensor1D);
      tf.dispose([d.values, g.values]);
      return { values, names: [...g.names, ...d.names.slice(1)] };
    });
}

/** Adam per stage, as METHOD.md sets it: lr 1e-4 for stage 1; MS-GAN uses beta1 0.5. */
/** The stage-1 step a config trains: the plain ELBO for Big-VAE, beta-TCVAE for the rest. */
export function stage1StepName(config: ImageModelConfig): 'stage1/vae' | 'stage1/beta-tcvae' {
  return config.variant === 'big-vae' ? 'stage1/vae' : 'stage1/beta-tcvae';
}

export function createOptimizers(config: ImageModelConfig): Record<string, tf.Optimizer> {
  const optimizers: Record<string, tf.Optimizer> = {
    stage1: tf.train.adam(config.lr),
    stage2: config.stage2 === 'gan' ? tf.train.adam(config.stage2Lr, 0.5, 0.999) : tf.train.adam(config.stage2Lr),
  };
  if (config.stage2 === 'gan') optimizers['disc'] = tf.train.adam(config.stage2Lr, 0.5, 0.999);
  return optimizers;
}

export const stepRegistry = {
  'stage1/beta-tcvae': (m: ImageMsVae, c: ImageModelConfig, n: number, o: Record<string, tf.Optimizer>) => stage1Step(m, c, n, req(o, 'stage1')),
  'stage1/vae': (m: ImageMsVae, c: ImageModelConfig, _n: number, o: Record<string, tf.Optimizer>) => plainVaeStep(m, c, req(o, 'stage1')),
  'stage2/vae': (m: ImageMsVae, c: ImageModelConfig, _n: number, o: Record<string, tf.Optimizer>) => stage2VaeStep(m, c, req(o, 'stage2')),
  'stage2/gan': (m: ImageMsVae, c: ImageModelConfig, _n: number, o: Record<string, tf.Optimizer>) =>
    stage2GanStep(m, c, req(o, 'stage2'), req(o, 'disc')),
} as const;

function req(o: Record<string, tf.Optimizer>, name: string): tf.Optimizer {
  const opt = o[name];
  if (!opt) throw new Error(`no optimizer ${name}`);
  return opt;
}
