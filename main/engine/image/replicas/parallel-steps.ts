import * as tf from '@tensorflow/tfjs-core';
import type { ImageModelConfig } from '../../../../shared/image-config';
import { totalCorrelationMws } from '../../core/losses/beta-tcvae';
import { klStandardNormal } from '../../core/losses/terms';
import type { ImageMsVae } from '../models/image-ms-vae';
import type { Params } from '../../core/nn/params';
import { stepSeed } from '../../core/seeds';
import type { StepResult } from '../../core/train-step';
import { flattenParams, unflattenGrads } from './flat';
import type { FromReplica } from './protocol';
import { ReplicaPool } from './replica-pool';

/**
 * Data-parallel training steps over replica threads, one per core, computing exactly the
 * single-thread step's loss and gradients (up to float summation order):
 *
 * Stage 1's total correlation couples the whole batch (the MWS estimator compares every c_i
 * with every q(c|x_j)), so its step takes two rounds. Round 1: each replica encodes its share;
 * the coordinator draws the same noise as the single-thread step, forms c for the whole batch,
 * and differentiates the latent part L = KL + (beta - 1) TC with respect to mu, logvar and c.
 * Round 2: each replica differentiates recon_share / B + <dL/dmu, mu> + <dL/dlogvar, logvar>
 * + <dL/dc, c> through its own encoder and decoder; the sum over replicas is the full gradient.
 * Stage 2 (MS-VAE) is a per-example loss: one round, gradients of each share's loss / B summed.
 * The coordinator keeps the model and the optimizers; replicas get the weights each step.
 */
export class ParallelImageSteps {
  private readonly pool: ReplicaPool;
  private stage1Sent = false;

  private constructor(
    private readonly model: ImageMsVae,
    private readonly config: ImageModelConfig,
    private readonly datasetSize: number,
    private readonly optimizers: Record<string, tf.Optimizer>,
    entry: string,
    threads: number,
  ) {
    this.pool = new ReplicaPool(entry, threads);
  }

  static async start(model: ImageMsVae, config: ImageModelConfig, datasetSize: number, optimizers: Record<string, tf.Optimizer>, entry: string, threads: number): Promise<ParallelImageSteps> {
    const steps = new ParallelImageSteps(model, config, datasetSize, optimizers, entry, threads);
    try {
      await steps.pool.all(() => ({ message: { type: 'init', config, datasetSize } }));
    } catch (error) {
      await steps.pool.close();
      throw error;
    }
    return steps;
  }

  get threads(): number {
    return this.pool.replicas.length;
  }

  /** Row ranges of the batch per replica. */
  private shares(n: number): { start: number; count: number }[] {
    const k = this.pool.replicas.length;
    return Array.from({ length: k }, (_, i) => {
      const start = Math.floor((i * n) / k);
      return { start, count: Math.floor(((i + 1) * n) / k) - start };
    });
  }

  async stage1(images: Float32Array, n: number, step: number): Promise<StepResult> {
    const { latents: d, imageSize: s, channels } = this.config;
    const withTc = this.config.variant !== 'big-vae';
    const per = s * s * channels;
    const shares = this.shares(n);
    const weights = await flattenParams(this.model.stage1.params);
    const encoded = (await this.pool.all((i) => {
      const share = shares[i] ?? { start: 0, count: 0 };
      return { message: { type: 'encode', stage1: weights, x: images.slice(share.start * per, (share.start + share.count) * per), n: share.count } };
    })) as Extract<FromReplica, { type: 'encoded' }>[];
    const muAll = new Float32Array(n * d);
    const logvarAll = new Float32Array(n * d);
    encoded.forEach((e, i) => {
      const at = (shares[i]?.start ?? 0) * d;
      muAll.set(e.mu, at);
      logvarAll.set(e.logvar, at);
    });

    // The latent part of the loss on the whole batch, with the single-thread step's noise.
    const [eps, gMu, gLogvar, gC, klTc] = tf.tidy(() => {
      const mu = tf.tensor2d(muAll, [n, d]);
      const logvar = tf.tensor2d(logvarAll, [n, d]);
      const noise = tf.randomNormal([n, d], 0, 1, 'float32', stepSeed(this.config.seed, step, 1)) as tf.Tensor2D;
      const c = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), noise)) as tf.Tensor2D;
      // Big-VAE's plain ELBO has no TC term (steps.ts plainVaeStep): its latent loss is the KL alone.
      const tcOf = (cc: tf.Tensor, m: tf.Tensor, lv: tf.Tensor) =>
        withTc ? totalCorrelationMws(cc as tf.Tensor2D, m as tf.Tensor2D, lv as tf.Tensor2D, this.datasetSize) : tf.scalar(0);
      const latent = (m: tf.Tensor, lv: tf.Tensor, cc: tf.Tensor) =>
        tf.add(klStandardNormal(m as tf.Tensor2D, lv as tf.Tensor2D), tf.mul(this.config.beta - 1, tcOf(cc, m, lv))) as tf.Scalar;
      // Without TC the latent loss does not depend on c: its pull on c is zero (tf.grads refuses an unused input).
      const [gm, gl, gc] = withTc
        ? (tf.grads(latent)([mu, logvar, c]) as [tf.Tensor, tf.Tensor, tf.Tensor])
        : [...(tf.grads((m: tf.Tensor, lv: tf.Tensor) => latent(m, lv, c))([mu, logvar]) as [tf.Tensor, tf.Tensor]), tf.zerosLike(c)];
      const terms = tf.stack([klStandardNormal(mu, logvar), tcOf(c, mu, logvar)]);
      return [noise, gm, gl, gc, terms];
    });
    const [epsData, gMuData, gLogvarData, gCData, klTcData] = (await Promise.all([eps, gMu, gLogvar, gC, klTc].map((t) => t.data()))) as Float32Array[];
    tf.dispose([eps, gMu, gLogvar, gC, klTc]);

    const results = (await this.pool.all((i) => {
      const share = shares[i] ?? { start: 0, count: 0 };
      const rows = (a: Float32Array | undefined) => (a ?? new Float32Array()).slice(share.start * d, (share.start + share.count) * d);
      return { message: { type: 'stage1-grads', eps: rows(epsData), gMu: rows(gMuData), gLogvar: rows(gLogvarData), gC: rows(gCData), batchTotal: n } };
    })) as Extract<FromReplica, { type: 'grads' }>[];
    const recon = results.reduce((sum, r) => sum + (r.sums['recon'] ?? 0), 0);
    const kl = klTcData?.[0] ?? Number.NaN;
    const tc = klTcData?.[1] ?? Number.NaN;
    this.apply('stage1', this.model.stage1.params, results);
    this.stage1Sent = false; // stage 1 changed: stage 2 must get fresh weights
    if (!withTc) return { values: tf.tensor1d([recon + kl, recon, kl]), names: ['loss', 'recon', 'kl'] };
    return { values: tf.tensor1d([recon + kl + (this.config.beta - 1) * tc, recon, kl, tc]), names: ['loss', 'recon', 'kl', 'tc'] };
  }

  async stage2(images: Float32Array, n: number, step: number): Promise<StepResult> {
    const { latents, zDim, imageSize: s, channels } = this.config;
    const per = s * s * channels;
    const shares = this.shares(n);
    // The single-thread step's noise: c's for y, then z's.
    const epsC = tf.randomNormal([n, latents], 0, 1, 'float32', stepSeed(this.config.seed, step, 2));
    const epsZ = tf.randomNormal([n, zDim], 0, 1, 'float32', stepSeed(this.config.seed, step, 3));
    const [epsCData, epsZData] = (await Promise.all([epsC.data(), epsZ.data()])) as Float32Array[];
    tf.dispose([epsC, epsZ]);
    const stage1 = this.stage1Sent ? undefined : await flattenParams(this.model.stage1.params);
    const stage2 = await flattenParams(this.model.stage2Params);
    const results = (await this.pool.all((i) => {
      const share = shares[i] ?? { start: 0, count: 0 };
      return {
        message: {
          type: 'stage2-grads',
          ...(stage1 ? { stage1 } : {}),
          stage2,
          x: images.slice(share.start * per, (share.start + share.count) * per),
          n: share.count,
          epsC: (epsCData ?? new Float32Array()).slice(share.start * latents, (share.start + share.count) * latents),
          epsZ: (epsZData ?? new Float32Array()).slice(share.start * zDim, (share.start + share.count) * zDim),
          batchTotal: n,
        },
      };
    })) as Extract<FromReplica, { type: 'grads' }>[];
    this.stage1Sent = true;
    const recon = results.reduce((sum, r) => sum + (r.sums['recon'] ?? 0), 0);
    const kl = results.reduce((sum, r) => sum + (r.sums['kl'] ?? 0), 0);
    this.apply('stage2', this.model.stage2Params, results);
    return { values: tf.tensor1d([recon + kl, recon, kl]), names: ['loss', 'recon', 'kl'] };
  }

  /** Sums the replicas' flat gradients and applies them with the coordinator's optimizer. */
  private apply(optimizerName: string, params: Params, results: Extract<FromReplica, { type: 'grads' }>[]): void {
    const first = results[0];
    if (!first) throw new Error('no replica answered');
    const total = new Float32Array(first.grads.length);
    for (const r of results) for (let i = 0; i < total.length; i++) total[i] = (total[i] ?? 0) + (r.grads[i] ?? 0);
    const optimizer = this.optimizers[optimizerName];
    if (!optimizer) throw new Error(`no optimizer ${optimizerName}`);
    const grads = unflattenGrads(params, total);
    optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
