import path from 'node:path';
import type { ImageEvaluateJobSpec } from '../../../shared/compute-protocol';
import { writeFileAtomic } from '../core/atomic-files';
import { cancelledAt, type JobCallbacks, type TaskOutcome } from '../core/job-context';
import { evaluateImageRun } from '../image/evaluate';

/** The 'image-evaluate' job: the evaluate report of a trained run, written to <run>/evaluation.json and returned. */
export async function runImageEvaluate(spec: ImageEvaluateJobSpec, callbacks: JobCallbacks): Promise<TaskOutcome<'image-evaluate'>> {
  const evaluated = await evaluateImageRun(spec.runDir, spec.samples, callbacks);
  if ('cancelledAt' in evaluated) return cancelledAt(evaluated.cancelledAt);
  writeFileAtomic(path.join(spec.runDir, 'evaluation.json'), JSON.stringify(evaluated.report, null, 2));
  return { result: { step: evaluated.step, metrics: {}, output: evaluated.report }, cancelled: false };
}
