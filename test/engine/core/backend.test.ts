import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../../main/engine/core/backend';

const require = createRequire(import.meta.url);

function loads(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

const hasGpuPackage = loads('@tensorflow/tfjs-node-gpu');
const hasNativePackage = loads('@tensorflow/tfjs-node');

describe('backend ladder', () => {
  it('falls through the native packages it cannot load, says why, and lands on a working backend', async () => {
    const report = await selectBackend();
    expect(['tensorflow-gpu', 'tensorflow', 'wasm']).toContain(report.name);
    if (!hasGpuPackage) expect(report.skipped).toContainEqual({ name: 'tensorflow-gpu', reason: 'not installed' });
    expect(tf.tidy(() => tf.add(tf.scalar(2), tf.scalar(3)).dataSync()[0])).toBe(5);
  });

  it('can be forced to one backend, and fails clearly when that one cannot start', async () => {
    expect((await selectBackend('cpu')).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    if (!hasGpuPackage) await expect(selectBackend('tensorflow-gpu')).rejects.toThrow(/No TF.js backend could start: tensorflow-gpu: not installed/);
    expect((await selectBackend('wasm')).name).toBe('wasm');
  });

  // The GPU path: runs only where @tensorflow/tfjs-node-gpu installed (it downloads libtensorflow
  // with CUDA at install time, impossible on machines without internet); reported as skipped otherwise.
  it.skipIf(!hasGpuPackage)('trains on the GPU with no code change when tfjs-node-gpu is installed', async () => {
    const report = await selectBackend();
    expect(report.name).toBe('tensorflow-gpu');
    const w = tf.variable(tf.zeros([4, 1]));
    const opt = tf.train.adam(0.1);
    const x = tf.randomNormal([32, 4], 0, 1, 'float32', 1);
    const y = tf.matMul(x, tf.tensor2d([[1], [2], [3], [4]]));
    const loss = () => tf.losses.meanSquaredError(y, tf.matMul(x, w)) as tf.Scalar;
    const first = loss().dataSync()[0] ?? 0;
    for (let i = 0; i < 50; i++) opt.minimize(loss);
    expect(loss().dataSync()[0]).toBeLessThan(first / 10);
  });

  it.skipIf(!hasNativePackage || hasGpuPackage)('uses native TensorFlow on the CPU when tfjs-node is installed', async () => {
    expect((await selectBackend()).name).toBe('tensorflow');
  });
});
