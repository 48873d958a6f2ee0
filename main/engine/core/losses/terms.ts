import * as tf from '@tensorflow/tfjs-core';

/** A loss and the named terms it is made of, all scalars (reported as they are, nothing clamped). */
export interface LossTerms {
  readonly total: tf.Scalar;
  readonly terms: Readonly<Record<string, tf.Scalar>>;
}

const halfLog2Pi = 0.5 * Math.log(2 * Math.PI);

/** Bernoulli NLL from logits, summed over pixels, mean over the batch: max(l,0) - l*x + log(1 + e^-|l|). */
export function bernoulliNll(x: tf.Tensor4D, logits: tf.Tensor4D): tf.Scalar {
  const perPixel = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  return tf.div(tf.sum(perPixel), x.shape[0]);
}

/** Gaussian NLL with a fixed sigma on sigmoid(logits), summed over pixels, mean over the batch. */
export function gaussianNll(x: tf.Tensor4D, logits: tf.Tensor4D, sigma = 0.1): tf.Scalar {
  const sq = tf.square(tf.sub(tf.sigmoid(logits), x));
  const perPixel = tf.add(tf.div(sq, 2 * sigma * sigma), Math.log(sigma) + halfLog2Pi);
  return tf.div(tf.sum(perPixel), x.shape[0]);
}

/** KL(N(mu, exp(logvar)) || N(0, I)) summed over dims, mean over the batch. */
export function klStandardNormal(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Scalar {
  const perDim = tf.mul(-0.5, tf.sub(tf.sub(tf.add(1, logvar), tf.square(mu)), tf.exp(logvar)));
  return tf.div(tf.sum(perDim), mu.shape[0]);
}

/** Per-dimension KL, mean over the batch: [d]. Shows which factors are active. */
export function klPerDim(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Tensor1D {
  return tf.mean(tf.mul(-0.5, tf.sub(tf.sub(tf.add(1, logvar), tf.square(mu)), tf.exp(logvar))), 0);
}

/** log N(x | mu, exp(logvar)) elementwise. */
export function logNormal(x: tf.Tensor, mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.mul(-0.5, tf.add(tf.add(2 * halfLog2Pi, logvar), tf.div(tf.square(tf.sub(x, mu)), tf.exp(logvar))));
}
