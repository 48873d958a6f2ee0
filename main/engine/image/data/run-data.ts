/**
 * The data a run trains on and the data it is evaluated on, from its config and the split
 * run.json records (holdout-split.ts says how a split is chosen). Training and evaluation both
 * come through here, so the images evaluation reads are exactly the ones training never drew.
 */
import type { EvaluationSplit } from '../../../../shared/image-evaluation';
import { createMnist } from './mnist';
import { heldOutMask, indicesWhere, planFolderSplit, subsetSource, type FolderSplitRule, type ImageSplitRecord } from './holdout-split';
import { openImageSource } from './open-image-source';
import type { ImageDatasetInfo, ImageSource } from './types';

/** The config fields that say which images a run reads. */
export interface RunDataConfig {
  readonly data: string;
  readonly imageSize: 32 | 64;
  readonly channels: 1 | 3;
  readonly fit: 'crop' | 'pad';
  readonly seed: number;
}

type DataKind = 'dsprites' | 'mnist:train' | 'mnist:test' | 'folder';

/** The same reading of `data` as openImageSource's. */
function dataKind(data: string): DataKind {
  const name = data.trim().toLowerCase();
  if (name === 'dsprites') return 'dsprites';
  if (name === 'mnist' || name === 'mnist:train') return 'mnist:train';
  if (name === 'mnist:test') return 'mnist:test';
  return 'folder';
}

const open = (config: RunDataConfig, onProgress?: (done: number, total: number) => void): Promise<ImageSource> =>
  openImageSource({ data: config.data, size: config.imageSize, channels: config.channels, fit: config.fit, seed: config.seed, ...(onProgress ? { onProgress } : {}) });

const filesOf = (source: ImageSource): readonly string[] => {
  const files = (source as { files?: unknown }).files;
  if (!Array.isArray(files)) throw new Error('a folder source without its file list');
  return files as string[];
};

const ruleOf = (split: Extract<ImageSplitRecord, { kind: 'holdout' }>): FolderSplitRule => ({ seed: split.seed, fraction: split.fraction, topUp: split.topUp });

/** The other MNIST split: the one a run on `kind` never trains on. */
const otherMnist = (kind: 'mnist:train' | 'mnist:test'): 'mnist:test' | 'mnist:train' => (kind === 'mnist:train' ? 'mnist:test' : 'mnist:train');

export interface TrainingData {
  /** Only the training images, renumbered; BatchStream and the previews draw from this. */
  readonly source: ImageSource;
  /** The whole dataset as opened (all usable images, skipped files). */
  readonly dataset: ImageDatasetInfo;
  readonly split: ImageSplitRecord;
}

/**
 * Opens a run's training images. `previous` is what run.json already records for this run: its
 * split is kept on resume (even if the default rule changed since); 'before-splits' (a run
 * trained before splits were recorded) holds nothing out, since it has seen every image.
 */
export async function openTrainingData(config: RunDataConfig, previous?: ImageSplitRecord | 'before-splits', onProgress?: (done: number, total: number) => void): Promise<TrainingData> {
  const kind = dataKind(config.data);
  const all = await open(config, onProgress);
  const dataset = all.info;
  if (kind === 'dsprites') return { source: all, dataset, split: { kind: 'full-grid', train: dataset.count, heldOut: 0 } };
  if (kind !== 'folder') {
    const evaluate = otherMnist(kind);
    const heldOut = createMnist({ size: config.imageSize, split: evaluate === 'mnist:test' ? 'test' : 'train' }).info.count;
    return { source: all, dataset, split: { kind: 'test', evaluate, train: dataset.count, heldOut } };
  }
  const files = filesOf(all);
  let split: ImageSplitRecord;
  if (previous === 'before-splits') {
    split = { kind: 'none', reason: 'the run was started before hold-out splits were recorded and has trained on every image', train: files.length, heldOut: 0 };
  } else if (previous?.kind === 'none') {
    split = { ...previous, train: files.length };
  } else if (previous?.kind === 'holdout') {
    const mask = heldOutMask(files, ruleOf(previous));
    const heldOut = mask.filter(Boolean).length;
    split = { ...previous, train: files.length - heldOut, heldOut };
  } else {
    split = planFolderSplit(files);
  }
  if (split.kind !== 'holdout') return { source: all, dataset, split };
  const train = indicesWhere(heldOutMask(files, ruleOf(split)), false);
  if (train.length === 0) throw new Error(`${config.data}: every usable image is held out for evaluation; nothing is left to train on`);
  return { source: subsetSource(all, train), dataset, split };
}

export interface EvaluationSource extends EvaluationSplit {
  readonly source: ImageSource;
}

/**
 * Opens the images a run is evaluated on: a folder's held-out files, MNIST's other split, or
 * dSprites' full grid. A folder run without a recorded split (made before splits, or too small
 * to hold any out) is evaluated on its training images, and the note says so.
 */
export async function openEvaluationSource(manifest: { readonly config: RunDataConfig; readonly split?: ImageSplitRecord }): Promise<EvaluationSource> {
  const { config, split } = manifest;
  const kind = dataKind(config.data);
  if (kind === 'dsprites') {
    const source = await open(config);
    return { source, split: 'full-grid', n: source.info.count, note: "dSprites' full grid of factor combinations, as is standard for it; training draws from the same grid" };
  }
  if (kind !== 'folder') {
    // The package's split is fixed, not chosen per run, so runs made before splits were recorded
    // never trained on the other split either.
    const other = split?.kind === 'test' ? split.evaluate : otherMnist(kind);
    const source = await open({ ...config, data: other });
    const note = other === 'mnist:test' ? "MNIST's test split, never trained on" : "MNIST's training split: this run trained on the test split";
    return { source, split: other === 'mnist:test' ? 'test' : 'holdout', n: source.info.count, note };
  }
  const all = await open(config);
  if (split?.kind !== 'holdout') {
    const why = split?.kind === 'none' ? split.reason : 'the run was made before hold-out splits were recorded (run.json has no split)';
    return { source: all, split: 'training', n: all.info.count, note: `training images: ${why}` };
  }
  const held = indicesWhere(heldOutMask(filesOf(all), ruleOf(split)), true);
  if (held.length === 0) {
    await all.close?.();
    throw new Error(`${config.data}: none of the run's ${split.heldOut} held-out images are in the folder any more`);
  }
  const changed = held.length === split.heldOut ? '' : ` (${split.heldOut} at training: the folder changed since; files added since were never trained on either)`;
  const note = `${held.length} images held out of training by a hash of seed ${split.seed} and each file's path (fraction ${split.fraction})${changed}`;
  return { source: subsetSource(all, held, `${all.info.name} (held out)`), split: 'holdout', n: held.length, note };
}

/** How many images a new run on this opened source would keep for evaluation (the data preview). */
export function heldOutCountFor(data: string, source: ImageSource): number {
  const kind = dataKind(data);
  if (kind === 'dsprites') return 0;
  if (kind !== 'folder') return createMnist({ size: source.info.size === 64 ? 64 : 32, split: kind === 'mnist:train' ? 'test' : 'train' }).info.count;
  return planFolderSplit(filesOf(source)).heldOut;
}
