import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CheckJobSpec, ImageTrainJobSpec, JobSpec, TabularTrainJobSpec } from '../../shared/compute-protocol';
import { describeAdapter } from '../../shared/compute-protocol';
import type { ColumnOverrideSpec, TabularModelConfig } from '../../shared/tabular-config';
import type { ImageModelConfig } from '../../shared/image-config';
import type { MetricSeries, RunDetails, RunKind, RunPreview, RunSummary } from '../../shared/models';
import { activeRunStatuses, resumableRunStatuses, terminalRunStatuses } from '../../shared/models';
import { isTrainingPhase, seriesName } from '../../shared/progress';
// Node-only (no TF.js): the services ask for a trained model the way loading finds one.
import { latestCheckpointDir } from '../engine/core/checkpoint-folders';
import type { JobRunner } from '../jobs/job-runner';
import type { Store } from '../store';
import type { NewRunRow } from '../store/run-repo';
import { baselineConfig, baselineKinds } from '../../shared/baselines';
import { notFound, StudioError } from './errors';
import type { EventBus } from './event-bus';
import type { ProjectFolders } from './project-folders';
import { checkImageData, checkUserFile, tableExtensions } from './user-paths';

/** Total size of the files directly in a folder (a checkpoint's model.json, weights.bin...). */
function folderBytes(dir: string): number {
  try {
    return readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
  } catch {
    return 0; // pruned already
  }
}

/**
 * Runs: writes the run row, hands the job to the JobRunner, and turns the compute process's
 * reports into rows (status, metrics) and events for the renderer.
 */
export class RunService {
  /** The latest preview per run, kept in memory (the PNG files stay in the run folder). */
  private readonly previews = new Map<string, RunPreview>();
  /** Runs asked to pause: their job's 'cancelled' ends as 'paused'. */
  private readonly pausing = new Set<string>();
  /** Told when a model run (not a check) completes, e.g. to compute its final metrics. */
  private readonly completedListeners = new Set<(run: RunSummary) => void>();

  constructor(
    private readonly store: Store,
    private readonly jobs: JobRunner,
    private readonly bus: EventBus,
    private readonly folders: ProjectFolders,
    private readonly now: () => number = Date.now,
  ) {}

  list(projectId: string): RunSummary[] {
    this.assertProject(projectId);
    return this.store.runs.listByProject(projectId);
  }

  get(id: string): RunSummary {
    const run = this.store.runs.get(id);
    if (!run) throw notFound('Run', id);
    return run;
  }

  metrics(id: string): MetricSeries[] {
    this.get(id);
    return this.store.metrics.series(id);
  }

  /** Starts the backend check job: a tiny model trained for `steps` steps in the compute process. */
  startCheck(projectId: string, steps: number, seed: number): RunSummary {
    const spec: CheckJobSpec = { kind: 'check', steps, seed };
    return this.start(projectId, randomUUID(), 'check', spec, steps);
  }

  /**
   * Starts training an image MS-VAE; its checkpoints and previews go to the run's folder in the
   * project. With `baselines`, the paper's three baselines (shared/baselines.ts) are queued after
   * it on the training queue, each its own run tagged as a baseline of this one. Returns the MS-VAE run.
   */
  startImage(projectId: string, config: ImageModelConfig, baselines = false): RunSummary {
    this.assertProject(projectId);
    const data = checkImageData(config.data, 'config.data');
    if (baselines && config.variant !== 'ms-vae') {
      throw new StudioError('invalid_input', `config.variant: baselines are trained beside an MS-VAE run (variant "ms-vae"), got "${config.variant}"`, 'config.variant');
    }
    const checked = { ...config, data };
    const run = this.startImageRun(projectId, checked);
    if (baselines) for (const kind of baselineKinds) this.startImageRun(projectId, baselineConfig(checked, kind), { of: run.id, kind });
    return run;
  }

  private startImageRun(projectId: string, config: ImageModelConfig, baseline?: NewRunRow['baseline']): RunSummary {
    const id = randomUUID();
    const runDir = this.folders.runDir(projectId, id);
    const spec: ImageTrainJobSpec = { kind: 'image-train', config, runDir };
    return this.start(projectId, id, 'image', spec, config.stage1Steps + config.stage2Steps, baseline);
  }

  /** Starts training a tabular MS-VAE on a CSV/JSON file, with the user's schema overrides. */
  startTabular(projectId: string, config: TabularModelConfig, overrides: readonly ColumnOverrideSpec[]): RunSummary {
    this.assertProject(projectId);
    const data = checkUserFile(config.data, 'config.data', tableExtensions);
    const id = randomUUID();
    const runDir = this.folders.runDir(projectId, id);
    const spec: TabularTrainJobSpec = { kind: 'tabular-train', config: { ...config, data }, runDir, overrides };
    return this.start(projectId, id, 'tabular', spec, config.stage1Steps + config.stage2Steps);
  }

  /** Calls `listener` with each model run (image or table, never a check) that completes; returns the function that detaches it. */
  onModelCompleted(listener: (run: RunSummary) => void): () => void {
    this.completedListeners.add(listener);
    return () => this.completedListeners.delete(listener);
  }

  /** The newest preview grid of a run (x, Y, X rows) as a PNG data URL, or null before the first one. */
  preview(id: string): RunPreview | null {
    this.get(id);
    return this.previews.get(id) ?? null;
  }

  private start(projectId: string, id: string, kind: RunKind, spec: JobSpec, totalSteps: number, baseline?: NewRunRow['baseline']): RunSummary {
    this.assertProject(projectId);
    this.store.runs.insert({ id, projectId, kind, config: spec, totalSteps, createdAt: this.now(), ...(baseline ? { baseline } : {}) });
    this.store.projects.touch(projectId, this.now());
    this.changed(id);
    this.submit(projectId, id, spec);
    return this.get(id);
  }

  /** Hands the run's job to the runner; a model job resumes from the run folder's last checkpoint. */
  private submit(projectId: string, id: string, spec: JobSpec): void {
    const projectDir = this.folders.projectDir(projectId);
    const artifact = (kind: string, file: string, bytes: number) =>
      this.store.artifacts.insert({ id: randomUUID(), runId: id, kind, path: path.relative(projectDir, file), bytes, createdAt: this.now() });
    this.jobs.submit(id, spec, {
      onBackend: (backend) => {
        this.store.runs.markRunning(id, backend.name, this.now(), backend.adapter ? describeAdapter(backend.adapter) : null);
        this.changed(id);
      },
      onProgress: (progress) => {
        // The backend check reports no phase: its steps are training steps too.
        if (progress.phase === undefined || isTrainingPhase(progress.phase)) {
          const loss = progress.losses['loss'] ?? Object.values(progress.losses)[0] ?? null;
          this.store.runs.recordProgress(id, progress.step, loss);
          const values = Object.fromEntries(Object.entries(progress.losses).map(([k, v]) => [seriesName(progress.phase, k), v]));
          this.store.metrics.record(id, progress.step, { ...values, steps_per_sec: progress.stepsPerSec });
        }
        this.bus.emit('run.progress', { runId: id, ...progress });
      },
      onPreview: (step, png) => {
        this.previews.set(id, { step, dataUrl: `data:image/png;base64,${Buffer.from(png).toString('base64')}` });
        this.bus.emit('run.preview', { runId: id, step });
      },
      onCheckpoint: (_step, dir) => artifact('checkpoint', dir, folderBytes(dir)),
      onDone: (result) => {
        this.pausing.delete(id);
        this.store.metrics.record(id, result.step, result.metrics);
        this.finish(id, 'completed', null, result.step);
        if (spec.kind !== 'check') this.completed(id);
      },
      // A job dropped from the queue reports step 0: keep the step the run had reached.
      onCancelled: (step) => this.finish(id, this.pausing.delete(id) ? 'paused' : 'cancelled', null, step > 0 ? step : undefined),
      onFailed: (message) => {
        this.pausing.delete(id);
        this.finish(id, 'failed', message);
      },
    });
  }

  cancel(id: string): RunSummary {
    const run = this.get(id);
    if (terminalRunStatuses.includes(run.status)) {
      throw new StudioError('conflict', `This run has already ${run.status === 'completed' ? 'completed' : 'stopped'}.`);
    }
    this.pausing.delete(id);
    // A paused run has no job: cancelling it just ends it.
    if (run.status === 'paused') this.finish(id, 'cancelled', null);
    else this.jobs.cancel(id);
    return this.get(id);
  }

  /** Stops a model run after its current step and a checkpoint; resume() continues from there. */
  pause(id: string): RunSummary {
    const run = this.get(id);
    if (run.kind === 'check') throw new StudioError('invalid_input', 'A backend check cannot be paused; cancel it instead.', 'id');
    if (!activeRunStatuses.includes(run.status)) throw new StudioError('conflict', `Only a queued or running run can be paused; this one is ${run.status}.`);
    this.pausing.add(id);
    if (!this.jobs.cancel(id)) {
      this.pausing.delete(id);
      throw new StudioError('conflict', 'This run is already stopping.');
    }
    return this.get(id);
  }

  /** Queues a paused (or interrupted) model run again; training picks up at its last checkpoint. */
  resume(id: string): RunSummary {
    const run = this.get(id);
    if (run.kind === 'check') throw new StudioError('invalid_input', 'A backend check cannot be resumed; start a new one.', 'id');
    if (!resumableRunStatuses.includes(run.status)) throw new StudioError('conflict', `This run has ${run.status === 'completed' ? 'completed' : `the status ${run.status}`}; only a stopped run can be resumed.`);
    if (!latestCheckpointDir(this.folders.runDir(run.projectId, id))) {
      throw new StudioError('conflict', 'This run stopped before its first checkpoint, so there is nothing to resume: start a new run.');
    }
    const spec = this.store.runs.config(id) as JobSpec;
    this.store.runs.requeue(id);
    this.store.projects.touch(run.projectId, this.now());
    this.changed(id);
    this.submit(run.projectId, id, spec);
    return this.get(id);
  }

  /**
   * Deletes a run that is not computing: its rows (metrics, artifacts, factor names) and its
   * folder. An MS-VAE run's baselines go with it (their rows by cascade), so none may be computing.
   */
  delete(id: string): void {
    const run = this.get(id);
    if (activeRunStatuses.includes(run.status)) throw new StudioError('conflict', 'This run is still in progress: pause or cancel it before deleting it.');
    const baselines = this.store.runs.baselinesOf(id);
    if (baselines.some((b) => activeRunStatuses.includes(b.status))) {
      throw new StudioError('conflict', 'A baseline of this run is still in progress: pause or cancel it before deleting the run.');
    }
    this.store.runs.delete(id);
    for (const gone of [run, ...baselines]) {
      this.previews.delete(gone.id);
      rmSync(this.folders.runDir(gone.projectId, gone.id), { recursive: true, force: true });
      this.bus.emit('run.deleted', { id: gone.id, projectId: gone.projectId });
    }
  }

  /** The run's model config (flat) and the last value of each stored metric, for the comparison view. */
  details(id: string): RunDetails {
    const run = this.get(id);
    const spec = this.store.runs.config(id) as { config?: Record<string, unknown>; steps?: number; seed?: number };
    const source: Record<string, unknown> = spec.config ?? { steps: spec.steps, seed: spec.seed };
    const config: Record<string, string | number | boolean | null> = {};
    for (const [key, value] of Object.entries(source)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) config[key] = value as string | number | boolean | null;
      else if (value !== undefined) config[key] = JSON.stringify(value);
    }
    const finalMetrics = Object.fromEntries(
      this.store.metrics.series(id).flatMap((m) => (m.points.length > 0 ? [[m.name, m.points[m.points.length - 1]!.value] as const] : [])),
    );
    return { run, config, finalMetrics };
  }

  /** Factor names by index ('' where unnamed), as long as the model has factors when known. */
  factorNames(id: string): string[] {
    this.get(id);
    return this.store.factorNames.list(id);
  }

  setFactorNames(id: string, names: readonly string[]): string[] {
    this.get(id);
    this.store.factorNames.replace(id, names);
    return this.store.factorNames.list(id);
  }

  private finish(id: string, status: 'completed' | 'cancelled' | 'failed' | 'paused', error: string | null, step?: number): void {
    this.store.runs.finish(id, status, this.now(), error, step);
    this.changed(id);
  }

  private completed(id: string): void {
    const run = this.store.runs.get(id);
    if (!run) return;
    for (const listener of this.completedListeners) {
      try {
        listener(run);
      } catch {
        // A listener's failure is its own: the run has completed all the same.
      }
    }
  }

  private changed(id: string): void {
    const run = this.store.runs.get(id);
    if (run) this.bus.emit('run.updated', run);
  }

  private assertProject(projectId: string): void {
    if (!this.store.projects.get(projectId)) throw notFound('Project', projectId);
  }
}
