/**
 * Which images a run trains on and which it keeps for evaluation, and what run.json records of
 * that choice (issue 13: every image metric on images the model never saw).
 *
 * Folders: a file is held out when a hash of (split seed, its relative path) falls below
 * `fraction` of the hash range. The test looks at one file only, so adding files to the folder
 * never moves an existing file between the two sides; only the new files are placed. Folders
 * with fewer than MIN_FOLDER_FOR_HOLDOUT usable images hold nothing out (every image is needed
 * to train, and metrics on two or three images mean nothing); larger ones whose hash draw gave
 * fewer than MIN_HELD_OUT files are topped up with the next-lowest hashes, and those top-up
 * files are recorded by name, so re-deriving the split later cannot pick a file that was trained.
 * MNIST uses the package's own split; dSprites keeps the full grid for both (standard for it).
 */
import { hash32, mixSeed } from '../../core/permutation';
import type { ImageSource } from './types';

export const HOLDOUT_FRACTION = 0.1;
export const MIN_FOLDER_FOR_HOLDOUT = 50;
export const MIN_HELD_OUT = 5;
/**
 * The split's own seed, not the training seed: runs with different seeds on one folder are then
 * evaluated on the same images (comparable numbers), and the data preview can give the exact
 * count before a seed is chosen. Recorded in run.json, so changing it later moves no old run.
 */
export const SPLIT_SEED = 0x686f6c64; // 'hold'

/** What run.json records under `split` (absent in runs made before splits existed). */
export type ImageSplitRecord =
  | {
      readonly kind: 'holdout';
      readonly seed: number;
      readonly fraction: number;
      /** Files held out beyond the hash rule (small folders), by relative path. */
      readonly topUp: readonly string[];
      readonly train: number;
      readonly heldOut: number;
    }
  /** Nothing held out: a tiny folder, or a run resumed from before splits existed. */
  | { readonly kind: 'none'; readonly reason: string; readonly train: number; readonly heldOut: 0 }
  /** MNIST: trained on one of the package's splits, evaluated on the other (`evaluate`). */
  | { readonly kind: 'test'; readonly evaluate: 'mnist:test' | 'mnist:train'; readonly train: number; readonly heldOut: number }
  | { readonly kind: 'full-grid'; readonly train: number; readonly heldOut: 0 };

export type FolderSplitRule = Pick<Extract<ImageSplitRecord, { kind: 'holdout' }>, 'seed' | 'fraction' | 'topUp'>;

/** FNV-1a over the path's UTF-16 code units, NFC first so macOS' decomposed names hash the same. */
function pathHash(rel: string): number {
  const text = rel.normalize('NFC');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Uniform in [0, 1), fixed by (seed, path). */
export function holdoutScore(seed: number, rel: string): number {
  return hash32(mixSeed(seed, pathHash(rel))) / 2 ** 32;
}

/** Applies a recorded (or freshly planned) rule: true = held out. */
export function heldOutMask(files: readonly string[], rule: FolderSplitRule): boolean[] {
  const topUp = new Set(rule.topUp);
  return files.map((rel) => topUp.has(rel) || holdoutScore(rule.seed, rel) < rule.fraction);
}

/** The split a new run on these files gets. */
export function planFolderSplit(files: readonly string[], seed = SPLIT_SEED, fraction = HOLDOUT_FRACTION): ImageSplitRecord {
  const n = files.length;
  if (n < MIN_FOLDER_FOR_HOLDOUT) {
    return { kind: 'none', reason: `the folder has ${n} usable images, fewer than the ${MIN_FOLDER_FOR_HOLDOUT} needed to hold some out`, train: n, heldOut: 0 };
  }
  const scored = files.map((rel) => ({ rel, score: holdoutScore(seed, rel) }));
  const drawn = scored.filter((s) => s.score < fraction).length;
  const rest = scored.filter((s) => s.score >= fraction).sort((a, b) => a.score - b.score || (a.rel < b.rel ? -1 : 1));
  const topUp = rest.slice(0, Math.max(0, MIN_HELD_OUT - drawn)).map((s) => s.rel);
  const heldOut = drawn + topUp.length;
  return { kind: 'holdout', seed, fraction, topUp, train: n - heldOut, heldOut };
}

/** An ImageSource restricted to some indices of another, renumbered 0..indices.length-1. */
export interface SubsetSource extends ImageSource {
  /** The underlying source's index of each example, in order. */
  readonly indices: readonly number[];
  /** Folders: the relative path of each example. */
  readonly files?: readonly string[];
}

export function subsetSource(source: ImageSource & { readonly files?: readonly string[] }, indices: readonly number[], name = source.info.name): SubsetSource {
  const count = indices.length;
  const files = source.files;
  return {
    info: { ...source.info, name, count },
    indices,
    ...(files ? { files: indices.map((i) => files[i] ?? '') } : {}),
    read(wanted) {
      const bad = wanted.find((k) => !Number.isInteger(k) || k < 0 || k >= count);
      if (bad !== undefined) return Promise.reject(new RangeError(`image index ${bad} outside 0..${count - 1}`));
      return source.read(wanted.map((k) => indices[k] ?? 0));
    },
    close: () => source.close?.() ?? Promise.resolve(),
  };
}

/** Indices where mask is `want`. */
export const indicesWhere = (mask: readonly boolean[], want: boolean): number[] => mask.flatMap((held, i) => (held === want ? [i] : []));
