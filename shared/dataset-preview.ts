/**
 * What the new-model wizard shows about data before training: a look at images (counts, size,
 * skipped files, a few thumbnails) and the example tables that ship with the app.
 */

/** One sample image as the model will see it. */
export interface ImageThumbnail {
  /** A PNG data URL at the training size. */
  readonly src: string;
  /** The file, relative to the folder; or 'dSprites #12' for built-ins. */
  readonly label: string;
  /** The file's own width and height before resizing (folders only). */
  readonly original?: { readonly width: number; readonly height: number };
}

export interface ImagePreview {
  /** The dataset's name: 'dSprites', 'MNIST' or the folder's name. */
  readonly name: string;
  /** Usable images. */
  readonly count: number;
  /** Pixels per side after resizing, and colour channels the model will see. */
  readonly size: number;
  readonly channels: 1 | 3;
  /** Ground-truth factors (dSprites). */
  readonly factors: readonly string[];
  /** Files left out and why; at most `skippedShown` of them (skippedCount is the total). */
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  readonly skippedCount: number;
  /** Images a run keeps out of training for evaluation (a folder's hold-out, MNIST's test split); 0 for dSprites. */
  readonly heldOut?: number;
  readonly thumbnails: readonly ImageThumbnail[];
}

/** The most skipped files a preview lists (a folder can have thousands). */
export const skippedShown = 50;

/** An example table from the vega-datasets package, ready to train on. */
export interface ExampleTable {
  readonly id: 'penguins' | 'cars' | 'movies';
  readonly label: string;
  readonly description: string;
  /** Absolute path of the file on this computer. */
  readonly path: string;
}
