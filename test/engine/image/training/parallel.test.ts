import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ImageMsVae } from '../../../../main/engine/image/models/image-ms-vae';
import { assignWeights, disposeCheckpoint, latestCheckpointDir, loadCheckpoint } from '../../../../main/engine/core/checkpoint';
import type { Progress } from '../../../../shared/progress';
import { trainImageModel } from '../../../../main/engine/image/training/train-image';
import { stepRegistry } from '../../../../main/engine/image/training/steps';
import { ParallelImageSteps } from '../../../../main/engine/image/replicas/parallel-steps';
import { baselineConfig } from '../../../../shared/baselines';
import { repoRoot } from '../../../helpers/paths';
import { tempDirs } from '../../../helpers/temp-dir';
import { quietCallbacks, tinyConfig, tinySource, useWasm } from './helpers';

const replicaEntry = path.join(repoRoot, 'out', 'main', 'replica.cjs');

async function finalWeights(runDir: string): Promise<Map<string, Float32Array>> {
  const checkpoint = loadCheckpoint(latestCheckpointDir(runDir) ?? '');
  const out = new Map<string, Float32Array>();
  for (const [name, t] of checkpoint.weights) out.set(name, (await t.data()) as Float32Array);
  disposeCheckpoint(checkpoint);
  return out;
}

describe('multi-core training (replica threads)', () => {
  const dirs = tempDirs();
  const runDir = dirs.make;
  beforeAll(useWasm);
  afterEach(dirs.removeAll);

  it('gives the single-thread loss curve and weights for a fixed seed, within float tolerance', async () => {
    const config = tinyConfig({ stage1Steps: 4, stage2Steps: 3, threads: 2, checkpointEvery: 100 });
    const run = async (parallel: boolean) => {
      const dir = runDir();
      const reports: Progress[] = [];
      await trainImageModel(config, tinySource(), dir, quietCallbacks({ onProgress: (p) => reports.push(p) }), parallel ? { replicaEntry } : {});
      return { dir, reports };
    };
    const single = await run(false);
    const multi = await run(true);
    // Stage boundaries always report: compare the loss terms there.
    for (const step of [4, 7]) {
      const a = single.reports.find((r) => r.step === step)?.losses ?? {};
      const b = multi.reports.find((r) => r.step === step)?.losses ?? {};
      expect(Object.keys(b)).toEqual(Object.keys(a));
      for (const [name, value] of Object.entries(a)) expect(b[name], `${name} at step ${step}`).toBeCloseTo(value, 2);
      for (const [name, value] of Object.entries(a)) expect(Math.abs((b[name] ?? 0) - value) / Math.max(1, Math.abs(value)), name).toBeLessThan(1e-4);
    }
    // The model it wrote has every weight and loads like any other.
    expect([...(await finalWeights(multi.dir)).keys()]).toEqual([...(await finalWeights(single.dir)).keys()]);
    const model = new ImageMsVae(config);
    const checkpoint = loadCheckpoint(latestCheckpointDir(multi.dir) ?? '');
    assignWeights(model.paramSets(), checkpoint.weights);
    disposeCheckpoint(checkpoint);
    model.dispose();
  });

  it('trains Big-VAE (no TC term) on threads to the single-thread losses', async () => {
    const config = baselineConfig(tinyConfig({ stage1Steps: 2, stage2Steps: 1, threads: 2, checkpointEvery: 100 }), 'big-vae');
    const last = async (parallel: boolean) => {
      const reports: Progress[] = [];
      await trainImageModel(config, tinySource(), runDir(), quietCallbacks({ onProgress: (p) => reports.push(p) }), parallel ? { replicaEntry } : {});
      return reports.at(-1)?.losses ?? {};
    };
    const single = await last(false);
    const multi = await last(true);
    expect(Object.keys(multi)).toEqual(['loss', 'recon', 'kl']);
    for (const [name, value] of Object.entries(single)) expect(Math.abs((multi[name] ?? 0) - value) / Math.max(1, Math.abs(value)), name).toBeLessThan(1e-4);
  });

  it('computes the same gradients as one thread (plain SGD, so updates equal gradients)', async () => {
    // Adam turns float noise in near-zero gradients into full-size steps, so weights after Adam
    // can differ by ~lr; with SGD the update is the gradient itself and must agree closely.
    const config = tinyConfig({ threads: 2 });
    const batch = await tinySource().read([0, 1, 2, 3, 4, 5, 6, 7]);
    const single = new ImageMsVae(config);
    const multi = new ImageMsVae(config);
    const sgd = () => ({ stage1: tf.train.sgd(0.01), stage2: tf.train.sgd(0.01) });
    const singleOpt = sgd();
    const multiOpt = sgd();
    const x = tf.tensor4d(batch.images, [8, 32, 32, 1]);
    stepRegistry['stage1/beta-tcvae'](single, config, 512, singleOpt)(x, 0).values.dispose();
    stepRegistry['stage2/vae'](single, config, 512, singleOpt)(x, 1).values.dispose();
    x.dispose();
    const parallel = await ParallelImageSteps.start(multi, config, 512, multiOpt, replicaEntry, 2);
    try {
      (await parallel.stage1(batch.images, 8, 0)).values.dispose();
      (await parallel.stage2(batch.images, 8, 1)).values.dispose();
    } finally {
      await parallel.close();
    }
    for (const set of ['stage1', 'stage2'] as const) {
      const a = single.paramSets()[set]?.entries() ?? [];
      const b = new Map(multi.paramSets()[set]?.entries() ?? []);
      for (const [name, v] of a) {
        const va = (await v.data()) as Float32Array;
        const vb = (await b.get(name)?.data()) as Float32Array;
        let worst = 0;
        va.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - (vb[i] ?? Number.NaN)))));
        expect(worst, `${set}/${name}`).toBeLessThan(2e-5);
      }
    }
    single.dispose();
    multi.dispose();
  });
});
