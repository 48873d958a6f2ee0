import path from 'node:path';
import type { TabularReportJobSpec } from '../../../shared/compute-protocol';
import { phaseProgress } from '../../../shared/progress';
import { writeFileAtomic } from '../core/atomic-files';
import type { Completed, JobCallbacks } from '../core/job-context';
import { loadTabularRun } from '../table/model/run-files';
import { reportTrainedRun } from '../table/report/run-report';

/** The 'tabular-report' job: the quality report written to <run>/report.json (and as HTML when asked) and returned. */
export async function runTabularReport(spec: TabularReportJobSpec, callbacks: JobCallbacks): Promise<Completed<'tabular-report'>> {
  const run = loadTabularRun(spec.runDir);
  try {
    const { report, html } = await reportTrainedRun(run, spec.runDir, {
      samples: spec.samples,
      ...(spec.target ? { target: spec.target } : {}),
      withHtml: Boolean(spec.html),
      onStage: (done) => callbacks.onProgress(phaseProgress('report', done, 3)),
    });
    writeFileAtomic(path.join(spec.runDir, 'report.json'), JSON.stringify(report, null, 1));
    if (spec.html && html !== undefined) writeFileAtomic(path.resolve(spec.html), html);
    return { result: { step: run.step, metrics: {}, output: report }, cancelled: false };
  } finally {
    run.model.dispose();
  }
}
