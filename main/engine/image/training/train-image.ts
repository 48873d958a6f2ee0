import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImageModelConfig } from '../../../../shared/image-config';
import type { Progress } from '../../../../shared/progress';
import { BatchStream } from '../data/batch-stream';
import type { ImageSource } from '../data/types';
import { gridPng } from '../png';
import { ImageMsVae, OPTIONAL_PARAM_SETS } from '../models/image-ms-vae';
import { generatedBy, resumeFromLatest, saveCheckpoint } from '../../core/checkpoint';
import { ParallelImageSteps } from '../replicas/parallel-steps';
import { runTrainingLoop } from '../../core/training-loop';
import { createOptimizers, stage1StepName, stepRegistry, type TrainStep } from './steps';

export type Stage = 'stage1' | 'stage2';

export interface TrainCallbacks {
  /** The shared progress shape; its phase is the stage being trained. */
  onProgress(progress: Progress): void;
  /** A grid PNG: row 1 the data x, row 2 stage 1's Y, row 3 stage 2's X (after stage 1 only x and Y). */
  onPreview?(step: number, png: Uint8Array): void;
  onCheckpoint?(step: number, dir: string): void;
  isCancelled(): boolean;
  yieldToEvents(): Promise<void>;
}

export interface TrainOutcome {
  readonly step: number;
  readonly cancelled: boolean;
  readonly resumedFrom: number;
  readonly lastLosses: Readonly<Record<string, number>>;
}

export const previewCount = 8;
/** Images the z prior is fitted on: 32 moments, so a few hundred suffice (~1 s at 64x64). */
const zPriorImages = 256;

/**
 * Trains both stages: stage 1 for stage1Steps, then stage 2 (stage 1 frozen) for
 * stage2Steps, one global step counter across both. Resumes from the run folder's last
 * checkpoint when there is one (same batches, same noise, same optimizer state), checkpoints
 * every checkpointEvery steps, at the stage boundary, at the end and on cancel.
 */
export interface TrainOptions {
  /** The bundled replica-thread entry (out/main/replica.cjs); without it training stays on one thread. */
  readonly replicaEntry?: string;
}

/** Threads to train with: config.threads, or one per core; only the WASM and CPU backends gain from more. */
export function trainingThreads(config: { threads: number }): number {
  if (tf.getBackend() !== 'wasm' && tf.getBackend() !== 'cpu') return 1;
  return config.threads > 0 ? config.threads : Math.max(1, os.availableParallelism());
}

export async function trainImageModel(config: ImageModelConfig, source: ImageSource, runDir: string, callbacks: TrainCallbacks, options: TrainOptions = {}): Promise<TrainOutcome> {
  mkdirSync(runDir, { recursive: true });
  const model = new ImageMsVae(config);
  const optimizers = createOptimizers(config);
  const datasetSize = source.info.count;
  const stream = new BatchStream(source, { batchSize: config.batch, seed: config.seed });
  const previewBatch = await source.read(Array.from({ length: Math.min(previewCount, datasetSize) }, (_, i) => i));
  // Training images spread over the set for fitting stage 2's z prior at each stage-2 checkpoint.
  const priorCount = config.stage2 === 'vae' && config.stage2Steps > 0 ? Math.min(zPriorImages, datasetSize) : 0;
  const priorBatch = priorCount > 0 ? await source.read(Array.from({ length: priorCount }, (_, i) => Math.floor((i * datasetSize) / priorCount))) : null;
  let parallel: ParallelImageSteps | undefined;
  try {
    const step = await resumeFromLatest(runDir, model.paramSets(), optimizers, OPTIONAL_PARAM_SETS);
    const resumedFrom = step;
    stream.seek(step);
    const steps: Record<Stage, TrainStep> = {
      stage1: stepRegistry[stage1StepName(config)](model, config, datasetSize, optimizers),
      stage2: stepRegistry[config.stage2 === 'gan' ? 'stage2/gan' : 'stage2/vae'](model, config, datasetSize, optimizers),
    };
    const threads = trainingThreads(config);
    if (options.replicaEntry && threads > 1 && config.batch >= 2 * threads) {
      parallel = await ParallelImageSteps.start(model, config, datasetSize, optimizers, options.replicaEntry, threads);
    }
    const p = parallel;
    const outcome = await runTrainingLoop<Stage>({
      startStep: step,
      stages: [
        { name: 'stage1', steps: config.stage1Steps },
        { name: 'stage2', steps: config.stage2Steps },
      ],
      runStep: async (stage, at) => {
        const batch = await stream.next();
        // MS-GAN's alternating updates stay on one thread.
        if (p && stage === 'stage1') return p.stage1(batch.images, batch.n, at);
        if (p && stage === 'stage2' && config.stage2 === 'vae') return p.stage2(batch.images, batch.n, at);
        const x = tf.tensor4d(batch.images, [batch.n, config.imageSize, config.imageSize, config.channels]);
        try {
          return steps[stage](x, at);
        } finally {
          x.dispose();
        }
      },
      checkpointEvery: config.checkpointEvery,
      previewEvery: config.previewEvery,
      checkpoint: async (at) => {
        if (priorBatch && at > config.stage1Steps) model.fitZPrior(priorBatch.images, priorBatch.n, config.seed + 909);
        const dir = await saveCheckpoint(runDir, config, model.paramSets(), optimizers, { step: at, savedAt: Date.now() }, generatedBy);
        callbacks.onCheckpoint?.(at, dir);
      },
      preview: async (at) => {
        if (!callbacks.onPreview) return;
        callbacks.onPreview(at, await previewGrid(model, previewBatch.images, previewBatch.n, config, at > config.stage1Steps));
      },
      onProgress: callbacks.onProgress,
      isCancelled: callbacks.isCancelled,
      yieldToEvents: callbacks.yieldToEvents,
    });
    return { ...outcome, resumedFrom };
  } finally {
    await parallel?.close();
    for (const optimizer of Object.values(optimizers)) optimizer.dispose();
    model.dispose();
    await source.close?.();
  }
}

/** Rows: x, Y = stage 1 (mean code), and after stage 1 X = stage 2 with z from its encoder's mean. */
async function previewGrid(model: ImageMsVae, images: Float32Array, n: number, config: ImageModelConfig, withStage2: boolean): Promise<Uint8Array> {
  const rows = tf.tidy(() => {
    const x = tf.tensor4d(images, [n, config.imageSize, config.imageSize, config.channels]);
    const y = model.stage1Output(model.encodeC(x, 0, 'mean'));
    const out = [x, y];
    if (withStage2) out.push(model.stage2Output(y, model.encoder2.encode(tf.sub(x, y)).mu));
    return tf.concat(out, 0);
  });
  const data = (await rows.data()) as Float32Array;
  const count = rows.shape[0];
  rows.dispose();
  return gridPng(data, count, config.imageSize, config.channels, n);
}

export function runFolderPaths(runDir: string): { previews: string } {
  return { previews: path.join(runDir, 'previews') };
}
