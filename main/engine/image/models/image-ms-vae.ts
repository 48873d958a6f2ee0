import * as tf from '@tensorflow/tfjs-core';
import type { ImageModelConfig } from '../../../../shared/image-config';
import { Params } from '../../core/nn/params';
import { reparameterize } from '../../core/nn/reparameterize';
import { Stage1Conv } from './stage1-conv';
import { ZPrior } from './z-prior';
import { stage1Width } from './variants';
import { Stage2Discriminator } from './stage2-discriminator';
import { Stage2Encoder } from './stage2-encoder';
import { Stage2Generator, type Stage2Options } from './stage2-generator';

/**
 * The whole image MS-VAE: stage 1 (beta-TCVAE) and stage 2 (G, its residual encoder, and for
 * MS-GAN the discriminator), each with its own parameter set so stage 1 can be frozen.
 *
 *   stage 1:  x -> c ~ q(c|x) -> y = sigmoid(dec1(c))
 *   stage 2:  (x - y) -> z ~ q(z|x,y);  (y, z) -> x_hat = sigmoid(G(y, z))
 */
/** Parameter sets older checkpoints may lack (saved before the set existed): loaded when present. */
export const OPTIONAL_PARAM_SETS: readonly string[] = ['zprior'];

export class ImageMsVae {
  readonly stage1: Stage1Conv;
  readonly stage2Params: Params;
  readonly generator: Stage2Generator;
  readonly encoder2: Stage2Encoder;
  readonly discParams: Params | null;
  readonly discriminator: Stage2Discriminator | null;
  /** Stage 2's sampling distribution for z (z-prior.ts); fitted after stage-2 steps of an MS-VAE. */
  readonly zPrior: ZPrior;

  constructor(readonly config: ImageModelConfig) {
    // A single-stage baseline keeps an untrained stage 2, so every run loads, evaluates and exports the same way.
    this.stage1 = new Stage1Conv({ size: config.imageSize, channels: config.channels, latents: config.latents, seed: config.seed, width: stage1Width(config) });
    const s2: Stage2Options = { size: config.imageSize, channels: config.channels, zDim: config.zDim, width: config.stage2Width };
    this.stage2Params = new Params(config.seed + 101);
    this.generator = new Stage2Generator(this.stage2Params, s2);
    this.encoder2 = new Stage2Encoder(this.stage2Params, s2);
    this.zPrior = new ZPrior(config.seed + 303, config.zDim);
    if (config.stage2 === 'gan') {
      this.discParams = new Params(config.seed + 202);
      this.discriminator = new Stage2Discriminator(this.discParams, s2);
    } else {
      this.discParams = null;
      this.discriminator = null;
    }
  }

  /** Every parameter set by name, as checkpoints store them (an MS-VAE's fitted z prior too). */
  paramSets(): Record<string, Params> {
    return this.discParams
      ? { stage1: this.stage1.params, stage2: this.stage2Params, disc: this.discParams }
      : { stage1: this.stage1.params, stage2: this.stage2Params, zprior: this.zPrior.params };
  }

  /**
   * Fits the z prior to q(z|x,y) on these images (y as in training), in chunks. Only an MS-VAE
   * has one to fit; MS-GAN's G is trained on z ~ N(0, I).
   */
  fitZPrior(images: Float32Array, n: number, seed: number): void {
    if (this.config.stage2 !== 'vae' || n === 0) return;
    const { imageSize: s, channels } = this.config;
    const per = s * s * channels;
    const chunk = 64;
    const mus: tf.Tensor2D[] = [];
    const sigmas: tf.Tensor2D[] = [];
    try {
      for (let start = 0; start < n; start += chunk) {
        const m = Math.min(chunk, n - start);
        const [mu, sigma] = tf.tidy(() => {
          const x = tf.tensor4d(images.subarray(start * per, (start + m) * per), [m, s, s, channels]);
          const y = this.stage1Output(this.encodeC(x, seed + start));
          const q = this.encoder2.encode(tf.sub(x, y));
          return [q.mu, q.sigma];
        });
        mus.push(mu);
        sigmas.push(sigma);
      }
      tf.tidy(() => this.zPrior.fit(tf.concat(mus), tf.concat(sigmas)));
    } finally {
      tf.dispose([...mus, ...sigmas]);
    }
  }

  /** c for x: a fresh sample of q(c|x) (the paper's Y) or its mean, per config.yMode unless given. */
  encodeC(x: tf.Tensor4D, seed: number, mode: 'sample' | 'mean' = this.config.yMode): tf.Tensor2D {
    const { mu, logvar } = this.stage1.encode(x);
    return mode === 'mean' ? mu : reparameterize(mu, logvar, seed);
  }

  /** y = sigmoid(dec1(c)) in [0, 1]. */
  stage1Output(c: tf.Tensor2D): tf.Tensor4D {
    return tf.sigmoid(this.stage1.decode(c));
  }

  /** x_hat = sigmoid(G(y, z)) in [0, 1]. */
  stage2Output(y: tf.Tensor4D, z: tf.Tensor2D): tf.Tensor4D {
    return tf.sigmoid(this.generator.apply(y, z));
  }

  dispose(): void {
    // The z prior is a checkpointed set only for an MS-VAE; it is disposed either way.
    for (const params of new Set([...Object.values(this.paramSets()), this.zPrior.params])) params.dispose();
  }
}
