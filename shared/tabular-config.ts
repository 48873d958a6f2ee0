import { z } from 'zod';
import { learningRate, numberIn, trainingLimits, userPathSchema, wholeNumberIn } from './schemas';

/** The table config's limits the setup screens check too (the shared training ones, and the batch). */
export const tabularConfigLimits = { ...trainingLimits, batch: { min: 2, max: 4096 } } as const;

/** The tabular MS-VAE's configuration and defaults (METHOD.md), saved beside every checkpoint. */
export const tabularModelConfigSchema = z
  .object({
    kind: z.literal('tabular').default('tabular'),
    /** The CSV or JSON file. */
    data: userPathSchema,
    /** The column ML efficacy predicts; default: chosen by the report. */
    target: z.string().max(1000, { message: 'a column name can be at most 1000 characters' }).optional(),
    latents: wholeNumberIn(tabularConfigLimits.latents).default(8),
    beta: numberIn(tabularConfigLimits.beta).default(6),
    /** Width of the MLPs' two hidden layers. */
    hidden: z.number().int().min(8).max(1024).default(128),
    stage1Steps: wholeNumberIn(tabularConfigLimits.stageSteps).default(3000),
    /** vae: conditional VAE; gmm: conditional Gaussian mixture (mixture density network) on the residual; flow: conditional coupling flow on the residual. */
    stage2: z.enum(['vae', 'gmm', 'flow']).default('flow'),
    stage2Steps: wholeNumberIn(tabularConfigLimits.stageSteps).default(3000),
    zDim: z.number().int().min(1).max(128).default(8),
    /** Mixture components of the gmm stage 2. */
    mixtures: z.number().int().min(1).max(100).default(10),
    /** Coupling layers of the flow stage 2. */
    flowLayers: z.number().int().min(1).max(32).default(6),
    /**
     * Std of the noise added to the flow's training residuals (encoded units): it dequantises
     * categories and smooths the fit, which small tables need most. 'auto': 0.3 up to 300
     * training rows, then 0.3 * (300 / rows)^(1/3), at least 0.03 (measured on penguins, cars, movies).
     */
    flowNoise: z.union([z.literal('auto'), z.number().min(0).max(2)]).default('auto'),
    /**
     * How integer and float columns are encoded. 'quantile': the normal score of each value under
     * the column's empirical CDF, decoded through its quantiles (TabDDPM's choice; skewed,
     * heavy-tailed and spiky columns become well-behaved scalars and come back with their real
     * marginal). 'auto': standardised, or CTGAN's mode-specific normalisation for clearly
     * multimodal columns (the default until issue 18's bench, which measured quantile better).
     */
    numericEncoding: z.enum(['quantile', 'auto', 'standard', 'mode-specific']).default('quantile'),
    batch: wholeNumberIn(tabularConfigLimits.batch).default(256),
    lr: learningRate().default(1e-3),
    stage2Lr: learningRate().default(1e-3),
    seed: wholeNumberIn(tabularConfigLimits.seed).default(1),
    /** Rows kept for training (a seeded reservoir sample of bigger files). */
    maxRows: z.number().int().min(10).max(5_000_000).default(200_000),
    /** Share of rows held out for the quality report (never trained on). */
    holdout: z.number().min(0.05).max(0.5).default(0.2),
    checkpointEvery: z.number().int().min(1).default(500),
    /** Share of the training rows set aside to judge each stage (early stopping); 0 turns it off. */
    validation: z.number().min(0).max(0.3).default(0.1),
    /** Steps between validation checks. */
    validateEvery: z.number().int().min(1).default(50),
    /**
     * Checks without improvement before a stage stops early (its best weights kept); 0 turns early
     * stopping off. 12, not 6: a small table's validation rows are few (28-33 on penguins and
     * cars), so its loss is noisy and 6 checks ended stage 2 too soon; over 5 seeds, 12 raised
     * cars' ML efficacy from 0.81 to 0.87 and movies' from 0.81 to 0.83 (bench/tabular.ts).
     */
    patience: z.number().int().min(0).max(1000).default(12),
  })
  .strict();

export type TabularModelConfig = z.output<typeof tabularModelConfigSchema>;
export type TabularModelConfigInput = z.input<typeof tabularModelConfigSchema>;

/** A condition on generated rows: a column fixed to a value, or a numeric column within a range. */
export type RowCondition =
  | { readonly column: string; readonly op: 'eq'; readonly value: string }
  | { readonly column: string; readonly op: 'range'; readonly min: number; readonly max: number };

/** A user's change to the inferred schema. */
export interface ColumnOverrideSpec {
  readonly column: string;
  readonly type?: 'integer' | 'float' | 'categorical' | 'boolean' | 'datetime';
  readonly role?: 'feature' | 'excluded';
}
