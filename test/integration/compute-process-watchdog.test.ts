import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Project, RunSummary } from '../../shared/models';
import { ComputeProcess, forkComputeProcess } from '../../main/jobs/compute-process';
import { InferencePool } from '../../main/jobs/inference-pool';
import { JobRunner } from '../../main/jobs/job-runner';
import { silenceEnvVariable } from '../../main/jobs/watchdog';
import { workerPath } from '../helpers/paths';
import { callerOf, testServices } from '../helpers/services';

/**
 * The watchdog on real compute processes (out/main/worker.cjs; `node scripts/build.mjs` first).
 * A hung worker is made with the worker's test hook FACTOR_STUDIO_TEST_HANG_WORKER=1: on its
 * first job message it blocks its event loop for good (Atomics.wait), so its heartbeats stop
 * exactly as they would under a kernel that never returns.
 */
const hangVariable = 'FACTOR_STUDIO_TEST_HANG_WORKER';

/** Starts the next compute process with the hang hook set (fork copies the environment at start). */
function withHang<T>(start: () => T): T {
  process.env[hangVariable] = '1';
  try {
    return start();
  } finally {
    delete process.env[hangVariable];
  }
}

const isAlive = (pid: number | undefined): boolean => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

type Outcome = { kind: 'done' } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

function runCheck(runner: JobRunner, jobId: string, steps: number): Promise<Outcome> {
  return new Promise((resolve) => {
    runner.submit(jobId, { kind: 'check', steps, seed: 3 }, {
      onDone: () => resolve({ kind: 'done' }),
      onCancelled: () => resolve({ kind: 'cancelled' }),
      onFailed: (message) => resolve({ kind: 'failed', message }),
    });
  });
}

describe('the compute-process watchdog', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('kills a hung compute process after the silence limit, with the typed reason', async () => {
    const started = Date.now();
    const child = withHang(() => new ComputeProcess({ workerPath, name: 'hung test', launcher: forkComputeProcess, watchdog: { silenceMs: 3000 } }));
    cleanups.push(async () => {
      child.kill();
      await child.whenExited;
    });
    child.send({ type: 'start', jobId: 'hang-1', spec: { kind: 'check', steps: 10, seed: 1 } });
    const exit = await child.whenExited;
    const seconds = (Date.now() - started) / 1000;
    expect(exit.reason).toBe('hung');
    expect(exit.watchdogDetail).toMatch(/^no sign of life for \d+ s$/);
    // 3 s of silence, checked every 0.75 s, plus the process's start: well under 15 s.
    expect(seconds).toBeGreaterThan(3);
    expect(seconds).toBeLessThan(15);
    expect(isAlive(child.pid)).toBe(false);
  });

  it('fails the job of a hung process with that reason', async () => {
    const runner = new JobRunner({ spawn: forkComputeProcess, workerPath, watchdog: { silenceMs: 3000 } });
    cleanups.push(() => runner.shutdown());
    const outcome = await withHang(() => runCheck(runner, 'hang-2', 10));
    expect(outcome).toEqual({ kind: 'failed', message: expect.stringMatching(/^The compute process stopped responding at step 0 \(no sign of life for \d+ s\) and was stopped\.$/) });
    expect(runner.isBusy()).toBe(false);
  });

  it('stops a process over the RSS cap, naming its memory and the cap', async () => {
    // Any Node process with TF.js loaded is well over 20 MB: the first heartbeat trips the cap.
    const runner = new JobRunner({ spawn: forkComputeProcess, workerPath, watchdog: { rssCapBytes: 20 * 1024 * 1024 } });
    cleanups.push(() => runner.shutdown());
    const outcome = await runCheck(runner, 'rss-1', 1_000_000);
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.message).toMatch(/^The compute process was stopped at step \d+ \(it used \d+ MB of memory, over the limit of 20 MB \(\d+% of this computer's memory\)\)\.$/);
  });

  it('leaves a busy, beating process alone: training for over twice the silence limit is not stopped', async () => {
    const runner = new JobRunner({ spawn: forkComputeProcess, workerPath, watchdog: { silenceMs: 3000 } });
    cleanups.push(() => runner.shutdown());
    const outcome = runCheck(runner, 'busy-1', 1_000_000);
    // Still training (not failed) 7 s in; then stopped by us, cleanly.
    const early = await Promise.race([outcome, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 7000))]);
    expect(early).toBe('running');
    runner.cancel('busy-1');
    expect(await outcome).toEqual({ kind: 'cancelled' });
  });
});

describe('the inference pool is bounded', () => {
  const pools: InferencePool[] = [];
  afterEach(async () => {
    for (const pool of pools.splice(0)) await pool.shutdown();
  });
  const request = { runDir: '/nonexistent-run', request: { kind: 'decode', stage: 1, z: [0] } } as never;

  it('refuses a request beyond maxPending as busy, and fails a late request at its deadline', async () => {
    const pool = new InferencePool({ spawn: forkComputeProcess, workerPath, maxPending: 2, deadlineMs: 3000 });
    pools.push(pool);
    const started = Date.now();
    const [first, second] = withHang(() => [pool.request(request), pool.request(request)]);
    const pid = pool.pid;
    await expect(pool.request(request)).rejects.toThrow('The inspector is busy: 2 requests are waiting (at most 2). Try again in a moment.');
    await expect(first).rejects.toThrow('The inspector took longer than 3 s to answer and was restarted. Try again.');
    await expect(second).rejects.toThrow('The inspector took longer than 3 s to answer and was restarted. Try again.');
    expect(Date.now() - started).toBeLessThan(10_000);
    // The hung session is gone; the next request gets a fresh process, which answers (here: an error about the run folder).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(isAlive(pid)).toBe(false);
    const next = pool.request(request);
    expect(pool.pid).not.toBe(pid);
    await expect(next).rejects.toThrow(/nonexistent-run|run/i);
  });
});

describe('a run whose compute process hangs', () => {
  it('fails with the watchdog reason, and resumes from its last checkpoint', async () => {
    const t = testServices();
    const call = <T>(method: string, input: unknown): Promise<T> => callerOf(t.dispatch)<T>(method, input);
    const csv = path.join(t.dataDir, 'table.csv');
    writeFileSync(csv, ['x,y,k', ...Array.from({ length: 80 }, (_, i) => `${i % 13},${(i * 7) % 11},${i % 2 ? 'a' : 'b'}`)].join('\n') + '\n');
    // The app's runners use the default limits: the variable shortens the silence for this test.
    process.env[silenceEnvVariable] = '3000';
    process.env[hangVariable] = 'after-checkpoint';
    try {
      const project = await call<Project>('projects.create', { name: 'Hang', kind: 'tabular' });
      const started = await call<RunSummary>('runs.startTabular', { projectId: project.id, config: { data: csv, stage1Steps: 20, stage2Steps: 0, batch: 16, hidden: 8, latents: 2, zDim: 2, checkpointEvery: 5 } });
      await expect.poll(async () => (await call<RunSummary>('runs.get', { id: started.id })).status, { timeout: 60_000, interval: 100 }).toBe('failed');
      const failed = await call<RunSummary>('runs.get', { id: started.id });
      expect(failed.error).toMatch(/^The compute process stopped responding at step \d+ \(no sign of life for \d+ s\) and was stopped\.$/);
      delete process.env[hangVariable];
      const steps: number[] = [];
      t.services.bus.subscribe((event, payload) => {
        const p = payload as { runId?: string; phase?: string; step: number };
        if (event === 'run.progress' && p.runId === started.id && p.phase?.startsWith('stage')) steps.push(p.step);
      });
      expect((await call<RunSummary>('runs.resume', { id: started.id })).status).toBe('queued');
      await expect.poll(async () => (await call<RunSummary>('runs.get', { id: started.id })).status, { timeout: 60_000, interval: 100 }).toBe('completed');
      expect((await call<RunSummary>('runs.get', { id: started.id })).step).toBe(20);
      // Picked up after the checkpoint at step 5, not from step 0.
      expect(Math.min(...steps)).toBeGreaterThan(5);
    } finally {
      delete process.env[hangVariable];
      delete process.env[silenceEnvVariable];
      await t.dispose();
    }
  }, 150_000);
});
