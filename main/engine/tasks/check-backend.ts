import type { CheckJobSpec } from '../../../shared/compute-protocol';
import { trainCheckModel } from '../core/check-model';
import { eventYielder, type JobCallbacks, type TaskOutcome } from '../core/job-context';

/** The 'check' job: proves the chosen backend by fitting the tiny check model (core/check-model.ts). */
export function runBackendCheck(spec: CheckJobSpec, callbacks: JobCallbacks): Promise<TaskOutcome<'check'>> {
  return trainCheckModel(spec, { onProgress: (p) => callbacks.onProgress(p), isCancelled: () => callbacks.isCancelled(), yieldToEvents: eventYielder() });
}
