/**
 * kill -9 of the compute process at seeded random moments of training and checkpointing,
 * repeated. After each kill: the services answer, the run is failed with the signal named, every
 * checkpoint folder anyone can see is whole, and training resumes at most one checkpoint
 * interval behind the step the run had reported.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageTrainJobSpec, JobResult } from '../../shared/compute-protocol';
import type { Project, RunSummary } from '../../shared/models';
import { forkComputeProcess } from '../../main/jobs/compute-process';
import { JobRunner } from '../../main/jobs/job-runner';
import { workerPath } from '../helpers/paths';
import { callerOf, testServices } from '../helpers/services';

const iterations = 5;

/** mulberry32: the kill moments are random but the same on every run of the suite. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface ManifestEntry {
  readonly shape: number[];
  readonly dtype: string;
}

const entryBytes = (entries: readonly ManifestEntry[]) =>
  entries.reduce((sum, e) => sum + e.shape.reduce((n, d) => n * d, 1) * (e.dtype === 'bool' ? 1 : 4), 0);

/** A checkpoint folder is whole: both JSON files parse and each .bin holds exactly the bytes its manifest lists. */
function expectWholeCheckpoint(dir: string): number {
  const model = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as {
    weightsManifest: { paths: string[]; weights: ManifestEntry[] }[];
    userDefinedMetadata: { step: number };
  };
  const group = model.weightsManifest[0]!;
  expect(statSync(path.join(dir, group.paths[0]!)).size, dir).toBe(entryBytes(group.weights));
  const optimizer = JSON.parse(readFileSync(path.join(dir, 'optimizer.json'), 'utf8')) as { specs: ManifestEntry[] };
  expect(statSync(path.join(dir, 'optimizer.bin')).size, dir).toBe(entryBytes(optimizer.specs));
  return model.userDefinedMetadata.step;
}

/** Every visible checkpoint folder is whole; returns the step latest.json points to (0 when none yet). */
function checkCheckpoints(runDir: string): number {
  const root = path.join(runDir, 'checkpoints');
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return 0; // killed before the first checkpoint
  }
  for (const name of entries.filter((e) => e.startsWith('ckpt-'))) expectWholeCheckpoint(path.join(root, name));
  if (!entries.includes('latest.json')) return 0;
  const latest = JSON.parse(readFileSync(path.join(root, 'latest.json'), 'utf8')) as { dir: string; step: number };
  expect(expectWholeCheckpoint(path.join(root, latest.dir))).toBe(latest.step);
  return latest.step;
}

/** Runs a job spec in a fresh compute process, as resuming a run does: the engine picks up the last checkpoint. */
function resume(spec: ImageTrainJobSpec): Promise<JobResult<'image-train'>> {
  const runner = new JobRunner({ spawn: forkComputeProcess, workerPath });
  return runner.run(spec).finally(() => runner.shutdown());
}

describe('kill -9 of the compute process while training and checkpointing', () => {
  let t: ReturnType<typeof testServices>;
  let call: ReturnType<typeof callerOf>;
  let project: Project;
  const random = seededRandom(6);

  beforeAll(async () => {
    t = testServices();
    call = callerOf(t.dispatch);
    project = await call<Project>('projects.create', { name: 'Overnight' });
  });
  afterAll(async () => {
    await t.dispose();
  });

  for (let i = 0; i < iterations; i++) {
    // Every step a checkpoint (kills land inside one) or every few steps (kills land between).
    const checkpointEvery = i % 2 === 0 ? 1 : 3;
    // Past a random step (machines differ in speed, steps do not), then a random part of a step.
    const afterStep = 1 + Math.floor(random() * 10);
    const delayMs = Math.round(random() * 100);

    it(`iteration ${i + 1}: killed ${delayMs} ms after step ${afterStep}, checkpoint every ${checkpointEvery}`, async () => {
      const config = { data: 'dsprites', imageSize: 32, batch: 4, latents: 2, zDim: 2, stage2Width: 4, stage1Steps: 18, stage2Steps: 4, checkpointEvery, previewEvery: 1000, threads: 1 };
      const started = await call<RunSummary>('runs.startImage', { projectId: project.id, config });
      await expect.poll(() => t.services.runs.get(started.id).step, { timeout: 30_000, interval: 10 }).toBeGreaterThanOrEqual(afterStep);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const pid = t.services.jobs.pidOf(started.id);
      expect(pid, 'the run ended before the kill: raise its step count').toBeDefined();
      process.kill(pid!, 'SIGKILL');

      await expect.poll(() => t.services.runs.get(started.id).status, { timeout: 10_000, interval: 50 }).toBe('failed');
      const run = t.services.runs.get(started.id);
      expect(run.error).toMatch(/^The compute process was killed \(SIGKILL\) at step \d+\./);
      // The app is still up and its database whole.
      expect((await call<Project[]>('projects.list', {})).map((p) => p.name)).toEqual(['Overnight']);
      expect(t.services.store.db.pragma('integrity_check', { simple: true })).toBe('ok');

      const runDir = path.join(t.dataDir, 'projects', project.id, 'runs', run.id);
      const latest = checkCheckpoints(runDir);
      const leftovers = latest === 0 ? [] : readdirSync(path.join(runDir, 'checkpoints')).filter((e) => e.startsWith('.'));
      console.log(`kill ${i + 1}: run at step ${run.step}, latest checkpoint ${latest}, half-done folders left hidden: ${leftovers.join(', ') || 'none'}`);
      // Checkpoints the app was told about are durable.
      const told = t.services.store.artifacts.listByRun(run.id).map((a) => Number(/ckpt-(\d+)/.exec(a.path)?.[1] ?? 0));
      expect(latest).toBeGreaterThanOrEqual(Math.max(0, ...told));

      const spec = t.services.store.runs.config(run.id) as ImageTrainJobSpec;
      const result = await resume(spec);
      const resumedFrom = result.output.resumedFrom;
      expect(resumedFrom).toBe(latest);
      expect(resumedFrom).toBeGreaterThanOrEqual(run.step - checkpointEvery);
      expect(result.step).toBe(config.stage1Steps + config.stage2Steps);
      // The resumed run swept what the killed writer left half-done.
      expect(readdirSync(path.join(runDir, 'checkpoints')).filter((e) => e.startsWith('.'))).toEqual([]);
      checkCheckpoints(runDir);
    }, 120_000);
  }

  it('resumes a killed run from the app: runs.resume picks up at its last checkpoint and finishes', async () => {
    const config = { data: 'dsprites', imageSize: 32, batch: 4, latents: 2, zDim: 2, stage2Width: 4, stage1Steps: 14, stage2Steps: 4, checkpointEvery: 3, previewEvery: 1000, threads: 1 };
    const started = await call<RunSummary>('runs.startImage', { projectId: project.id, config });
    await expect.poll(() => t.services.runs.get(started.id).step, { timeout: 30_000, interval: 10 }).toBeGreaterThanOrEqual(7);
    process.kill(t.services.jobs.pidOf(started.id)!, 'SIGKILL');
    await expect.poll(() => t.services.runs.get(started.id).status, { timeout: 10_000, interval: 50 }).toBe('failed');
    const latest = checkCheckpoints(path.join(t.dataDir, 'projects', project.id, 'runs', started.id));
    const steps: number[] = [];
    const unsubscribe = t.services.bus.subscribe((event, payload) => {
      const p = payload as { runId?: string; phase?: string; step: number };
      if (event === 'run.progress' && p.runId === started.id && p.phase?.startsWith('stage')) steps.push(p.step);
    });
    expect((await call<RunSummary>('runs.resume', { id: started.id })).status).toBe('queued');
    await expect.poll(() => t.services.runs.get(started.id).status, { timeout: 60_000 }).toBe('completed');
    unsubscribe();
    expect(t.services.runs.get(started.id)).toMatchObject({ step: 18, error: null });
    expect(Math.min(...steps)).toBeGreaterThan(latest);
  }, 120_000);

  it('the services run the next job as usual', async () => {
    const check = await call<RunSummary>('runs.startCheck', { projectId: project.id, steps: 20 });
    await expect.poll(() => t.services.runs.get(check.id).status, { timeout: 30_000 }).toBe('completed');
  });
});
