import type { JobResult, JobSpec } from '../../../shared/compute-protocol';
import { selectBackend } from '../core/backend';
import { trainCheckModel } from '../core/check-model';
import { eventYielder, type JobCallbacks } from '../core/job-context';
import { runExport } from './export-run';
import { runImageEvaluate } from './evaluate-images';
import { runImageGenerate, runImageTraverse } from './generate-images';
import { runImageInspect } from './inspect-image-model';
import { runImagesPreview } from './preview-images';
import { runImageTrain } from './train-images';
import { runTabularGenerate, runTabularReport } from './generate-table';
import { runTabularInspect } from './read-table-schema';
import { runTabularRunInspect } from './inspect-table-model';
import { runTabularTrain } from './train-table';

/** Runs one job spec on the best backend: the single entry the compute process calls. */
export interface JobEnvironment {
  /** The bundled replica-thread entry for multi-core training. */
  readonly replicaEntry?: string;
}

export async function runJob(spec: JobSpec, callbacks: JobCallbacks, environment: JobEnvironment = {}): Promise<{ result: JobResult; cancelled: boolean }> {
  // Reading a table or looking at images needs no TF.js backend.
  if (spec.kind === 'tabular-inspect') return runTabularInspect(spec, callbacks);
  if (spec.kind === 'images-preview') return runImagesPreview(spec, callbacks);
  const backend = await selectBackend(spec.backend);
  callbacks.onBackend(backend);
  switch (spec.kind) {
    case 'check':
      return trainCheckModel(spec, { onProgress: callbacks.onProgress, isCancelled: callbacks.isCancelled, yieldToEvents: eventYielder() });
    case 'image-train':
      return runImageTrain(spec, backend, callbacks, environment.replicaEntry);
    case 'image-generate':
      return runImageGenerate(spec, callbacks);
    case 'image-traverse':
      return runImageTraverse(spec, callbacks);
    case 'image-evaluate':
      return runImageEvaluate(spec, callbacks);
    case 'image-inspect':
      return runImageInspect(spec);
    case 'tabular-train':
      return runTabularTrain(spec, backend, callbacks);
    case 'tabular-generate':
      return runTabularGenerate(spec, callbacks);
    case 'tabular-report':
      return runTabularReport(spec, callbacks);
    case 'export':
      return runExport(spec, callbacks);
    case 'tabular-run-inspect':
      return runTabularRunInspect(spec, callbacks);
  }
}
