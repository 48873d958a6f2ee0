import type { ImageModelConfig, ImageModelVariant } from './image-config';

/** The paper's baselines of an MS-VAE run (its Fig. 3), in the order they are queued. */
export const baselineKinds = ['beta-tcvae', 'beta-tcvae-l', 'big-vae'] as const satisfies readonly ImageModelVariant[];
export type BaselineKind = (typeof baselineKinds)[number];

export const isBaselineKind = (value: unknown): value is BaselineKind => (baselineKinds as readonly unknown[]).includes(value);

/** Names as the paper writes them, for tables, charts and the card. */
export const variantLabels: Readonly<Record<ImageModelVariant, string>> = {
  'ms-vae': 'MS-VAE',
  'beta-tcvae': 'β-TCVAE',
  'beta-tcvae-l': 'β-TCVAE-L',
  'big-vae': 'Big-VAE',
};

/**
 * The config of one baseline of an MS-VAE run: the same data, seed, batch, learning rate and
 * image settings, and the same budget counted in training steps: the baseline's one stage
 * trains stage1Steps + stage2Steps steps of the same batch size, so every model sees as many
 * images and makes as many updates. Steps, not seconds, because a step count is the same on
 * every machine and under any load (a time budget would hand the faster, smaller model more
 * updates on an idle machine than on a busy one); the paper also trains its baselines for as
 * many iterations. Big-VAE is a plain VAE: beta 1, and its step has no TC term (steps.ts).
 */
export function baselineConfig(run: ImageModelConfig, kind: BaselineKind): ImageModelConfig {
  return {
    ...run,
    variant: kind,
    stage1Steps: run.stage1Steps + run.stage2Steps,
    stage2Steps: 0,
    beta: kind === 'big-vae' ? 1 : run.beta,
  };
}
