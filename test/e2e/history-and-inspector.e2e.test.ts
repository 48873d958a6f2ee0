import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project, RunSummary } from '../../shared/models';
import { tempDir } from '../helpers/temp-dir';
import { openApp, type OpenApp } from './host-app';

const tinyImage = { data: 'dsprites', imageSize: 32, batch: 8, latents: 3, zDim: 4, stage2Width: 8, stage2Steps: 10, checkpointEvery: 5, previewEvery: 10 };

/**
 * Run lifecycle, history and the inspectors in the real UI. Runs are started through the API
 * (the new-model wizard has its own e2e); everything checked here is clicked in Chromium.
 */
describe('pause and resume, compare, factor names, delete, the table inspector', () => {
  const data = tempDir();
  let app: OpenApp;
  let page: Page;
  const shot = (name: string) => app.shot(name);
  const api = <T>(method: string, input: unknown): Promise<T> => app.api<T>(method, input);
  const openProject = async (name: string) => {
    await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await expect.poll(() => page.getByRole('heading', { name, level: 2 }).isVisible()).toBe(true);
  };
  const phase = () => page.getByTestId('training-phase').textContent();
  const selectedTab = () => page.getByRole('tab', { selected: true }).textContent();

  beforeAll(async () => {
    app = await openApp(data.path);
    page = app.page;
    await page.goto(app.host.url);
  });
  afterAll(async () => {
    await app?.close();
    data.remove();
  });

  let spritesRun = '';

  it('pauses a training run with a click and resumes it to the end', async () => {
    const project = await api<Project>('projects.create', { name: 'Sprites' });
    await page.reload();
    await openProject('Sprites');
    spritesRun = (
      await api<RunSummary>('runs.startImage', { projectId: project.id, config: { ...tinyImage, stage1Steps: 80 } })
    ).id;
    await expect.poll(phase, { timeout: 60_000, interval: 50 }).toMatch(/Stage 1/);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(phase, { timeout: 30_000 }).toMatch(/Run paused at step \d+/);
    await shot('30-run-paused');
    await app.showTab('Runs');
    expect(await page.getByTestId('run-row').first().textContent()).toMatch(/paused/);
    await app.showTab('Train');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(phase, { timeout: 120_000 }).toBe('Run completed');
    expect(await page.getByTestId('training-step').textContent()).toMatch(/90 \/ 90/);
  });

  it('names a factor, shows KL bars and the final metrics computed when training ended', async () => {
    await app.showTab('Factors');
    await expect.poll(() => page.getByTestId('traversal-stage1').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('textbox', { name: 'Name of factor c0' }).fill('size');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Saved the name of factor c0.').isVisible()).toBe(true);
    expect(await page.getByRole('slider', { name: 'Factor size (c0)' }).isVisible()).toBe(true);
    expect(await page.getByTestId('traversal-label-stage1').first().textContent()).toBe('size');
    await expect.poll(() => page.getByTestId('kl-bar').count(), { timeout: 30_000 }).toBe(3);
    expect(await page.getByTestId('kl-bar').first().textContent()).toMatch(/^size[\d.]+ (active|inactive)$/);
    // No click: the metrics were queued when the run completed and the panel reloads when they are stored.
    await expect.poll(() => page.getByTestId('metrics-table').textContent(), { timeout: 90_000 }).toMatch(/Stage 1 PSNR.*MIG/s);
    await page.getByRole('button', { name: 'Compute metrics again' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Compute metrics again' }).isEnabled(), { timeout: 90_000 }).toBe(true);
    expect(await page.getByTestId('metrics-table').textContent()).toMatch(/Stage 1 PSNR.*MIG/s);
    // The paper's analyses beside them: dSprites' five factors predicted from C, Z and C+Z, with chance.
    const interpretability = page.getByTestId('interpretability-table');
    expect(await interpretability.isVisible()).toBe(true);
    expect(await interpretability.locator('thead').textContent()).toBe('Labelchancefrom Cfrom Zfrom C+Z');
    expect(await interpretability.locator('tbody th').allTextContents()).toEqual(['orientation', 'posX', 'posY', 'scale', 'shape']);
    expect(await interpretability.locator('tbody td').first().textContent()).toMatch(/^\d+\.\d%$/);
    // One M1-M4 chart per active factor, as many as the stored eval.stage2_mi.<cK>.m1 numbers.
    const stored = (await api<{ finalMetrics: Record<string, number> }>('runs.details', { id: spritesRun })).finalMetrics;
    const factorsMeasured = Object.keys(stored).filter((name) => /^eval\.stage2_mi\.c\d+\.m1$/.test(name)).length;
    expect(await page.getByTestId('mi-bars').count()).toBe(factorsMeasured);
    if (factorsMeasured > 0) expect(await page.getByTestId('mi-bars').first().getByRole('img').getAttribute('aria-label')).toMatch(/^c\d+: M1 .*, M4 /);
    await shot('31-factor-names-kl-metrics');
  });

  it('compares two runs side by side and reopens the older one with its names after a reload', async () => {
    const [project] = await api<Project[]>('projects.list', {});
    const second = await api<RunSummary>('runs.startImage', { projectId: project!.id, config: { ...tinyImage, latents: 4, stage1Steps: 6, stage2Steps: 2 } });
    await app.showTab('Runs');
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(2);
    await expect.poll(async () => (await api<RunSummary>('runs.get', { id: second.id })).status, { timeout: 60_000 }).toBe('completed');
    const boxes = page.getByRole('checkbox', { name: /^Compare the image run/ });
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const compare = page.getByTestId('run-compare');
    await expect.poll(() => compare.isVisible()).toBe(true);
    await expect.poll(() => compare.getByRole('row', { name: /latents/ }).textContent()).toMatch(/latents.*4.*3/);
    expect(await compare.textContent()).toMatch(/Stage 1 PSNR/);
    await shot('32-compare-runs');

    // The Runs tab is in the address: the reload comes back to it.
    await page.reload();
    await openProject('Sprites');
    await expect.poll(selectedTab).toMatch(/^Runs/);
    // Opening a trained run shows its factors.
    await page.getByRole('button', { name: /^Open the image run/ }).nth(1).click();
    await expect.poll(selectedTab).toBe('Factors');
    await expect.poll(() => page.getByRole('slider', { name: 'Factor size (c0)' }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Name of factor c0' }).inputValue()).toBe('size');
    await shot('33-reopened-run');
    // The reopened run survives a reload (this window's session), then "Show the newest run" forgets it.
    await page.reload();
    await openProject('Sprites');
    const newest = page.getByTestId('open-run').getByRole('button', { name: 'Show the newest run' });
    await expect.poll(() => newest.isVisible()).toBe(true);
    await newest.click();
    await page.reload();
    await openProject('Sprites');
    await expect.poll(() => page.getByTestId('open-run').isVisible()).toBe(true);
    expect(await newest.count()).toBe(0);
  });

  it('deletes a run after confirming, with its files', async () => {
    await app.showTab('Runs');
    await page.getByRole('button', { name: /^Delete the image run/ }).first().click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toMatch(/checkpoints, previews and metrics/);
    await shot('34-delete-run-confirm');
    await dialog.getByRole('button', { name: 'Delete run' }).click();
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(1);
    await page.reload();
    await openProject('Sprites');
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(1);
  });

  it('shows a table model: factor effects per column, real vs synthetic charts, correlations', async () => {
    const csv = path.join(data.path, 'shop.csv');
    const rows = ['price,size,colour'];
    for (let i = 0; i < 150; i++) rows.push(`${(5 + (i % 10) * 2.5).toFixed(2)},${10 + (i % 10) * 3 + (i % 3)},${['red', 'green', 'blue'][i % 3]}`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const project = await api<Project>('projects.create', { name: 'Shop', kind: 'tabular' });
    await api<RunSummary>('runs.startTabular', { projectId: project.id, config: { data: csv, latents: 3, stage1Steps: 30, stage2Steps: 10, batch: 32 } });
    await page.reload();
    await openProject('Shop');
    await expect.poll(phase, { timeout: 60_000 }).toBe('Run completed');
    await app.showTab('Factors');
    await expect.poll(() => page.getByTestId('factor-effect-row').count(), { timeout: 60_000 }).toBe(3);
    expect(await page.getByTestId('factor-effects').textContent()).toMatch(/mean .* → .* sd/);
    expect(await page.getByTestId('column-chart').count()).toBe(3);
    expect(await page.getByRole('img', { name: /^price: real vs synthetic/ }).isVisible()).toBe(true);
    expect(await page.getByTestId('correlation-heatmap').count()).toBe(2);
    expect(await page.getByTestId('factor-readings').locator('li').allTextContents()).toHaveLength(3);
    expect(await page.getByTestId('target-prediction').textContent()).toMatch(/^Which factors predict colour/);
    await page.getByRole('textbox', { name: 'Name of factor c1' }).fill('cheapness');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByText('Saved the name of factor c1.').isVisible()).toBe(true);
    await shot('35-table-inspector');
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot('36-table-inspector-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
