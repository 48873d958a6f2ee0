import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../main/services';
import { apiMethods } from '../../shared/api';
import type { Project, RunKind } from '../../shared/models';
import { estimateSeconds, presetConfig, presetSettings } from '../../shared/presets';
import { calibratedEstimate, type TimeCalibration } from '../../shared/time-calibration';
import { callerOf, testServicesAt } from '../helpers/services';
import { tempDir } from '../helpers/temp-dir';

const balancedImage = presetSettings('image', 'balanced');
const balancedTable = presetSettings('tabular', 'balanced');
const imageSpec = (projectId: string) => ({
  kind: 'image-train',
  config: apiMethods['runs.startImage'].input.parse({ projectId, config: presetConfig('image', 'balanced', { data: 'dsprites' }) }).config,
  runDir: '/unused',
});
const tableSpec = (projectId: string) => ({
  kind: 'tabular-train',
  config: apiMethods['runs.startTabular'].input.parse({ projectId, config: presetConfig('tabular', 'balanced', { data: '/data/t.csv' }) }).config,
  runDir: '/unused',
});

/**
 * The history a finished run leaves, written through the real repositories in the order the
 * RunService writes it: inserted queued, running once the backend is known, a checkpoint, then
 * completed at its last step. Returns the run's id.
 */
function finishedRun(s: Services, projectId: string, kind: RunKind, backend: string, startedAt: number, seconds: number, baseline?: string): string {
  const id = randomUUID();
  const spec = kind === 'image' ? imageSpec(projectId) : tableSpec(projectId);
  const total = spec.config.stage1Steps + spec.config.stage2Steps;
  s.store.runs.insert({ id, projectId, kind, config: spec, totalSteps: total, createdAt: startedAt - 1000, ...(baseline ? { baseline: { of: baseline, kind: 'big-vae' } } : {}) });
  s.store.runs.markRunning(id, backend, startedAt);
  s.store.artifacts.insert({ id: randomUUID(), runId: id, kind: 'checkpoint', path: `runs/${id}/ckpt`, bytes: 1, createdAt: startedAt + 1000 });
  s.store.runs.finish(id, 'completed', startedAt + seconds * 1000, null, total);
  return id;
}

describe('TimeCalibrationService: the estimate learns this computer from its SQLite history', () => {
  let dir: ReturnType<typeof tempDir>;
  let t: ReturnType<typeof testServicesAt>;
  let project: Project;
  const calibration = (kind: 'image' | 'tabular', backend: string | null) => callerOf(t.dispatch)<TimeCalibration>('runs.timeCalibration', { kind, backend });

  beforeEach(() => {
    dir = tempDir();
    t = testServicesAt(dir.path);
    project = t.services.projects.create('Timing', 'image');
  });
  afterEach(async () => {
    await t.dispose();
    dir.remove();
  });

  it('says default figures with no runs, then scales the estimate by the runs timed here, and keeps them across app starts', async () => {
    expect(await calibration('image', 'wasm')).toEqual({ kind: 'image', backend: 'wasm', factor: null, runs: 0 });
    expect(await calibration('image', null)).toEqual({ kind: 'image', backend: null, factor: null, runs: 0 });

    // Three Balanced runs on this computer took about 390 s where the default figures say ~826 s.
    const day = Date.UTC(2026, 11, 1);
    for (const [i, seconds] of [400, 380, 390].entries()) finishedRun(t.services, project.id, 'image', 'wasm', day + i * 3_600_000, seconds);
    const timed = await calibration('image', 'wasm');
    expect(timed).toMatchObject({ kind: 'image', backend: 'wasm', runs: 3 });
    const estimate = calibratedEstimate('image', balancedImage, 'wasm', timed);
    expect(estimate.seconds).toBeCloseTo(390, 6);
    expect(estimateSeconds('image', balancedImage, 'wasm') / estimate.seconds!).toBeGreaterThan(2);
    // No job yet this session: the history names the backend.
    expect(await calibration('image', null)).toEqual(timed);
    // Other backends and the other kind have none yet.
    expect(await calibration('image', 'tensorflow')).toMatchObject({ factor: null, runs: 0 });
    expect(await calibration('tabular', 'wasm')).toMatchObject({ factor: null, runs: 0 });

    // The next app start reads the same file: the same calibration.
    await t.dispose();
    t = testServicesAt(dir.path);
    expect(await calibration('image', 'wasm')).toEqual(timed);
  });

  it('leaves out resumed runs, baselines, unfinished runs and backend checks', async () => {
    const day = Date.UTC(2026, 11, 2);
    const good = finishedRun(t.services, project.id, 'image', 'wasm', day, 420);
    const runs = t.services.store.runs;

    // Paused after a checkpoint, resumed the next day: started_at moves to the resume, so its 100 s are only the last sitting.
    const resumed = randomUUID();
    runs.insert({ id: resumed, projectId: project.id, kind: 'image', config: imageSpec(project.id), totalSteps: 1300, createdAt: day });
    runs.markRunning(resumed, 'wasm', day + 10_000);
    t.services.store.artifacts.insert({ id: randomUUID(), runId: resumed, kind: 'checkpoint', path: 'c', bytes: 1, createdAt: day + 300_000 });
    runs.finish(resumed, 'paused', day + 310_000, null, 650);
    runs.requeue(resumed);
    runs.markRunning(resumed, 'wasm', day + 86_400_000);
    runs.finish(resumed, 'completed', day + 86_400_000 + 100_000, null, 1300);

    // A baseline of the good run (another model), a cancelled run and a check, all newer than it.
    finishedRun(t.services, project.id, 'image', 'wasm', day + 90_000_000, 50, good);
    const cancelled = randomUUID();
    runs.insert({ id: cancelled, projectId: project.id, kind: 'image', config: imageSpec(project.id), totalSteps: 1300, createdAt: day + 91_000_000 });
    runs.markRunning(cancelled, 'wasm', day + 91_000_000);
    runs.finish(cancelled, 'cancelled', day + 91_010_000, null, 40);
    const check = randomUUID();
    runs.insert({ id: check, projectId: project.id, kind: 'check', config: { kind: 'check', steps: 500, seed: 1 }, totalSteps: 500, createdAt: day + 92_000_000 });
    runs.markRunning(check, 'wasm', day + 92_000_000);
    runs.finish(check, 'completed', day + 92_005_000, null, 500);

    const calibrated = await calibration('image', 'wasm');
    expect(calibrated).toMatchObject({ runs: 1, factor: 420 / estimateSeconds('image', balancedImage, 'wasm') });
  });

  it("counts a table's early-stopped stage by the steps it trained", async () => {
    const tables = t.services.projects.create('Tables', 'tabular');
    const id = finishedRun(t.services, tables.id, 'tabular', 'wasm', Date.UTC(2026, 11, 3), 30);
    // Stage 1 stopped at step 300 of 600 (the loop then jumps to stage 2): the final metrics say so.
    t.services.store.metrics.record(id, 1200, { 'stage1.stopped_early_at': 300, 'stage1.best_step': 150 });
    const trained = { ...balancedTable, stage1Steps: 300 };
    const calibrated = await calibration('tabular', 'wasm');
    expect(calibrated.runs).toBe(1);
    expect(calibrated.factor).toBeCloseTo(30 / estimateSeconds('tabular', trained, 'wasm'), 9);
  });

  it('refuses a backend it does not know and an unknown kind', async () => {
    expect(await t.dispatch('runs.timeCalibration', { kind: 'image', backend: 'gpu-please' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'backend' } });
    expect(await t.dispatch('runs.timeCalibration', { kind: 'audio' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'kind' } });
  });
});
