import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
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

  const setSteps = async (stage1: number, stage2: number) => {
    await page.getByText('Advanced settings').click();
    await page.getByLabel('Stage 1 steps').fill(String(stage1));
    await page.getByLabel('Stage 2 steps').fill(String(stage2));
  };

  it('trains both stages on dSprites with live progress, charts and previews', async () => {
    await createProject('Sprites', 'Images');
    await page.getByRole('radio', { name: /Quick/ }).check();
    await shot('10-image-setup');
    await setSteps(30, 20);
    await page.getByLabel('Batch size').fill('16');
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

  it('refuses bad settings where they are typed', async () => {
    // The setup form comes back (collapsed) once the run is done.
    await page.getByText('Advanced settings').click();
    await page.getByLabel('Batch size').fill('1');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/Batch size must be at least 2/);
    expect(await page.getByRole('button', { name: 'Start training' }).isDisabled()).toBe(true);
    await page.getByLabel('Batch size').fill('16');
  });

  it('reads a CSV, lets a column be left out, and trains a table model', async () => {
    const csv = path.join(data.path, 'plants.csv');
    const rows = ['height,kind,leaves,code'];
    for (let i = 0; i < 150; i++) rows.push(`${(10 + (i % 7) * 1.5).toFixed(1)},${['fern', 'moss', 'ivy'][i % 3]},${i % 9},${1000 + i}`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    await createProject('Plants', 'Table (CSV)');
    await page.getByLabel('Table file').fill(csv);
    await page.getByRole('button', { name: 'Read table' }).click();
    await expect.poll(() => page.getByTestId('schema-row').count(), { timeout: 30_000 }).toBe(4);
    expect(await page.getByLabel('Use of code').inputValue()).toBe('excluded');
    await page.getByLabel('Use of leaves').selectOption('excluded');
    await expect.poll(() => page.getByLabel('Use of leaves').inputValue(), { timeout: 30_000 }).toBe('excluded');
    await shot('13-table-schema');
    await setSteps(40, 20);
    await page.getByRole('button', { name: 'Start training' }).click();
    await expect.poll(() => page.getByTestId('training-phase').textContent(), { timeout: 120_000 }).toBe('Run completed');
    await shot('14-table-trained');
    await page.reload();
    await page.getByRole('button', { name: /^Plants/ }).click();
    await expect.poll(() => page.getByTestId('run-row').first().textContent()).toMatch(/tabular.*completed/);
  });
});
