/**
 * Stage 2's z prior: the fit on crafted posteriors, samples that follow it, a real run that
 * fits and saves it with its checkpoints, and a checkpoint saved before it existed still loading.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZPrior } from '../../../../main/engine/image/models/z-prior';
import { loadTrainedRun } from '../../../../main/engine/image/load-run';
import { trainImageModel } from '../../../../main/engine/image/training/train-image';
import { latestCheckpointDir } from '../../../../main/engine/core/checkpoint';
import { tempDirs } from '../../../helpers/temp-dir';
import { quietCallbacks, tinyConfig, tinySource, useWasm } from './helpers';

const dirs = tempDirs();

beforeAll(useWasm);

describe('ZPrior', () => {
  it('is N(0, I) until fitted, then mean E[mu] and variance Var(mu) + E[sigma^2] per dimension', async () => {
    const prior = new ZPrior(1, 2);
    expect(Array.from((await prior.centre()))).toEqual([0, 0]);
    // Dimension 0: mu in {1, 3} (mean 2, variance 1), sigma 1 -> variance 2. Dimension 1: mu -1, sigma 0.5 -> 0.25.
    const mu = tf.tensor2d([1, -1, 3, -1], [2, 2]);
    const sigma = tf.tensor2d([1, 0.5, 1, 0.5], [2, 2]);
    prior.fit(mu, sigma);
    expect(Array.from((await prior.centre()))).toEqual([2, -1]);
    const draws = prior.sample(20000, 5);
    const { mean, variance } = tf.moments(draws, 0);
    const [m0, m1] = Array.from(mean.dataSync());
    const [v0, v1] = Array.from(variance.dataSync());
    expect(m0).toBeCloseTo(2, 1);
    expect(m1).toBeCloseTo(-1, 1);
    expect(v0).toBeCloseTo(2, 1);
    expect(v1).toBeCloseTo(0.25, 1);
    tf.dispose([mu, sigma, draws, mean, variance]);
    prior.params.dispose();
  });
});

describe('a trained MS-VAE run', () => {
  it('fits the prior at its stage-2 checkpoints and saves it; an older checkpoint without it still loads', async () => {
    const runDir = path.join(dirs.make(), 'run');
    const config = tinyConfig({ stage1Steps: 4, stage2Steps: 4, checkpointEvery: 4 });
    await trainImageModel(config, tinySource(), runDir, quietCallbacks());
    const run = loadTrainedRun(runDir);
    const centre = await run.model.zPrior.centre();
    expect(centre.length).toBe(config.zDim);
    // Fitted: not the unfitted prior's zeros.
    expect(centre.some((v) => v !== 0)).toBe(true);
    run.model.dispose();

    // The same checkpoint without the prior's weights, as one saved before the prior existed.
    const dir = latestCheckpointDir(runDir)!;
    const manifest = path.join(dir, 'model.json');
    expect(existsSync(manifest)).toBe(true);
    // The prior's two weights are the last entries of weights.bin, so dropping their specs
    // leaves every other weight's offset as it was.
    const model = JSON.parse(readFileSync(manifest, 'utf8')) as { weightsManifest: { weights: { name: string }[] }[] };
    const group = model.weightsManifest[0]!;
    const before = group.weights.length;
    expect(group.weights.slice(-2).map((w) => w.name)).toEqual(['zprior/mean', 'zprior/std']);
    group.weights = group.weights.filter((w) => !w.name.startsWith('zprior/'));
    expect(group.weights.length).toBe(before - 2);
    writeFileSync(manifest, JSON.stringify(model));
    const old = loadTrainedRun(runDir);
    expect(Array.from((await old.model.zPrior.centre()))).toEqual(new Array(config.zDim).fill(0));
    old.model.dispose();
  });
});
