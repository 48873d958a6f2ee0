import * as tf from '@tensorflow/tfjs-core';
import { logSumExp } from './log-sum-exp';
import { mwsBackward, mwsForward } from './mws-fused';
import { bernoulliNll, gaussianNll, klStandardNormal, logNormal, type LossTerms } from './terms';

export interface BetaTcvaeOptions {
  readonly beta: number;
  /** N, the dataset size, for the minibatch-weighted-sampling estimator. */
  readonly datasetSize: number;
  readonly likelihood: 'bernoulli' | 'gaussian';
}

/** Backends whose tensors live in CPU memory: the fused loops (mws-fused.ts) read them without a copy to or from a device. */
const fusedBackends = new Set(['wasm', 'cpu']);

/**
 * Total correlation of q(c) by minibatch-weighted sampling (Chen et al. 2018):
 * E[log q(c) - sum_k log q(c_k)], with log q(c_i) ~ logsumexp_j log q(c_i | x_j) - log(B N).
 * c, mu, logvar: [B, D]. On wasm and cpu: the fused loops with their own gradient
 * (mws-fused.ts); elsewhere (webgpu, tensorflow): tensor ops, which stay on the device.
 */
export function totalCorrelationMws(c: tf.Tensor2D, mu: tf.Tensor2D, logvar: tf.Tensor2D, datasetSize: number): tf.Scalar {
  return fusedBackends.has(tf.getBackend()) ? totalCorrelationMwsFused(c, mu, logvar, datasetSize) : totalCorrelationMwsOps(c, mu, logvar, datasetSize);
}

/** The estimate as tensor ops (any backend; autodiff gives the gradient). */
export function totalCorrelationMwsOps(c: tf.Tensor2D, mu: tf.Tensor2D, logvar: tf.Tensor2D, datasetSize: number): tf.Scalar {
  const b = c.shape[0];
  const logBN = Math.log(b * datasetSize);
  // [B, 1, D] against [1, B, D]: log q(c_i,k | x_j).
  const mat = logNormal(tf.expandDims(c, 1), tf.expandDims(mu, 0), tf.expandDims(logvar, 0));
  const logQc = tf.sub(logSumExp(tf.sum(mat, 2), 1), logBN);
  const logProdQck = tf.sum(tf.sub(logSumExp(mat, 1), logBN), 1);
  return tf.mean(tf.sub(logQc, logProdQck));
}

/** The estimate by the fused loops, read synchronously (CPU-memory backends only). */
export function totalCorrelationMwsFused(c: tf.Tensor2D, mu: tf.Tensor2D, logvar: tf.Tensor2D, datasetSize: number): tf.Scalar {
  const [b, d] = c.shape;
  // customGrad hands f its inputs and then the save function in one variadic list.
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [cs, mus, logvars] = args as [tf.Tensor, tf.Tensor, tf.Tensor];
    const forward = mwsForward(cs.dataSync() as Float32Array, mus.dataSync() as Float32Array, logvars.dataSync() as Float32Array, b, d, datasetSize);
    return {
      value: tf.scalar(forward.tc),
      gradFunc: (dy: tf.Tensor) => {
        const g = mwsBackward(forward, dy.dataSync()[0]!);
        return [tf.tensor2d(g.c, [b, d]), tf.tensor2d(g.mu, [b, d]), tf.tensor2d(g.logvar, [b, d])];
      },
    };
  });
  return op(c, mu, logvar) as tf.Scalar;
}

/**
 * Stage 1's loss per example: recon NLL + KL(q(c|x) || N(0, I)) + (beta - 1) * TC.
 * Terms reported: recon, kl, tc (the TC estimate itself, unscaled).
 */
export function betaTcvaeLoss(
  x: tf.Tensor4D,
  logits: tf.Tensor4D,
  c: tf.Tensor2D,
  mu: tf.Tensor2D,
  logvar: tf.Tensor2D,
  options: BetaTcvaeOptions,
): LossTerms {
  const recon = options.likelihood === 'bernoulli' ? bernoulliNll(x, logits) : gaussianNll(x, logits);
  const kl = klStandardNormal(mu, logvar);
  const tc = totalCorrelationMws(c, mu, logvar, options.datasetSize);
  const total = tf.add(tf.add(recon, kl), tf.mul(options.beta - 1, tc)) as tf.Scalar;
  return { total, terms: { recon, kl, tc } };
}
