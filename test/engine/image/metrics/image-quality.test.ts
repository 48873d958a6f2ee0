import { describe, expect, it } from 'vitest';

import {
  bceSum,
  bceSumFromProbs,
  mse,
  PSNR_CAP_DB,
  psnr,
  reconstructionMetrics,
  ssim,
} from '../../../../main/engine/image/metrics/image-quality';
import { mulberry32, seededNormal } from '../../../../main/engine/core/seeded-rng';

const SIZE = 32;
const CH = 3;
const N = 2;

/** Smooth seeded test images in [0, 1] (NHWC). */
function images(seed: number): Float32Array {
  const random = mulberry32(seed);
  const out = new Float32Array(N * SIZE * SIZE * CH);
  for (let i = 0; i < N; i++) {
    const fx = 1 + random() * 3;
    const fy = 1 + random() * 3;
    for (let r = 0; r < SIZE; r++) {
      for (let c = 0; c < SIZE; c++) {
        for (let ch = 0; ch < CH; ch++) {
          out[((i * SIZE + r) * SIZE + c) * CH + ch] = 0.5 + 0.4 * Math.sin((fx * r + ch) / 5) * Math.cos((fy * c) / 7);
        }
      }
    }
  }
  return out;
}

function addNoise(x: Float32Array, sigma: number, seed: number): Float32Array {
  const normal = seededNormal(seed);
  return x.map((v) => Math.min(1, Math.max(0, v + sigma * normal())));
}

describe('mse / psnr', () => {
  it('gives the cap for identical images and 20 dB for a 0.1 offset', () => {
    const x = images(1);
    expect(psnr(x, x, N, SIZE, CH).mean).toBe(PSNR_CAP_DB);
    const y = x.map((v) => v + 0.1);
    expect(mse(x, y, N, SIZE, CH).mean).toBeCloseTo(0.01, 6);
    expect(psnr(x, y, N, SIZE, CH).mean).toBeCloseTo(20, 4);
  });
});

describe('ssim', () => {
  it('is 1 for identical images', () => {
    const x = images(2);
    const result = ssim(x, x, N, SIZE, CH);
    for (const v of result.perImage) expect(v).toBeCloseTo(1, 12);
  });

  it('matches the closed form for two constant images', () => {
    const a = new Float32Array(SIZE * SIZE).fill(0.5);
    const b = new Float32Array(SIZE * SIZE).fill(0.6);
    const c1 = 0.01 ** 2;
    // Zero variances: SSIM = (2 mu_a mu_b + C1) / (mu_a^2 + mu_b^2 + C1).
    const expected = (2 * 0.5 * 0.6 + c1) / (0.25 + 0.36 + c1);
    expect(ssim(a, b, 1, SIZE, 1).mean).toBeCloseTo(expected, 5);
  });

  it('is below 1 and decreases as noise grows', () => {
    const x = images(3);
    const values = [0.02, 0.05, 0.1, 0.2].map((sigma, k) => ssim(x, addNoise(x, sigma, 10 + k), N, SIZE, CH).mean);
    expect(values[0]).toBeLessThan(1);
    for (let k = 1; k < values.length; k++) expect(values[k]).toBeLessThan(values[k - 1]!);
  });

  it('handles images smaller than the 11-pixel window', () => {
    const x = new Float32Array(8 * 8).map((_, i) => (i % 7) / 7);
    expect(ssim(x, x, 1, 8, 1).mean).toBeCloseTo(1, 12);
  });
});

describe('bceSum', () => {
  it('matches -sum [x log s(l) + (1 - x) log(1 - s(l))] and the probability form', () => {
    const x = images(4);
    const normal = seededNormal(5);
    const logits = x.map(() => 3 * normal());
    const sigmoid = (l: number): number => 1 / (1 + Math.exp(-l));
    const per = SIZE * SIZE * CH;
    const result = bceSum(x, logits, N, SIZE, CH);
    for (let i = 0; i < N; i++) {
      let direct = 0;
      for (let p = i * per; p < (i + 1) * per; p++) {
        const s = sigmoid(logits[p]!);
        direct -= x[p]! * Math.log(s) + (1 - x[p]!) * Math.log(1 - s);
      }
      expect(result.perImage[i]).toBeCloseTo(direct, 6);
    }
    const fromProbs = bceSumFromProbs(x, logits.map(sigmoid), N, SIZE, CH);
    expect(fromProbs.mean).toBeCloseTo(result.mean, 1);
  });

  it('stays finite for extreme logits', () => {
    const x = Float32Array.from([1, 0, 1, 0]);
    const logits = Float32Array.from([-1000, 1000, 1000, -1000]);
    const result = bceSum(x, logits, 1, 2, 1);
    expect(result.mean).toBeCloseTo(2000, 6);
  });
});

describe('reconstructionMetrics', () => {
  it('returns batch means consistent with the single metrics', () => {
    const x = images(6);
    const normal = seededNormal(7);
    const logits = x.map(() => normal());
    const probs = logits.map((l) => 1 / (1 + Math.exp(-l)));
    const result = reconstructionMetrics(x, logits, N, SIZE, CH);
    expect(result.recon_bce).toBeCloseTo(bceSum(x, logits, N, SIZE, CH).mean, 8);
    expect(result.mse).toBeCloseTo(mse(x, probs, N, SIZE, CH).mean, 8);
    expect(result.psnr).toBeCloseTo(psnr(x, probs, N, SIZE, CH).mean, 6);
    expect(result.ssim).toBeCloseTo(ssim(x, probs, N, SIZE, CH).mean, 6);
    const fromProbs = reconstructionMetrics(x, probs, N, SIZE, CH, { output: 'probs' });
    expect(fromProbs.mse).toBeCloseTo(result.mse, 8);
    expect(fromProbs.recon_bce).toBeCloseTo(result.recon_bce, 1);
  });
});
