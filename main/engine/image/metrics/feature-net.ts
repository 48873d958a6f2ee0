/**
 * The fixed feature network behind "FD (local features)" and "KID (local features)"
 * (METHOD.md: sample quality on the features of a fixed network that ships with the app).
 *
 * It is a RANDOM convolutional network, not Inception: Frechet distance on its features is a
 * random-feature Frechet distance, NOT FID, and numbers are comparable only with numbers computed
 * with the same `featureNetId`. Random conv features are a known, cheap and download-free
 * stand-in that is sensitive to local image statistics (edges, blobs, textures).
 *
 * Architecture: 3 conv layers, 3x3 kernels, stride 2, 'same' padding, 32 / 64 / 128 channels,
 * ReLU, then global average pooling -> 128-d features (receptive field 15 x 15 pixels).
 * Weights: He-normal (std sqrt(2 / fan_in)), zero biases, drawn from our own seeded generator
 * (rng.ts), so they never change with TF.js versions. Inputs in [0, 1] are mapped to [-1, 1].
 * Channels: one 3-channel network for everything; 1-channel (grey) images are repeated to 3
 * channels, 4-channel images drop alpha; other channel counts are refused.
 */
import * as tf from '@tensorflow/tfjs-core';

import { seededNormal } from '../../core/seeded-rng';
import type { Pause } from '../../core/steps';

/** Identifies these features in reports; change it whenever the network or its weights change. */
export const featureNetId = 'randconv-128-v1';
export const FEATURE_DIM = 128;

const FEATURE_NET_SEED = 20240611;
const INPUT_CHANNELS = 3;
const LAYER_CHANNELS = [32, 64, 128] as const;
const KERNEL = 3;
const STRIDE = 2;

export interface ConvWeights {
  /** [KERNEL, KERNEL, inChannels, outChannels], row-major (TF.js conv2d filter layout). */
  filter: Float32Array;
  bias: Float32Array;
  inChannels: number;
  outChannels: number;
}

let cachedWeights: ConvWeights[] | undefined;

/** The network's fixed weights (plain arrays; generated once per process, deterministically). */
export function featureNetWeights(): ConvWeights[] {
  if (cachedWeights) return cachedWeights;
  const normal = seededNormal(FEATURE_NET_SEED);
  const layers: ConvWeights[] = [];
  let inChannels = INPUT_CHANNELS;
  for (const outChannels of LAYER_CHANNELS) {
    const std = Math.sqrt(2 / (KERNEL * KERNEL * inChannels));
    const filter = new Float32Array(KERNEL * KERNEL * inChannels * outChannels);
    for (let i = 0; i < filter.length; i++) filter[i] = std * normal();
    layers.push({ filter, bias: new Float32Array(outChannels), inChannels, outChannels });
    inChannels = outChannels;
  }
  cachedWeights = layers;
  return layers;
}

/** NHWC batch with `channels` channels -> the net's 3 channels, scaled to [-1, 1]. */
function toNetInput(x: tf.Tensor4D, channels: number): tf.Tensor4D {
  let rgb: tf.Tensor4D;
  if (channels === 3) rgb = x;
  else if (channels === 1) rgb = tf.tile(x, [1, 1, 1, 3]);
  else if (channels === 4) rgb = tf.slice(x, [0, 0, 0, 0], [-1, -1, -1, 3]);
  else throw new RangeError(`the feature net takes 1, 3 or 4 channels, got ${channels}`);
  return tf.sub(tf.mul(rgb, 2), 1);
}

export interface ExtractOptions {
  /** Images per forward pass (default 64). */
  batchSize?: number;
  /**
   * Awaited after each batch. Reading a batch back resolves as a microtask on the CPU backends,
   * so without it 1,600 images pass without one event-loop turn (no heartbeat: core/steps.ts).
   */
  pause?: Pause;
}

/**
 * 128-d features of n NHWC images (size x size x channels, values in [0, 1]) on the current
 * TF.js backend; returns row-major [n x FEATURE_DIM]. Leaves no tensors behind.
 */
export async function extractFeatures(images: Float32Array, n: number, size: number, channels: number, options: ExtractOptions = {}): Promise<Float32Array> {
  const per = size * size * channels;
  if (images.length !== n * per) throw new RangeError(`images have ${images.length} values, expected ${n} x ${size} x ${size} x ${channels}`);
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new RangeError(`the feature net takes 1, 3 or 4 channels, got ${channels}`);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 64));
  const out = new Float32Array(n * FEATURE_DIM);
  // Weight tensors live only for this call, so the tensor count is unchanged afterwards.
  const layers = featureNetWeights().map((w) => ({
    filter: tf.tensor4d(w.filter, [KERNEL, KERNEL, w.inChannels, w.outChannels]),
    bias: tf.tensor1d(w.bias),
  }));
  try {
    for (let start = 0; start < n; start += batchSize) {
      const count = Math.min(batchSize, n - start);
      const features = tf.tidy(() => {
        const batch = tf.tensor4d(images.slice(start * per, (start + count) * per), [count, size, size, channels]);
        let x = toNetInput(batch, channels);
        for (const layer of layers) x = tf.relu(tf.add(tf.conv2d(x, layer.filter, STRIDE, 'same'), layer.bias)) as tf.Tensor4D;
        return tf.mean(x, [1, 2]);
      });
      try {
        out.set((await features.data()) as Float32Array, start * FEATURE_DIM);
      } finally {
        features.dispose();
      }
      await options.pause?.();
    }
  } finally {
    for (const layer of layers) {
      layer.filter.dispose();
      layer.bias.dispose();
    }
  }
  return out;
}
