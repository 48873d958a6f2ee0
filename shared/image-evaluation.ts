/**
 * The image evaluate report (METHOD.md, 'What the app must measure'): written to
 * <run>/evaluation.json by the 'image-evaluate' job and returned as its output.
 */

/** Means over the evaluated images of one stage's reconstructions. */
export interface ReconstructionScores {
  /** Per-image summed BCE (nats). */
  readonly recon_bce: number;
  readonly mse: number;
  /** dB, capped. */
  readonly psnr: number;
  readonly ssim: number;
}

export interface DisentanglementScores {
  readonly mig: number;
  readonly sap: number;
  readonly per_factor: readonly { readonly factor: string; readonly mig: number; readonly top_code: number }[];
  /** Factors with zero entropy in the sample, left out of the means. */
  readonly constant_factors: readonly string[];
}

/** Features of real images against samples from the prior; FD on local random-conv features, not FID. */
export interface SampleQualityScores {
  readonly fd_local: number;
  readonly kid: number;
  readonly kid_std: number;
}

export interface ImageEvaluation {
  readonly run: string;
  readonly dataset: string;
  readonly step: number;
  readonly stage2_trained: boolean;
  readonly stage2_kind: string;
  readonly samples: number;
  readonly stage1: ReconstructionScores;
  readonly stage2: ReconstructionScores;
  /** Without ground-truth factors only factors_used (empty) and the note. */
  readonly disentanglement: {
    readonly factors_used: readonly string[];
    readonly note: string;
    readonly stage1?: DisentanglementScores | null;
    readonly stage2?: DisentanglementScores | null;
  };
  /** Stage 1's MIG, or null without ground-truth factors. */
  readonly mig: number | null;
  /** How much of c survives stage 2, as normalised mutual information with the codes of x. */
  readonly preservation: { readonly encoder_z: number; readonly random_z: number; readonly shuffled_y: number };
  readonly sample_quality: { readonly feature_net: string; readonly note: string; readonly stage1: SampleQualityScores; readonly stage2: SampleQualityScores };
  readonly factors: { readonly kl_per_dim: readonly number[]; readonly active: number; readonly tc_estimate: number };
}
