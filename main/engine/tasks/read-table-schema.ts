import type { TabularSchemaJobSpec } from '../../../shared/compute-protocol';
import { phaseProgress } from '../../../shared/progress';
import type { JobCallbacks, TaskOutcome } from '../core/job-context';
import { inferSchemaOnly } from '../table/reading/read-table';

/** The 'tabular-schema' job: a CSV/JSON file's schema as the wizard shows it, in one streaming pass, nothing kept in memory. */
export async function runTabularSchema(spec: TabularSchemaJobSpec, callbacks: JobCallbacks): Promise<TaskOutcome<'tabular-schema'>> {
  const schema = await inferSchemaOnly(spec.file, {
    ...(spec.overrides ? { overrides: spec.overrides } : {}),
    // The total is not known until the file has been read.
    onProgress: (rows) => callbacks.onProgress(phaseProgress('scan', rows, 0)),
  });
  return { result: { step: schema.rowCount, metrics: {}, output: schema }, cancelled: false };
}
