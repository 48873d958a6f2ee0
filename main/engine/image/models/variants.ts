import type { ImageModelConfig } from '../../../../shared/image-config';
import { Params } from '../../core/nn/params';
import { stage1ParamCount, type Stage1Options } from './stage1-conv';
import { Stage2Encoder } from './stage2-encoder';
import { Stage2Generator, type Stage2Options } from './stage2-generator';

/**
 * The model variants' capacities. beta-TCVAE-L and Big-VAE are stage 1 widened until its
 * parameter count matches the MS-VAE's stage 1 + stage 2 (G and its residual encoder; MS-GAN's
 * discriminator only trains and is not part of the model), so they have the multi-stage
 * model's capacity in one stage.
 */

/** Stage 2's trainable parameters (G + its residual encoder), counted on a throwaway build. */
export function stage2ParamCount(config: ImageModelConfig): number {
  const options: Stage2Options = { size: config.imageSize, channels: config.channels, zDim: config.zDim, width: config.stage2Width };
  const params = new Params(0);
  try {
    new Stage2Generator(params, options);
    new Stage2Encoder(params, options);
    return params.count();
  } finally {
    params.dispose();
  }
}

const stage1Options = (config: ImageModelConfig, width: number): Stage1Options => ({
  size: config.imageSize,
  channels: config.channels,
  latents: config.latents,
  seed: config.seed,
  width,
});

/** Width multipliers tried, finest first step 0.005: from the reference (1) up to 4x. */
const widthGrid = Array.from({ length: 601 }, (_, i) => 1 + i * 0.005);

/** The width multiplier whose stage 1 is closest to `target` parameters. */
export function widthForParams(config: ImageModelConfig, target: number): number {
  let best = 1;
  let bestGap = Infinity;
  for (const w of widthGrid) {
    const gap = Math.abs(stage1ParamCount(stage1Options(config, w)) - target);
    if (gap < bestGap) [best, bestGap] = [w, gap];
  }
  return best;
}

/** The stage-1 width multiplier of this config's variant: 1, or the MS-VAE's capacity for the large ones. */
export function stage1Width(config: ImageModelConfig): number {
  if (config.variant !== 'beta-tcvae-l' && config.variant !== 'big-vae') return 1;
  return widthForParams(config, stage1ParamCount(stage1Options(config, 1)) + stage2ParamCount(config));
}

/** Trainable parameters of the model a run trains: both stages of an MS-VAE, the one stage of a baseline. */
export function modelParamCount(config: ImageModelConfig): number {
  const stage1 = stage1ParamCount(stage1Options(config, stage1Width(config)));
  return config.variant === 'ms-vae' ? stage1 + stage2ParamCount(config) : stage1;
}
