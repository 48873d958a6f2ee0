import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FactorActivity, Project, RunDetails, RunSummary, TabularInspection } from '../../shared/models';
import { callerOf, testServicesAt } from '../helpers/services';
import { tempDir } from '../helpers/temp-dir';

const tinyImage = {
  data: 'dsprites',
  imageSize: 32,
  batch: 8,
  latents: 3,
  zDim: 4,
  stage2Width: 8,
  stage1Steps: 60,
  stage2Steps: 10,
  checkpointEvery: 5,
  previewEvery: 20,
};

/** Run lifecycle and history through the API: real SQLite file, real compute processes, restarts in between. */
describe('pause, resume, delete, factor names, KL per factor, evaluation', () => {
  const data = tempDir();
  let t: ReturnType<typeof testServicesAt>;
  let project: Project;
  let runId = '';
  const call = <T>(method: string, input: unknown): Promise<T> => callerOf(t.dispatch)<T>(method, input);
  const status = async (id: string) => (await call<RunSummary>('runs.get', { id })).status;
  const restart = async () => {
    await t.dispose();
    t = testServicesAt(data.path);
  };

  beforeAll(async () => {
    t = testServicesAt(data.path);
    project = await call<Project>('projects.create', { name: 'Lifecycle' });
  });
  afterAll(async () => {
    await t.dispose();
    data.remove();
  });

  it('pauses a running image run at a checkpoint, keeps it paused across a restart, and resumes it to the full step count', async () => {
    const started = await call<RunSummary>('runs.startImage', { projectId: project.id, config: tinyImage });
    runId = started.id;
    await expect.poll(async () => (await call<RunSummary>('runs.get', { id: runId })).step, { timeout: 60_000, interval: 20 }).toBeGreaterThan(1);
    await call<RunSummary>('runs.pause', { id: runId });
    await expect.poll(() => status(runId), { timeout: 30_000 }).toBe('paused');
    const paused = await call<RunSummary>('runs.get', { id: runId });
    expect(paused.step).toBeGreaterThan(1);
    expect(paused.step).toBeLessThan(70);
    const runDir = path.join(data.path, 'projects', project.id, 'runs', runId);
    expect(existsSync(path.join(runDir, 'checkpoints', 'latest.json'))).toBe(true);
    expect((await t.dispatch('runs.pause', { id: runId })).ok).toBe(false);

    await restart();
    expect(await status(runId)).toBe('paused');

    const steps: number[] = [];
    t.services.bus.subscribe((event, payload) => {
      const p = payload as { runId?: string; phase?: string; step: number };
      if (event === 'run.progress' && p.runId === runId && p.phase?.startsWith('stage')) steps.push(p.step);
    });
    expect((await call<RunSummary>('runs.resume', { id: runId })).status).toBe('queued');
    await expect.poll(() => status(runId), { timeout: 60_000 }).toBe('completed');
    const done = await call<RunSummary>('runs.get', { id: runId });
    expect(done.step).toBe(70);
    // Training picked up where the pause left it, not from step 0.
    expect(Math.min(...steps)).toBeGreaterThan(paused.step);
    expect((await t.dispatch('runs.resume', { id: runId })).ok).toBe(false);
  });

  it('names factors and keeps the names across a restart', async () => {
    expect(await call<string[]>('runs.factorNames', { id: runId })).toEqual([]);
    expect(await call<string[]>('runs.setFactorNames', { id: runId, names: ['size', '', ' x position '] })).toEqual(['size', '', 'x position']);
    await restart();
    expect(await call<string[]>('runs.factorNames', { id: runId })).toEqual(['size', '', 'x position']);
    const tooLong = await t.dispatch('runs.setFactorNames', { id: runId, names: ['x'.repeat(61)] });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'names.0' } });
  });

  it('measures the KL of each factor: one non-negative value per latent', async () => {
    const activity = await call<FactorActivity>('runs.factorActivity', { id: runId });
    expect(activity.klPerFactor).toHaveLength(tinyImage.latents);
    expect(activity.klPerFactor.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(activity.samples).toBe(256);
  });

  it('evaluates the run and stores the final metrics for the history', async () => {
    const metrics = await call<Record<string, number>>('runs.evaluate', { id: runId });
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['eval.stage1.psnr', 'eval.stage2.ssim', 'eval.mig', 'eval.sap', 'eval.preservation.encoder_z', 'eval.stage2.fd', 'eval.stage2.kid']));
    const details = await call<RunDetails>('runs.details', { id: runId });
    expect(details.finalMetrics['eval.stage1.psnr']).toBe(metrics['eval.stage1.psnr']);
    expect(details.finalMetrics['stage2.recon']).toBeGreaterThan(0);
    expect(details.config).toMatchObject({ data: 'dsprites', latents: 3, stage1Steps: 60 });
  });

  it('deletes a finished run: its folder and its rows; refuses a run in progress', async () => {
    const busy = await call<RunSummary>('runs.startImage', { projectId: project.id, config: { ...tinyImage, stage1Steps: 500 } });
    expect(await t.dispatch('runs.delete', { id: busy.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/pause or cancel/) } });
    await call('runs.cancel', { id: busy.id });
    await expect.poll(() => status(busy.id), { timeout: 30_000 }).toBe('cancelled');

    const runDir = path.join(data.path, 'projects', project.id, 'runs', runId);
    expect(existsSync(runDir)).toBe(true);
    const count = (table: string) => (t.services.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE run_id = ?`).get(runId) as { n: number }).n;
    expect(count('metrics')).toBeGreaterThan(0);
    expect(count('artifacts')).toBeGreaterThan(0);
    expect(count('factor_names')).toBe(2);
    expect(await call('runs.delete', { id: runId })).toEqual({ deleted: true });
    expect(existsSync(runDir)).toBe(false);
    expect(count('metrics') + count('artifacts') + count('factor_names')).toBe(0);
    expect((await call<RunSummary[]>('runs.list', { projectId: project.id })).map((r) => r.id)).toEqual([busy.id]);
    expect(await t.dispatch('runs.get', { id: runId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the tabular inspector', () => {
  const data = tempDir();
  const csv = path.join(data.path, 'shop.csv');
  let t: ReturnType<typeof testServicesAt>;
  const call = <T>(method: string, input: unknown): Promise<T> => callerOf(t.dispatch)<T>(method, input);

  beforeAll(() => {
    const rows = ['price,size,colour'];
    for (let i = 0; i < 150; i++) rows.push(`${(5 + (i % 10) * 2.5).toFixed(2)},${10 + (i % 10) * 3 + (i % 3)},${['red', 'green', 'blue'][i % 3]}`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    t = testServicesAt(path.join(data.path, 'app'));
  });
  afterAll(async () => {
    await t.dispose();
    data.remove();
  });

  it('shows how each factor moves each column, real vs synthetic charts and correlations, and evaluates quality', async () => {
    const project = await call<Project>('projects.create', { name: 'Shop', kind: 'tabular' });
    const run = await call<RunSummary>('runs.startTabular', { projectId: project.id, config: { data: csv, latents: 3, stage1Steps: 30, stage2Steps: 10, batch: 32 } });
    await expect.poll(async () => (await call<RunSummary>('runs.get', { id: run.id })).status, { timeout: 60_000 }).toBe('completed');

    const inspection = await call<TabularInspection>('runs.inspectTabular', { id: run.id });
    expect(inspection).toMatchObject({ factors: 3, values: [-2, 0, 2], stage2Trained: true });
    expect(inspection.effects.map((e) => e.factor)).toEqual([0, 1, 2]);
    for (const effect of inspection.effects) {
      expect(effect.columns.map((c) => c.column)).toEqual(['price', 'size', 'colour']);
      const price = effect.columns[0]!;
      expect(price.kind === 'numeric' && price.means.length === 3 && price.means.every((m) => m !== null && m > 0 && m < 40)).toBe(true);
      const colour = effect.columns[2]!;
      expect(colour.kind === 'categorical' && colour.shares.length === 3 && colour.shares.every((s) => s.every((v) => v >= 0 && v <= 1))).toBe(true);
    }
    expect(inspection.charts.map((c) => [c.column, c.kind])).toEqual([['price', 'numeric'], ['size', 'numeric'], ['colour', 'categorical']]);
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    for (const chart of inspection.charts) {
      expect(chart.real).toHaveLength(chart.labels.length);
      expect(sum(chart.real)).toBeCloseTo(1, 5);
    }
    expect(inspection.correlations.columns).toEqual(['price', 'size']);
    expect(inspection.correlations.real[0]![1]).toBeGreaterThan(0.9);
    expect(inspection.correlations.synthetic).toHaveLength(2);
    // The target (the report's default: the last categorical column) predicted from C, Z and
    // C+Z; a 30-row hold-out is too small, so the 108 training rows (after validation), halved.
    const target = inspection.targetPrediction!;
    expect(target).toMatchObject({ target: 'colour', classes: 3, binned: false, split: 'training', n: 54 });
    for (const v of [target.chance, target.c, target.z, target.cz]) expect(v !== null && v >= 0 && v <= 1).toBe(true);

    const metrics = await call<Record<string, number>>('runs.evaluate', { id: run.id });
    expect(metrics['eval.overall']).toBeGreaterThan(0);
    expect(metrics['eval.overall']).toBeLessThanOrEqual(1);
    expect(await t.dispatch('runs.factorActivity', { id: run.id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
