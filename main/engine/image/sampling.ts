import * as tf from '@tensorflow/tfjs-core';
import type { ImageMsVae } from './models/image-ms-vae';
import { withFixedFactors } from '../core/nn/fixed-factors';

/**
 * Sampling from a trained MS-VAE (METHOD.md):
 *   sample:   c ~ N(0, I) -> y = dec1(c);  z ~ stage 2's z prior (z-prior.ts) -> x = G(y, z)
 *   edit:     change one c_k, keep z -> same detail, one factor moved
 * All functions return plain arrays (NHWC in [0, 1]) and free their tensors.
 */

export interface Samples {
  /** Stage 1 output Y, [n, s, s, ch]. */
  readonly y: Float32Array;
  /** Stage 2 output X, [n, s, s, ch]; equals Y when stage 2 has not trained. */
  readonly x: Float32Array;
  readonly n: number;
}

async function readAndDispose(...tensors: tf.Tensor[]): Promise<Float32Array[]> {
  const out = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(tensors);
  return out;
}

/** n random samples, c_k held at fix[k] where given; seeded. */
export async function sampleImages(model: ImageMsVae, n: number, seed: number, fix: Readonly<Record<number, number>>, withStage2: boolean): Promise<Samples> {
  const { latents } = model.config;
  const [y, x] = tf.tidy(() => {
    const c = withFixedFactors(tf.randomNormal([n, latents], 0, 1, 'float32', seed) as tf.Tensor2D, fix);
    const yOut = model.stage1Output(c);
    const xOut = withStage2 ? model.stage2Output(yOut, model.zPrior.sample(n, seed + 1)) : yOut.clone();
    return [yOut, xOut];
  });
  const [yData, xData] = await readAndDispose(y, x);
  return { y: yData as Float32Array, x: xData as Float32Array, n };
}

/**
 * Traversal: for each factor k (rows) and each value in linspace(-range, range, steps)
 * (columns), c = base with c_k replaced; z is the same for every cell, so only c_k moves.
 */
export async function traverse(model: ImageMsVae, base: Float32Array, z: Float32Array, steps: number, range: number, withStage2: boolean): Promise<Samples> {
  const { latents, zDim } = model.config;
  const n = latents * steps;
  const cData = new Float32Array(n * latents);
  for (let k = 0; k < latents; k++) {
    for (let j = 0; j < steps; j++) {
      const row = (k * steps + j) * latents;
      cData.set(base, row);
      cData[row + k] = steps === 1 ? 0 : -range + (2 * range * j) / (steps - 1);
    }
  }
  const zData = new Float32Array(n * zDim);
  for (let i = 0; i < n; i++) zData.set(z, i * zDim);
  const [y, x] = tf.tidy(() => {
    const yOut = model.stage1Output(tf.tensor2d(cData, [n, latents]));
    return [yOut, withStage2 ? model.stage2Output(yOut, tf.tensor2d(zData, [n, zDim])) : yOut.clone()];
  });
  const [yData, xData] = await readAndDispose(y, x);
  return { y: yData as Float32Array, x: xData as Float32Array, n };
}

/** Encodes images: mean codes c [n, |c|] and stage 2's mean z [n, zDim]. */
export async function encodeImages(model: ImageMsVae, images: Float32Array, n: number): Promise<{ c: Float32Array; z: Float32Array }> {
  const { imageSize, channels } = model.config;
  const [c, z] = tf.tidy(() => {
    const x = tf.tensor4d(images, [n, imageSize, imageSize, channels]);
    const mu = model.stage1.encode(x).mu;
    const y = model.stage1Output(mu);
    return [mu, model.encoder2.encode(tf.sub(x, y)).mu];
  });
  const [cData, zData] = await readAndDispose(c, z);
  return { c: cData as Float32Array, z: zData as Float32Array };
}

/** Decodes given codes: Y = dec1(c) and X = G(Y, z). */
export async function decodeCodes(model: ImageMsVae, c: Float32Array, z: Float32Array, n: number, withStage2: boolean): Promise<Samples> {
  const { latents, zDim } = model.config;
  const [y, x] = tf.tidy(() => {
    const yOut = model.stage1Output(tf.tensor2d(c, [n, latents]));
    return [yOut, withStage2 ? model.stage2Output(yOut, tf.tensor2d(z, [n, zDim])) : yOut.clone()];
  });
  const [yData, xData] = await readAndDispose(y, x);
  return { y: yData as Float32Array, x: xData as Float32Array, n };
}
