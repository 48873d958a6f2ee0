import * as tf from '@tensorflow/tfjs-core';
import { imageModelConfigSchema } from '../shared/image-config';
import { describeAdapter, type BackendName } from '../shared/compute-protocol';
import { selectBackend } from '../main/engine/core/backend';
import { ImageMsVae } from '../main/engine/image/models/image-ms-vae';
import { createOptimizers, stepRegistry } from '../main/engine/image/training/steps';
import { ParallelImageSteps } from '../main/engine/image/replicas/parallel-steps';
import { seededRandom } from '../main/engine/core/random';
import { stepGflop } from './kernel-flops';
import { kernelProfile } from './kernel-profile';
import { peakRss, resetPeakRss } from './peak-rss';
import type { StepTiming } from './torch-reference';
import { medianOf } from './stats';

export interface TrainStepBenchOptions {
  readonly backend?: BackendName;
  readonly steps: number;
  readonly warmup: number;
  readonly profile: boolean;
  /** 1: the stage-1 beta-TCVAE step (the reference's); 2: the stage-2 MS-VAE step; 3: MS-GAN. */
  readonly stage?: 1 | 2 | 3;
  readonly stage2Width?: number;
  /** Replica threads (data parallel, exact); 1 = the single-thread step. */
  readonly threads?: number;
  readonly replicaEntry?: string;
}


/**
 * ms per stage-1 training step with exactly the reference benchmark's setup
 * (../shared/reference/torch_tcvae_bench.py): 64x64x1, batch 64, 10 latents, beta 6, Adam
 * lr 1e-4, Bernoulli recon + KL + (beta-1) TC (MWS, N = 737280), random binary batches.
 */
export async function trainStepBench(options: TrainStepBenchOptions): Promise<StepTiming & Record<string, unknown>> {
  const backend = await selectBackend(options.backend);
  // Each call's own peak (--compare runs 1 and N threads in one process).
  resetPeakRss();
  const stage = options.stage ?? 1;
  const config = imageModelConfigSchema.parse({ data: 'dsprites', imageSize: 64, batch: 64, latents: 10, beta: 6, lr: 1e-4, stage2: stage === 3 ? 'gan' : 'vae', stage2Width: options.stage2Width ?? 16 });
  const model = new ImageMsVae(config);
  const optimizers = createOptimizers(config);
  const stepName = stage === 1 ? 'stage1/beta-tcvae' : stage === 2 ? 'stage2/vae' : 'stage2/gan';
  const single = stepRegistry[stepName](model, config, 737_280, optimizers);
  const threads = options.threads ?? 1;
  const parallel = threads > 1 && stage !== 3 && options.replicaEntry ? await ParallelImageSteps.start(model, config, 737_280, optimizers, options.replicaEntry, threads) : undefined;
  const step = async (x: tf.Tensor4D, i: number) => {
    if (!parallel) return single(x, i);
    const images = (await x.data()) as Float32Array;
    return stage === 1 ? parallel.stage1(images, 64, i) : parallel.stage2(images, 64, i);
  };
  const random = seededRandom(0);
  const batches = Array.from({ length: 8 }, () => {
    const data = new Float32Array(64 * 64 * 64);
    for (let i = 0; i < data.length; i++) data[i] = random() > 0.7 ? 1 : 0;
    return tf.tensor4d(data, [64, 64, 64, 1]);
  });
  const times: number[] = [];
  let loss = Number.NaN;
  let tensorsBefore = tf.memory().numTensors;
  for (let i = 0; i < options.warmup + options.steps; i++) {
    // Adam creates its moment variables on the first step: count leaks from the second on.
    if (i === 1) tensorsBefore = tf.memory().numTensors;
    const x = batches[i % batches.length] as tf.Tensor4D;
    const t0 = performance.now();
    const result = await step(x, i);
    loss = (await result.values.data())[0] ?? Number.NaN;
    const dt = performance.now() - t0;
    result.values.dispose();
    if (i >= options.warmup) times.push(dt);
  }
  const leaked = tf.memory().numTensors - tensorsBefore;
  // One profiled step on this thread: its kernel shapes give the step's arithmetic (GFLOP).
  const info = await tf.profile(() => {
    single(batches[0] as tf.Tensor4D, 999).values.dispose();
  });
  const gflop = stepGflop(info.kernels);
  const kernels = options.profile ? kernelProfile(info.kernels) : undefined;
  await parallel?.close();
  tf.dispose(batches);
  Object.values(optimizers).forEach((o) => o.dispose());
  model.dispose();
  return {
    impl: 'factor-studio',
    step: stepName,
    backend: backend.name,
    // webgpu: which GPU the figure is for (a software adapter's figures only show that it runs).
    adapter: backend.adapter ? describeAdapter(backend.adapter) : null,
    threads: parallel ? threads : 1,
    batch: 64,
    size: 64,
    channels: 1,
    latent: 10,
    ms_per_step: Number(medianOf(times).toFixed(2)),
    gflop_per_step: Number(gflop.toFixed(2)),
    gflop_per_s: Number((gflop / (medianOf(times) / 1000)).toFixed(1)),
    // The replicas (threads > 1) are worker threads of this process: their memory is in it.
    ...peakRss(),
    ms_min: Number(Math.min(...times).toFixed(2)),
    ms_max: Number(Math.max(...times).toFixed(2)),
    final_loss: Number(loss.toFixed(3)),
    tensors_leaked: leaked,
    ...(kernels ? { kernels } : {}),
  };
}
