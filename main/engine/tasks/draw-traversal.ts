import path from 'node:path';
import type { ImageTraverseJobSpec } from '../../../shared/compute-protocol';
import { writeFileAtomic } from '../core/atomic-files';
import type { TaskOutcome } from '../core/job-context';
import { loadTrainedRun } from '../image/load-run';
import { traversalGridPng } from '../image/traversal-grid';

/** The 'image-traverse' job: the traversal grid of a trained run (stage 1 beside stage 2) as one PNG file. */
export async function runImageTraverse(spec: ImageTraverseJobSpec): Promise<TaskOutcome<'image-traverse'>> {
  const run = loadTrainedRun(spec.runDir);
  try {
    const out = path.resolve(spec.out);
    writeFileAtomic(out, await traversalGridPng(run, spec.steps, spec.range));
    return { result: { step: run.step, metrics: {}, output: { out, factors: run.config.latents, steps: spec.steps, range: spec.range, stage2: run.hasStage2 } }, cancelled: false };
  } finally {
    run.model.dispose();
  }
}
