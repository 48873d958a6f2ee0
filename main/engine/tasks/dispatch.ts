import type { JobKind, JobSpec } from '../../../shared/compute-protocol';
import { selectBackend } from '../core/backend';
import type { JobCallbacks, TaskOutcome } from '../core/job-context';
import { runBackendCheck } from './check-backend';
import { runImageTraverse } from './draw-traversal';
import { runImageEvaluate } from './evaluate-images';
import { runExport } from './export-run';
import { runImageGenerate } from './generate-images';
import { runTabularGenerate } from './generate-table';
import { runImageInspect } from './inspect-image-model';
import { runTabularModelInspect } from './inspect-table-model';
import { runImagesPreview } from './preview-images';
import { runTabularSchema } from './read-table-schema';
import { runTabularReport } from './report-table';
import { runImageTrain } from './train-images';
import { runTabularTrain } from './train-table';

export interface JobEnvironment {
  /** The bundled replica-thread entry for multi-core training. */
  readonly replicaEntry?: string;
}

/** Runs one job spec on the best backend: the single entry the compute process calls. */
export async function runJob(spec: JobSpec, callbacks: JobCallbacks, environment: JobEnvironment = {}): Promise<TaskOutcome<JobKind>> {
  // Reading a table or looking at images needs no TF.js backend.
  if (spec.kind === 'tabular-schema') return runTabularSchema(spec, callbacks);
  if (spec.kind === 'images-preview') return runImagesPreview(spec, callbacks);
  const backend = await selectBackend(spec.backend);
  callbacks.onBackend(backend);
  switch (spec.kind) {
    case 'check':
      return runBackendCheck(spec, callbacks);
    case 'image-train':
      return runImageTrain(spec, backend, callbacks, environment.replicaEntry);
    case 'image-generate':
      return runImageGenerate(spec, callbacks);
    case 'image-traverse':
      return runImageTraverse(spec);
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
    case 'tabular-model-inspect':
      return runTabularModelInspect(spec, callbacks);
  }
}
