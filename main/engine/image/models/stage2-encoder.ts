import * as tf from '@tensorflow/tfjs-core';
import { conv2d, dense, instanceNorm, leakyRelu } from '../../core/nn/layers';
import type { Params } from '../../core/nn/params';
import { levelChannels, type Stage2Options } from './stage2-generator';

/**
 * q(z | x, y): the residual encoder of stage 2 (METHOD.md). It sees only x - y, what stage 1
 * missed: k4 s2 convs with instance norm and leaky ReLU, then dense -> mu, softplus -> sigma.
 */
/** Variance gain of the mu and sigma heads' initial weights (a weight std of 0.1 / sqrt(fan-in)). */
const HEAD_GAIN = 0.01;

export class Stage2Encoder {
  private readonly convs: ((x: tf.Tensor4D) => tf.Tensor4D)[] = [];
  private readonly toMu: (x: tf.Tensor2D) => tf.Tensor2D;
  private readonly toSigma: (x: tf.Tensor2D) => tf.Tensor2D;

  constructor(p: Params, readonly options: Stage2Options) {
    let inC = options.channels;
    levelChannels(options).forEach((outC, i) => {
      this.convs.push(conv2d(p, `enc2/conv${i + 1}`, 4, inC, outC, 2));
      inC = outC;
    });
    // The heads start near the prior (mu ~ 0, sigma ~ softplus(0)): at gain 1 the mean of the
    // positive conv features gave every z dimension an offset of ~0.3-0.7 that the KL term takes
    // thousands of steps to remove, and until then z ~ N(0, I) lands where G has never been:
    // measured on a Quick run, BCE of G(y, z ~ N(0, I)) 416 against 47 at the posterior mean.
    this.toMu = dense(p, 'enc2/mu', 16 * inC, options.zDim, HEAD_GAIN);
    this.toSigma = dense(p, 'enc2/sigma', 16 * inC, options.zDim, HEAD_GAIN);
  }

  /** residual x - y [b, s, s, ch] -> mu, sigma of q(z | x, y), each [b, zDim]. */
  encode(residual: tf.Tensor4D): { mu: tf.Tensor2D; sigma: tf.Tensor2D } {
    let h = residual;
    this.convs.forEach((conv, i) => {
      const c = conv(h);
      h = leakyRelu(i === 0 ? c : instanceNorm(c));
    });
    const flat = tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D;
    return { mu: this.toMu(flat), sigma: tf.add(tf.softplus(this.toSigma(flat)), 1e-4) };
  }
}
