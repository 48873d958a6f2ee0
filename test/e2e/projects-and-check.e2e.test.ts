import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { openApp, startHost, type OpenApp } from './host-app';

describe('the app in a real browser against host mode', () => {
  const data = tempDir();
  let app: OpenApp;
  let page: Page;
  const shot = (name: string) => app.shot(name);
  const selectedTab = () => page.getByRole('tab', { selected: true }).textContent();

  beforeAll(async () => {
    app = await openApp(data.path);
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
    data.remove();
  });

  it('opens with the token, then drops it from the address bar', async () => {
    await page.goto(app.host.url);
    expect(page.url()).not.toContain('token=');
    await expect.poll(() => page.getByText('Welcome to Factor Studio').isVisible()).toBe(true);
    await shot('01-home-empty');
  });

  it('creates a project that is still there after a reload (from SQLite)', async () => {
    await page.getByRole('textbox', { name: 'New project' }).fill('Sprites');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sprites', level: 2 }).isVisible()).toBe(true);
    await shot('02-project-created');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Sprites', level: 2 }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: /^Sprites/ }).isVisible()).toBe(true);
  });

  it('shows a clear error for a bad name, where it was typed', async () => {
    await page.getByRole('textbox', { name: 'New project' }).fill('a/b');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/cannot contain \//);
    await shot('03-create-error');
    await page.getByRole('textbox', { name: 'New project' }).fill('');
  });

  it('runs the training check with live progress and cancels it', async () => {
    await page.getByText('Check training on this computer').click();
    await page.getByLabel('Steps', { exact: true }).fill('1000000');
    await page.getByRole('button', { name: 'Start training check' }).click();
    await expect.poll(() => page.getByTestId('run-backend').textContent(), { timeout: 30_000 }).toBe('wasm');
    const stepOf = async () => Number((await page.getByTestId('run-step').textContent())?.split('/')[0]?.trim() ?? 0);
    await expect.poll(stepOf, { timeout: 30_000 }).toBeGreaterThan(0);
    const earlier = await stepOf();
    await expect.poll(stepOf, { timeout: 30_000 }).toBeGreaterThan(earlier);
    const bar = page.getByRole('progressbar', { name: 'Training progress' });
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    expect(await page.getByTestId('run-loss').textContent()).toMatch(/\d/);
    await shot('04-check-running');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Start training check' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await shot('05-check-cancelled');
    await app.showTab('Runs');
    await expect.poll(() => page.getByTestId('run-row').first().textContent(), { timeout: 30_000 }).toMatch(/cancelled/);
    await shot('05-check-cancelled-runs-tab');
  });

  it('keeps the history across a restart of the app', async () => {
    await app.host.stop();
    app.host = await startHost(data.path);
    await page.goto(app.host.url);
    await page.getByRole('button', { name: /^Sprites/ }).click();
    await expect.poll(selectedTab).toBe('Train');
    await app.showTab('Runs');
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(1);
    expect(await page.getByTestId('run-row').first().textContent()).toMatch(/cancelled/);
  });

  it('renames a project, then deletes it after a confirm', async () => {
    await page.getByRole('button', { name: 'Rename Sprites' }).click();
    await page.getByLabel('New name for Sprites').fill('Shapes');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Shapes', level: 2 }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Delete Shapes' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await shot('06-delete-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Shapes/ }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Delete Shapes' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete project' }).click();
    await expect.poll(() => page.getByText('No projects yet.').isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByText('No projects yet.').isVisible()).toBe(true);
    await shot('07-after-delete');
  });

  it('is usable at 1024x700 and from the keyboard', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('textbox', { name: 'New project' }).focus();
    await page.keyboard.type('Keyboard made');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Keyboard made', level: 2 }).isVisible()).toBe(true);
    await shot('08-small-window');
    // The project's tabs: one Tab stop, arrows and Home/End move along them (and wrap).
    const train = page.getByRole('tab', { name: 'Train' });
    await train.focus();
    expect(await train.getAttribute('tabindex')).toBe('0');
    expect(await page.getByRole('tab', { name: 'Factors' }).getAttribute('tabindex')).toBe('-1');
    await page.keyboard.press('ArrowRight');
    await expect.poll(selectedTab).toBe('Factors');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Factors');
    expect(await page.evaluate("document.activeElement?.matches(':focus-visible')")).toBe(true);
    expect(await page.getByTestId('no-model-factors').textContent()).toMatch(/once a model is trained/);
    expect(page.url()).toMatch(/#\/project\/[0-9a-f-]{36}\/factors$/);
    await shot('09-tabs-keyboard-factors');
    await page.keyboard.press('End');
    await expect.poll(selectedTab).toBe('Runs');
    await page.keyboard.press('ArrowRight');
    await expect.poll(selectedTab).toBe('Train');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(selectedTab).toBe('Runs');
    expect(await page.getByText('No runs yet.').isVisible()).toBe(true);
    // The tab is in the address, so a reload comes back to it.
    await page.reload();
    await expect.poll(selectedTab).toBe('Runs');
    await shot('09-tabs-runs-after-reload');
    await page.getByRole('tab', { name: 'Runs' }).focus();
    await page.keyboard.press('Home');
    await expect.poll(selectedTab).toBe('Train');
    expect(await page.getByRole('heading', { name: 'Train a model' }).isVisible()).toBe(true);
  });
});
