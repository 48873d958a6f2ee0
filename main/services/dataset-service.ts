import type { ColumnOverrideSpec } from '../../shared/tabular-config';
import type { TableSchema } from '../../shared/tabular-schema';
import type { JobRunner } from '../jobs/job-runner';
import { StudioError } from './errors';
import { checkUserFile, tableExtensions } from './user-paths';

let inspections = 0;

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
}
