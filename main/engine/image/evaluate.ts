import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import type { DisentanglementScores, ImageEvaluation, ReconstructionScores, SampleQualityScores } from '../../../shared/image-evaluation';
import { phaseProgress, type Progress } from '../../../shared/progress';
import { totalCorrelationMws } from '../core/losses/beta-tcvae';
import { klPerDim } from '../core/losses/terms';
import { reparameterize } from '../core/nn/reparameterize';
import { createPermutation, mixSeed } from '../core/permutation';
import { openImageSource } from './data/open-image-source';
import { loadTrainedRun, readRunManifest } from './load-run';
import { extractFeatures, FEATURE_DIM, featureNetId } from './metrics/feature-net';
import { frechetDistance } from './metrics/frechet';
import { reconstructionMetrics, type ReconstructionMetrics } from './metrics/image-quality';
import { kernelInceptionDistance } from './metrics/kid';
import { computeMig } from './metrics/mig';
import { normalisedMutualInfo } from './metrics/preservation';
import { computeSap } from './metrics/sap';
import type { ImageMsVae } from './models/image-ms-vae';
import { sampleImages } from './sampling';

const chunk = 64;

/** Running means of reconstruction metrics over chunks of different sizes. */
class MeanOf {
  private sums: ReconstructionScores = { recon_bce: 0, mse: 0, psnr: 0, ssim: 0 };
  private n = 0;
  add(values: ReconstructionMetrics, count: number): void {
    const s = this.sums;
    this.sums = { recon_bce: s.recon_bce + values.recon_bce * count, mse: s.mse + values.mse * count, psnr: s.psnr + values.psnr * count, ssim: s.ssim + values.ssim * count };
    this.n += count;
  }
  result(): ReconstructionScores {
    const s = this.sums;
    return { recon_bce: round(s.recon_bce / this.n), mse: round(s.mse / this.n), psnr: round(s.psnr / this.n), ssim: round(s.ssim / this.n) };
  }
}

const round = (v: number, digits = 5) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);

interface ChunkOut {
  readonly y: Float32Array;
  readonly yLogits: Float32Array;
  readonly xLogits: Float32Array;
  readonly cX: Float32Array;
  readonly cXhat: Float32Array;
  readonly cRandomZ: Float32Array;
  readonly cShuffledY: Float32Array;
  readonly klDims: Float32Array;
  readonly tc: number;
}

/** Everything the report needs from one chunk of real images, in one pass. */
async function evaluateChunk(model: ImageMsVae, images: Float32Array, n: number, seed: number, datasetSize: number): Promise<ChunkOut> {
  const { imageSize: s, channels, zDim } = model.config;
  const tensors = tf.tidy(() => {
    const x = tf.tensor4d(images, [n, s, s, channels]);
    const { mu, logvar } = model.stage1.encode(x);
    const yLogits = model.stage1.decode(mu);
    const y = tf.sigmoid(yLogits);
    const zMu = model.encoder2.encode(tf.sub(x, y)).mu;
    const xLogits = model.generator.apply(y, zMu);
    const codeOf = (img: tf.Tensor4D) => model.stage1.encode(img).mu;
    const zRandom = tf.randomNormal([n, zDim], 0, 1, 'float32', seed) as tf.Tensor2D;
    // Shift y by one within the chunk: each x_hat gets another image's factors.
    const yShuffled = tf.concat([tf.slice(y, [1, 0, 0, 0], [n - 1, -1, -1, -1]), tf.slice(y, [0, 0, 0, 0], [1, -1, -1, -1])]);
    const c = reparameterize(mu, logvar, seed + 1);
    return [
      y,
      yLogits,
      xLogits,
      mu,
      codeOf(tf.sigmoid(xLogits)),
      codeOf(model.stage2Output(y, zRandom)),
      codeOf(model.stage2Output(yShuffled as tf.Tensor4D, zMu)),
      klPerDim(mu, logvar),
      totalCorrelationMws(c, mu, logvar, datasetSize),
    ];
  });
  const data = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(tensors);
  const [y, yLogits, xLogits, cX, cXhat, cRandomZ, cShuffledY, klDims, tc] = data as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  return { y, yLogits, xLogits, cX, cXhat, cRandomZ, cShuffledY, klDims, tc: tc[0] ?? Number.NaN };
}

export interface EvaluateCallbacks {
  onProgress(progress: Progress): void;
  isCancelled(): boolean;
}

/**
 * The evaluate report (METHOD.md, 'What the app must measure') of a trained run, on a fixed,
 * seeded set of `samples` examples; when cancelled, how many examples were done by then.
 */
export async function evaluateImageRun(runDir: string, samples: number, callbacks: EvaluateCallbacks): Promise<{ report: ImageEvaluation; step: number } | { cancelledAt: number }> {
  const run = loadTrainedRun(runDir);
  const { config, model } = run;
  const manifest = readRunManifest(runDir);
  const source = await openImageSource({ data: config.data, size: config.imageSize, channels: config.channels, fit: config.fit, seed: config.seed });
  try {
    const info = source.info;
    const n = Math.min(samples, info.count);
    if (n < 2) throw new Error(`evaluate needs at least 2 examples; the dataset has ${info.count}`);
    const order = createPermutation(info.count, mixSeed(config.seed, 0x5eed));
    const s = config.imageSize;
    const per = s * s * config.channels;
    const d = config.latents;
    const f = info.factors?.length ?? 0;
    const realImages = new Float32Array(n * per);
    const codes = { x: new Float32Array(n * d), xhat: new Float32Array(n * d), randomZ: new Float32Array(n * d), shuffledY: new Float32Array(n * d) };
    const factors = new Int32Array(n * f);
    const stage1 = new MeanOf();
    const stage2 = new MeanOf();
    const kl = new Float64Array(d);
    let tcSum = 0;
    for (let start = 0; start < n; start += chunk) {
      if (callbacks.isCancelled()) return { cancelledAt: start };
      const m = Math.min(chunk, n - start);
      const batch = await source.read(Array.from({ length: m }, (_, i) => order(start + i)));
      realImages.set(batch.images, start * per);
      if (batch.factors) factors.set(batch.factors, start * f);
      const out = await evaluateChunk(model, batch.images, m, config.seed + start, info.count);
      stage1.add(reconstructionMetrics(batch.images, out.yLogits, m, s, config.channels), m);
      stage2.add(reconstructionMetrics(batch.images, out.xLogits, m, s, config.channels), m);
      codes.x.set(out.cX, start * d);
      codes.xhat.set(out.cXhat, start * d);
      codes.randomZ.set(out.cRandomZ, start * d);
      codes.shuffledY.set(out.cShuffledY, start * d);
      out.klDims.forEach((v, k) => (kl[k] = (kl[k] ?? 0) + v * m));
      tcSum += out.tc * m;
      callbacks.onProgress(phaseProgress('evaluate', start + m, n * 2));
    }

    // Sample quality: features of n real images vs n samples from the prior, for Y and for X.
    const realFeatures = extractFeatures(realImages, n, s, config.channels);
    const sampleY = new Float32Array(n * per);
    const sampleX = new Float32Array(n * per);
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start);
      const samples = await sampleImages(model, m, config.seed + 777 + start, {}, run.hasStage2);
      sampleY.set(samples.y, start * per);
      sampleX.set(samples.x, start * per);
      callbacks.onProgress(phaseProgress('evaluate', n + start + m, n * 2));
    }
    const quality = (images: Float32Array): SampleQualityScores => {
      const features = extractFeatures(images, n, s, config.channels);
      const kid = kernelInceptionDistance(realFeatures, n, features, n, FEATURE_DIM, { seed: config.seed, subsets: 50, subsetSize: Math.max(2, Math.min(1000, Math.floor(n / 2))) });
      return { fd_local: round(frechetDistance(realFeatures, n, features, n, FEATURE_DIM)), kid: round(kid.mean, 6), kid_std: round(kid.std, 6) };
    };

    const factorNames = (info.factors ?? []).map((fs) => fs.name);
    const disentanglement = (c: Float32Array): DisentanglementScores | null => {
      if (f === 0) return null;
      const mig = computeMig(c, n, d, factors, f, { factorNames });
      const sap = computeSap(c, n, d, factors, f, { factorNames, seed: config.seed });
      return {
        mig: round(mig.mig),
        sap: round(sap.sap),
        per_factor: mig.perFactor.map((pf) => ({ factor: pf.name, mig: round(pf.mig), top_code: pf.topCode })),
        constant_factors: mig.skippedFactors,
      };
    };

    const stage1Codes = disentanglement(codes.x);
    const preservation = (other: Float32Array) => round(normalisedMutualInfo(codes.x, other, n, d).mean);
    const report: ImageEvaluation = {
      run: path.resolve(runDir),
      dataset: manifest.dataset.name,
      step: run.step,
      stage2_trained: run.hasStage2,
      stage2_kind: config.stage2,
      samples: n,
      stage1: stage1.result(),
      stage2: stage2.result(),
      disentanglement:
        f === 0
          ? { factors_used: [], note: 'no ground-truth factors in this dataset' }
          : {
              factors_used: factorNames,
              note: 'MIG: disentanglement_lib recipe (mean codes, 20 equal-width bins, MI in nats / factor entropy). SAP: per-code nearest-class-mean accuracy gap (1-D stand-in for LinearSVC).',
              stage1: stage1Codes,
              stage2: disentanglement(codes.xhat),
            },
      mig: stage1Codes?.mig ?? null,
      preservation: { encoder_z: preservation(codes.xhat), random_z: preservation(codes.randomZ), shuffled_y: preservation(codes.shuffledY) },
      sample_quality: { feature_net: featureNetId, note: 'FD (local random-conv features), not FID', stage1: quality(sampleY), stage2: quality(sampleX) },
      factors: { kl_per_dim: [...kl].map((v) => round(v / n, 4)), active: [...kl].filter((v) => v / n > 0.01).length, tc_estimate: round(tcSum / n) },
    };
    return { report, step: run.step };
  } finally {
    model.dispose();
    await source.close?.();
  }
}
