import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackendReport, JobProgress, JobResult } from '../../shared/compute-protocol';
import { forkComputeProcess } from '../../main/jobs/compute-process';
import { JobRunner } from '../../main/jobs/job-runner';
import { workerPath } from '../helpers/paths';

type Outcome = { kind: 'done'; result: JobResult } | { kind: 'cancelled'; step: number } | { kind: 'failed'; message: string };

/** Submits a job to a real compute process and records everything it reports. */
function track(runner: JobRunner, jobId: string, steps: number, onFirstProgress?: () => void) {
  const progress: JobProgress[] = [];
  let backend: BackendReport | undefined;
  let pid: number | undefined;
  const outcome = new Promise<Outcome>((resolve) => {
    runner.submit(jobId, { kind: 'check', steps, seed: 3 }, {
      onStarted: (p) => (pid = p),
      onBackend: (b) => (backend = b),
      onProgress: (p) => {
        progress.push(p);
        if (progress.length === 1) onFirstProgress?.();
      },
      onDone: (result) => resolve({ kind: 'done', result }),
      onCancelled: (step) => resolve({ kind: 'cancelled', step }),
      onFailed: (message) => resolve({ kind: 'failed', message }),
    });
  });
  return { outcome, progress, backend: () => backend, pid: () => pid };
}

describe('compute process (child_process.fork of out/main/worker.cjs)', () => {
  let runner: JobRunner | undefined;
  afterEach(async () => {
    await runner?.shutdown();
  });

  it('trains the check model to completion, streaming progress, on the best backend that loads', async () => {
    runner = new JobRunner({ spawn: forkComputeProcess, workerPath });
    const job = track(runner, 'job-1', 400);
    const outcome = await job.outcome;
    expect(outcome.kind).toBe('done');
    if (outcome.kind !== 'done') return;
    expect(outcome.result.step).toBe(400);
    // No native TF.js here: the ladder falls through to WebAssembly and says why.
    expect(job.backend()?.name).toBe('wasm');
    expect(job.backend()?.skipped.map((s) => s.name)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow']);
    // No GPU here: no Vulkan loader at all, or only a software adapter, never an error.
    expect(job.backend()?.skipped[1]?.reason).toMatch(/no Vulkan loader|only a software adapter|found no WebGPU adapter/);
    expect(runner.backendUsedLast).toBe('wasm');
    const last = job.progress.at(-1);
    expect(last?.step).toBe(400);
    expect(last?.stepsPerSec).toBeGreaterThan(0);
    const first = job.progress[0]?.losses['loss'] ?? Number.NaN;
    // The model learns: the loss falls well below where it started.
    expect(outcome.result.metrics['loss']).toBeLessThan(first * 0.5);
    const steps = job.progress.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });

  it('honours cancel: the job stops early and reports the step it reached', async () => {
    runner = new JobRunner({ spawn: forkComputeProcess, workerPath });
    const job = track(runner, 'job-2', 1_000_000, () => runner?.cancel('job-2'));
    const outcome = await job.outcome;
    expect(outcome.kind).toBe('cancelled');
    if (outcome.kind === 'cancelled') {
      expect(outcome.step).toBeGreaterThan(0);
      expect(outcome.step).toBeLessThan(1_000_000);
    }
    // The process exits by itself once it has reported.
    await vi.waitFor(() => expect(runner?.isBusy()).toBe(false), { timeout: 5000 });
  });

  it('reports a killed compute process as a failed job and runs the next one', async () => {
    runner = new JobRunner({ spawn: forkComputeProcess, workerPath });
    const victim = track(runner, 'job-3', 1_000_000, () => {
      const pid = victim.pid();
      if (pid) process.kill(pid, 'SIGKILL');
    });
    const next = track(runner, 'job-4', 50);
    const outcome = await victim.outcome;
    expect(outcome).toMatchObject({ kind: 'failed', message: expect.stringMatching(/was killed \(SIGKILL\) at step \d+/) });
    expect(await next.outcome).toMatchObject({ kind: 'done', result: { step: 50 } });
  });

  it('drops a queued job on cancel without starting a process', async () => {
    runner = new JobRunner({ spawn: forkComputeProcess, workerPath });
    const first = track(runner, 'job-5', 100);
    const queued = track(runner, 'job-6', 100);
    expect(runner.cancel('job-6')).toBe(true);
    expect(await queued.outcome).toEqual({ kind: 'cancelled', step: 0 });
    expect(queued.pid()).toBeUndefined();
    expect((await first.outcome).kind).toBe('done');
  });

  it('reports a worker file that cannot start as a failed job', async () => {
    runner = new JobRunner({ spawn: forkComputeProcess, workerPath: `${workerPath}.missing` });
    const outcome = await track(runner, 'job-7', 10).outcome;
    expect(outcome).toMatchObject({ kind: 'failed', message: expect.stringMatching(/exited with code 1 at step 0\. Error: Cannot find module/) });
  });
});
