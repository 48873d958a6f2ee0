import path from 'node:path';
import type { ImagesPreviewJobSpec } from '../../shared/compute-protocol';
import type { ExampleTable, ImagePreview } from '../../shared/dataset-preview';
import type { ColumnOverrideSpec } from '../../shared/tabular-config';
import type { TableSchema } from '../../shared/tabular-schema';
import type { ImagesPreviewOutput } from '../engine/tasks/preview-images';
import { requireModule } from '../engine/core/load-module';
import type { JobRunner } from '../jobs/job-runner';
import { StudioError } from './errors';
import { checkImageData, checkUserFile, tableExtensions } from './user-paths';

let inspections = 0;

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

  inspectTable(file: string, overrides: readonly ColumnOverrideSpec[]): Promise<TableSchema> {
    const checked = checkUserFile(file, 'path', tableExtensions);
    return new Promise((resolve, reject) => {
      this.quickJobs.submit(`inspect-${++inspections}`, { kind: 'tabular-inspect', file: checked, overrides }, {
        onDone: (result) => resolve(result.output as TableSchema),
        onCancelled: () => reject(new StudioError('unavailable', 'Reading the table was cancelled.')),
        // The reader's messages name the file, row and column: pass them on as they are.
        onFailed: (message) => reject(new StudioError('invalid_input', message, 'path')),
      });
    });
  }

  /** Opens image data as training will and returns counts, skipped files and sample thumbnails. */
  inspectImages(request: ImagePreviewRequest): Promise<ImagePreview> {
    const data = checkImageData(request.data.trim(), 'data');
    const spec: ImagesPreviewJobSpec = { kind: 'images-preview', data, size: request.imageSize, channels: request.channels, fit: request.fit, samples: request.samples };
    return new Promise((resolve, reject) => {
      this.quickJobs.submit(`images-preview-${++inspections}`, spec, {
        onDone: (result) => {
          const out = result.output as ImagesPreviewOutput;
          resolve({ ...out, thumbnails: out.thumbnails.map(({ png, ...t }) => ({ ...t, src: dataUrl(png) })) });
        },
        onCancelled: () => reject(new StudioError('unavailable', 'Reading the images was cancelled.')),
        // The reader says which folder and why ("No readable images in folder ...").
        onFailed: (message) => reject(new StudioError('invalid_input', message, 'data')),
      });
    });
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
