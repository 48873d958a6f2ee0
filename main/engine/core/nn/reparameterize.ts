import * as tf from '@tensorflow/tfjs-core';
/** c = mu + exp(logvar / 2) * eps, eps ~ N(0, I) from a seed (reproducible steps). */
export function reparameterize(mu: tf.Tensor2D, logvar: tf.Tensor2D, seed: number): tf.Tensor2D {
  const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', seed);
  return tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps));
}
