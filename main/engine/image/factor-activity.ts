import * as tf from '@tensorflow/tfjs-core';
import { openImageSource } from './data/open-image-source';
import { eventYielder } from '../core/job-context';
import { createPermutation, mixSeed } from '../core/permutation';
import { klPerDim } from '../core/losses/terms';
import type { TrainedRun } from './load-run';
import { activeThreshold } from './metrics/active-factors';

const chunk = 64;

/**
 * Mean KL(q(c_k|x) || N(0, 1)) per factor k over a fixed, seeded sample of the run's data,
 * from the stage-1 encoder: a factor the model uses has a clearly positive KL, a collapsed one ~0.
 */
export async function factorActivity(run: TrainedRun, samples: number): Promise<{ klPerFactor: number[]; samples: number; activeThreshold: number }> {
  const { config, model } = run;
  // Reading back resolves as a microtask on the CPU backends: without a pause per chunk a long
  // activity pass never lets the heartbeat run (core/steps.ts).
  const pause = eventYielder();
  const source = await openImageSource({ data: config.data, size: config.imageSize, channels: config.channels, fit: config.fit, seed: config.seed });
  try {
    const n = Math.min(samples, source.info.count);
    const order = createPermutation(source.info.count, mixSeed(config.seed, 0xac71));
    const sums = new Float64Array(config.latents);
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start);
      const batch = await source.read(Array.from({ length: m }, (_, i) => order(start + i)));
      const kl = tf.tidy(() => {
        const { mu, logvar } = model.stage1.encode(tf.tensor4d(batch.images, [m, config.imageSize, config.imageSize, config.channels]));
        return klPerDim(mu, logvar);
      });
      const values = await kl.data();
      kl.dispose();
      values.forEach((v, k) => (sums[k] = (sums[k] ?? 0) + v * m));
      await pause();
    }
    // Each term is a KL, so >= 0; float error can leave a tiny negative.
    const klPerFactor = [...sums].map((s) => Math.max(0, s / Math.max(1, n)));
    // The Factors tab counts dims above this (the evaluate report's rule, metrics/active-factors.ts).
    return { klPerFactor, samples: n, activeThreshold: activeThreshold(klPerFactor) };
  } finally {
    await source.close?.();
  }
}
