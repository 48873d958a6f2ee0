import path from 'node:path';
import type { BaselineReport, TabularReport } from '../../../../shared/table-report';
import type { Table } from '../../../../shared/tabular-schema';
import { eventYielder } from '../../core/job-context';
import { runYielding, type Pause } from '../../core/steps';
import { reloadRunData, type TrainedTabularRun } from '../model/run-files';
import { synthesizeRows } from '../model/synthesize';
import { readSavedCopula } from '../baseline/copula-file';
import { sampleGaussianCopula } from '../baseline/gaussian-copula';
import { modelsSideBySide } from './models-side-by-side';
import { compareStages, qualityReportSteps, type BuildQualityReportInput } from './report';
import { renderReportHtml } from './report-html';

/**
 * Synthetic samples per stage in the report: ML efficacy and the DCR share are averaged over
 * them (report.ts); one sample's luck moved ML efficacy by +-0.07 on cars at a fixed model.
 */
const reportDraws = 5;

/**
 * `reportDraws` independent samples from one stage, the first of n rows seeded with `seed`. The
 * others feed only ML efficacy and DCR, which read at most 5,000 rows of a sample (their caps),
 * so they stop there: a 100,000-row report does not draw 400,000 more rows.
 */
async function reportSamples(run: TrainedTabularRun, n: number, seed: number, stage: 1 | 2, pause: Pause): Promise<{ synthetic: Table; moreSynthetic: Table[] }> {
  const synthetic = await synthesizeRows(run, n, seed, { stage, pause });
  const moreSynthetic: Table[] = [];
  for (let k = 1; k < reportDraws; k++) moreSynthetic.push(await synthesizeRows(run, Math.min(n, 5000), seed * 1000 + k, { stage, pause }));
  return { synthetic, moreSynthetic };
}

/** The copula's samples, drawn as the stages' are (the same count and caps), with its own seeds. */
async function copulaReport(runDir: string, n: number, input: Omit<BuildQualityReportInput, 'synthetic' | 'moreSynthetic'>, pause: Pause): Promise<BaselineReport> {
  const saved = readSavedCopula(runDir);
  if (!saved) return { kind: 'gaussian-copula', status: 'not-trained', reason: 'the run was trained before the app fitted a baseline beside it' };
  const synthetic = sampleGaussianCopula(saved.model, n, 13);
  const moreSynthetic: Table[] = [];
  for (let k = 1; k < reportDraws; k++) {
    await pause();
    moreSynthetic.push(sampleGaussianCopula(saved.model, Math.min(n, 5000), 13 * 1000 + k));
  }
  const report = await runYielding(qualityReportSteps({ ...input, synthetic, moreSynthetic }), pause);
  return { kind: 'gaussian-copula', status: 'ok', fit_seconds: saved.fitSeconds, train_rows: saved.model.trainRows, report };
}

export interface RunReportOptions {
  readonly samples: number;
  readonly target?: string;
  /** Also render the HTML report (stage 2's quality against the hold-out and the training rows, stage 1 beside it). */
  readonly withHtml: boolean;
  /** Called before each model's samples are drawn (stage 1, stage 2, then the copula: 0, 1, 2 of 3). */
  readonly onStage?: (done: number) => void;
}

/**
 * The quality report of a trained run's stage-1 and stage-2 samples: the headline quality against
 * the hold-out rows, the same against the training rows beside it (report.ts). The app, the CLI and
 * the bench ask for TABLE_REPORT_SAMPLES rows (shared/table-report.ts), so their numbers agree.
 * Every long part is awaited through one event yielder (core/steps.ts), so the compute process
 * keeps beating for the watchdog while the report is built.
 */
export async function reportTrainedRun(run: TrainedTabularRun, runDir: string, options: RunReportOptions): Promise<{ report: TabularReport; html?: string }> {
  const pause = eventYielder();
  const { train, holdout } = await reloadRunData(run.manifest);
  const n = Math.min(options.samples, train.rows.length);
  const schema = run.manifest.schema;
  const target = options.target ?? run.manifest.config.target;
  const common = { schema, real: train, holdout, seed: 1, ...(target ? { target } : {}) };
  options.onStage?.(0);
  const stage1 = await runYielding(qualityReportSteps({ ...common, ...(await reportSamples(run, n, 11, 1, pause)) }), pause);
  options.onStage?.(1);
  const { synthetic, moreSynthetic } = await reportSamples(run, n, 12, run.hasStage2 ? 2 : 1, pause);
  const stage2 = await runYielding(qualityReportSteps({ ...common, synthetic, moreSynthetic }), pause);
  options.onStage?.(2);
  const baseline = await copulaReport(runDir, n, common, pause);
  const report: TabularReport = {
    run: path.resolve(runDir),
    data: run.manifest.config.data,
    samples: n,
    stage2_kind: run.manifest.config.stage2,
    stage2_trained: run.hasStage2,
    headline: stage2.headline,
    stage1,
    stage2,
    comparison: compareStages(stage1, stage2),
    baseline,
    models: modelsSideBySide(stage2, stage1, baseline),
  };
  if (!options.withHtml) return { report };
  const html = renderReportHtml(stage2, { title: `Quality report: ${path.basename(run.manifest.config.data)}`, real: train, synthetic, schema, stage1, models: report.models });
  return { report, html };
}
