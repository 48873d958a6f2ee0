import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportSummary } from '../../shared/exports';
import type { Project, RunSummary } from '../../shared/models';
import { readZip } from '../helpers/read-zip';
import { tempDir } from '../helpers/temp-dir';
import { hostToken, openApp, type OpenApp } from './host-app';
import { plantsRows } from '../helpers/plants-csv';

const tinyImage = { data: 'dsprites', imageSize: 32, batch: 8, latents: 3, zDim: 4, stage2Width: 8, stage1Steps: 6, stage2Steps: 4, checkpointEvery: 5, previewEvery: 5 };
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Generate and export in the real UI, host mode. Models are trained through the API (the
 * wizard has its own e2e); the export form, its progress, the files and the downloads are
 * clicked in Chromium and the exported files are checked on disk.
 */
describe('generate and export from the UI', () => {
  const data = tempDir();
  let app: OpenApp;
  let page: Page;
  const shot = (name: string) => app.shot(name);
  const api = <T>(method: string, input: unknown): Promise<T> => app.api<T>(method, input);
  const trained = async (projectId: string, start: Promise<RunSummary>) => {
    const run = await start;
    await expect.poll(async () => (await api<RunSummary>('runs.get', { id: run.id })).status, { timeout: 120_000 }).toBe('completed');
    await page.reload();
    await page.getByRole('button', { name: new RegExp(`^${(await api<Project>('projects.get', { id: projectId })).name}`) }).click();
    await app.showTab('Export');
    await expect.poll(() => page.getByRole('heading', { name: 'Generate and export' }).isVisible(), { timeout: 30_000 }).toBe(true);
    return run;
  };
  const exportDir = (projectId: string, exportId: string) => path.join(data.path, 'projects', projectId, 'exports', exportId);
  const latestExport = async (projectId: string) => (await api<ExportSummary[]>('exports.list', { projectId }))[0];

  beforeAll(async () => {
    app = await openApp(data.path);
    page = app.page;
    await page.goto(app.host.url);
  });
  afterAll(async () => {
    await app?.close();
    data.remove();
  });

  it('exports PNG images with a factor held fixed, shows the files and downloads them as a zip', async () => {
    const project = await api<Project>('projects.create', { name: 'Sprites to export' });
    await trained(project.id, api<RunSummary>('runs.startImage', { projectId: project.id, config: tinyImage }));
    await page.getByLabel('How many images').fill('0');
    await page.getByRole('button', { name: 'Generate and export' }).click();
    await expect.poll(() => page.getByText('How many images: enter a whole number of at least 1.').isVisible()).toBe(true);
    await page.getByLabel('How many images').fill('12');
    await page.getByLabel('Format', { exact: true }).selectOption({ label: 'PNG images in a folder' });
    await page.getByRole('checkbox', { name: 'Fix c1' }).check();
    await page.getByLabel('Value of c1').fill('1.5');
    await page.getByRole('checkbox', { name: 'The model (TF.js model.json and weights)' }).check();
    await page.getByRole('checkbox', { name: 'A card with the settings and final metrics' }).check();
    await shot('40-export-image-form');
    await page.getByRole('button', { name: 'Generate and export' }).click();
    await expect.poll(() => page.getByTestId('export-done').isVisible(), { timeout: 60_000 }).toBe(true);
    await shot('41-export-image-done');

    const summary = await latestExport(project.id);
    if (!summary) throw new Error('no export recorded');
    expect(summary).toMatchObject({ status: 'completed', itemCount: 12, format: 'png-folder', request: { fixed: [{ index: 1, value: 1.5 }], includeModel: true } });
    const dir = exportDir(project.id, summary.id);
    const images = readdirSync(path.join(dir, 'images'));
    expect(images).toHaveLength(12);
    for (const name of images) expect(readFileSync(path.join(dir, 'images', name)).subarray(0, 8)).toEqual(pngSignature);
    expect(readdirSync(path.join(dir, 'model')).sort()).toEqual(['model.json', 'run.json', 'weights.bin']);
    expect(JSON.parse(readFileSync(path.join(dir, 'card.json'), 'utf8'))).toMatchObject({ images: 12, generation: { fix: { 1: 1.5 } } });
    expect(await page.getByTestId('export-file').allTextContents()).toEqual([
      expect.stringMatching(/^card\.json/),
      expect.stringMatching(/^card\.md/),
      expect.stringMatching(/^images\/12 files/),
      expect.stringMatching(/^model\/3 files/),
    ]);

    // The browser downloads the whole export as one zip, through a single-use link the page minted (no token in it).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download everything (zip)' }).click()]);
    expect(download.url()).toMatch(/\/downloads\/[\w-]+\?link=[\w-]{32}$/);
    expect(download.url()).not.toContain(hostToken(app.host.url));
    expect(download.suggestedFilename()).toMatch(/^Sprites-to-export-png-folder-.*\.zip$/);
    const zip = readZip(readFileSync(await download.path()));
    expect([...zip.keys()].filter((name) => name.startsWith('images/'))).toHaveLength(12);
    expect(zip.get('model/weights.bin')).toEqual(readFileSync(path.join(dir, 'model', 'weights.bin')));
    const [one] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download card.md' }).click()]);
    expect(readFileSync(await one.path(), 'utf8')).toMatch(/fixed c1 = 1\.5/);
  });

  it('exports table rows under a condition as Parquet, with the dataset card and quality report', async () => {
    const csv = path.join(data.path, 'plants.csv');
    const rows = plantsRows(150);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const project = await api<Project>('projects.create', { name: 'Plants to export', kind: 'tabular' });
    await trained(project.id, api<RunSummary>('runs.startTabular', { projectId: project.id, config: { data: csv, stage1Steps: 20, stage2Steps: 10, batch: 32 } }));
    await page.getByLabel('How many rows').fill('30');
    await page.getByLabel('Format', { exact: true }).selectOption({ label: 'Parquet' });
    await page.getByLabel('Condition on kind').selectOption({ label: 'equal to' });
    await page.getByLabel('Value of kind').selectOption('fern');
    await page.getByLabel('Condition on height').selectOption({ label: 'between' });
    await page.getByLabel('Lowest height').fill('20');
    await page.getByLabel('Highest height').fill('12');
    await page.getByRole('button', { name: 'Generate and export' }).click();
    await expect.poll(() => page.getByText('height: the lower end (20) is above the upper end (12).').isVisible()).toBe(true);
    await page.getByLabel('Lowest height').fill('10');
    await page.getByLabel('Highest height').fill('16');
    await shot('42-export-table-form');
    await page.getByRole('button', { name: 'Generate and export' }).click();
    await expect.poll(() => page.getByTestId('export-done').isVisible(), { timeout: 90_000 }).toBe(true);
    await shot('43-export-table-done');

    const summary = await latestExport(project.id);
    if (!summary) throw new Error('no export recorded');
    expect(summary).toMatchObject({ status: 'completed', itemCount: 30, format: 'parquet' });
    const dir = exportDir(project.id, summary.id);
    expect(readdirSync(dir).sort()).toEqual(['card.json', 'card.md', 'data.parquet', 'report.html', 'report.json']);
    const buffer = readFileSync(path.join(dir, 'data.parquet'));
    const records = (await parquetReadObjects({ file: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) })) as Record<string, unknown>[];
    expect(records).toHaveLength(30);
    expect(records.every((r) => r['kind'] === 'fern' && (r['height'] as number) >= 10 && (r['height'] as number) <= 16)).toBe(true);
  });

  it('lists recent exports on Home, readable at 1024x700', async () => {
    // Open the app afresh at its address (no project in it): the list comes from the history.
    await page.goto(app.host.url);
    await page.getByRole('heading', { name: 'Recent exports' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('recent-export').nth(1).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('recent-export').count()).toBe(2);
    expect(await page.getByTestId('recent-export').first().textContent()).toMatch(/Plants to export.*30 rows · Parquet.*completed/);
    await shot('44-home-recent-exports');
    await page.setViewportSize({ width: 1024, height: 700 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await shot('45-home-recent-exports-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
