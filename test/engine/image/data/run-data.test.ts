/**
 * Training and evaluation data of a run, on real files written here (each image's grey level
 * says which file it is): a folder's hold-out is disjoint from training, evaluation reopens
 * exactly the held-out files, a resumed run keeps its split, MNIST is evaluated on its test
 * split, and a run.json from before splits still evaluates (on its training images, saying so).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ImageSplitRecord } from '../../../../main/engine/image/data/holdout-split';
import { openEvaluationSource, openTrainingData, type RunDataConfig } from '../../../../main/engine/image/data/run-data';
import type { ImageSource } from '../../../../main/engine/image/data/types';
import { recordedSplit } from '../../../../main/engine/image/load-run';
import { tempDir } from '../../../helpers/temp-dir';

const FILES = 64;
/** Image i is a uniform grey of level greyOf(i), so any decoded image names its file. */
const greyOf = (i: number): number => 10 + 3 * i;
const fileOf = (i: number): string => `${i % 2 ? 'b' : 'a'}/img-${String(i).padStart(3, '0')}.png`;

const dir = tempDir();
const folder = path.join(dir.path, 'photos');
const config: RunDataConfig = { data: folder, imageSize: 32, channels: 1, fit: 'crop', seed: 3 };

async function writeGrey(file: string, level: number): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp(Buffer.alloc(12 * 12, level), { raw: { width: 12, height: 12, channels: 1 } }).png().toFile(file);
}

/** Which file each image of a batch is, from its first pixel's grey level. */
function filesIn(images: Float32Array, n: number, pixels: number): string[] {
  return Array.from({ length: n }, (_, k) => {
    const i = Math.round(((images[k * pixels] ?? 0) * 255 - 10) / 3);
    return fileOf(i);
  });
}

async function everyFile(source: ImageSource): Promise<string[]> {
  const batch = await source.read(Array.from({ length: source.info.count }, (_, i) => i));
  return filesIn(batch.images, batch.n, 32 * 32);
}

beforeAll(async () => {
  for (let i = 0; i < FILES; i++) await writeGrey(path.join(folder, fileOf(i)), greyOf(i));
});
afterAll(() => dir.remove());

describe('a folder run: training and evaluation images', () => {
  it('sets a hold-out aside that training never reads and evaluation reads in full', async () => {
    const { source, dataset, split } = await openTrainingData(config);
    expect(dataset.count).toBe(FILES);
    expect(split.kind).toBe('holdout');
    if (split.kind !== 'holdout') return;
    expect(split.heldOut).toBeGreaterThanOrEqual(5);
    expect(split.train + split.heldOut).toBe(FILES);
    expect(source.info.count).toBe(split.train);
    const training = await everyFile(source);
    const evaluation = await openEvaluationSource({ config, split });
    expect(evaluation).toMatchObject({ split: 'holdout', n: split.heldOut });
    expect(evaluation.note).toMatch(/held out of training/);
    const held = await everyFile(evaluation.source);
    // Disjoint, and together every file; each decoded image is the file the split says it is.
    expect(held.filter((f) => training.includes(f))).toEqual([]);
    expect(new Set([...training, ...held]).size).toBe(FILES);
    // The same split on a second opening.
    expect((await openTrainingData(config)).split).toEqual(split);
  });

  it('keeps the split of a resumed run when files are added; new files only join the hold-out or training', async () => {
    const first = await openTrainingData(config);
    const before = new Set(await everyFile((await openEvaluationSource({ config, split: first.split })).source));
    const grown = path.join(dir.path, 'grown');
    for (let i = 0; i < FILES; i++) await writeGrey(path.join(grown, fileOf(i)), greyOf(i));
    const grownConfig = { ...config, data: grown };
    const recorded = (await openTrainingData(grownConfig)).split;
    for (let i = 0; i < 10; i++) await writeGrey(path.join(grown, 'later', `extra-${i}.png`), 250);
    const resumed = await openTrainingData(grownConfig, recorded);
    expect(resumed.dataset.count).toBe(FILES + 10);
    const evaluation = await openEvaluationSource({ config: grownConfig, split: recorded });
    const held = await everyFile(evaluation.source);
    // Every file held out at first is still held out; no file trained on at first is evaluated on.
    for (const f of before) expect(held).toContain(f);
    const trainedFirst = await everyFile(first.source);
    expect(held.filter((f) => trainedFirst.includes(f))).toEqual([]);
  });

  it('holds nothing out of a tiny folder and says evaluation is on training images', async () => {
    const tiny = path.join(dir.path, 'tiny');
    for (let i = 0; i < 6; i++) await writeGrey(path.join(tiny, fileOf(i)), greyOf(i));
    const { source, split } = await openTrainingData({ ...config, data: tiny });
    expect(split).toMatchObject({ kind: 'none', train: 6, heldOut: 0 });
    expect(source.info.count).toBe(6);
    const evaluation = await openEvaluationSource({ config: { ...config, data: tiny }, split });
    expect(evaluation).toMatchObject({ split: 'training', n: 6 });
    expect(evaluation.note).toMatch(/fewer than the 50/);
  });
});

describe('runs made before splits were recorded', () => {
  it('evaluate on their training images, saying so, and keep training on every image when resumed', async () => {
    const evaluation = await openEvaluationSource({ config });
    expect(evaluation).toMatchObject({ split: 'training', n: FILES });
    expect(evaluation.note).toMatch(/before hold-out splits/);
    const runDir = path.join(dir.path, 'old-run');
    mkdirSync(path.join(runDir, 'checkpoints', 'ckpt-0000010'), { recursive: true });
    writeFileSync(path.join(runDir, 'checkpoints', 'latest.json'), JSON.stringify({ dir: 'ckpt-0000010' }));
    writeFileSync(path.join(runDir, 'run.json'), JSON.stringify({ config, dataset: { name: 'photos', count: FILES }, backend: 'wasm', createdAt: 1 }));
    expect(recordedSplit(runDir)).toBe('before-splits');
    const resumed = await openTrainingData(config, 'before-splits');
    expect(resumed.split).toMatchObject({ kind: 'none', train: FILES });
    expect(resumed.source.info.count).toBe(FILES);
    // A fresh folder (no checkpoint, no run.json) gets a new split.
    expect(recordedSplit(path.join(dir.path, 'nothing-here'))).toBeUndefined();
  });
});

describe('MNIST and dSprites', () => {
  it('MNIST trains on its training split and is evaluated on the test split', async () => {
    const mnist: RunDataConfig = { ...config, data: 'mnist' };
    const { source, split } = await openTrainingData(mnist);
    expect(source.info.name).toBe('MNIST');
    expect(split).toMatchObject({ kind: 'test', evaluate: 'mnist:test', train: source.info.count });
    const evaluation = await openEvaluationSource({ config: mnist, split });
    expect(evaluation).toMatchObject({ split: 'test', n: split.kind === 'test' ? split.heldOut : -1 });
    expect(evaluation.source.info.name).toBe('MNIST (test)');
    expect(evaluation.n + source.info.count).toBe(10_000);
    // The package's split is fixed, so an old MNIST run (no split recorded) never saw it either.
    expect((await openEvaluationSource({ config: mnist })).split).toBe('test');
  });

  it('dSprites uses the full grid for both, labelled as such', async () => {
    const sprites: RunDataConfig = { ...config, data: 'dsprites' };
    const { source, split } = await openTrainingData(sprites);
    expect(split).toEqual({ kind: 'full-grid', train: 737_280, heldOut: 0 } satisfies ImageSplitRecord);
    const evaluation = await openEvaluationSource({ config: sprites, split });
    expect(evaluation).toMatchObject({ split: 'full-grid', n: source.info.count });
  });
});
