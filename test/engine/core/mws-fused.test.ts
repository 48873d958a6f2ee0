/**
 * The fused TC loops (main/engine/core/losses/mws-fused.ts) against the tensor-op estimate they
 * replace on the CPU backends: the value and all three gradients, at odd sizes, the table step's
 * size and with variances far apart (where the shift by the max matters).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';

import { totalCorrelationMws, totalCorrelationMwsFused, totalCorrelationMwsOps } from '../../../main/engine/core/losses/beta-tcvae';
import { expNonPositive } from '../../../main/engine/core/losses/mws-fused';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

type Tc = typeof totalCorrelationMwsOps;

/** The TC and its gradients with respect to c, mu and logvar, as arrays. */
function valueAndGrads(tc: Tc, c: tf.Tensor2D, mu: tf.Tensor2D, logvar: tf.Tensor2D, n: number): { value: number; grads: Float32Array[] } {
  return tf.tidy(() => {
    const value = tc(c, mu, logvar, n).dataSync()[0]!;
    const grads = tf.grads((a: tf.Tensor, m: tf.Tensor, l: tf.Tensor) => tc(a as tf.Tensor2D, m as tf.Tensor2D, l as tf.Tensor2D, n))([c, mu, logvar]);
    return { value, grads: grads.map((g) => g.dataSync() as Float32Array) };
  });
}

/** max |a - b| / max |b| (absolute where b is all zeros: one row's TC is constant). */
function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return scale > 0 ? diff / scale : diff;
}

describe('fused minibatch-weighted-sampling TC', () => {
  const cases: [string, number, number, number, number][] = [
    // name, B, D, logvar mean, logvar spread
    ['odd sizes', 37, 5, -1, 0.5],
    ['the table step (256 x 8)', 256, 8, -0.5, 0.3],
    ['the image step (64 x 10)', 64, 10, -2, 1],
    ['variances far apart', 19, 3, -4, 3],
    ['one row', 1, 4, 0, 0.5],
  ];
  for (const [name, b, d, lvMean, lvSpread] of cases) {
    it(`agrees with the tensor ops: ${name}`, () => {
      const c = tf.randomNormal([b, d], 0, 1, 'float32', 1) as tf.Tensor2D;
      const mu = tf.randomNormal([b, d], 0, 1, 'float32', 2) as tf.Tensor2D;
      const logvar = tf.randomNormal([b, d], lvMean, lvSpread, 'float32', 3) as tf.Tensor2D;
      const before = tf.memory().numTensors;
      const ops = valueAndGrads(totalCorrelationMwsOps, c, mu, logvar, 5000);
      const fused = valueAndGrads(totalCorrelationMwsFused, c, mu, logvar, 5000);
      expect(tf.memory().numTensors).toBe(before);
      expect(Math.abs(fused.value - ops.value) / Math.abs(ops.value)).toBeLessThan(1e-5);
      fused.grads.forEach((g, i) => expect(relativeError(g, ops.grads[i]!)).toBeLessThan(1e-4));
      tf.dispose([c, mu, logvar]);
    });
  }

  it('is the one the cpu backend uses', () => {
    const c = tf.randomNormal([9, 2], 0, 1, 'float32', 5) as tf.Tensor2D;
    const [chosen, fused] = tf.tidy(() => [totalCorrelationMws(c, c, tf.zerosLike(c), 100).dataSync()[0]!, totalCorrelationMwsFused(c, c, tf.zerosLike(c), 100).dataSync()[0]!]);
    expect(chosen).toBe(fused);
    c.dispose();
  });
});

describe('expNonPositive', () => {
  it('is within 1e-8 relative of Math.exp down to the smallest doubles, and 0 below them', () => {
    let worst = 0;
    for (let i = 0; i <= 200_000; i++) {
      const x = -i * 0.0037; // 0 to -740, across every binade and the subnormals' start
      const exact = Math.exp(x);
      if (exact > 1e-300) worst = Math.max(worst, Math.abs(expNonPositive(x) - exact) / exact);
    }
    expect(worst).toBeLessThan(1e-8);
    expect(expNonPositive(0)).toBe(1);
    expect(expNonPositive(-800)).toBe(0);
    expect(expNonPositive(-Infinity)).toBe(0);
    expect(expNonPositive(Number.NaN)).toBeNaN();
  });
});
