import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { imageModelConfigSchema, type ImageModelConfig } from '../../../shared/image-config';
import type { ImageSplitRecord } from './data/holdout-split';
import { ImageMsVae, OPTIONAL_PARAM_SETS } from './models/image-ms-vae';
import { assignWeights, disposeCheckpoint, hasCheckpointFolders, latestCheckpointDir, loadCheckpoint } from '../core/checkpoint';

export interface TrainedRun {
  readonly config: ImageModelConfig;
  readonly model: ImageMsVae;
  /** Global steps trained. */
  readonly step: number;
  /** Whether stage 2 has trained at all (otherwise samples are stage 1's Y). */
  readonly hasStage2: boolean;
  readonly checkpointDir: string;
}

/** Loads the last checkpoint of a run folder into a fresh model, with the config saved beside it. */
export function loadTrainedRun(runDir: string): TrainedRun {
  const dir = latestCheckpointDir(runDir);
  if (!dir) throw new Error(`${runDir} has no checkpoint: train it first (npm run cli -- train ... --out ${runDir})`);
  const checkpoint = loadCheckpoint(dir, { optimizer: false });
  try {
    const parsed = imageModelConfigSchema.safeParse(checkpoint.config);
    if (!parsed.success) throw new Error(`${path.join(dir, 'model.json')} has an invalid config: ${parsed.error.issues[0]?.message}`);
    const config = parsed.data;
    const model = new ImageMsVae(config);
    assignWeights(model.paramSets(), checkpoint.weights, OPTIONAL_PARAM_SETS);
    const step = checkpoint.meta.step;
    return { config, model, step, hasStage2: step > config.stage1Steps, checkpointDir: dir };
  } finally {
    disposeCheckpoint(checkpoint);
  }
}

export interface RunManifest {
  readonly config: ImageModelConfig;
  readonly dataset: { readonly name: string; readonly count: number; readonly size: number; readonly channels: number; readonly skipped: number; readonly factors: string[] };
  /** Which images were kept out of training for evaluation; absent in runs made before splits were recorded. */
  readonly split?: ImageSplitRecord;
  readonly backend: string;
  readonly createdAt: number;
}

export function readRunManifest(runDir: string): RunManifest {
  return JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8')) as RunManifest;
}

/**
 * The split a (re)started run must keep: what its run.json records; 'before-splits' when it has
 * a checkpoint but run.json records no split (trained before splits existed, so it has seen
 * every image); undefined for a new run.
 */
export function recordedSplit(runDir: string): ImageSplitRecord | 'before-splits' | undefined {
  if (existsSync(path.join(runDir, 'run.json'))) {
    let split: ImageSplitRecord | undefined;
    try {
      split = readRunManifest(runDir).split;
    } catch {
      // A run.json cut short: training rewrites it; the checkpoint alone says whether images were seen.
    }
    if (split) return split;
  }
  // Any checkpoint folder, even a damaged one, means training has read its images.
  return hasCheckpointFolders(runDir) ? 'before-splits' : undefined;
}
