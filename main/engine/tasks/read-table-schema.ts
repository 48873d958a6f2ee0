import type { JobResult, TabularInspectJobSpec } from '../../../shared/compute-protocol';
import type { JobCallbacks } from '../core/job-context';
import { inferSchemaOnly } from '../table/reading/read-table';

/** The schema of a CSV/JSON file as the wizard shows it: one streaming pass, nothing kept in memory. */
export async function runTabularInspect(spec: TabularInspectJobSpec, callbacks: JobCallbacks): Promise<{ result: JobResult; cancelled: boolean }> {
  const schema = await inferSchemaOnly(spec.file, {
    ...(spec.overrides ? { overrides: spec.overrides } : {}),
    onProgress: (rows) => callbacks.onProgress({ phase: 'scan', step: rows, totalSteps: 0, losses: {}, stepsPerSec: 0, etaSec: null }),
  });
  return { result: { step: schema.rowCount, metrics: {}, output: schema }, cancelled: false };
}
