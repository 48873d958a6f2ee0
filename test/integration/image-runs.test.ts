import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricSeries, Project, RunInspection, RunPreview, RunSummary } from '../../shared/models';
import { callerOf, testServices } from '../helpers/services';

const tinyConfig = {
  data: 'dsprites',
  imageSize: 32,
  batch: 8,
  latents: 3,
  zDim: 4,
  stage2Width: 8,
  stage1Steps: 4,
  stage2Steps: 2,
  checkpointEvery: 3,
  previewEvery: 2,
};

describe('image runs through the API (real SQLite, real compute process)', () => {
  let t: ReturnType<typeof testServices>;
  let project: Project;
  const call = <T>(method: string, input: unknown): Promise<T> => callerOf(t.dispatch)<T>(method, input);

  beforeAll(async () => {
    t = testServices();
    project = await call<Project>('projects.create', { name: 'Sprites' });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('trains both stages, records metrics by stage, checkpoints as artifacts, and keeps a preview', async () => {
    const previews: number[] = [];
    t.services.bus.subscribe((event, payload) => {
      if (event === 'run.preview') previews.push((payload as { step: number }).step);
    });
    const started = await call<RunSummary>('runs.startImage', { projectId: project.id, config: tinyConfig });
    expect(started).toMatchObject({ kind: 'image', status: 'queued', totalSteps: 6 });
    await expect.poll(async () => (await call<RunSummary>('runs.get', { id: started.id })).status, { timeout: 60_000 }).toBe('completed');
    const run = await call<RunSummary>('runs.get', { id: started.id });
    expect(run).toMatchObject({ step: 6, backend: 'wasm', error: null });

    const names = (await call<MetricSeries[]>('runs.metrics', { id: run.id })).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['stage1.recon', 'stage1.kl', 'stage1.tc', 'stage2.recon', 'stage2.kl']));

    const preview = await call<RunPreview | null>('runs.preview', { id: run.id });
    expect(preview?.dataUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(previews).toEqual(expect.arrayContaining([2, 4, 6]));

    const artifacts = t.services.store.artifacts.listByRun(run.id);
    expect(artifacts.map((a) => a.kind)).toContain('checkpoint');
    const runDir = path.join(t.dataDir, 'projects', project.id, 'runs', run.id);
    expect(artifacts.every((a) => a.bytes > 1000)).toBe(true);
    for (const a of artifacts) {
      expect(path.isAbsolute(a.path)).toBe(false);
      expect(path.join(t.dataDir, 'projects', project.id, a.path).startsWith(runDir)).toBe(true);
    }
    expect(existsSync(path.join(runDir, 'checkpoints', 'latest.json'))).toBe(true);
    expect(existsSync(path.join(runDir, 'previews', 'latest.png'))).toBe(true);

    const grid = await call<RunInspection>('runs.traversal', { id: run.id, steps: 5 });
    expect(grid).toMatchObject({ factors: 3, steps: 5, stage2Trained: true });
    expect(grid.stage1).toMatch(/^data:image\/png;base64,/);
    expect(grid.stage2).not.toBe(grid.stage1);
    const a = await call<RunInspection>('runs.decode', { id: run.id, c: [0, 0, 0] });
    const b = await call<RunInspection>('runs.decode', { id: run.id, c: [3, 0, 0] });
    expect(a.stage1).not.toBe(b.stage1);
    expect(await t.dispatch('runs.decode', { id: run.id, c: [0, 0] })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/has 3 factors/) } });
  });

  it.each([
    [{ ...tinyConfig, data: 'relative/folder' }, /must be an absolute path/],
    [{ ...tinyConfig, data: '/definitely/not/here' }, /does not exist/],
    [{ ...tinyConfig, imageSize: 48 }, /./],
    [{ ...tinyConfig, stage2: 'diffusion' }, /./],
  ])('refuses a bad config %# with a message naming the field', async (config, message) => {
    const result = await t.dispatch('runs.startImage', { projectId: project.id, config });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.field).toMatch(/^config\./);
    expect(result.error.message).toMatch(message);
  });
});
