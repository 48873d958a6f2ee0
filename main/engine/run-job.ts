import type { JobResult, JobSpec } from '../../shared/compute-protocol';
import { selectBackend } from './backend';
import { trainCheckModel } from './check-model';
import { eventYielder, type JobCallbacks } from './job-context';

/** Runs one job spec on the best backend: the single entry the compute process calls. */
export async function runJob(spec: JobSpec, callbacks: JobCallbacks): Promise<{ result: JobResult; cancelled: boolean }> {
  const backend = await selectBackend(spec.backend);
  callbacks.onBackend(backend);
  const ctx = { onProgress: callbacks.onProgress, isCancelled: callbacks.isCancelled, yieldToEvents: eventYielder() };
  switch (spec.kind) {
    case 'check':
      return trainCheckModel(spec, ctx);
  }
}
