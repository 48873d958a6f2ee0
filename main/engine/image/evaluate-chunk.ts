import * as tf from '@tensorflow/tfjs-core';
import { totalCorrelationMws } from '../core/losses/beta-tcvae';
import { klPerDim } from '../core/losses/terms';
import { reparameterize } from '../core/nn/reparameterize';
import { noPause, type Pause } from '../core/steps';
import type { ImageMsVae } from './models/image-ms-vae';

/**
 * One pass of the evaluate report over a chunk of real images.
 *
 * y in evaluation: stage 2 trains on y = dec1(c) with c SAMPLED from q(c|x) when yMode is
 * 'sample' (training/steps.ts frozenY), while sampling and the inspector feed y from the mean
 * code. So stage-2 reconstruction is measured both ways: `xLogits` with y made as in training
 * (the fit of the model that was trained), `xLogitsMeanY` with the mean y (what users see).
 * Preservation and stage-2 disentanglement use the mean-y path: it is deterministic, so c(x_hat)
 * vs c(x) measures stage 2 alone, not also the posterior noise of the sampled c.
 */
export interface ChunkOut {
  readonly yLogits: Float32Array;
  readonly xLogits: Float32Array | null;
  readonly xLogitsMeanY: Float32Array | null;
  /** Mean codes mu(x). */
  readonly cX: Float32Array;
  /** mu of x_hat = G(y_mean(x), z(x)). */
  readonly cXhat: Float32Array | null;
  /** mu of G(y_mean(x), z ~ N(0, I)). */
  readonly cRandomZ: Float32Array | null;
  /** mu of G(y_mean(x'), z(x)) with x' the next image in the chunk ... */
  readonly cShuffledY: Float32Array | null;
  /** ... and mu(x') itself, what those factors should match. */
  readonly cDonor: Float32Array | null;
  /** mu of the stage-1 reconstruction y_mean(x) (stage2-mi.ts M1). */
  readonly cY: Float32Array | null;
  /** Mean residual code z(x) of the mean-y path: the Z the interpretability scores read. */
  readonly zMu: Float32Array | null;
  readonly klDims: Float32Array;
  readonly tc: number;
}

/** Rows shifted up by one within the chunk (the last gets the first): each row gets another's. */
const nextRow = <T extends tf.Tensor>(t: T, n: number): T =>
  (n < 2 ? t.clone() : tf.concat([tf.slice(t, [1], [n - 1]), tf.slice(t, [0], [1])])) as T;

/**
 * The chunk's passes in parts with a pause between them (core/steps.ts): one piece was ~2.5 s of
 * wasm at 64 x 64 on a busy 2-core machine, and on webgpu each new kernel compiles its shader
 * synchronously on first use, so the first chunk of a two-stage model compiled them all at once.
 * The ops, their inputs and their order are those of one pass, so the numbers are too.
 */
export async function evaluateChunk(model: ImageMsVae, images: Float32Array, n: number, seed: number, datasetSize: number, withStage2: boolean, pause: Pause = noPause): Promise<ChunkOut> {
  const { imageSize: s, channels, yMode } = model.config;
  const held: tf.Tensor[] = [];
  // Each part's outputs live until the chunk is read back; tidy frees everything in between.
  const hold = <T extends tf.Tensor[]>(tensors: T): T => {
    held.push(...tensors);
    return tensors;
  };
  try {
    const x = tf.tensor4d(images, [n, s, s, channels]);
    held.push(x);
    const [mu, logvar] = hold(
      tf.tidy((): [tf.Tensor2D, tf.Tensor2D] => {
        const { mu, logvar } = model.stage1.encode(x);
        return [mu, logvar];
      }),
    );
    await pause();
    const [yLogits, kl, tc, c] = hold(
      tf.tidy((): [tf.Tensor4D, tf.Tensor, tf.Tensor, tf.Tensor2D] => {
        const yLogits = model.stage1.decode(mu);
        const c = reparameterize(mu, logvar, seed + 1);
        return [yLogits, klPerDim(mu, logvar), totalCorrelationMws(c, mu, logvar, datasetSize), c];
      }),
    );
    const base = [yLogits, mu, kl, tc];
    if (!withStage2) return await readChunk(base);
    await pause();
    const codeOf = (img: tf.Tensor4D) => model.stage1.encode(img).mu;
    const rebuild = (y: tf.Tensor4D) => model.generator.apply(y, model.encoder2.encode(tf.sub(x, y)).mu);
    const [yMean, zMu, xLogitsMeanY] = hold(
      tf.tidy((): [tf.Tensor4D, tf.Tensor2D, tf.Tensor4D] => {
        const yMean = tf.sigmoid(yLogits);
        // z of the mean-y residual, encoded once: the mean-y rebuild and the swapped-y sample share it.
        const zMu = model.encoder2.encode(tf.sub(x, yMean)).mu;
        return [yMean, zMu, model.generator.apply(yMean, zMu)];
      }),
    );
    await pause();
    const [xLogits, cXhat] = hold(
      tf.tidy((): [tf.Tensor4D, tf.Tensor2D] => {
        const xLogits = yMode === 'sample' ? rebuild(model.stage1Output(c)) : xLogitsMeanY.clone();
        return [xLogits, codeOf(tf.sigmoid(xLogitsMeanY))];
      }),
    );
    await pause();
    const [cRandomZ, cShuffledY, cDonor, cY] = hold(
      tf.tidy((): [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D] => {
        // Random detail as the app samples it: z from the fitted prior.
        const zRandom = model.zPrior.sample(n, seed);
        return [codeOf(model.stage2Output(yMean, zRandom)), codeOf(model.stage2Output(nextRow(yMean, n), zMu)), nextRow(mu, n), codeOf(yMean)];
      }),
    );
    return await readChunk([...base, xLogits, xLogitsMeanY, cXhat, cRandomZ, cShuffledY, cDonor, cY, zMu]);
  } finally {
    tf.dispose(held);
  }
}

/** Reads the chunk's tensors back, in ChunkOut's order: yLogits, cX, klDims, tc, then stage 2's. */
async function readChunk(tensors: tf.Tensor[]): Promise<ChunkOut> {
  const data = (await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>))) as Float32Array[];
  const [yLogits, cX, klDims, tc, xLogits, xLogitsMeanY, cXhat, cRandomZ, cShuffledY, cDonor, cY, zMu] = data;
  return {
    yLogits: yLogits!,
    cX: cX!,
    klDims: klDims!,
    tc: tc?.[0] ?? Number.NaN,
    xLogits: xLogits ?? null,
    xLogitsMeanY: xLogitsMeanY ?? null,
    cXhat: cXhat ?? null,
    cRandomZ: cRandomZ ?? null,
    cShuffledY: cShuffledY ?? null,
    cDonor: cDonor ?? null,
    cY: cY ?? null,
    zMu: zMu ?? null,
  };
}

/** Only the codes the disentanglement scores need (SAP's separate test images): mu(x) and mu(x_hat). */
export async function codesChunk(model: ImageMsVae, images: Float32Array, n: number, withStage2: boolean): Promise<{ cX: Float32Array; cXhat: Float32Array | null }> {
  const { imageSize: s, channels } = model.config;
  const tensors = tf.tidy(() => {
    const x = tf.tensor4d(images, [n, s, s, channels]);
    const mu = model.stage1.encode(x).mu;
    if (!withStage2) return [mu];
    const y = model.stage1Output(mu);
    return [mu, model.stage1.encode(model.stage2Output(y, model.encoder2.encode(tf.sub(x, y)).mu)).mu];
  });
  const data = (await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>))) as Float32Array[];
  tf.dispose(tensors);
  return { cX: data[0]!, cXhat: data[1] ?? null };
}
