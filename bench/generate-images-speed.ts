import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../shared/compute-protocol';
import { selectBackend } from '../main/engine/core/backend';
import { ImageMsVae } from '../main/engine/image/models/image-ms-vae';
import { SAMPLE_CHUNK } from '../main/engine/image/sample-files';
import { sampleImages } from '../main/engine/image/sampling';
import { stepGflop } from './kernel-flops';
import { kernelProfile } from './kernel-profile';
import { peakRss, resetPeakRss } from './peak-rss';
import { presetBenchConfig } from './preset-config';
import { rateSummary, timeRepeats } from './stats';

export interface GenerateSpeedOptions {
  readonly backend?: BackendName;
  readonly repeats: number;
  readonly warmup: number;
  /** Add the per-kernel profile (calls, ms) of one draw at the largest batch. */
  readonly profile?: boolean;
}

/**
 * Images per second of stage-2 generation at 64x64, exactly as an export draws them
 * (sampling.ts sampleImages: c ~ N(0, I), y = dec1(c), z from the z prior, x = G(y, z), read
 * back), with an untrained model of the Balanced preset's config: the app's 64x64 preset (the
 * wizard's default, Quick, is 32x32). Weights do not change the arithmetic, so untrained is as
 * fast as trained. Batches: 1 (one inspector redraw), 64 and the export's chunk. One thread:
 * an export runs in one compute process, without replicas.
 */
export async function imageGenerateSpeed(options: GenerateSpeedOptions): Promise<Record<string, unknown>> {
  const backend = await selectBackend(options.backend);
  resetPeakRss();
  const config = presetBenchConfig('balanced', 'dsprites');
  const model = new ImageMsVae(config);
  const tensorsBefore = tf.memory().numTensors;
  const results = [];
  let kernels: ReturnType<typeof kernelProfile> | undefined;
  for (const batch of [...new Set([1, 64, SAMPLE_CHUNK])]) {
    const times = await timeRepeats(options.warmup, options.repeats, (i) => sampleImages(model, batch, 1 + i * batch, {}, true));
    // One profiled draw: its kernels' shapes give the arithmetic (GFLOP) of a batch.
    const info = await tf.profile(async () => {
      await sampleImages(model, batch, 1, {}, true);
    });
    const gflop = stepGflop(info.kernels);
    if (options.profile) kernels = kernelProfile(info.kernels);
    const summary = rateSummary(batch, times);
    results.push({ ...summary, gflop: Number(gflop.toFixed(3)), gflop_per_s: Number((gflop / (summary.ms_median / 1000)).toFixed(1)) });
  }
  const leaked = tf.memory().numTensors - tensorsBefore;
  model.dispose();
  return {
    impl: 'factor-studio',
    kind: 'generate-images',
    backend: backend.name,
    threads: 1,
    preset: 'balanced',
    model: { size: config.imageSize, channels: config.channels, latents: config.latents, z_dim: config.zDim, stage2_width: config.stage2Width },
    export_batch: SAMPLE_CHUNK,
    results,
    ...peakRss(),
    tensors_leaked: leaked,
    ...(kernels ? { kernels } : {}),
  };
}

/** The twin's arguments for the same model and batches. */
export function imageTwinArgs(ours: Record<string, unknown>, repeats: number, warmup: number): string[] {
  const m = ours['model'] as { latents: number; z_dim: number; stage2_width: number };
  const batches = (ours['results'] as { batch: number }[]).map((r) => r.batch).join(',');
  return ['--kind', 'images', '--batches', batches, '--latent', String(m.latents), '--z-dim', String(m.z_dim), '--width', String(m.stage2_width), '--repeats', String(repeats), '--warmup', String(warmup)];
}
