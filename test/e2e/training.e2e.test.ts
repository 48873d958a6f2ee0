import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { openApp, type OpenApp } from './host-app';

describe('training from the UI (host mode, real compute process)', () => {
  const data = tempDir();
  let app: OpenApp;
  let page: Page;
  const shot = (name: string) => app.shot(name);

  beforeAll(async () => {
    app = await openApp(data.path);
    page = app.page;
    await page.goto(app.host.url);
  });
  afterAll(async () => {
    await app?.close();
    data.remove();
  });

  const createProject = async (name: string, kind: 'Images' | 'Table (CSV)') => {
    await page.getByRole('textbox', { name: 'New project' }).fill(name);
    await page.getByLabel('Data kind').selectOption({ label: kind });
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('heading', { name, level: 2 }).isVisible()).toBe(true);
  };

  /** The wizard's current step heading, e.g. "Step 2 of 4: Preview". */
  const onStep = (n: number, name: string) =>
    expect.poll(() => page.getByRole('heading', { name: `Step ${n} of 4: ${name}`, level: 4 }).isVisible(), { timeout: 30_000 }).toBe(true);
  const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();

  const setSteps = async (stage1: number, stage2: number) => {
    await page.getByText('Advanced settings').click();
    await page.getByLabel('Stage 1 steps').fill(String(stage1));
    await page.getByLabel('Stage 2 steps').fill(String(stage2));
  };

  it('walks the image wizard: a folder with a corrupt file previews with its reason, a missing path blocks Next', async () => {
    const folder = path.join(data.path, 'swatches');
    mkdirSync(folder);
    for (const [name, rgb] of [['red', [220, 40, 40]], ['teal', [30, 160, 150]], ['gold', [230, 190, 40]]] as const) {
      const png = await sharp({ create: { width: 48, height: 40, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();
      writeFileSync(path.join(folder, `${name}.png`), png);
    }
    writeFileSync(path.join(folder, 'broken.png'), 'not really a png');
    await createProject('Sprites', 'Images');
    await onStep(1, 'Data');
    await shot('10-wizard-image-1-data');
    await page.getByRole('radio', { name: /A folder of images/ }).check();
    await next();
    await expect.poll(() => page.getByText("Enter the folder's full path").isVisible()).toBe(true);
    await onStep(1, 'Data');
    await shot('10-wizard-image-1-data-missing-path');
    await page.getByLabel('Image folder').fill(path.join(data.path, 'nothing-here'));
    await next();
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 30_000 }).toMatch(/nothing-here does not exist/);
    await page.getByLabel('Image folder').fill(folder);
    await next();
    await onStep(2, 'Preview');
    expect(await page.getByTestId('image-count').textContent()).toBe('3');
    expect(await page.getByTestId('skipped-files').textContent()).toMatch(/broken\.png: not an image/);
    expect(await page.getByRole('list', { name: 'Sample images' }).getByRole('img').count()).toBe(3);
    expect(await page.getByTestId('original-sizes').textContent()).toBe('48 × 40');
    await shot('10-wizard-image-2-preview-folder');
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await onStep(1, 'Data');
  });

  it('trains both stages on dSprites with live progress, charts and previews', async () => {
    await page.getByRole('radio', { name: /dSprites/ }).check();
    await next();
    await onStep(2, 'Preview');
    expect(await page.getByTestId('image-count').textContent()).toBe('737,280');
    await shot('10-wizard-image-2-preview-dsprites');
    await next();
    await onStep(3, 'Model');
    await page.getByRole('radio', { name: /Quick/ }).check();
    expect(await page.getByTestId('time-estimate').textContent()).toMatch(/estimate/);
    await shot('10-wizard-image-3-model');
    await setSteps(30, 20);
    await page.getByLabel('Batch size').fill('16');
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot('10-wizard-image-3-model-1024x700');
    await page.setViewportSize({ width: 1280, height: 800 });
    await next();
    await onStep(4, 'Review and train');
    expect(await page.getByTestId('review-summary').textContent()).toMatch(/dSprites.*Stage 1 steps30.*VAE, 20 steps.*Batch size16/s);
    await shot('10-wizard-image-4-review');
    await page.getByRole('button', { name: 'Start training' }).click();
    await expect.poll(() => page.getByTestId('training-backend').textContent(), { timeout: 30_000 }).toBe('wasm');
    await expect.poll(() => page.getByTestId('training-phase').textContent(), { timeout: 30_000 }).toMatch(/Stage [12]/);
    await shot('11-image-training');
    await expect.poll(() => page.getByTestId('training-phase').textContent(), { timeout: 120_000 }).toBe('Run completed');
    await expect.poll(() => page.getByTestId('training-preview').isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: 'stage1 loss terms' }).isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: 'stage2 loss terms' }).isVisible()).toBe(true);
    expect(await page.getByTestId('training-step').textContent()).toMatch(/50 \/ 50/);
    await shot('12-image-trained');
  });

  it('shows the factors: traversals of both stages, and a slider that redraws one image', async () => {
    await app.showTab('Factors');
    await expect.poll(() => page.getByTestId('traversal-stage1').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('traversal-stage2').isVisible()).toBe(true);
    const slider = page.getByRole('slider', { name: 'Factor c0' });
    await slider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    expect(await slider.inputValue()).toBe('0.5');
    await expect.poll(() => page.getByTestId('edited-stage2').isVisible(), { timeout: 30_000 }).toBe(true);
    const first = await page.getByTestId('edited-stage1').getAttribute('src');
    await page.getByRole('slider', { name: 'Factor c1' }).fill('-3');
    await expect.poll(() => page.getByTestId('edited-stage1').getAttribute('src'), { timeout: 30_000 }).not.toBe(first);
    await shot('15-factor-inspector');
  });

  it('refuses bad settings where they are typed, and Next stays on the model step', async () => {
    // The wizard comes back at its first step once the run is done.
    await app.showTab('Train');
    await onStep(1, 'Data');
    await next();
    await onStep(2, 'Preview');
    await next();
    await onStep(3, 'Model');
    await page.getByText('Advanced settings').click();
    await page.getByLabel('Batch size').fill('1');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/Batch size must be at least 2/);
    await page.getByLabel('Stage 1 steps').fill('20000000');
    await expect.poll(() => page.getByText('Stage 1 steps can be at most 10000000').isVisible()).toBe(true);
    await next();
    await onStep(3, 'Model');
    expect(await page.getByText('Fix what is marked above to go on.').isVisible()).toBe(true);
    await shot('10-wizard-image-3-model-errors');
    await page.getByLabel('Batch size').fill('16');
    await page.getByLabel('Stage 1 steps').fill('30');
    await next();
    await onStep(4, 'Review and train');
  });

  it('reads a CSV, lets a column be left out, and trains a table model', async () => {
    const csv = path.join(data.path, 'plants.csv');
    const rows = ['height,kind,leaves,code'];
    for (let i = 0; i < 150; i++) rows.push(`${(10 + (i % 7) * 1.5).toFixed(1)},${['fern', 'moss', 'ivy'][i % 3]},${i % 9},${1000 + i}`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    await createProject('Plants', 'Table (CSV)');
    await onStep(1, 'Data');
    await expect.poll(() => page.getByRole('radio', { name: /Example: Penguins/ }).isVisible()).toBe(true);
    await shot('13-wizard-table-1-data');
    await page.getByRole('radio', { name: /A CSV or JSON file/ }).check();
    await page.getByLabel('Table file').fill(path.join(data.path, 'plants.xlsx'));
    await next();
    await expect.poll(() => page.getByText('Choose a .csv, .tsv, .txt or .json file').isVisible()).toBe(true);
    await page.getByLabel('Table file').fill(csv);
    await next();
    await onStep(2, 'Preview');
    await expect.poll(() => page.getByTestId('schema-row').count(), { timeout: 30_000 }).toBe(4);
    expect(await page.getByLabel('Use of code').inputValue()).toBe('excluded');
    await page.getByLabel('Use of leaves').selectOption('excluded');
    await expect.poll(() => page.getByLabel('Use of leaves').inputValue(), { timeout: 30_000 }).toBe('excluded');
    expect(await page.getByTestId('table-summary').textContent()).toMatch(/4 columns, 2 modelled/);
    await shot('13-wizard-table-2-preview');
    await next();
    await onStep(3, 'Model');
    await setSteps(40, 20);
    await shot('13-wizard-table-3-model');
    await next();
    await onStep(4, 'Review and train');
    expect(await page.getByTestId('review-summary').textContent()).toMatch(/Rows150.*Columns modelled2 of 4: height, kind/s);
    await shot('13-wizard-table-4-review');
    await page.getByRole('button', { name: 'Start training' }).click();
    await expect.poll(() => page.getByTestId('training-phase').textContent(), { timeout: 120_000 }).toBe('Run completed');
    await shot('14-table-trained');
    // The Factors tab leads with MS-VAE beside the Gaussian copula fitted on the same rows and stage 1.
    await app.showTab('Factors');
    await expect.poll(() => page.getByTestId('models-table').textContent(), { timeout: 90_000 }).toMatch(/Overall quality\d\.\d{3}\d\.\d{3}\d\.\d{3}/);
    await shot('14-table-beside-copula');
    await page.reload();
    await page.getByRole('button', { name: /^Plants/ }).click();
    await app.showTab('Runs');
    await expect.poll(() => page.getByTestId('run-row').first().textContent()).toMatch(/tabular.*completed/);
    await shot('14-table-runs');
  });
});
