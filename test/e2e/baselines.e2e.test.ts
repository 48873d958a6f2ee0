import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetails, RunSummary } from '../../shared/models';
import { tempDir } from '../helpers/temp-dir';
import { openApp, type OpenApp } from './host-app';

/** The baseline tick in the wizard, and the trade-off chart in Runs compare (host mode, real compute processes). */
describe('baselines from the wizard, and the trade-off chart', () => {
  const data = tempDir();
  let app: OpenApp;
  let page: Page;

  beforeAll(async () => {
    app = await openApp(data.path);
    page = app.page;
    await page.goto(app.host.url);
  });
  afterAll(async () => {
    await app?.close();
    data.remove();
  });

  const onStep = (n: number, name: string) =>
    expect.poll(() => page.getByRole('heading', { name: `Step ${n} of 4: ${name}`, level: 4 }).isVisible(), { timeout: 30_000 }).toBe(true);
  const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();

  it('ticks "Also train the baselines", trains four runs, and compares them on the chart', async () => {
    await page.getByRole('textbox', { name: 'New project' }).fill('Sprites');
    await page.getByLabel('Data kind').selectOption({ label: 'Images' });
    await page.getByRole('button', { name: 'Create' }).click();
    await onStep(1, 'Data');
    await page.getByRole('radio', { name: /dSprites/ }).check();
    await next();
    await onStep(2, 'Preview');
    await next();
    await onStep(3, 'Model');
    await page.getByRole('radio', { name: /Quick/ }).check();
    await page.getByRole('checkbox', { name: 'Also train the baselines' }).check();
    await page.getByText('Advanced settings').click();
    await page.getByLabel('Stage 1 steps').fill('4');
    await page.getByLabel('Stage 2 steps').fill('2');
    await page.getByLabel('Batch size').fill('8');
    await app.shot('50-wizard-baselines-tick');
    await next();
    await onStep(4, 'Review and train');
    await page.getByRole('button', { name: 'Start training' }).click();
    // The MS-VAE run's dashboard opens first, as for any run.
    await expect.poll(() => page.getByTestId('training-backend').textContent(), { timeout: 60_000 }).toBe('wasm');

    await app.showTab('Runs');
    await expect.poll(() => page.getByTestId('run-row').count(), { timeout: 30_000 }).toBe(4);
    const [project] = await app.api<{ id: string }[]>('projects.list', {});
    const runs = await app.api<RunSummary[]>('runs.list', { projectId: project!.id });
    const main = runs.find((r) => r.baselineOf === null);
    expect(runs.filter((r) => r.baselineOf === main?.id).map((r) => r.baselineKind).sort()).toEqual(['beta-tcvae', 'beta-tcvae-l', 'big-vae']);
    // Every run trains, queued one after the other, and is evaluated on completion.
    for (const run of runs) {
      await expect.poll(async () => (await app.api<RunSummary>('runs.get', { id: run.id })).status, { timeout: 300_000, interval: 500 }).toBe('completed');
    }
    const evaluated = async (id: string) => (await app.api<RunDetails>('runs.details', { id })).finalMetrics['eval.mig'] !== undefined;
    for (const run of runs) {
      // On a loaded machine an automatic evaluation can be stopped by the watchdog: then the
      // inspector's "Compute metrics" call (runs.evaluate) measures it, as a user would.
      const done = await expect.poll(() => evaluated(run.id), { timeout: 120_000, interval: 500 }).toBe(true).then(() => true, () => false);
      if (!done) await app.api('runs.evaluate', { id: run.id });
      expect(await evaluated(run.id)).toBe(true);
    }
    expect(await page.getByText('β-TCVAE-L baseline').isVisible()).toBe(true);

    const boxes = page.getByRole('checkbox', { name: /^Compare the / });
    for (let i = 0; i < 4; i++) await boxes.nth(i).check();
    const compare = page.getByTestId('run-compare');
    const charts = compare.getByTestId('trade-off-chart');
    await expect.poll(() => charts.count(), { timeout: 30_000 }).toBe(2);
    const fdChart = page.getByRole('img', { name: 'Sample FD against MIG' });
    expect(await fdChart.isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: 'Reconstruction against MIG' }).isVisible()).toBe(true);
    const labels = await fdChart.getByTestId('trade-off-point').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
    expect(labels.sort()).toEqual(['Big-VAE', 'MS-VAE', 'β-TCVAE', 'β-TCVAE-L']);
    // The MS-VAE run is the one square; its description reads every point out.
    expect(await fdChart.locator('rect[fill="#c2410c"]').count()).toBe(1);
    expect(await fdChart.locator('desc').textContent()).toMatch(/MS-VAE: MIG [\d.]+, FD [\d.]+/);
    await app.shot('51-compare-trade-off');
  }, 600_000);
});
