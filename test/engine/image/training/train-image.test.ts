import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDSprites } from '../../../../main/engine/image/data/dsprites';
import { ImageMsVae } from '../../../../main/engine/image/models/image-ms-vae';
import { assignWeights, latestCheckpointDir, loadCheckpoint, disposeCheckpoint } from '../../../../main/engine/core/checkpoint';
import { createOptimizers, stepRegistry } from '../../../../main/engine/image/training/steps';
import type { Progress } from '../../../../shared/progress';
import { trainImageModel } from '../../../../main/engine/image/training/train-image';
import { tempDirs } from '../../../helpers/temp-dir';
import { quietCallbacks, tinyConfig, tinySource, useWasm } from './helpers';

async function weightsOf(model: ImageMsVae): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const [set, params] of Object.entries(model.paramSets())) {
    for (const [name, v] of params.entries()) out.set(`${set}/${name}`, (await v.data()) as Float32Array);
  }
  return out;
}

async function modelFromRun(runDir: string, config = tinyConfig()): Promise<ImageMsVae> {
  const model = new ImageMsVae(config);
  const dir = latestCheckpointDir(runDir);
  if (!dir) throw new Error('no checkpoint');
  const checkpoint = loadCheckpoint(dir);
  assignWeights(model.paramSets(), checkpoint.weights);
  disposeCheckpoint(checkpoint);
  return model;
}

describe('image MS-VAE training (WASM backend, 32x32 dSprites)', () => {
  const dirs = tempDirs();
  const runDir = dirs.make;
  beforeAll(useWasm);
  afterEach(dirs.removeAll);

  it('a training step of each stage leaves tf.memory().numTensors unchanged', async () => {
    for (const stage2 of ['vae', 'gan'] as const) {
      const config = tinyConfig({ stage2 });
      const model = new ImageMsVae(config);
      const optimizers = createOptimizers(config);
      const batch = await tinySource().read([0, 1, 2, 3, 4, 5, 6, 7]);
      const x = tf.tensor4d(batch.images, [8, 32, 32, 1]);
      const steps = [
        stepRegistry['stage1/beta-tcvae'](model, config, 512, optimizers),
        stepRegistry[stage2 === 'gan' ? 'stage2/gan' : 'stage2/vae'](model, config, 512, optimizers),
      ];
      for (const step of steps) {
        step(x, 0).values.dispose(); // first call creates the optimizer's moment variables
        const before = tf.memory().numTensors;
        for (let i = 1; i <= 3; i++) step(x, i).values.dispose();
        expect(tf.memory().numTensors, stage2).toBe(before);
      }
      x.dispose();
      Object.values(optimizers).forEach((o) => o.dispose());
      model.dispose();
    }
  });

  it('stage 1 loss goes down and every term is reported', async () => {
    const progress: Progress[] = [];
    const config = tinyConfig({ stage1Steps: 60, checkpointEvery: 1000 });
    await trainImageModel(config, tinySource(), runDir(), quietCallbacks({ onProgress: (p) => progress.push(p) }));
    const first = progress[0]?.losses;
    const last = progress.at(-1)?.losses;
    expect(Object.keys(last ?? {})).toEqual(['loss', 'recon', 'kl', 'tc']);
    expect(last?.['recon']).toBeLessThan((first?.['recon'] ?? 0) * 0.7);
    expect(progress.at(-1)).toMatchObject({ step: 60, totalSteps: 60, phase: 'stage1' });
  });

  it('trains stage 2 after stage 1 with stage 1 frozen', async () => {
    const dir = runDir();
    const config = tinyConfig({ stage1Steps: 5, stage2Steps: 5 });
    const progress: Progress[] = [];
    await trainImageModel(config, tinySource(), dir, quietCallbacks({ onProgress: (p) => progress.push(p) }));
    const afterStage1 = loadCheckpoint(path.join(dir, 'checkpoints', 'ckpt-0000005'));
    const final = loadCheckpoint(latestCheckpointDir(dir) ?? '');
    const stage1Names = [...afterStage1.weights.keys()].filter((n) => n.startsWith('stage1/'));
    for (const name of stage1Names) {
      expect(await final.weights.get(name)?.data(), name).toEqual(await afterStage1.weights.get(name)?.data());
    }
    const gen = [...final.weights.keys()].find((n) => n.startsWith('stage2/gen/'));
    expect(await final.weights.get(gen ?? '')?.data()).not.toEqual(await afterStage1.weights.get(gen ?? '')?.data());
    expect(progress.at(-1)?.phase).toBe('stage2');
    expect(Object.keys(progress.at(-1)?.losses ?? {})).toEqual(['loss', 'recon', 'kl']);
    disposeCheckpoint(afterStage1);
    disposeCheckpoint(final);
  });

  it('trains the MS-GAN stage 2 (generator and discriminator terms reported)', async () => {
    const progress: Progress[] = [];
    await trainImageModel(tinyConfig({ stage1Steps: 2, stage2Steps: 3, stage2: 'gan' }), tinySource(), runDir(), quietCallbacks({ onProgress: (p) => progress.push(p) }));
    const last = progress.at(-1);
    expect(last?.phase).toBe('stage2');
    expect(Object.keys(last?.losses ?? {})).toEqual(['loss', 'g_adv', 'd_real', 'd_fake']);
    expect(Object.values(last?.losses ?? {}).every(Number.isFinite)).toBe(true);
  });

  it('a checkpoint round trip reproduces the outputs exactly', async () => {
    const dir = runDir();
    const config = tinyConfig({ stage1Steps: 3, stage2Steps: 2 });
    await trainImageModel(config, tinySource(), dir, quietCallbacks());
    const a = await modelFromRun(dir, config);
    const b = await modelFromRun(dir, config);
    const x = tf.tensor4d((await createDSprites({ size: 32, seed: 1, count: 4 }).read([0, 1, 2, 3])).images, [4, 32, 32, 1]);
    const out = (m: ImageMsVae) =>
      tf.tidy(() => {
        const y = m.stage1Output(m.encodeC(x, 0, 'mean'));
        return tf.concat([y, m.stage2Output(y, m.encoder2.encode(tf.sub(x, y)).mu)]);
      });
    const [oa, ob] = [out(a), out(b)];
    expect(await oa.data()).toEqual(await ob.data());
    tf.dispose([oa, ob, x]);
    a.dispose();
    b.dispose();
  });

  it('resuming from the last checkpoint continues the step count and reaches the same model as an uninterrupted run', async () => {
    const config = tinyConfig({ stage1Steps: 6, stage2Steps: 4, checkpointEvery: 3 });
    const straight = runDir();
    await trainImageModel(config, tinySource(), straight, quietCallbacks());

    const interrupted = runDir();
    // The loop asks once before each step: stop after exactly 4 (progress reports are throttled, so not those).
    let checks = 0;
    const first = await trainImageModel(config, tinySource(), interrupted, quietCallbacks({ isCancelled: () => ++checks > 4 }));
    expect(first).toMatchObject({ cancelled: true, step: 4, resumedFrom: 0 });
    const resumed = await trainImageModel(config, tinySource(), interrupted, quietCallbacks());
    expect(resumed).toMatchObject({ cancelled: false, step: 10, resumedFrom: 4 });

    const a = await weightsOf(await modelFromRun(straight, config));
    const b = await weightsOf(await modelFromRun(interrupted, config));
    for (const [name, values] of a) expect(b.get(name), name).toEqual(values);
  });

  it('cancel leaves a usable checkpoint, and old checkpoints are pruned', async () => {
    const dir = runDir();
    let checks = 0;
    const outcome = await trainImageModel(tinyConfig({ stage1Steps: 100, checkpointEvery: 2 }), tinySource(), dir, quietCallbacks({ isCancelled: () => ++checks > 7 }));
    expect(outcome.cancelled).toBe(true);
    const latest = latestCheckpointDir(dir);
    expect(latest && path.basename(latest)).toBe('ckpt-0000007');
    const kept = readdirSync(path.join(dir, 'checkpoints')).filter((d) => d.startsWith('ckpt-'));
    expect(kept.length).toBeLessThanOrEqual(2);
    expect(readdirSync(path.join(dir, 'checkpoints')).some((d) => d.includes('.tmp'))).toBe(false);
    expect(existsSync(path.join(latest ?? '', 'model.json'))).toBe(true);
    (await modelFromRun(dir)).dispose();
  });
});
