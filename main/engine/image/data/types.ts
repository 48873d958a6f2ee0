/**
 * Image data as the engine sees it: a random-access source of fixed-size images with
 * values in [0, 1], laid out NHWC, optionally with ground-truth factor labels.
 */

export interface FactorSpec {
  /** e.g. 'shape', 'scale', 'orientation', 'posX', 'posY'. */
  readonly name: string;
  /** Number of discrete values the factor takes (labels are 0..values-1). */
  readonly values: number;
}

export interface ImageDatasetInfo {
  /** Human-readable name, e.g. 'dSprites' or the folder name. */
  readonly name: string;
  /** Height = width, in pixels. */
  readonly size: number;
  readonly channels: 1 | 3;
  /** Number of usable examples. */
  readonly count: number;
  /** Ground-truth factors, when the dataset has them (dSprites). */
  readonly factors?: readonly FactorSpec[];
  /**
   * Known labels that are not generative factors (a folder's class sub-folders): only the
   * interpretability scores read them, disentanglement does not.
   */
  readonly labels?: readonly FactorSpec[];
  /** Files that could not be read, with the reason (folder datasets). */
  readonly skipped?: readonly { readonly file: string; readonly reason: string }[];
}

export interface ImageBatch {
  /** [n, size, size, channels], values in [0, 1]. */
  readonly images: Float32Array;
  /** [n, factors.length] factor value indices, when the dataset has factors. */
  readonly factors?: Int32Array;
  /** [n, labels.length] label indices, when the dataset has labels. */
  readonly labels?: Int32Array;
  readonly n: number;
}

export interface ImageSource {
  readonly info: ImageDatasetInfo;
  /** Reads the examples at these indices (0..count-1), in this order. */
  read(indices: readonly number[]): Promise<ImageBatch>;
  /** Releases files or caches, if any. */
  close?(): Promise<void>;
}
