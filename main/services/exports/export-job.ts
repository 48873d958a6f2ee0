import type { ExportJobSpec } from '../../../shared/compute-protocol';
import type { ExportProgress, ExportRequest } from '../../../shared/exports';
import type { ExportOutput } from '../../../shared/job-outputs';
import type { JobRunner } from '../../jobs/job-runner';
import type { Store } from '../../store';
import { variantLabels } from '../../../shared/baselines';
import { tradeOffPoint, type TradeOffPoint } from '../../../shared/trade-off';

/**
 * The export job in the compute process: the spec it is given and how its reports come back.
 * What a report means for the export's row is the caller's (ExportOutcome); this file only
 * talks to the JobRunner.
 */

/** Exactly one of completed and failed is called, after any number of progress reports. */
export interface ExportOutcome {
  progress(progress: ExportProgress): void;
  completed(output: ExportOutput): void;
  failed(message: string): void;
}

export interface ExportJobFolders {
  readonly runDir: string;
  readonly stagingDir: string;
  readonly dir: string;
}

/** The job's spec; image exports carry the run's last metrics for the dataset card. */
export function exportJobSpec(store: Store, runId: string, image: boolean, folders: ExportJobFolders, request: ExportRequest, seed: number): ExportJobSpec {
  return {
    kind: 'export',
    runDir: folders.runDir,
    stagingDir: folders.stagingDir,
    dir: folders.dir,
    format: request.format,
    n: request.n,
    fix: Object.fromEntries(request.fixed.map((f) => [f.index, f.value])),
    where: request.conditions,
    seed,
    includeModel: request.includeModel,
    includeCard: request.includeCard,
    metrics: image ? finalMetrics(store, runId) : {},
    ...(image ? tradeOffFamily(store, runId) : {}),
  };
}

/**
 * The run's MS-VAE and baselines (it may be either) as trade-off points for the card, when at
 * least two of them have been evaluated; nothing for a run without baselines.
 */
function tradeOffFamily(store: Store, runId: string): { tradeOff?: TradeOffPoint[] } {
  const run = store.runs.get(runId);
  const mainId = run?.baselineOf ?? runId;
  const baselines = store.runs.baselinesOf(mainId);
  if (baselines.length === 0) return {};
  const points = [
    tradeOffPoint(mainId, variantLabels['ms-vae'], true, finalMetrics(store, mainId)),
    ...baselines.map((b) => tradeOffPoint(b.id, b.baselineKind ? variantLabels[b.baselineKind] : b.id, false, finalMetrics(store, b.id))),
  ];
  return points.filter((p) => p.fd !== null).length >= 2 ? { tradeOff: points } : {};
}

/** The job id of an export: exports share one runner, so the prefix keeps ids apart from any other kind. */
const jobId = (exportId: string) => `export-${exportId}`;

export function submitExportJob(jobs: JobRunner, exportId: string, spec: ExportJobSpec, outcome: ExportOutcome): void {
  jobs.submit(jobId(exportId), spec, {
    onProgress: (p) => outcome.progress({ exportId, phase: p.phase ?? 'generate', done: p.step, total: p.totalSteps }),
    onDone: (result) => outcome.completed(result.output),
    onCancelled: () => outcome.failed('The export was cancelled.'),
    onFailed: (message) => outcome.failed(message),
  });
}

export function cancelExportJob(jobs: JobRunner, exportId: string): void {
  jobs.cancel(jobId(exportId));
}

function finalMetrics(store: Store, runId: string): Record<string, number> {
  const last: Record<string, number> = {};
  for (const series of store.metrics.series(runId)) {
    const point = series.points.at(-1);
    if (point) last[series.name] = point.value;
  }
  return last;
}
