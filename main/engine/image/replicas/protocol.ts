import type { ImageModelConfig } from '../../../../shared/image-config';

/**
 * Messages between the coordinating thread and a replica thread. Each replica holds the same
 * model and computes gradients for its share of the batch; the coordinator owns the optimizer.
 * Float32Arrays are transferred, not copied.
 */
export type ToReplica =
  | { readonly type: 'init'; readonly config: ImageModelConfig; readonly datasetSize: number }
  /** Stage 1, round 1: set stage-1 weights, encode this share of the batch. */
  | { readonly type: 'encode'; readonly stage1: Float32Array; readonly x: Float32Array; readonly n: number }
  /** Stage 1, round 2: gradients of recon/B plus the latent loss's pull on mu, logvar and c. */
  | {
      readonly type: 'stage1-grads';
      readonly eps: Float32Array;
      readonly gMu: Float32Array;
      readonly gLogvar: Float32Array;
      readonly gC: Float32Array;
      readonly batchTotal: number;
    }
  /** Stage 2 (MS-VAE): per-example loss, so one round: set weights, gradients of this share's loss/B. */
  | {
      readonly type: 'stage2-grads';
      readonly stage1?: Float32Array;
      readonly stage2: Float32Array;
      readonly x: Float32Array;
      readonly n: number;
      readonly epsC: Float32Array;
      readonly epsZ: Float32Array;
      readonly batchTotal: number;
    }
  | { readonly type: 'close' };

export type FromReplica =
  | { readonly type: 'ready'; readonly backend: string }
  | { readonly type: 'encoded'; readonly mu: Float32Array; readonly logvar: Float32Array }
  | { readonly type: 'grads'; readonly grads: Float32Array; readonly sums: Readonly<Record<string, number>> }
  | { readonly type: 'error'; readonly message: string };
