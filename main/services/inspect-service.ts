import type { ImageInspectRequest, JobResult, JobSpec } from '../../shared/compute-protocol';
import type { ImageInspectPictures } from '../../shared/job-outputs';
import { IMAGE_EVALUATE_SAMPLES } from '../../shared/image-evaluation';
import type { FactorActivity, RunInspection, RunSummary, TabularInspection } from '../../shared/models';
import type { InferencePool } from '../jobs/inference-pool';
import { JobCancelledError, JobFailedError } from '../jobs/job-errors';
import type { JobRunner } from '../jobs/job-runner';
import type { Store } from '../store';
import { TABLE_REPORT_SAMPLES } from '../../shared/table-report';
import { notFound, StudioError } from './errors';
import { imageEvaluationMetrics, tabularReportMetrics } from './evaluation-metrics';
import type { ProjectFolders } from './project-folders';

const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;

/** Examples the inspector's KL bars average over, and the quick evaluation's sample sizes. */
const activitySamples = 256;
const tableReportSamples = TABLE_REPORT_SAMPLES;
const tableInspectSamples = 300;

/**
 * What an inference answer holds depends on the request's action, not on a job kind, so it is
 * told apart by its shape: 'traversal' and 'decode' answer with pictures...
 */
const isPictures = (output: unknown): output is ImageInspectPictures => typeof output === 'object' && output !== null && 'stage2Png' in output;
/** ...and 'activity' with the factors' KL. */
const isActivity = (output: unknown): output is FactorActivity => typeof output === 'object' && output !== null && 'klPerFactor' in output;
const unexpectedAnswer = () => new StudioError('internal', 'The inspector answered a different question than it was asked.');

/**
 * The factor inspector's pictures, KL bars, effects and metrics for a trained run. The image
 * inspector's pictures and KL bars come from the inference session (one process that keeps the
 * model loaded, so sliders redraw live); the rest from a quick-job compute process each.
 */
export class InspectService {
  constructor(
    private readonly store: Store,
    private readonly folders: ProjectFolders,
    private readonly quickJobs: JobRunner,
    private readonly inference: InferencePool,
    /** Final metrics take minutes at disentanglement_lib's sample sizes: their own queue, so no preview or table read waits behind them. */
    private readonly evaluationJobs: JobRunner,
    /** Images per image evaluate: disentanglement_lib's 10,000 in the app; tests pass fewer to stay quick. */
    private readonly imageEvaluateSamples: number = IMAGE_EVALUATE_SAMPLES,
  ) {}

  traversal(runId: string, steps: number, range: number): Promise<RunInspection> {
    return this.run(runId, { action: 'traversal', steps, range });
  }

  decode(runId: string, c: readonly number[]): Promise<RunInspection> {
    return this.run(runId, { action: 'decode', c });
  }

  /** Mean KL per factor over a fixed sample of the data: which factors the model uses. */
  async factorActivity(runId: string): Promise<FactorActivity> {
    const run = this.trainedRun(runId, 'image');
    const { output } = await this.infer(this.runDir(run), { action: 'activity', samples: activitySamples });
    if (!isActivity(output)) throw unexpectedAnswer();
    return output;
  }

  /** Per-factor column effects, real vs synthetic charts and correlations of a tabular run. */
  async inspectTabular(runId: string, range: number): Promise<TabularInspection> {
    const run = this.trainedRun(runId, 'tabular');
    const result = await this.quickJob({ kind: 'tabular-model-inspect', runDir: this.runDir(run), range, samples: tableInspectSamples });
    return result.output;
  }

  /**
   * Final metrics (image: the evaluate report on held-out images; table: the quality
   * report), stored as 'eval.*' metrics at the run's step and returned.
   */
  async evaluate(runId: string): Promise<Record<string, number>> {
    const run = this.trainedRun(runId);
    const runDir = this.runDir(run);
    const { step, metrics } =
      run.kind === 'image'
        ? await this.quickJob({ kind: 'image-evaluate', runDir, samples: this.imageEvaluateSamples }, this.evaluationJobs).then((r) => ({ step: r.step, metrics: imageEvaluationMetrics(r.output) }))
        : await this.quickJob({ kind: 'tabular-report', runDir, samples: tableReportSamples }, this.evaluationJobs).then((r) => ({ step: r.step, metrics: tabularReportMetrics(r.output) }));
    // The run may have been deleted while its evaluation ran.
    if (this.store.runs.get(runId)) this.store.metrics.record(runId, step, metrics);
    return metrics;
  }

  private trainedRun(runId: string, kind?: 'image' | 'tabular'): RunSummary {
    const run = this.store.runs.get(runId);
    if (!run) throw notFound('Run', runId);
    if (run.kind === 'check') throw new StudioError('invalid_input', 'A backend check has no model to inspect.', 'id');
    if (kind && run.kind !== kind) throw new StudioError('invalid_input', `This shows ${kind === 'image' ? 'image' : 'table'} runs; this run is a ${run.kind} run.`, 'id');
    if (run.step === 0) throw new StudioError('conflict', 'This run has no trained model yet.');
    return run;
  }

  private runDir(run: RunSummary): string {
    return this.folders.runDir(run.projectId, run.id);
  }

  private async quickJob<S extends JobSpec>(spec: S, runner: JobRunner = this.quickJobs): Promise<JobResult<S['kind']>> {
    try {
      return await runner.run(spec);
    } catch (error) {
      if (error instanceof JobCancelledError) throw new StudioError('unavailable', 'The request was cancelled.');
      if (error instanceof JobFailedError) throw new StudioError('internal', error.message);
      throw error;
    }
  }

  /** A request to the inference session; its failures as the quick jobs' are (internal, with the message). */
  private async infer(runDir: string, request: ImageInspectRequest): Promise<JobResult> {
    try {
      return await this.inference.request({ runDir, request });
    } catch (error) {
      throw new StudioError('internal', (error as Error).message);
    }
  }

  private async run(runId: string, request: ImageInspectRequest): Promise<RunInspection> {
    const run = this.trainedRun(runId, 'image');
    const { output: out } = await this.infer(this.runDir(run), request);
    if (!isPictures(out)) throw unexpectedAnswer();
    return {
      factors: out.factors ?? (request.action === 'decode' ? request.c.length : 0),
      steps: out.steps ?? 1,
      stage2Trained: out.stage2,
      stage1: dataUrl(out.stage1),
      stage2: dataUrl(out.stage2Png),
    };
  }
}
