import type { ImageInspectJobSpec, JobResult } from '../../../shared/compute-protocol';
import { inspectImageRun } from '../image/inspect-run';
import { loadTrainedRun } from '../image/load-run';

/** PNG bytes of a traversal (rows: factors; columns: values) or of one decoded code, or the factors' KL, for the inspector. */
export async function runImageInspect(spec: ImageInspectJobSpec): Promise<{ result: JobResult; cancelled: boolean }> {
  const run = loadTrainedRun(spec.runDir);
  try {
    return { result: await inspectImageRun(run, spec.request), cancelled: false };
  } finally {
    run.model.dispose();
  }
}
