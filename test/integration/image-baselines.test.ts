import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportSummary } from '../../shared/exports';
import type { Project, RunDetails, RunSummary } from '../../shared/models';
import { callerOf, testServices } from '../helpers/services';

const tinyImage = { data: 'dsprites', imageSize: 32, batch: 8, latents: 3, zDim: 4, stage2Width: 8, stage1Steps: 4, stage2Steps: 2, checkpointEvery: 3, previewEvery: 6 };

/** An MS-VAE run started with its baselines (real SQLite, real compute processes, tiny steps). */
describe('an image run with baselines', () => {
  let t: ReturnType<typeof testServices> | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('queues three more runs tagged as its baselines, each trained for the same steps in one stage, and evaluated', async () => {
    t = testServices();
    const call = callerOf(t.dispatch);
    const project = await call<Project>('projects.create', { name: 'Sprites' });
    const run = await call<RunSummary>('runs.startImage', { projectId: project.id, config: tinyImage, baselines: true });
    expect(run.baselineOf).toBeNull();
    const listed = await call<RunSummary[]>('runs.list', { projectId: project.id });
    expect(listed).toHaveLength(4);
    const baselines = listed.filter((r) => r.baselineOf === run.id);
    expect(baselines.map((r) => r.baselineKind).sort()).toEqual(['beta-tcvae', 'beta-tcvae-l', 'big-vae']);
    // Queued after the MS-VAE run on the one training queue: they wait while it trains.
    expect(baselines.every((r) => r.status === 'queued' && r.totalSteps === 6)).toBe(true);

    for (const r of listed) {
      const ended = async () => {
        const now = await call<RunSummary>('runs.get', { id: r.id });
        return now.status === 'queued' || now.status === 'running' ? null : { status: now.status, error: now.error };
      };
      await expect.poll(ended, { timeout: 240_000 }).toEqual({ status: 'completed', error: null });
    }
    const started = await Promise.all(listed.map(async (r) => (await call<RunSummary>('runs.get', { id: r.id })).startedAt ?? 0));
    const msStarted = started[listed.findIndex((r) => r.id === run.id)] ?? Infinity;
    expect(started.every((s) => s >= msStarted)).toBe(true);

    for (const b of baselines) {
      const details = await call<RunDetails>('runs.details', { id: b.id });
      expect(details.config).toMatchObject({ variant: b.baselineKind, stage1Steps: 6, stage2Steps: 0, seed: 1, batch: 8 });
      expect(details.config['beta']).toBe(b.baselineKind === 'big-vae' ? 1 : 6);
      // Single-stage: stage-1 metrics and MIG, and no stage-2 numbers.
      await expect
        .poll(async () => Object.keys((await call<RunDetails>('runs.details', { id: b.id })).finalMetrics), { timeout: 90_000, interval: 200 })
        .toEqual(expect.arrayContaining(['eval.stage1.fd', 'eval.mig']));
      const metrics = (await call<RunDetails>('runs.details', { id: b.id })).finalMetrics;
      expect(Object.keys(metrics).filter((n) => n.startsWith('eval.stage2'))).toEqual([]);
      expect(Object.keys(metrics).some((n) => n.endsWith('.tc'))).toBe(b.baselineKind !== 'big-vae');
    }

    // The MS-VAE run's export card carries the trade-off charts of the family.
    await expect.poll(async () => Object.keys((await call<RunDetails>('runs.details', { id: run.id })).finalMetrics), { timeout: 90_000, interval: 200 }).toContain('eval.stage2.fd');
    const exported = await call<ExportSummary>('exports.start', { runId: run.id, n: 2, format: 'png-folder', includeCard: true });
    await expect.poll(async () => (await call<ExportSummary>('exports.get', { id: exported.id })).status, { timeout: 60_000 }).toBe('completed');
    const dir = path.join(t.dataDir, 'projects', project.id, 'exports', exported.id);
    const card = JSON.parse(readFileSync(path.join(dir, 'card.json'), 'utf8')) as { tradeOff: { label: string; primary: boolean }[] };
    expect(card.tradeOff.map((p) => p.label)).toEqual(['MS-VAE', 'β-TCVAE', 'β-TCVAE-L', 'Big-VAE']);
    expect(readFileSync(path.join(dir, 'trade-off-fd.svg'), 'utf8')).toMatch(/<title id="trade-off-fd-title">Sample FD against MIG<\/title>/);
    expect(readFileSync(path.join(dir, 'trade-off-recon.svg'), 'utf8')).toMatch(/<circle /);
    expect(readFileSync(path.join(dir, 'card.md'), 'utf8')).toMatch(/!\[Sample FD against MIG\]\(trade-off-fd\.svg\)/);

    // Deleting the MS-VAE run takes its baselines with it.
    await call('runs.delete', { id: run.id });
    expect(await call<RunSummary[]>('runs.list', { projectId: project.id })).toEqual([]);
  }, 480_000);
});
