import * as tf from '@tensorflow/tfjs-core';
import { describeAdapter, type BackendName } from '../shared/compute-protocol';
import { tabularModelConfigSchema } from '../shared/tabular-config';
import { selectBackend } from '../main/engine/core/backend';
import { seededRandom } from '../main/engine/core/random';
import { TabularMsVae } from '../main/engine/table/model/model';
import { SpanLayout } from '../main/engine/table/model/span-layout';
import { createTabularOptimizers, tabularStage1Step, tabularStage2Step } from '../main/engine/table/model/steps';
import { kernelProfile } from './kernel-profile';
import { peakRss, resetPeakRss } from './peak-rss';
import { medianOf } from './stats';

/**
 * ms per tabular step with the references' setup: MLP 128-128, batch 256, 8 latents, 20 numeric
 * columns. Stage 1 (torch_tcvae_bench.py --kind mlp): unit-variance Gaussian recon + KL +
 * (beta-1) TC (MWS, N = 737280), Adam lr 1e-4. Stage 2 (bench/reference/torch_table_flow_bench.py):
 * the coupling flow (6 layers) on the residual given a frozen stage 1's y, the app's default.
 */
export async function tabularStepBench(options: { backend?: BackendName; steps: number; warmup: number; stage?: 1 | 2; profile?: boolean }): Promise<{ ms_per_step: number; threads: number } & Record<string, unknown>> {
  const backend = await selectBackend(options.backend);
  resetPeakRss();
  const columns = 20;
  const layout = new SpanLayout(
    Array.from({ length: columns }, (_, i) => ({ column: `x${i}`, kind: 'numeric' as const, start: i, width: 1 })),
    columns,
  );
  const stage = options.stage ?? 1;
  const config = tabularModelConfigSchema.parse({ data: 'bench', latents: 8, hidden: 128, batch: 256, beta: 6, lr: 1e-4, stage2: 'flow' });
  const model = new TabularMsVae(config, layout);
  const optimizers = createTabularOptimizers(config);
  const optimizer = optimizers[stage === 1 ? 'stage1' : 'stage2'];
  if (!optimizer) throw new Error('no optimizer');
  const step = (stage === 1 ? tabularStage1Step : tabularStage2Step)(model, config, 737_280, optimizer);
  const random = seededRandom(0);
  const batches = Array.from({ length: 8 }, () => tf.tensor2d(Float32Array.from({ length: 256 * columns }, () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random())), [256, columns]));
  const times: number[] = [];
  let loss = Number.NaN;
  for (let i = 0; i < options.warmup + options.steps; i++) {
    const t0 = performance.now();
    const result = step(batches[i % batches.length] as tf.Tensor2D, i);
    loss = (await result.values.data())[0] ?? Number.NaN;
    result.values.dispose();
    if (i >= options.warmup) times.push(performance.now() - t0);
  }
  // --profile: one more step's kernels by name (calls, ms), the slowest first, and the kernel count.
  let profile: object | undefined;
  if (options.profile) {
    const info = await tf.profile(async () => {
      const result = step(batches[0] as tf.Tensor2D, options.warmup + options.steps);
      await result.values.data();
      result.values.dispose();
    });
    profile = { kernels: info.kernels.length, top: kernelProfile(info.kernels, 20) };
  }
  tf.dispose(batches);
  Object.values(optimizers).forEach((o) => o.dispose());
  model.dispose();
  return {
    impl: 'factor-studio',
    kind: stage === 1 ? 'mlp' : 'table-flow',
    backend: backend.name,
    // webgpu: which GPU the figure is for (a software adapter's figures only show that it runs).
    adapter: backend.adapter ? describeAdapter(backend.adapter) : null,
    threads: 1,
    batch: 256,
    columns,
    latent: 8,
    ms_per_step: Number(medianOf(times).toFixed(2)),
    ms_min: Number(Math.min(...times).toFixed(2)),
    ms_max: Number(Math.max(...times).toFixed(2)),
    final_loss: Number(loss.toFixed(3)),
    ...peakRss(),
    ...(profile ? { profile } : {}),
  };
}
