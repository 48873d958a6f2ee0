import type { JobResult, JobSpec } from '../../shared/compute-protocol';
import { selectBackend } from './backend';
import { trainCheckModel } from './check-model';
import { eventYielder, type JobCallbacks } from './job-context';
import { runExport } from './tasks/export';
import { runImageEvaluate } from './tasks/image-evaluate';
import { runImageGenerate, runImageTraverse } from './tasks/image-generate';
import { runImageInspect } from './tasks/image-inspect';
import { runImagesPreview } from './tasks/images-preview';
import { runImageTrain } from './tasks/image-train';
import { runTabularGenerate, runTabularReport } from './tasks/tabular-generate';
import { runTabularInspect } from './tasks/tabular-inspect';
import { runTabularRunInspect } from './tasks/tabular-run-inspect';
import { runTabularTrain } from './tasks/tabular-train';

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
