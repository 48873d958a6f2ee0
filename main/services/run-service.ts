import { randomUUID } from 'node:crypto';
import type { CheckJobSpec } from '../../shared/compute-protocol';
import type { MetricSeries, RunSummary } from '../../shared/models';
import { terminalRunStatuses } from '../../shared/models';
import type { JobRunner } from '../jobs/job-runner';
import type { Store } from '../store';
import { notFound, StudioError } from './errors';
import type { EventBus } from './event-bus';

/**
 * Runs: writes the run row, hands the job to the JobRunner, and turns the compute process's
 * reports into rows (status, metrics) and events for the renderer.
 */
export class RunService {
  constructor(
    private readonly store: Store,
    private readonly jobs: JobRunner,
    private readonly bus: EventBus,
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
    this.assertProject(projectId);
    const spec: CheckJobSpec = { kind: 'check', steps, seed };
    const id = randomUUID();
    this.store.runs.insert({ id, projectId, kind: 'check', config: spec, totalSteps: steps, createdAt: this.now() });
    this.store.projects.touch(projectId, this.now());
    this.changed(id);
    this.jobs.submit(id, spec, {
      onBackend: (backend) => {
        this.store.runs.markRunning(id, backend.name, this.now());
        this.changed(id);
      },
      onProgress: (progress) => {
        const loss = progress.losses['loss'] ?? Object.values(progress.losses)[0] ?? null;
        this.store.runs.recordProgress(id, progress.step, loss);
        this.store.metrics.record(id, progress.step, { ...progress.losses, steps_per_sec: progress.stepsPerSec });
        this.bus.emit('run.progress', { runId: id, ...progress });
      },
      onDone: (result) => {
        this.store.metrics.record(id, result.step, result.metrics);
        this.finish(id, 'completed', null, result.step);
      },
      onCancelled: (step) => this.finish(id, 'cancelled', null, step),
      onFailed: (message) => this.finish(id, 'failed', message),
    });
    return this.get(id);
  }

  cancel(id: string): RunSummary {
    const run = this.get(id);
    if (terminalRunStatuses.includes(run.status)) {
      throw new StudioError('conflict', `This run has already ${run.status === 'completed' ? 'completed' : 'stopped'}.`);
    }
    this.jobs.cancel(id);
    return this.get(id);
  }

  private finish(id: string, status: 'completed' | 'cancelled' | 'failed', error: string | null, step?: number): void {
    this.store.runs.finish(id, status, this.now(), error, step);
    this.changed(id);
  }

  private changed(id: string): void {
    const run = this.store.runs.get(id);
    if (run) this.bus.emit('run.updated', run);
  }

  private assertProject(projectId: string): void {
    if (!this.store.projects.get(projectId)) throw notFound('Project', projectId);
  }
}
