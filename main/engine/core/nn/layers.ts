import * as tf from '@tensorflow/tfjs-core';
import { instanceNormFilm } from './instance-norm';
import type { Params } from './params';

/**
 * Layer builders over Params: each creates its weights once and returns the function that
 * applies them. Shapes in comments are NHWC for images, [batch, features] for dense.
 */

export type Fn<A extends tf.Tensor = tf.Tensor, B extends tf.Tensor = tf.Tensor> = (x: A) => B;

export function dense(p: Params, name: string, inDim: number, outDim: number, gain = 2): Fn<tf.Tensor2D, tf.Tensor2D> {
  const w = p.weight(`${name}/kernel`, [inDim, outDim], inDim, gain);
  const b = p.zeros(`${name}/bias`, [outDim]);
  return (x) => tf.add(tf.matMul(x, w), b);
}

/** [b, h, w, inC] -> [b, h/stride, w/stride, outC] with 'same' padding. */
export function conv2d(p: Params, name: string, k: number, inC: number, outC: number, stride: number, gain = 2): Fn<tf.Tensor4D, tf.Tensor4D> {
  const w = p.weight(`${name}/kernel`, [k, k, inC, outC], k * k * inC, gain);
  const b = p.zeros(`${name}/bias`, [outC]);
  return (x) => tf.add(tf.conv2d(x, w as tf.Tensor4D, stride, 'same'), b);
}

/** [b, h, w, inC] -> [b, h*stride, w*stride, outC]: the transpose of a 'same' conv. */
export function conv2dTranspose(p: Params, name: string, k: number, inC: number, outC: number, stride: number, gain = 2): Fn<tf.Tensor4D, tf.Tensor4D> {
  // TF.js stores transposed-conv filters as [k, k, outC, inC].
  const w = p.weight(`${name}/kernel`, [k, k, outC, inC], k * k * inC, gain);
  const b = p.zeros(`${name}/bias`, [outC]);
  return (x) => {
    const [batch, h, wd] = x.shape;
    return tf.add(tf.conv2dTranspose(x, w as tf.Tensor4D, [batch, h * stride, wd * stride, outC], stride, 'same'), b);
  };
}

/** Instance normalisation without affine terms (FiLM supplies scale and shift). */
export function instanceNorm(x: tf.Tensor4D, epsilon = 1e-5): tf.Tensor4D {
  return instanceNormFilm(x, undefined, undefined, epsilon);
}

/**
 * FiLM over instance normalisation: per-channel scale and shift from a conditioning vector z,
 * h = s(z) * norm(h) + m(z), as one op (instance-norm.ts). Scale is parameterised as 1 + delta
 * so an untrained layer is plain instance normalisation.
 */
export function filmNorm(p: Params, name: string, zDim: number, channels: number): (h: tf.Tensor4D, z: tf.Tensor2D) => tf.Tensor4D {
  const toScale = dense(p, `${name}/scale`, zDim, channels, 0.1);
  const toShift = dense(p, `${name}/shift`, zDim, channels, 0.1);
  return (h, z) => {
    const s = tf.reshape(tf.add(toScale(z), 1), [-1, 1, 1, channels]) as tf.Tensor4D;
    const m = tf.reshape(toShift(z), [-1, 1, 1, channels]) as tf.Tensor4D;
    return instanceNormFilm(h, s, m);
  };
}

export const leakyRelu = (x: tf.Tensor4D): tf.Tensor4D => tf.leakyRelu(x, 0.2);
