import { imageModelConfigSchema, type ImageModelConfig, type ImageModelConfigInput } from '../../../../shared/image-config';
import { selectBackend } from '../../../../main/engine/core/backend';
import { createDSprites } from '../../../../main/engine/image/data/dsprites';
import type { TrainCallbacks } from '../../../../main/engine/image/training/train-image';

/** The real WASM backend with the training kernels, as the compute process uses it. */
export async function useWasm(): Promise<void> {
  const report = await selectBackend('wasm');
  if (report.name !== 'wasm') throw new Error('wasm backend did not start');
}

/** A tiny configuration: 32x32 dSprites, small batch, few steps. */
export function tinyConfig(overrides: Partial<ImageModelConfigInput> = {}): ImageModelConfig {
  return imageModelConfigSchema.parse({
    data: 'dsprites',
    imageSize: 32,
    batch: 8,
    latents: 4,
    zDim: 4,
    stage2Width: 8,
    stage1Steps: 10,
    stage2Steps: 0,
    lr: 1e-3,
    stage2Lr: 1e-3,
    checkpointEvery: 5,
    previewEvery: 1000,
    seed: 7,
    ...overrides,
  });
}

export const tinySource = (seed = 7) => createDSprites({ size: 32, seed, count: 512 });

export function quietCallbacks(overrides: Partial<TrainCallbacks> = {}): TrainCallbacks {
  return { onProgress: () => {}, isCancelled: () => false, yieldToEvents: async () => {}, ...overrides };
}
