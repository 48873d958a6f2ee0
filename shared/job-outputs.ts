import type { ImagePreview } from './dataset-preview';
import type { ExportEntry } from './exports';
import type { FactorActivity } from './models';
import type { TableIssue } from './tabular-schema';

/**
 * What the smaller jobs hand back across the process boundary (the reports have files of
 * their own: image-evaluation.ts, table-report.ts). Each is what the job's caller reads.
 */

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface ImageTrainOutput {
  readonly runDir: string;
  /** The step training resumed at (0 for a fresh run). */
  readonly resumedFrom: number;
  readonly skipped: readonly SkippedFile[];
}

/** Where a table stage stopped early on its validation rows, and the step whose weights it kept. */
export interface EarlyStop {
  readonly stage: 'stage1' | 'stage2';
  readonly step: number;
  readonly bestStep: number;
  readonly bestLoss: number;
}

export interface TabularTrainOutput {
  readonly runDir: string;
  readonly resumedFrom: number;
  readonly rows: { readonly train: number; readonly validation: number; readonly holdout: number; readonly skipped: number };
  readonly earlyStops: EarlyStop[];
  readonly issues: readonly TableIssue[];
}

export interface ImageGenerateOutput {
  readonly outDir: string;
  /** File names inside outDir. */
  readonly files: readonly string[];
  /** The stage the images come from: 2 once stage 2 is trained. */
  readonly stage: 1 | 2;
}

export interface ImageTraverseOutput {
  readonly out: string;
  readonly factors: number;
  readonly steps: number;
  readonly range: number;
  readonly stage2: boolean;
}

export interface TabularGenerateOutput {
  readonly out: string;
  readonly rows: number;
  readonly format: 'csv' | 'parquet' | 'json';
  readonly stage: 1 | 2;
}

export interface ExportOutput {
  /** The export's final folder. */
  readonly dir: string;
  /** Images or rows written. */
  readonly items: number;
  readonly bytes: number;
  readonly entries: ExportEntry[];
}

export interface PreviewThumbnail {
  readonly png: Uint8Array;
  readonly label: string;
  readonly original?: { readonly width: number; readonly height: number };
}

/** The images preview with PNG bytes, which the service turns into data URLs. */
export type ImagesPreviewOutput = Omit<ImagePreview, 'thumbnails'> & { readonly thumbnails: readonly PreviewThumbnail[] };

/** The inspector's pictures: a traversal grid (factors, steps and range set) or one decoded code. */
export interface ImageInspectPictures {
  readonly factors?: number;
  readonly steps?: number;
  readonly range?: number;
  readonly stage2: boolean;
  readonly stage1: Uint8Array;
  readonly stage2Png: Uint8Array;
}

/** 'traversal' and 'decode' answer with pictures, 'activity' with the factors' KL. */
export type ImageInspectOutput = ImageInspectPictures | FactorActivity;
