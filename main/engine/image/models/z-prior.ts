import * as tf from '@tensorflow/tfjs-core';
import { Params } from '../../core/nn/params';

/**
 * Where stage 2 draws z from when it makes new images (samples, exports, traversals, the
 * random-z metrics): a diagonal Gaussian fitted to the residual encoder's aggregate posterior
 * on training images, mean_i E[mu_i] and var = Var(mu) + E[sigma^2] per dimension (ex-post
 * density estimation, Ghosh et al. 2020). Until fitted it is N(0, I), the VAE's prior.
 *
 * Why: the KL term pulls q(z|x,y) towards N(0, I) only slowly, and a run of a few hundred
 * stage-2 steps ends with every z dimension offset by ~0.6. Measured on a Quick run: BCE of
 * G(y, z) 47 at the posterior mean, 59 with z from this fit, 458 with z ~ N(0, I) (stage 1's
 * own 58): samples from N(0, I) were far worse than stage 1's, samples from the fit are not.
 * MS-GAN trains G on z ~ N(0, I) itself, so it keeps the prior unfitted.
 */
export class ZPrior {
  readonly params: Params;
  private readonly mean: tf.Variable;
  private readonly std: tf.Variable;

  constructor(seed: number, readonly zDim: number) {
    this.params = new Params(seed);
    this.mean = this.params.zeros('mean', [zDim]);
    this.std = this.params.ones('std', [zDim]);
  }

  /** n draws [n, zDim]; seeded. */
  sample(n: number, seed: number): tf.Tensor2D {
    return tf.tidy(() => tf.add(this.mean, tf.mul(this.std, tf.randomNormal([n, this.zDim], 0, 1, 'float32', seed)))) as tf.Tensor2D;
  }

  /** The fitted mean (the z of "typical detail"), as a plain array. */
  async centre(): Promise<Float32Array> {
    return Float32Array.from((await this.mean.data()) as Float32Array);
  }

  /** Fits the Gaussian to the posteriors q(z|x,y) = N(mu, sigma^2) of a set of images ([n, zDim] each). */
  fit(mu: tf.Tensor2D, sigma: tf.Tensor2D): void {
    tf.tidy(() => {
      const { mean, variance } = tf.moments(mu, 0);
      this.mean.assign(mean);
      this.std.assign(tf.sqrt(tf.add(variance, tf.mean(tf.square(sigma), 0))));
    });
  }
}
