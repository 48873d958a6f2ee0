import * as tf from '@tensorflow/tfjs-core';
import { bernoulliNll, gaussianNll, klStandardNormal, type LossTerms } from './terms';

/**
 * A plain VAE's loss per example (Big-VAE, the paper's baseline): recon NLL + KL(q(c|x) || N(0, I)),
 * the ELBO with beta 1 and no total-correlation term. Terms reported: recon, kl.
 */
export function vaeLoss(x: tf.Tensor4D, logits: tf.Tensor4D, mu: tf.Tensor2D, logvar: tf.Tensor2D, likelihood: 'bernoulli' | 'gaussian'): LossTerms {
  const recon = likelihood === 'bernoulli' ? bernoulliNll(x, logits) : gaussianNll(x, logits);
  const kl = klStandardNormal(mu, logvar);
  return { total: tf.add(recon, kl) as tf.Scalar, terms: { recon, kl } };
}
