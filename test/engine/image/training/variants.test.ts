import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baselineConfig } from '../../../../shared/baselines';
import { Stage1Conv, stage1ParamCount } from '../../../../main/engine/image/models/stage1-conv';
import { ImageMsVae } from '../../../../main/engine/image/models/image-ms-vae';
import { modelParamCount, stage1Width, stage2ParamCount } from '../../../../main/engine/image/models/variants';
import { createOptimizers, stage1StepName, stepRegistry } from '../../../../main/engine/image/training/steps';
import { runImageTrain } from '../../../../main/engine/tasks/train-images';
import { runImageEvaluate } from '../../../../main/engine/tasks/evaluate-images';
import { tempDirs } from '../../../helpers/temp-dir';
import { tinyConfig, tinySource, useWasm } from './helpers';

const quiet = { onBackend: () => {}, onProgress: () => {}, isCancelled: () => false };

describe('the baseline variants', () => {
  const dirs = tempDirs();
  beforeAll(async () => {
    await useWasm();
  });
  afterEach(dirs.removeAll);

  it('counts stage 1 parameters without building it, at every width', () => {
    for (const [size, width] of [
      [32, 1],
      [64, 1],
      [64, 1.37],
    ] as const) {
      const built = new Stage1Conv({ size, channels: 1, latents: 10, seed: 1, width });
      expect(stage1ParamCount(built.options), `${size} x${width}`).toBe(built.params.count());
      built.dispose();
    }
  });

  it('beta-TCVAE is stage 1 alone; beta-TCVAE-L and Big-VAE match the parameters of stage 1 + stage 2 in one stage', () => {
    const ms = tinyConfig({ imageSize: 64, latents: 10, zDim: 32, stage2Width: 16, stage1Steps: 1000, stage2Steps: 300 });
    const stage1 = modelParamCount(baselineConfig(ms, 'beta-tcvae'));
    const whole = modelParamCount(ms);
    expect(whole).toBe(stage1 + stage2ParamCount(ms));
    expect(stage2ParamCount(ms)).toBeGreaterThan(0);
    for (const kind of ['beta-tcvae-l', 'big-vae'] as const) {
      const config = baselineConfig(ms, kind);
      expect(stage1Width(config)).toBeGreaterThan(1);
      // Widths come in steps of 0.5%, so the match is within a fraction of a percent.
      expect(Math.abs(modelParamCount(config) / whole - 1), kind).toBeLessThan(0.01);
      const model = new ImageMsVae(config);
      expect(model.stage1.params.count()).toBe(modelParamCount(config));
      model.dispose();
    }
  });

  it('a baseline has the run’s budget in one stage; Big-VAE has beta 1 and its step no TC term', async () => {
    const ms = tinyConfig({ stage1Steps: 10, stage2Steps: 6, beta: 6 });
    for (const kind of ['beta-tcvae', 'beta-tcvae-l', 'big-vae'] as const) {
      const config = baselineConfig(ms, kind);
      expect(config).toMatchObject({ variant: kind, stage1Steps: 16, stage2Steps: 0, seed: ms.seed, batch: ms.batch, lr: ms.lr, data: ms.data });
      expect(config.beta).toBe(kind === 'big-vae' ? 1 : 6);
    }
    const batch = await tinySource().read([0, 1, 2, 3, 4, 5, 6, 7]);
    const x = tf.tensor4d(batch.images, [8, 32, 32, 1]);
    for (const kind of ['beta-tcvae-l', 'big-vae'] as const) {
      const config = baselineConfig(ms, kind);
      const model = new ImageMsVae(config);
      const optimizers = createOptimizers(config);
      const step = stepRegistry[stage1StepName(config)](model, config, 512, optimizers);
      const first = step(x, 0);
      expect(first.names, kind).toEqual(kind === 'big-vae' ? ['loss', 'recon', 'kl'] : ['loss', 'recon', 'kl', 'tc']);
      const [loss, recon, kl] = (await first.values.data()) as Float32Array;
      if (kind === 'big-vae') expect(loss).toBeCloseTo((recon ?? 0) + (kl ?? 0), 2);
      first.values.dispose();
      const before = tf.memory().numTensors;
      for (let i = 1; i <= 2; i++) step(x, i).values.dispose();
      expect(tf.memory().numTensors, kind).toBe(before);
      Object.values(optimizers).forEach((o) => o.dispose());
      model.dispose();
    }
    x.dispose();
  });

  it('a single-stage run evaluates as stage 1, with stage 2 reported as null', async () => {
    const runDir = dirs.make();
    const config = baselineConfig(tinyConfig({ stage1Steps: 4, stage2Steps: 2, checkpointEvery: 100 }), 'beta-tcvae');
    const trained = await runImageTrain({ kind: 'image-train', config, runDir }, { name: 'wasm', skipped: [], initMs: 0 }, quiet);
    expect(trained.result.step).toBe(6);
    const evaluated = await runImageEvaluate({ kind: 'image-evaluate', runDir, samples: 64 }, quiet);
    if (evaluated.cancelled) throw new Error('evaluation cancelled');
    const report = evaluated.result.output;
    expect(report.stage2_trained).toBe(false);
    expect(report.stage2).toBeNull();
    expect(report.sample_quality.stage2).toBeNull();
    expect(Number.isFinite(report.stage1.recon_bce)).toBe(true);
    expect(Number.isFinite(report.sample_quality.stage1.fd_local)).toBe(true);
    expect(report.mig).not.toBeNull();
  }, 120_000);
});
