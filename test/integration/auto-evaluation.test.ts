import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunDetails, RunSummary } from '../../shared/models';
import type { Project } from '../../shared/models';
import { callerOf, testServices } from '../helpers/services';

const tinyImage = { data: 'dsprites', imageSize: 32, batch: 8, latents: 3, zDim: 4, stage2Width: 8, stage1Steps: 4, stage2Steps: 2, checkpointEvery: 3, previewEvery: 6 };

const evalNames = (metrics: Readonly<Record<string, number>>) => Object.keys(metrics).filter((name) => name.startsWith('eval.'));

/** A model run's final metrics appear when it completes, with no runs.evaluate call (real SQLite, real compute processes). */
describe('final metrics computed when a model run completes', () => {
  let t: ReturnType<typeof testServices> | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await t?.dispose();
    t = undefined;
  });

  const setUp = async () => {
    t = testServices();
    const call = callerOf(t.dispatch);
    const project = await call<Project>('projects.create', { name: 'Sprites' });
    const events: { event: string; run: RunSummary; evalMetrics: number }[] = [];
    const services = t.services;
    services.bus.subscribe((event, payload) => {
      if (event !== 'run.updated') return;
      const run = payload as RunSummary;
      // How many eval.* metrics the history held when the event went out.
      events.push({ event, run, evalMetrics: evalNames(services.runs.details(run.id).finalMetrics).length });
    });
    return { call, project, events, services };
  };

  it('stores eval.* metrics after an image run completes and announces them with run.updated', async () => {
    const { call, project, events, services } = await setUp();
    const evaluate = vi.spyOn(services.inspect, 'evaluate');
    const run = await call<RunSummary>('runs.startImage', { projectId: project.id, config: tinyImage });
    await expect.poll(async () => (await call<RunSummary>('runs.get', { id: run.id })).status, { timeout: 60_000 }).toBe('completed');
    await expect
      .poll(async () => evalNames((await call<RunDetails>('runs.details', { id: run.id })).finalMetrics), { timeout: 90_000, interval: 200 })
      .toEqual(expect.arrayContaining(['eval.stage1.psnr', 'eval.stage2.ssim', 'eval.mig', 'eval.sap']));
    await vi.waitFor(() => expect(services.evaluations.isBusy()).toBe(false));
    expect(evaluate).toHaveBeenCalledTimes(1);
    expect(evaluate).toHaveBeenCalledWith(run.id);
    // The completed event came first (no metrics yet), then one more once they were stored.
    const mine = events.filter((e) => e.run.id === run.id && e.run.status === 'completed');
    expect(mine.map((e) => e.evalMetrics > 0)).toEqual([false, true]);

    // Pressing "Compute metrics" later still evaluates again.
    const again = await call<Record<string, number>>('runs.evaluate', { id: run.id });
    expect(evalNames(again).length).toBeGreaterThan(0);
    expect(evaluate).toHaveBeenCalledTimes(2);
  });

  it('evaluates neither a backend check nor a cancelled run', async () => {
    const { call, project, services } = await setUp();
    const evaluate = vi.spyOn(services.inspect, 'evaluate');
    const check = await call<RunSummary>('runs.startCheck', { projectId: project.id, steps: 5 });
    await expect.poll(async () => (await call<RunSummary>('runs.get', { id: check.id })).status, { timeout: 60_000 }).toBe('completed');
    const long = await call<RunSummary>('runs.startImage', { projectId: project.id, config: { ...tinyImage, stage1Steps: 5000 } });
    await expect.poll(async () => (await call<RunSummary>('runs.get', { id: long.id })).step, { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    await call('runs.cancel', { id: long.id });
    await expect.poll(async () => (await call<RunSummary>('runs.get', { id: long.id })).status, { timeout: 30_000 }).toBe('cancelled');
    expect(evaluate).not.toHaveBeenCalled();
    expect(services.evaluations.isBusy()).toBe(false);
    expect(evalNames((await call<RunDetails>('runs.details', { id: long.id })).finalMetrics)).toEqual([]);
  });

  it('shares an evaluation under way with a runs.evaluate call, and closing the app mid-evaluation ends cleanly', async () => {
    const { call, project, services } = await setUp();
    const evaluate = vi.spyOn(services.inspect, 'evaluate');
    const warn = vi.spyOn(console, 'warn');
    const run = await call<RunSummary>('runs.startImage', { projectId: project.id, config: tinyImage });
    await vi.waitFor(() => expect(evaluate).toHaveBeenCalledTimes(1), { timeout: 60_000, interval: 20 });
    // The click while the automatic evaluation runs joins it rather than starting a second.
    const clicked = call<Record<string, number>>('runs.evaluate', { id: run.id });
    expect(services.evaluations.isBusy()).toBe(true);
    expect(evalNames(await clicked).length).toBeGreaterThan(0);
    expect(evaluate).toHaveBeenCalledTimes(1);

    // Another run, closed while its evaluation is in its compute process: close() resolves and nothing is logged.
    const second = await call<RunSummary>('runs.startImage', { projectId: project.id, config: tinyImage });
    await vi.waitFor(() => expect(evaluate).toHaveBeenCalledTimes(2), { timeout: 60_000, interval: 20 });
    expect(evaluate).toHaveBeenLastCalledWith(second.id);
    const closing = services.close();
    await expect(closing).resolves.toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(warn).not.toHaveBeenCalled();
    expect(services.evaluations.isBusy()).toBe(false);
  });
});
