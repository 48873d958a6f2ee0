import { z } from 'zod';
import { learningRate, numberIn, trainingLimits, userPathSchema, wholeNumberIn } from './schemas';

/** The image config's limits the setup screens check too (the shared training ones, and the batch). */
export const imageConfigLimits = { ...trainingLimits, batch: { min: 2, max: 1024 } } as const;

/**
 * What a run trains: the two-stage MS-VAE, or one of the paper's single-stage baselines
 * (shared/baselines.ts): beta-TCVAE alone (stage 1), beta-TCVAE-L (stage 1 widened to the
 * parameters of stage 1 + stage 2) and Big-VAE (that capacity, a plain VAE: beta 1, no TC term).
 */
export const imageModelVariants = ['ms-vae', 'beta-tcvae', 'beta-tcvae-l', 'big-vae'] as const;
export type ImageModelVariant = (typeof imageModelVariants)[number];

/**
 * The image MS-VAE's configuration and its defaults (METHOD.md), shared by the CLI, the API
 * and the compute process, and saved beside every checkpoint.
 */
export const imageModelConfigSchema = z
  .object({
    kind: z.literal('image').default('image'),
    /** Runs saved before baselines existed have no variant: they are MS-VAEs. */
    variant: z.enum(imageModelVariants).default('ms-vae'),
    /** 'dsprites', 'mnist', or a folder of images. */
    data: userPathSchema,
    imageSize: z.union([z.literal(32), z.literal(64)]).default(64),
    channels: z.union([z.literal(1), z.literal(3)]).default(1),
    fit: z.enum(['crop', 'pad']).default('crop'),
    /** |c|: the disentangled factors of stage 1. */
    latents: wholeNumberIn(imageConfigLimits.latents).default(10),
    beta: numberIn(imageConfigLimits.beta).default(6),
    likelihood: z.enum(['bernoulli', 'gaussian']).default('bernoulli'),
    stage1Steps: wholeNumberIn(imageConfigLimits.stageSteps).default(20_000),
    stage2: z.enum(['vae', 'gan']).default('vae'),
    stage2Steps: wholeNumberIn(imageConfigLimits.stageSteps).default(10_000),
    /** |z|: the correlated detail stage 2 learns. */
    zDim: z.number().int().min(1).max(256).default(32),
    /**
     * Channels of stage 2's first layer; doubles per layer. The paper code uses 64 on GPUs; 16
     * keeps a 64x64 stage-2 step near 1.8 s on one WASM core (32: 3.5 s), measured with
     * `npm run bench -- train-step --stage 2 --stage2-width N`.
     */
    stage2Width: z.number().int().min(4).max(128).default(16),
    batch: wholeNumberIn(imageConfigLimits.batch).default(64),
    lr: learningRate().default(1e-4),
    stage2Lr: learningRate().default(2e-4),
    seed: wholeNumberIn(imageConfigLimits.seed).default(1),
    /** Y for stage 2: decoder output of a fresh sample of q(c|x) (paper code) or of its mean. */
    yMode: z.enum(['sample', 'mean']).default('sample'),
    /** Training threads on the WebAssembly backend: 0 = one per CPU core; 1 = single-threaded. */
    threads: z.number().int().min(0).max(64).default(0),
    checkpointEvery: z.number().int().min(1).default(500),
    previewEvery: z.number().int().min(1).default(250),
  })
  .strict();

export type ImageModelConfig = z.output<typeof imageModelConfigSchema>;
export type ImageModelConfigInput = z.input<typeof imageModelConfigSchema>;
