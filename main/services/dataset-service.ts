import path from 'node:path';
import type { ImagesPreviewJobSpec } from '../../shared/compute-protocol';
import type { ExampleTable, ImagePreview } from '../../shared/dataset-preview';
import type { ColumnOverrideSpec } from '../../shared/tabular-config';
import type { TableSchema } from '../../shared/tabular-schema';
import { requireModule } from '../engine/core/load-module';
import { JobCancelledError, JobFailedError } from '../jobs/job-errors';
import type { JobRunner } from '../jobs/job-runner';
import { StudioError } from './errors';
import { checkImageData, checkUserFile, tableExtensions } from './user-paths';

/** A quick job that did not complete, as the API's error: a cancel is 'unavailable', a failure names the input it was about. */
function quickJobError(error: unknown, cancelled: string, field: string): unknown {
  if (error instanceof JobCancelledError) return new StudioError('unavailable', cancelled);
  if (error instanceof JobFailedError) return new StudioError('invalid_input', error.message, field);
  return error;
}

const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;

/** The example tables of the vega-datasets package (a dependency, so they ship with the app). */
const exampleTables: readonly Omit<ExampleTable, 'path'>[] = [
  { id: 'penguins', label: 'Penguins', description: '344 penguins: species, island, beak and flipper sizes, body mass, sex (some values missing).' },
  { id: 'cars', label: 'Cars', description: '406 cars from the 1970s and 80s: miles per gallon, cylinders, horsepower, weight, origin.' },
  { id: 'movies', label: 'Movies', description: '3,201 films: budgets, box office, ratings, genres (many values missing).' },
];

export interface ImagePreviewRequest {
  readonly data: string;
  readonly imageSize: 32 | 64;
  readonly channels: 1 | 3;
  readonly fit: 'crop' | 'pad';
  readonly samples: number;
}

/**
 * Looks at a user's data before training: a table's inferred schema (types, roles, missing
 * counts, issues) with overrides applied. The reading happens in a compute process of its own
 * queue, so it is never stuck behind a long training run and never blocks the main process.
 */
export class DatasetService {
  constructor(private readonly quickJobs: JobRunner) {}

  async inspectTable(file: string, overrides: readonly ColumnOverrideSpec[]): Promise<TableSchema> {
    const checked = checkUserFile(file, 'path', tableExtensions);
    try {
      return (await this.quickJobs.run({ kind: 'tabular-schema', file: checked, overrides })).output;
    } catch (error) {
      // The reader's messages name the file, row and column: pass them on as they are.
      throw quickJobError(error, 'Reading the table was cancelled.', 'path');
    }
  }

  /** Opens image data as training will and returns counts, skipped files and sample thumbnails. */
  async inspectImages(request: ImagePreviewRequest): Promise<ImagePreview> {
    const data = checkImageData(request.data.trim(), 'data');
    const spec: ImagesPreviewJobSpec = { kind: 'images-preview', data, size: request.imageSize, channels: request.channels, fit: request.fit, samples: request.samples };
    try {
      const out = (await this.quickJobs.run(spec)).output;
      return { ...out, thumbnails: out.thumbnails.map(({ png, ...t }) => ({ ...t, src: dataUrl(png) })) };
    } catch (error) {
      // The reader says which folder and why ("No readable images in folder ...").
      throw quickJobError(error, 'Reading the images was cancelled.', 'data');
    }
  }

  /** The example tables with their paths on this computer. */
  examples(): ExampleTable[] {
    // The package exports only its entry (build/index.js); its data folder sits beside build/.
    // Packaged, the tables are unpacked from the asar archive so the compute process reads real files.
    const entry = requireModule.resolve('vega-datasets');
    const dir = path.join(path.dirname(entry), '..', 'data').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    return exampleTables.map((t) => ({ ...t, path: path.join(dir, `${t.id}.json`) }));
  }
}
