import * as tf from '@tensorflow/tfjs-core';

/** Codes c [n, d] with c_k replaced by fix[k] in every row (factor conditioning for sampling). */
export function withFixedFactors(c: tf.Tensor2D, fix: Readonly<Record<number, number>>): tf.Tensor2D {
  const entries = Object.entries(fix);
  if (entries.length === 0) return c;
  const d = c.shape[1];
  const mask = new Float32Array(d);
  const values = new Float32Array(d);
  for (const [k, v] of entries) {
    mask[Number(k)] = 1;
    values[Number(k)] = v;
  }
  return tf.tidy(() => tf.add(tf.mul(c, tf.sub(1, tf.tensor1d(mask))), tf.mul(tf.tensor1d(values), tf.tensor1d(mask))) as tf.Tensor2D);
}
