import * as tf from '@tensorflow/tfjs-core';
import { bernoulliNll, gaussianNll, type LossTerms } from '../../core/losses/terms';

/**
 * Stage 2 MS-VAE loss: recon NLL(x | G(y, z)) + KL(q(z|x,y) || N(0, I)), no beta (METHOD.md).
 * q is parameterised by mu and sigma (softplus), so the KL uses log sigma directly.
 */
export function stage2VaeLoss(
  x: tf.Tensor4D,
  logits: tf.Tensor4D,
  mu: tf.Tensor2D,
  sigma: tf.Tensor2D,
  likelihood: 'bernoulli' | 'gaussian',
): LossTerms {
  const recon = likelihood === 'bernoulli' ? bernoulliNll(x, logits) : gaussianNll(x, logits);
  const perDim = tf.sub(tf.mul(0.5, tf.add(tf.square(mu), tf.square(sigma))), tf.add(tf.log(sigma), 0.5));
  const kl = tf.div(tf.sum(perDim), mu.shape[0]) as tf.Scalar;
  return { total: tf.add(recon, kl) as tf.Scalar, terms: { recon, kl } };
}

/** Non-saturating GAN losses from discriminator logits (sigmoid cross-entropy). */
export function discriminatorLoss(realLogits: tf.Tensor2D, fakeLogits: tf.Tensor2D): LossTerms {
  const real = tf.losses.sigmoidCrossEntropy(tf.onesLike(realLogits), realLogits) as tf.Scalar;
  const fake = tf.losses.sigmoidCrossEntropy(tf.zerosLike(fakeLogits), fakeLogits) as tf.Scalar;
  return { total: tf.add(real, fake) as tf.Scalar, terms: { d_real: real, d_fake: fake } };
}

export function generatorLoss(fakeLogits: tf.Tensor2D): LossTerms {
  const g = tf.losses.sigmoidCrossEntropy(tf.onesLike(fakeLogits), fakeLogits) as tf.Scalar;
  return { total: g, terms: { g_adv: g } };
}
