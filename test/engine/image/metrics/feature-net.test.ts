import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';

import { extractFeatures, FEATURE_DIM, featureNetId, featureNetWeights } from '../../../../main/engine/image/metrics/feature-net';
import { mulberry32 } from '../../../../main/engine/core/seeded-rng';

function randomImages(n: number, size: number, channels: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: n * size * size * channels }, () => random());
}

describe('feature net (random conv features, not Inception)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has fixed weights (pinned checksums) and an id', () => {
    const layers = featureNetWeights();
    expect(featureNetId).toBe('randconv-128-v1');
    expect(layers.map((l) => l.filter.length)).toEqual([3 * 3 * 3 * 32, 3 * 3 * 32 * 64, 3 * 3 * 64 * 128]);
    const sums = layers.map((l) => l.filter.reduce((s, v) => s + v, 0));
    const squares = layers.map((l) => l.filter.reduce((s, v) => s + v * v, 0) / l.filter.length);
    // He-normal: mean square ~ 2 / fan_in.
    squares.forEach((sq, k) => expect(sq).toBeCloseTo(2 / (9 * layers[k]!.inChannels), 2));
    expect(sums).toEqual(PINNED_SUMS.map((v) => expect.closeTo(v, 9)));
  });

  it('returns n x 128 features, deterministically, and leaks no tensors', async () => {
    const images = randomImages(5, 16, 3, 1);
    const before = tf.memory().numTensors;
    const first = await extractFeatures(images, 5, 16, 3);
    expect(tf.memory().numTensors).toBe(before);
    expect(first.length).toBe(5 * FEATURE_DIM);
    expect(first.every(Number.isFinite)).toBe(true);
    const second = await extractFeatures(images, 5, 16, 3, { batchSize: 2 });
    for (let i = 0; i < first.length; i++) expect(second[i]).toBeCloseTo(first[i]!, 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('treats a grey image as the same image in 3 equal channels, and tells images apart', async () => {
    const grey = randomImages(2, 12, 1, 2);
    const rgb = new Float32Array(grey.length * 3);
    grey.forEach((v, i) => rgb.fill(v, 3 * i, 3 * i + 3));
    const fromGrey = await extractFeatures(grey, 2, 12, 1);
    const fromRgb = await extractFeatures(rgb, 2, 12, 3);
    for (let i = 0; i < fromGrey.length; i++) expect(fromGrey[i]).toBeCloseTo(fromRgb[i]!, 5);
    let diff = 0;
    for (let k = 0; k < FEATURE_DIM; k++) diff += Math.abs(fromGrey[k]! - fromGrey[FEATURE_DIM + k]!);
    expect(diff).toBeGreaterThan(1e-3);
    await expect(extractFeatures(new Float32Array(2 * 4 * 4 * 2), 2, 4, 2)).rejects.toThrow(RangeError);
  });
});

// Sums of each layer's filter weights for featureNetId 'randconv-128-v1'. If these change, the
// features changed: bump featureNetId (old FD/KID numbers are no longer comparable).
const PINNED_SUMS = [7.4043362247466575, 3.6066358339972453, -5.7452244552025675];
