import type { BackendReport, FromWorker, JobKind, JobResult, JobSpec } from '../../shared/compute-protocol';
import { isFromWorker } from '../../shared/compute-protocol';
import type { Progress } from '../../shared/progress';
import { ComputeProcess, type ComputeExit, type ComputeLauncher, type WatchdogOptions } from './compute-process';
import { unexpectedExitMessage } from './exit-message';
import { JobCancelledError, JobFailedError } from './job-errors';

/** What a job reports while it runs. */
export interface JobEvents {
  onStarted?(pid: number | undefined): void;
  onBackend?(backend: BackendReport): void;
  onProgress?(progress: Progress): void;
  onPreview?(step: number, png: Uint8Array): void;
  onCheckpoint?(step: number, dir: string): void;
}

/** Exactly one of onDone, onCancelled and onFailed is called for every submitted job. */
export interface JobHandlers<K extends JobKind = JobKind> extends JobEvents {
  onDone(result: JobResult<K>): void;
  onCancelled(step: number): void;
  onFailed(message: string): void;
}

/** run()'s options: the job's reports, and a signal that cancels it (it then rejects with JobCancelledError). */
export interface RunOptions extends JobEvents {
  readonly signal?: AbortSignal;
}

export interface JobRunnerOptions {
  readonly spawn: ComputeLauncher;
  readonly workerPath: string;
  /** Jobs running at once, each in its own compute process. */
  readonly concurrency?: number;
  /** How long a cancelled job may take to stop before its process is killed. */
  readonly cancelGraceMs?: number;
  /** The watchdog's limits for each job's process (defaults in ./watchdog.ts). */
  readonly watchdog?: WatchdogOptions;
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
  /** Cancel was asked for: a kill at the end of the grace then reads as cancelled, not failed. */
  cancelRequested: boolean;
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
  /** Jobs started by run(), for their ids. */
  private runs = 0;
  private closed = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.concurrency = options.concurrency ?? 1;
    this.cancelGraceMs = options.cancelGraceMs ?? 5000;
  }

  get backendUsedLast(): string | null {
    return this.lastBackend;
  }

  /** Queues a job whose id the caller keeps (to cancel it, find its process): the long-lived runs. */
  submit<S extends JobSpec>(jobId: string, spec: S, handlers: JobHandlers<S['kind']>): void {
    if (this.closed) throw new Error('the job runner has shut down');
    this.queue.push({ jobId, spec, handlers });
    this.pump();
  }

  /**
   * Runs a job to its end: resolves with its kind's result; rejects with JobFailedError
   * (the message says why) or, when cancelled through options.signal, with JobCancelledError.
   */
  run<S extends JobSpec>(spec: S, options: RunOptions = {}): Promise<JobResult<S['kind']>> {
    const { signal, ...events } = options;
    const jobId = `${spec.kind}-${++this.runs}`;
    return new Promise((resolve, reject) => {
      const cancel = () => this.cancel(jobId);
      const settled = () => signal?.removeEventListener('abort', cancel);
      this.submit(jobId, spec, {
        ...events,
        onDone: (result) => {
          settled();
          resolve(result);
        },
        onCancelled: (step) => {
          settled();
          reject(new JobCancelledError(step));
        },
        onFailed: (message) => {
          settled();
          reject(new JobFailedError(message));
        },
      });
      signal?.addEventListener('abort', cancel, { once: true });
    });
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
    if (!job.cancelRequested) {
      job.cancelRequested = true;
      // Ask, wait, then kill: a job busy in a long kernel gets cancelGraceMs to notice.
      void job.process.waitForExit(this.cancelGraceMs);
    }
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
      return job.process.whenExited;
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
      process = new ComputeProcess({
        workerPath: this.options.workerPath,
        name: `job ${queued.jobId}`,
        launcher: this.options.spawn,
        ...(this.options.watchdog ? { watchdog: this.options.watchdog } : {}),
      });
    } catch (error) {
      queued.handlers.onFailed(`Could not start the compute process: ${(error as Error).message}`);
      this.pump();
      return;
    }
    const job: ActiveJob = { ...queued, process, step: 0, settled: false, cancelRequested: false };
    this.active.set(job.jobId, job);
    process.onMessage((message) => this.handleMessage(job, message));
    process.onExit((exit) => this.handleExit(job, exit));
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
    if (!job.settled) {
      // Killed at the end of the cancel grace: cancelled at the step it had reached.
      if (exit.reason === 'killed' && job.cancelRequested) this.settle(job, () => job.handlers.onCancelled(job.step));
      else this.settle(job, () => job.handlers.onFailed(unexpectedExitMessage('The compute process', exit, `at step ${job.step}`)));
    }
    this.pump();
  }

  private settle(job: ActiveJob, report: () => void): void {
    if (job.settled) return;
    job.settled = true;
    report();
  }
}
