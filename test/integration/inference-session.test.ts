import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImageTrainJobSpec, JobSpec } from '../../shared/compute-protocol';
import { imageModelConfigSchema } from '../../shared/image-config';
import type { Project, RunInspection, RunSummary } from '../../shared/models';
import { forkComputeProcess } from '../../main/jobs/compute-process';
import { InferencePool } from '../../main/jobs/inference-pool';
import { JobRunner } from '../../main/jobs/job-runner';
import { workerPath } from '../helpers/paths';
import { callerOf, testServices } from '../helpers/services';

const tinyConfig = { data: 'dsprites', imageSize: 32, batch: 8, latents: 3, zDim: 4, stage2Width: 8, stage1Steps: 4, stage2Steps: 2, checkpointEvery: 3, previewEvery: 1000 };

const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the inspector inference session (real compute process, real trained run)', () => {
  let t: ReturnType<typeof testServices>;
  let run: RunSummary;
  let runDir: string;
  let jobs: JobRunner;
  const call = <T>(method: string, input: unknown): Promise<T> => callerOf(t.dispatch)<T>(method, input);
  const job = <S extends JobSpec>(spec: S) => jobs.run(spec);

  beforeAll(async () => {
    t = testServices();
    jobs = new JobRunner({ spawn: forkComputeProcess, workerPath });
    const project = await call<Project>('projects.create', { name: 'Sliders' });
    const started = await call<RunSummary>('runs.startImage', { projectId: project.id, config: tinyConfig });
    await vi.waitFor(async () => expect((await call<RunSummary>('runs.get', { id: started.id })).status).toBe('completed'), { timeout: 60_000, interval: 200 });
    run = await call<RunSummary>('runs.get', { id: started.id });
    runDir = path.join(t.dataDir, 'projects', project.id, 'runs', run.id);
  });
  afterAll(async () => {
    await jobs.shutdown();
    await t.dispose();
  });

  it('answers every slider redraw from one process, with the one-shot job\'s exact PNGs', async () => {
    const pids = new Set<number | undefined>();
    const codes = [[0, 0, 0], [1.5, 0, 0], [1.5, -2, 0], [1.5, -2, 3]];
    const live: RunInspection[] = [];
    for (const c of codes) {
      live.push(await call<RunInspection>('runs.decode', { id: run.id, c }));
      pids.add(t.services.inference.pid);
    }
    expect(pids.size).toBe(1);
    expect([...pids][0]).toEqual(expect.any(Number));
    expect(new Set(live.map((l) => l.stage2)).size).toBe(codes.length);

    const oneShot = await job({ kind: 'image-inspect', runDir, request: { action: 'decode', c: codes[2]! } });
    const out = oneShot.output;
    if (!('stage2Png' in out)) throw new Error('a decode answers with pictures');
    expect(live[2]).toMatchObject({ factors: 3, stage2Trained: true, stage1: dataUrl(out.stage1), stage2: dataUrl(out.stage2Png) });

    // Traversal and the KL bars go to the same process.
    const grid = await call<RunInspection>('runs.traversal', { id: run.id, steps: 3 });
    expect(grid).toMatchObject({ factors: 3, steps: 3, stage2Trained: true });
    const activity = await call<{ klPerFactor: number[] }>('runs.factorActivity', { id: run.id });
    expect(activity.klPerFactor).toHaveLength(3);
    expect(t.services.inference.pid).toBe([...pids][0]);
    // A bad request fails on its own and leaves the session up.
    expect(await t.dispatch('runs.decode', { id: run.id, c: [0, 0] })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/has 3 factors/) } });
    expect(t.services.inference.pid).toBe([...pids][0]);
  });

  it('reloads the model when the run\'s checkpoint changes (training resumed)', async () => {
    const request = { runDir, request: { action: 'decode', c: [1, 0, -1] } } as const;
    const before = await t.services.inference.request(request);
    const pid = t.services.inference.pid;
    expect(before.step).toBe(6);
    const config = imageModelConfigSchema.parse({ ...tinyConfig, stage2Steps: 4 });
    const train: ImageTrainJobSpec = { kind: 'image-train', config, runDir };
    expect((await job(train)).step).toBe(8);
    const after = await t.services.inference.request(request);
    expect(after.step).toBe(8);
    expect(after.output).not.toEqual(before.output);
    expect(t.services.inference.pid).toBe(pid);
  });

  it('fails the pending request clearly when its process is killed; the next request starts a new one', async () => {
    const pool = new InferencePool({ spawn: forkComputeProcess, workerPath });
    try {
      await pool.request({ runDir, request: { action: 'decode', c: [0, 0, 0] } });
      const victim = pool.pid!;
      const pending = pool.request({ runDir, request: { action: 'activity', samples: 256 } });
      process.kill(victim, 'SIGKILL');
      await expect(pending).rejects.toThrow(/compute process was killed \(SIGKILL\) before it answered.*next request starts a new one/);
      const next = await pool.request({ runDir, request: { action: 'decode', c: [0, 0, 0] } });
      expect(next.step).toBeGreaterThan(0);
      expect(pool.pid).toEqual(expect.any(Number));
      expect(pool.pid).not.toBe(victim);
    } finally {
      await pool.shutdown();
    }
    await expect(pool.request({ runDir, request: { action: 'decode', c: [0, 0, 0] } })).rejects.toThrow(/shut down/);
  });

  it('stops its process after the idle timeout, and starts again on demand', async () => {
    const pool = new InferencePool({ spawn: forkComputeProcess, workerPath, idleMs: 300 });
    try {
      await pool.request({ runDir, request: { action: 'decode', c: [0, 0, 0] } });
      const first = pool.pid!;
      expect(isAlive(first)).toBe(true);
      await vi.waitFor(() => expect(pool.pid).toBeUndefined(), { timeout: 5000 });
      await vi.waitFor(() => expect(isAlive(first)).toBe(false), { timeout: 5000 });
      await pool.request({ runDir, request: { action: 'decode', c: [0, 0, 0] } });
      expect(pool.pid).not.toBe(first);
    } finally {
      await pool.shutdown();
    }
  });
});
