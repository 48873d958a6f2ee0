import type { TabularModelInspectJobSpec } from '../../../shared/compute-protocol';
import { phaseProgress } from '../../../shared/progress';
import type { JobCallbacks, TaskOutcome } from '../core/job-context';
import { loadTabularRun, reloadRunData } from '../table/model/run-files';
import { inspectTrainedTable } from '../table/report/model-inspection';

/** The 'tabular-model-inspect' job: the tabular inspector's factor effects, charts and correlations of a trained run. */
export async function runTabularModelInspect(spec: TabularModelInspectJobSpec, callbacks: JobCallbacks): Promise<TaskOutcome<'tabular-model-inspect'>> {
  const run = loadTabularRun(spec.runDir);
  try {
    const { train, holdout } = await reloadRunData(run.manifest);
    const inspection = await inspectTrainedTable(run, train, spec.range, spec.samples, (done) => callbacks.onProgress(phaseProgress('inspect', done, 2)), holdout);
    return { result: { step: run.step, metrics: {}, output: inspection }, cancelled: false };
  } finally {
    run.model.dispose();
  }
}
