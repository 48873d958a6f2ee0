/**
 * Every kernel the training steps use, on webgpu (Dawn; SwiftShader here and in CI) against the
 * pure-JS CPU backend: forward values and gradients, odd sizes, max |webgpu - cpu| / max |cpu|
 * below 1e-4. Our custom ops (instance norm + FiLM, logSumExp) are included with their gradients.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { instanceNormFilm } from '../../../main/engine/core/nn/instance-norm';
import { logSumExp } from '../../../main/engine/core/losses/log-sum-exp';
import { expectWebGpuMatchesCpu, randomTensor, startWebGpu } from './helpers';

const { report, reason } = await startWebGpu();

/** Values and the gradient of a weighted sum of f's output (random weights: every element matters). */
function withGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, ...shapes: number[][]): () => tf.Tensor[] {
  return () => {
    const xs = shapes.map((shape, i) => randomTensor(shape, 11 + i));
    const y = f(...xs);
    const w = randomTensor(y.shape, 97);
    const grads = tf.grads((...inputs: tf.Tensor[]) => tf.sum(tf.mul(f(...inputs), w)))(xs);
    return [y, ...grads];
  };
}

describe.skipIf(report == null)(`webgpu kernels against cpu${report == null ? ` (skipped: ${reason})` : ''}`, () => {
  const convCases: { name: string; x: number[]; filter: number[]; stride: number; pad: 'same' | 'valid' }[] = [
    { name: 'k4 s2 same', x: [3, 7, 9, 3], filter: [4, 4, 3, 5], stride: 2, pad: 'same' },
    { name: 'k4 s2 valid', x: [3, 9, 7, 2], filter: [4, 4, 2, 3], stride: 2, pad: 'valid' },
    { name: 'k5 s1 same', x: [2, 7, 9, 3], filter: [5, 5, 3, 5], stride: 1, pad: 'same' },
    { name: 'k3 s1 same Cin 1', x: [3, 9, 7, 1], filter: [3, 3, 1, 6], stride: 1, pad: 'same' },
    { name: 'k1 s1', x: [3, 5, 7, 6], filter: [1, 1, 6, 3], stride: 1, pad: 'same' },
  ];
  for (const c of convCases) {
    it(`conv2d ${c.name}: output, dx, dfilter`, async () => {
      await expectWebGpuMatchesCpu(withGrads((x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.stride, c.pad), c.x, c.filter), c.name);
    });
  }

  const transposeCases: { name: string; x: number[]; filter: number[]; stride: number; pad: 'same' | 'valid' }[] = [
    { name: 'k4 s2 same', x: [3, 4, 5, 5], filter: [4, 4, 3, 5], stride: 2, pad: 'same' },
    { name: 'k4 s2 valid', x: [2, 3, 5, 3], filter: [4, 4, 2, 3], stride: 2, pad: 'valid' },
    { name: 'k3 s1 same', x: [3, 7, 5, 2], filter: [3, 3, 1, 2], stride: 1, pad: 'same' },
  ];
  for (const c of transposeCases) {
    it(`conv2dTranspose ${c.name}: output, dx, dfilter`, async () => {
      const [n, h, w] = c.x as [number, number, number, number];
      const outC = c.filter[2] as number;
      const outH = c.pad === 'same' ? h * c.stride : (h - 1) * c.stride + (c.filter[0] as number);
      const outW = c.pad === 'same' ? w * c.stride : (w - 1) * c.stride + (c.filter[1] as number);
      const f = (x: tf.Tensor, filter: tf.Tensor) => tf.conv2dTranspose(x as tf.Tensor4D, filter as tf.Tensor4D, [n, outH, outW, outC], c.stride, c.pad);
      await expectWebGpuMatchesCpu(withGrads(f, c.x, c.filter), c.name);
    });
  }

  it('matMul with every transpose combination, and batched: output and both gradients', async () => {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const a = ta ? [13, 7] : [7, 13];
      const b = tb ? [5, 13] : [13, 5];
      await expectWebGpuMatchesCpu(withGrads((x, y) => tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D, ta, tb), a, b), `matMul ${ta} ${tb}`);
    }
    await expectWebGpuMatchesCpu(withGrads((x, y) => tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D), [3, 7, 9], [3, 9, 5]), 'batched matMul');
  });

  it('instance norm + FiLM (our custom gradient): output, dx, dscale, dshift', async () => {
    const f = (x: tf.Tensor, s: tf.Tensor, m: tf.Tensor) => instanceNormFilm(x as tf.Tensor4D, s as tf.Tensor4D, m as tf.Tensor4D);
    await expectWebGpuMatchesCpu(withGrads(f, [3, 7, 9, 5], [3, 1, 1, 5], [3, 1, 1, 5]), 'instance norm film');
    await expectWebGpuMatchesCpu(withGrads((x) => instanceNormFilm(x as tf.Tensor4D), [2, 5, 3, 3]), 'instance norm');
  });

  it('logSumExp (our custom gradient) and the softmax family over each axis', async () => {
    for (const axis of [0, 1]) {
      await expectWebGpuMatchesCpu(withGrads((x) => logSumExp(tf.mul(x, 4), axis), [7, 9]), `logSumExp axis ${axis}`);
    }
    await expectWebGpuMatchesCpu(withGrads((x) => logSumExp(x, 2, true), [3, 5, 7]), 'logSumExp rank 3');
    await expectWebGpuMatchesCpu(withGrads((x) => tf.logSoftmax(tf.mul(x, 3)), [7, 9]), 'logSoftmax');
    await expectWebGpuMatchesCpu(withGrads((x) => tf.softmax(tf.mul(x, 3)), [7, 9]), 'softmax');
  });

  it('elementwise activations and math with their gradients', async () => {
    const positive = (x: tf.Tensor) => tf.add(tf.abs(x), 0.1);
    const ops: [string, (x: tf.Tensor) => tf.Tensor][] = [
      ['leakyRelu', (x) => tf.leakyRelu(x, 0.2)],
      ['relu', (x) => tf.relu(tf.add(x, 0.05))],
      ['sigmoid', (x) => tf.sigmoid(tf.mul(x, 3))],
      ['tanh', (x) => tf.tanh(tf.mul(x, 2))],
      ['softplus', (x) => tf.softplus(tf.mul(x, 5))],
      ['exp', (x) => tf.exp(tf.mul(x, 2))],
      ['log', (x) => tf.log(positive(x))],
      ['log1p', (x) => tf.log1p(positive(x))],
      ['sqrt', (x) => tf.sqrt(positive(x))],
      ['rsqrt', (x) => tf.rsqrt(positive(x))],
      ['square, neg, div', (x) => tf.div(tf.neg(tf.square(x)), positive(x))],
      ['clipByValue', (x) => tf.clipByValue(tf.mul(x, 2), -1, 1)],
    ];
    for (const [name, f] of ops) await expectWebGpuMatchesCpu(withGrads(f, [7, 9, 3]), name);
  });

  it('broadcasting binary ops and their reduced gradients', async () => {
    await expectWebGpuMatchesCpu(withGrads((a, b) => tf.add(a, b), [3, 7, 9, 5], [5]), 'add bias');
    await expectWebGpuMatchesCpu(withGrads((a, b) => tf.mul(a, b), [3, 7, 9, 5], [3, 1, 1, 5]), 'mul per instance');
    await expectWebGpuMatchesCpu(withGrads((a, b) => tf.sub(a, b), [7, 1, 5], [1, 9, 5]), 'sub outer');
    await expectWebGpuMatchesCpu(withGrads((a, b) => tf.div(a, tf.add(tf.abs(b), 0.5)), [7, 9], [9]), 'div');
  });

  it('reductions over inner, outer and several axes', async () => {
    for (const axis of [0, 1, 2, [1, 2], [0, 1, 2]]) {
      await expectWebGpuMatchesCpu(withGrads((x) => tf.sum(x, axis), [3, 7, 9, 5]), `sum ${String(axis)}`);
      await expectWebGpuMatchesCpu(withGrads((x) => tf.mean(x, axis), [3, 7, 9, 5]), `mean ${String(axis)}`);
    }
    await expectWebGpuMatchesCpu(withGrads((x) => tf.max(x, 1), [7, 9]), 'max');
    await expectWebGpuMatchesCpu(
      withGrads((x) => {
        const { mean, variance } = tf.moments(x, [1, 2], true);
        return tf.add(mean, variance);
      }, [3, 7, 9, 5]),
      'moments',
    );
  });

  it('shape ops: concat, slice, split, stack, reshape, expandDims, squeeze, where', async () => {
    await expectWebGpuMatchesCpu(withGrads((a, b) => tf.concat([a, b], 1), [7, 3], [7, 5]), 'concat 2d');
    await expectWebGpuMatchesCpu(withGrads((a, b) => tf.concat([a, b], 3), [2, 5, 3, 3], [2, 5, 3, 2]), 'concat channels');
    await expectWebGpuMatchesCpu(withGrads((x) => tf.slice(x, [1, 2], [5, 4]), [7, 9]), 'slice');
    await expectWebGpuMatchesCpu(withGrads((x) => tf.mul(...(tf.split(x, [3, 3], 1) as [tf.Tensor, tf.Tensor])), [7, 6]), 'split');
    await expectWebGpuMatchesCpu(withGrads((a, b) => tf.stack([tf.sum(a), tf.sum(b)]), [7], [5]), 'stack');
    await expectWebGpuMatchesCpu(withGrads((x) => tf.squeeze(tf.expandDims(tf.reshape(x, [9, 7]), 1)), [7, 9]), 'reshape');
    await expectWebGpuMatchesCpu(withGrads((a, b) => tf.where(tf.greater(randomTensor([7, 9], 5), 0), a, b), [7, 9], [7, 9]), 'where');
    await expectWebGpuMatchesCpu(() => [tf.cast(tf.isFinite(tf.div(randomTensor([7, 9], 3), randomTensor([7, 9], 4))), 'float32')], 'isFinite');
  });

  it('the loss helpers: sigmoid cross-entropy and mean squared error', async () => {
    const targets = () => tf.cast(tf.greater(randomTensor([3, 5, 7, 1], 5), 0), 'float32');
    await expectWebGpuMatchesCpu(withGrads((logits) => tf.losses.sigmoidCrossEntropy(targets(), logits, undefined, undefined, tf.Reduction.NONE), [3, 5, 7, 1]), 'sigmoid xent');
    await expectWebGpuMatchesCpu(withGrads((a, b) => tf.losses.meanSquaredError(a, b), [7, 9], [7, 9]), 'mse');
  });
});
