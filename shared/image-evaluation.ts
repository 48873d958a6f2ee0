/**
 * The image evaluate report (METHOD.md, 'What the app must measure'): written to
 * <run>/evaluation.json by the 'image-evaluate' job and returned as its output.
 * Every stage-2 part is null while stage 2 has not trained (not numbers from random weights).
 */

/** Which images a run is evaluated on (main/engine/image/data/run-data.ts openEvaluationSource). */
export interface EvaluationSplit {
  readonly split: 'full-grid' | 'test' | 'holdout' | 'training';
  /** Images in that split. */
  readonly n: number;
  readonly note: string;
}

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
  /** disentanglement_lib's SAP (LinearSVC C = 0.01, balanced, per code dim and factor). */
  readonly sap: number;
  readonly per_factor: readonly { readonly factor: string; readonly mig: number; readonly sap: number; readonly top_code: number }[];
  /** Factors with zero entropy in the sample, left out of the means. */
  readonly constant_factors: readonly string[];
}

/** Features of real images against samples from the prior; FD on local random-conv features, not FID. */
export interface SampleQualityScores {
  readonly fd_local: number;
  readonly kid: number;
  readonly kid_std: number;
}

/**
 * Normalised MI between c(x) and c of a stage-2 output, over the active dims only, beside its
 * chance floor (the same measure between c(x) and codes of other images). null: no active dim.
 */
export interface PreservationScores {
  /** x_hat = G(y(x), z(x)): the image rebuilt through stage 2. */
  readonly encoder_z: number | null;
  /** x_hat = G(y(x), z ~ N(0, I)): random detail. */
  readonly random_z: number | null;
  /** x_hat = G(y(x'), z(x)): another image's factors; compared with c(x'), so higher = factors follow y. */
  readonly shuffled_y: number | null;
  /** What these read when nothing is preserved (plug-in MI bias at this n). */
  readonly chance: number | null;
  /** The code dims measured (the active ones). */
  readonly dims: readonly number[];
}

/**
 * Known labels predicted from codes of held-out images (the paper's Fig. 5): a multinomial
 * logistic regression fit on one half of the evaluated images' codes, scored on the other half.
 */
export interface InterpretabilityScores {
  /** Images scored (the second half); as many were fit on. */
  readonly n: number;
  /** The split the codes come from (evaluated_on.split). */
  readonly split: string;
  readonly labels: readonly {
    readonly name: string;
    readonly classes: number;
    /** Accuracy of always answering the fit half's most common class. */
    readonly chance: number;
    /** From C (stage-1 mean codes). */
    readonly c: number;
    /** From Z (stage-2 residual code mean); null until stage 2 has trained. */
    readonly z: number | null;
    /** From C and Z side by side; null until stage 2 has trained. */
    readonly cz: number | null;
  }[];
}

/**
 * What stage 2 keeps (the paper's Fig. 4): per active stage-1 factor c_k, I(c_k(x); c_k(out)) /
 * H(c_k(x)) for out = (M1) the stage-1 reconstruction, (M2) the stage-2 reconstruction,
 * (M3) G(y(x), z from the prior), (M4) G(y(x'), z(x)) with x' another image. High M1-M3 and low
 * M4: the factors live in Y, not in Z.
 */
export interface Stage2MiScores {
  readonly n: number;
  readonly split: string;
  /** One entry per active code dim; factor is its name as the Factors tab writes it ('c3' = dim 3). null: constant there. */
  readonly perFactor: readonly { readonly factor: string; readonly m1: number | null; readonly m2: number | null; readonly m3: number | null; readonly m4: number | null }[];
}

export interface ImageEvaluation {
  readonly run: string;
  readonly dataset: string;
  readonly step: number;
  readonly stage2_trained: boolean;
  readonly stage2_kind: string;
  /** Images used for reconstruction, MIG, preservation and sample quality. */
  readonly samples: number;
  /** The images `samples` were drawn from: split name, its size and what it is. */
  readonly evaluated_on: EvaluationSplit;
  /** How stage 2's y was made in training: from a sampled c ('sample') or the mean code. */
  readonly y_mode: 'sample' | 'mean';
  /** Stage 1 decoding the mean code. */
  readonly stage1: ReconstructionScores;
  /** Stage 2 with y made as in training (y_mode); null until stage 2 has trained. */
  readonly stage2: ReconstructionScores | null;
  /** Stage 2 with y from the mean code, as sampling and the inspector make it; null until trained. */
  readonly stage2_mean_y: ReconstructionScores | null;
  /** Without ground-truth factors only factors_used (empty) and the note. */
  readonly disentanglement: {
    readonly factors_used: readonly string[];
    readonly note: string;
    /** Sample counts: MIG's, and SAP's separate train and test sets. */
    readonly protocol?: { readonly mig_samples: number; readonly sap_train: number; readonly sap_test: number };
    readonly stage1?: DisentanglementScores | null;
    /** Codes of stage-2 outputs (mean-y path); null until stage 2 has trained. */
    readonly stage2?: DisentanglementScores | null;
  };
  /** Stage 1's MIG, or null without ground-truth factors. */
  readonly mig: number | null;
  /** How much of c survives stage 2; null until stage 2 has trained. */
  readonly preservation: PreservationScores | null;
  /** Labels predicted from C, Z and C+Z; absent when the data has no labels. */
  readonly interpretability?: InterpretabilityScores;
  /** M1-M4 per factor; null until stage 2 has trained. */
  readonly stage2Mi?: Stage2MiScores | null;
  readonly sample_quality: { readonly feature_net: string; readonly note: string; /** Real images and samples per set (at most 1,600). */ readonly samples: number; readonly stage1: SampleQualityScores; readonly stage2: SampleQualityScores | null };
  /** active: dims with KL above active_threshold = max(0.1 nats, 5% of the largest KL). */
  readonly factors: { readonly kl_per_dim: readonly number[]; readonly active: number; readonly active_threshold: number; readonly active_dims: readonly number[]; readonly tc_estimate: number };
}

/** Default images per evaluate (CLI, app, bench): disentanglement_lib's MIG sample count (mig num_train). */
export const IMAGE_EVALUATE_SAMPLES = 10_000;
