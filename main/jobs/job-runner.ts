import type { BackendReport, FromWorker, JobProgress, JobResult, JobSpec } from '../../shared/compute-protocol';
import { isFromWorker } from '../../shared/compute-protocol';
import type { ComputeExit, ComputeProcess, ComputeSpawner } from './compute-process';

/** Exactly one of onDone, onCancelled and onFailed is called for every submitted job. */
export interface JobHandlers {
  onStarted?(pid: number | undefined): void;
  onBackend?(backend: BackendReport): void;
  onProgress?(progress: JobProgress): void;
  onPreview?(step: number, png: Uint8Array): void;
  onCheckpoint?(step: number, dir: string): void;
  onDone(result: JobResult): void;
  onCancelled(step: number): void;
  onFailed(message: string): void;
}

export interface JobRunnerOptions {
  readonly spawn: ComputeSpawner;
  readonly workerPath: string;
  /** Jobs running at once, each in its own compute process. */
  readonly concurrency?: number;
  /** How long a cancelled job may take to stop before its process is killed. */
  readonly cancelGraceMs?: number;
}

interface QueuedJob {
  readonly jobId: string;
  readonly spec: JobSpec;
  readonly handlers: JobHandlers;
}

interface ActiveJob extends QueuedJob {
  readonly process: ComputeProcess;
  step: number;
  settled: boolean;
  cancelTimer?: NodeJS.Timeout;
  exited: Promise<void>;
}

/**
 * Queues jobs and runs each in a fresh compute process: a crash, a leak or an out-of-memory
 * kill takes down that job only, never the app. Relays the process's messages to the handlers.
 */
export class JobRunner {
  private readonly queue: QueuedJob[] = [];
  private readonly active = new Map<string, ActiveJob>();
  private readonly concurrency: number;
  private readonly cancelGraceMs: number;
  private lastBackend: string | null = null;
  private closed = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.concurrency = options.concurrency ?? 1;
    this.cancelGraceMs = options.cancelGraceMs ?? 5000;
  }

  get backendUsedLast(): string | null {
    return this.lastBackend;
  }

  submit(jobId: string, spec: JobSpec, handlers: JobHandlers): void {
    if (this.closed) throw new Error('the job runner has shut down');
    this.queue.push({ jobId, spec, handlers });
    this.pump();
  }

  /** Asks a job to stop; a queued job is dropped at once. Returns false for an unknown job. */
  cancel(jobId: string): boolean {
    const index = this.queue.findIndex((job) => job.jobId === jobId);
    if (index >= 0) {
      const [job] = this.queue.splice(index, 1);
      job?.handlers.onCancelled(0);
      return true;
    }
    const job = this.active.get(jobId);
    if (!job || job.settled) return false;
    job.process.send({ type: 'cancel', jobId });
    job.cancelTimer ??= setTimeout(() => {
      this.settle(job, () => job.handlers.onCancelled(job.step));
      job.process.kill();
    }, this.cancelGraceMs);
    return true;
  }

  pidOf(jobId: string): number | undefined {
    return this.active.get(jobId)?.process.pid;
  }

  isBusy(): boolean {
    return this.queue.length > 0 || this.active.size > 0;
  }

  /** Drops queued jobs, kills running ones (reported as failed) and waits for their processes to exit. */
  async shutdown(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.handlers.onCancelled(0);
    const exits = [...this.active.values()].map((job) => {
      this.settle(job, () => job.handlers.onFailed('The app closed while this job was running.'));
      job.process.kill();
      return job.exited;
    });
    await Promise.all(exits);
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.concurrency) {
      const next = this.queue.shift();
      if (!next) return;
      this.start(next);
    }
  }

  private start(queued: QueuedJob): void {
    let process: ComputeProcess;
    try {
      process = this.options.spawn(this.options.workerPath);
    } catch (error) {
      queued.handlers.onFailed(`Could not start the compute process: ${(error as Error).message}`);
      this.pump();
      return;
    }
    let resolveExit!: () => void;
    const job: ActiveJob = {
      ...queued,
      process,
      step: 0,
      settled: false,
      exited: new Promise((resolve) => (resolveExit = resolve)),
    };
    this.active.set(job.jobId, job);
    process.onMessage((message) => this.handleMessage(job, message));
    process.onExit((exit) => {
      this.handleExit(job, exit);
      resolveExit();
    });
    job.handlers.onStarted?.(process.pid);
    process.send({ type: 'start', jobId: job.jobId, spec: job.spec });
  }

  private handleMessage(job: ActiveJob, message: unknown): void {
    if (!isFromWorker(message) || message.jobId !== job.jobId || job.settled) return;
    const m: FromWorker = message;
    switch (m.type) {
      case 'backend':
        this.lastBackend = m.backend.name;
        job.handlers.onBackend?.(m.backend);
        break;
      case 'progress':
        job.step = m.progress.step;
        job.handlers.onProgress?.(m.progress);
        break;
      case 'preview':
        job.handlers.onPreview?.(m.step, m.png);
        break;
      case 'checkpoint':
        job.handlers.onCheckpoint?.(m.step, m.dir);
        break;
      case 'done':
        this.settle(job, () => job.handlers.onDone(m.result));
        break;
      case 'cancelled':
        this.settle(job, () => job.handlers.onCancelled(m.step));
        break;
      case 'failed':
        this.settle(job, () => job.handlers.onFailed(m.message));
        break;
    }
  }

  private handleExit(job: ActiveJob, exit: ComputeExit): void {
    this.active.delete(job.jobId);
    clearTimeout(job.cancelTimer);
    if (!job.settled) {
      const how = exit.signal ? `was killed (${exit.signal})` : `exited with code ${String(exit.code)}`;
      const hint = exit.signal === 'SIGKILL' || exit.code === 137 ? ' It may have run out of memory.' : '';
      const detail = exit.lastError ? ` ${exit.lastError}` : '';
      this.settle(job, () => job.handlers.onFailed(`The compute process ${how} at step ${job.step}.${hint}${detail}`));
    }
    this.pump();
  }

  private settle(job: ActiveJob, report: () => void): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.cancelTimer);
    report();
  }
}
