import * as tf from '@tensorflow/tfjs-core';
import type { TabularModelConfig } from '../../../../shared/tabular-config';
import { reparameterize } from '../../core/nn/reparameterize';
import { dense } from '../../core/nn/layers';
import { mlp } from '../../core/nn/mlp';
import { Params } from '../../core/nn/params';
import { conditionalFlow, type ConditionalFlow } from './coupling-flow';
import type { SpanLayout } from './span-layout';

/**
 * The tabular MS-VAE (METHOD.md, 'Tabular data'): MLPs over the encoded row.
 *   stage 1:  x -> c ~ q(c|x) -> y = activate(dec1(c))                  (beta-TCVAE)
 *   stage 2 vae:  (x - y) -> z ~ q(z|x,y);  [y, z] -> G -> x_hat         (conditional VAE)
 *   stage 2 gmm:  p(x - y | y) = sum_k pi_k(y) N(mu_k(y), sigma_k(y))    (mixture density network)
 *   stage 2 flow: p(x - y | y) by a conditional coupling flow                (coupling-flow.ts)
 */
export class TabularMsVae {
  readonly stage1: Params;
  readonly stage2: Params;
  private readonly enc1: (x: tf.Tensor2D) => tf.Tensor2D;
  private readonly dec1: (c: tf.Tensor2D) => tf.Tensor2D;
  private readonly enc2?: (r: tf.Tensor2D) => tf.Tensor2D;
  private readonly enc2Mu?: (h: tf.Tensor2D) => tf.Tensor2D;
  private readonly enc2Sigma?: (h: tf.Tensor2D) => tf.Tensor2D;
  private readonly gen?: (yz: tf.Tensor2D) => tf.Tensor2D;
  private readonly mdn?: (y: tf.Tensor2D) => tf.Tensor2D;
  /** The flow stage 2 over the residual x - y given y. */
  readonly flow?: ConditionalFlow;

  constructor(
    readonly config: TabularModelConfig,
    readonly layout: SpanLayout,
  ) {
    const w = layout.width;
    const h = config.hidden;
    this.stage1 = new Params(config.seed);
    this.enc1 = mlp(this.stage1, 'enc', [w, h, h, 2 * config.latents]);
    this.dec1 = mlp(this.stage1, 'dec', [config.latents, h, h, w]);
    this.stage2 = new Params(config.seed + 101);
    if (config.stage2 === 'gmm') {
      // Per component: a logit, a mean and a log-sigma for every encoded position.
      this.mdn = mlp(this.stage2, 'mdn', [w, h, h, config.mixtures * (1 + 2 * w)]);
    } else if (config.stage2 === 'flow') {
      this.flow = conditionalFlow(this.stage2, 'flow', w, w, h, config.flowLayers);
    } else {
      this.enc2 = mlp(this.stage2, 'enc2', [w, h, h]);
      this.enc2Mu = dense(this.stage2, 'enc2/mu', h, config.zDim, 1);
      this.enc2Sigma = dense(this.stage2, 'enc2/sigma', h, config.zDim, 1);
      this.gen = mlp(this.stage2, 'gen', [w + config.zDim, h, h, w]);
    }
  }

  paramSets(): Record<string, Params> {
    return { stage1: this.stage1, stage2: this.stage2 };
  }

  encode(x: tf.Tensor2D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
    const [mu, logvar] = tf.split(this.enc1(x), 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    return { mu, logvar };
  }

  decodeRaw(c: tf.Tensor2D): tf.Tensor2D {
    return this.dec1(c);
  }

  /** y: stage 1's decoded row in encoded space (probabilities for categories and missing flags). */
  stage1Output(c: tf.Tensor2D): tf.Tensor2D {
    return this.layout.activate(this.dec1(c));
  }

  encodeC(x: tf.Tensor2D, seed: number, mode: 'sample' | 'mean'): tf.Tensor2D {
    const { mu, logvar } = this.encode(x);
    return mode === 'mean' ? mu : reparameterize(mu, logvar, seed);
  }

  /** q(z | x, y) from the residual x - y. */
  encodeZ(residual: tf.Tensor2D): { mu: tf.Tensor2D; sigma: tf.Tensor2D } {
    if (!this.enc2 || !this.enc2Mu || !this.enc2Sigma) throw new Error('this model has no stage-2 encoder');
    const h = tf.relu(this.enc2(residual));
    return { mu: this.enc2Mu(h), sigma: tf.add(tf.softplus(this.enc2Sigma(h)), 1e-4) };
  }

  /** G(y, z): raw outputs in encoded space. */
  generateRaw(y: tf.Tensor2D, z: tf.Tensor2D): tf.Tensor2D {
    if (!this.gen) throw new Error('this model has no stage-2 generator');
    return this.gen(tf.concat([y, z], 1));
  }

  /** Mixture parameters for the residual given y: logits [b, K], means and log-sigmas [b, K, w]. */
  mixture(y: tf.Tensor2D): { logits: tf.Tensor2D; means: tf.Tensor3D; logSigmas: tf.Tensor3D } {
    if (!this.mdn) throw new Error('this model has no mixture stage 2');
    const k = this.config.mixtures;
    const w = this.layout.width;
    const out = this.mdn(y);
    const b = y.shape[0];
    const logits = tf.slice(out, [0, 0], [b, k]);
    const means = tf.reshape(tf.slice(out, [0, k], [b, k * w]), [b, k, w]) as tf.Tensor3D;
    // Bounded log-sigma keeps the NLL finite early in training.
    const logSigmas = tf.clipByValue(tf.reshape(tf.slice(out, [0, k + k * w], [b, k * w]), [b, k, w]), -7, 3) as tf.Tensor3D;
    return { logits, means, logSigmas };
  }

  dispose(): void {
    this.stage1.dispose();
    this.stage2.dispose();
  }
}
