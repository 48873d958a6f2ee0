import * as tf from '@tensorflow/tfjs-core';
import type { CheckJobSpec } from '../../../shared/compute-protocol';
import type { JobContext, TaskOutcome } from './job-context';
import { ProgressMeter } from './progress-meter';
import { seededRandom } from './random';

/**
 * The backend check: a 1-32-1 tanh MLP fitted to y = sin(2x) on [-2, 2] with Adam.
 * Small enough to run anywhere in seconds; real enough to exercise forward, gradients,
 * the optimizer, progress, cancel and tensor disposal end to end.
 */

const batchSize = 64;
const hidden = 32;
const learningRate = 0.01;

function makeBatch(random: () => number): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  const x = new Float32Array(batchSize);
  const y = new Float32Array(batchSize);
  for (let i = 0; i < batchSize; i++) {
    x[i] = random() * 4 - 2;
    y[i] = Math.sin(2 * (x[i] ?? 0));
  }
  return { xs: tf.tensor2d(x, [batchSize, 1]), ys: tf.tensor2d(y, [batchSize, 1]) };
}

export async function trainCheckModel(spec: CheckJobSpec, ctx: JobContext): Promise<TaskOutcome<'check'>> {
  const random = seededRandom(spec.seed);
  const init = (shape: [number, number], seed: number) =>
    tf.variable(tf.randomNormal(shape, 0, Math.sqrt(1 / shape[0]), 'float32', seed));
  const w1 = init([1, hidden], spec.seed);
  const b1 = tf.variable(tf.zeros([hidden]));
  const w2 = init([hidden, 1], spec.seed + 1);
  const b2 = tf.variable(tf.zeros([1]));
  const optimizer = tf.train.adam(learningRate);
  const meter = new ProgressMeter(spec.steps);
  let loss = Number.NaN;
  let step = 0;
  try {
    while (step < spec.steps && !ctx.isCancelled()) {
      const { xs, ys } = makeBatch(random);
      const lossTensor = optimizer.minimize(() => {
        const h = tf.tanh(tf.add(tf.matMul(xs, w1), b1));
        return tf.losses.meanSquaredError(ys, tf.add(tf.matMul(h, w2), b2));
      }, true);
      xs.dispose();
      ys.dispose();
      step++;
      const report = meter.update(step, {}, step === spec.steps);
      if (report && lossTensor) {
        loss = (await lossTensor.data())[0] ?? Number.NaN;
        ctx.onProgress({ ...report, losses: { loss } });
      }
      lossTensor?.dispose();
      await ctx.yieldToEvents();
    }
  } finally {
    optimizer.dispose();
    for (const v of [w1, b1, w2, b2]) v.dispose();
  }
  return { result: { step, metrics: { loss }, output: undefined }, cancelled: step < spec.steps };
}
