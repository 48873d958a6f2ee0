/**
 * instanceNormFilm (one op with a written-out gradient) against the same function built from
 * plain ops and differentiated by TF.js: values and the gradients for x, scale and shift, on
 * the CPU backend and on WASM with our kernels.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';

import { instanceNormFilm } from '../../../main/engine/core/nn/instance-norm';
import { registerWasmTrainingKernels } from '../../../main/engine/core/wasm/register-kernels';

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

function reference(x: tf.Tensor4D, s: tf.Tensor4D, m: tf.Tensor4D): tf.Tensor4D {
  const { mean, variance } = tf.moments(x, [1, 2], true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), s), m);
}

function maxRelativeError(a: tf.Tensor, b: tf.Tensor): number {
  const av = a.dataSync();
  const bv = b.dataSync();
  expect(av.length).toBe(bv.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < av.length; i++) {
    diff = Math.max(diff, Math.abs(av[i]! - bv[i]!));
    scale = Math.max(scale, Math.abs(bv[i]!));
  }
  return diff / Math.max(scale, 1e-30);
}

describe('instanceNormFilm', () => {
  for (const backend of ['cpu', 'wasm']) {
    for (const shape of [[3, 5, 7, 4], [2, 16, 16, 8]] as [number, number, number, number][]) {
      it(`matches autodiff of the plain ops on ${backend}, x ${shape.join('x')}`, async () => {
        await tf.setBackend(backend);
        tf.tidy(() => {
          const [b, , , c] = shape;
          // Channels with different offsets and spreads, so the normalisation matters.
          const x = tf.add(tf.mul(tf.randomNormal(shape, 0, 1, 'float32', 1), tf.linspace(0.5, 3, c)), tf.linspace(-2, 5, c)) as tf.Tensor4D;
          const s = tf.add(1, tf.randomNormal([b, 1, 1, c], 0, 0.3, 'float32', 2)) as tf.Tensor4D;
          const m = tf.randomNormal([b, 1, 1, c], 0, 0.3, 'float32', 3) as tf.Tensor4D;
          // A weighted sum, so the output gradient is not uniform.
          const w = tf.randomNormal(shape, 0, 1, 'float32', 4);
          const loss = (f: typeof reference) => (xi: tf.Tensor, si: tf.Tensor, mi: tf.Tensor) => tf.sum(tf.mul(f(xi as tf.Tensor4D, si as tf.Tensor4D, mi as tf.Tensor4D), w));
          expect(maxRelativeError(instanceNormFilm(x, s, m), reference(x, s, m))).toBeLessThan(1e-5);
          const ours = tf.grads(loss(instanceNormFilm))([x, s, m]);
          const theirs = tf.grads(loss(reference))([x, s, m]);
          for (let i = 0; i < 3; i++) expect(maxRelativeError(ours[i]!, theirs[i]!)).toBeLessThan(1e-4);
        });
      });
    }
  }

  it('without scale and shift is plain instance normalisation: zero mean, unit variance', async () => {
    await tf.setBackend('wasm');
    tf.tidy(() => {
      const y = instanceNormFilm(tf.add(tf.mul(tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 5), 4), 7) as tf.Tensor4D);
      const { mean, variance } = tf.moments(y, [1, 2]);
      expect(Math.max(...Array.from(tf.abs(mean).dataSync()))).toBeLessThan(1e-5);
      expect(Math.max(...Array.from(tf.abs(tf.sub(variance, 1)).dataSync()))).toBeLessThan(1e-3);
    });
  });
});
