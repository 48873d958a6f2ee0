/**
 * The real 'image-train' job on a folder written here never reads a held-out image: the data it
 * opens is wrapped so that every image handed to training is recorded by file (each file is a
 * uniform grey whose level names it), and run.json records the split a resume keeps.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { openEvaluationSource, openTrainingData } from '../../../../main/engine/image/data/run-data';
import type { ImageSource } from '../../../../main/engine/image/data/types';
import { readRunManifest, recordedSplit } from '../../../../main/engine/image/load-run';
import { runImageTrain } from '../../../../main/engine/tasks/train-images';
import { tempDir } from '../../../helpers/temp-dir';
import { tinyConfig, useWasm } from '../training/helpers';

const { fileOfImage, seen } = vi.hoisted(() => ({
  /** File name of a decoded image, from its first pixel (level 10 + 3 i is file i). */
  fileOfImage: (images: Float32Array, offset: number): string => `img-${String(Math.round(((images[offset] ?? 0) * 255 - 10) / 3)).padStart(3, '0')}.png`,
  /** Every file training has been handed. */
  seen: new Set<string>(),
}));

vi.mock('../../../../main/engine/image/data/run-data', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../main/engine/image/data/run-data')>();
  const record = (source: ImageSource): ImageSource => {
    const pixels = source.info.size * source.info.size * source.info.channels;
    return {
      ...source,
      read: async (indices) => {
        const batch = await source.read(indices);
        for (let k = 0; k < batch.n; k++) seen.add(fileOfImage(batch.images, k * pixels));
        return batch;
      },
    };
  };
  return {
    ...actual,
    openTrainingData: async (...args: Parameters<typeof actual.openTrainingData>) => {
      const opened = await actual.openTrainingData(...args);
      return { ...opened, source: record(opened.source) };
    },
  };
});

const FILES = 64;
const dir = tempDir();
const folder = path.join(dir.path, 'photos');

beforeAll(async () => {
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < FILES; i++) {
    await sharp(Buffer.alloc(12 * 12, 10 + 3 * i), { raw: { width: 12, height: 12, channels: 1 } }).png().toFile(path.join(folder, `img-${String(i).padStart(3, '0')}.png`));
  }
  await useWasm();
});
afterAll(() => dir.remove());

describe('the image-train job on a folder', () => {
  it('trains on the training images only and records the split in run.json', async () => {
    const config = tinyConfig({ data: folder, channels: 1, batch: 16, stage1Steps: 6, stage2Steps: 2, checkpointEvery: 4 });
    const runDir = path.join(dir.path, 'run');
    const callbacks = { onBackend: () => {}, onProgress: () => {}, isCancelled: () => false };
    const outcome = await runImageTrain({ kind: 'image-train', config, runDir }, { name: 'wasm', skipped: [], initMs: 0 }, callbacks);
    expect(outcome.result.step).toBe(8);

    const { split } = readRunManifest(runDir);
    expect(split).toMatchObject({ kind: 'holdout', seed: expect.any(Number), fraction: 0.1, topUp: expect.any(Array) });
    if (split?.kind !== 'holdout') return;
    expect(split.train + split.heldOut).toBe(FILES);
    const evaluation = await openEvaluationSource({ config, split });
    const batch = await evaluation.source.read(Array.from({ length: evaluation.n }, (_, i) => i));
    const held = Array.from({ length: batch.n }, (_, k) => fileOfImage(batch.images, k * 32 * 32));
    expect(held).toHaveLength(split.heldOut);
    // 8 steps x 16 images (plus the preview batch) cover the ~57 training images at least twice.
    expect([...seen].filter((f) => held.includes(f))).toEqual([]);
    expect(seen.size).toBe(split.train);

    // Resuming keeps the recorded split; the opened training data matches it.
    expect(recordedSplit(runDir)).toEqual(split);
    expect((await openTrainingData(config, recordedSplit(runDir))).split).toEqual(split);
  }, 120_000);
});
