import type { ImageInspectJobSpec } from '../../../shared/compute-protocol';
import type { TaskOutcome } from '../core/job-context';
import { inspectImageRun } from '../image/inspect-run';
import { loadTrainedRun } from '../image/load-run';

/** The 'image-inspect' job, one shot (the inference session answers the same requests with the model kept loaded): PNG bytes of a traversal (rows: factors; columns: values) or of one decoded code, or the factors' KL, for the inspector. */
export async function runImageInspect(spec: ImageInspectJobSpec): Promise<TaskOutcome<'image-inspect'>> {
  const run = loadTrainedRun(spec.runDir);
  try {
    return { result: await inspectImageRun(run, spec.request), cancelled: false };
  } finally {
    run.model.dispose();
  }
}
