import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { hostEntry, repoRoot } from '../helpers/paths';

export const screenshotDir = path.join(repoRoot, 'test-output', 'e2e');

/** The access token in host mode's printed address (its fragment: #token=...). */
export function hostToken(url: string): string {
  const token = /^#token=([\w-]+)$/.exec(new URL(url).hash)?.[1];
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

/** Starts `node out/main/host.cjs` on a free port over `dataDir`; resolves with its printed URL. */
export async function startHost(dataDir: string): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
  // The UI is under test here, not the metrics: final metrics on 256 images, as the other tests' services.
  const env = { ...process.env, FACTOR_STUDIO_EVALUATE_SAMPLES: '256' };
  const child = spawn(process.execPath, [hostEntry, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`host mode exited with code ${code}`)));
  });
  const url = /^Factor Studio at (\S+)$/.exec(line)?.[1];
  if (!url) throw new Error(`unexpected first line: ${line}`);
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const chromiumPaths = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  const found = chromiumPaths.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('No Chromium found: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).');
  return found;
}

/** Debian's Chromium, headless, with the flags that keep it off this machine's closed network. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export type ProjectTabName = 'Train' | 'Factors' | 'Export' | 'Runs';

export interface OpenApp {
  host: Awaited<ReturnType<typeof startHost>>;
  browser: Browser;
  page: Page;
  /** Saves a full-page screenshot under test-output/e2e/. */
  shot(name: string): Promise<unknown>;
  /** Clicks one of the project page's tabs and waits until it is the selected one. */
  showTab(name: ProjectTabName): Promise<void>;
  /** Calls the host's API with its token (for setting up what a test does not click); throws its error message. */
  api<T>(method: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

/** Host mode over a data folder, Chromium on its URL at 1280x800; page errors fail the test. */
export async function openApp(dataDir: string): Promise<OpenApp> {
  const host = await startHost(dataDir);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => {
    throw error;
  });
  const app: OpenApp = {
    host,
    browser,
    page,
    shot: (name) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true }),
    showTab: async (name) => {
      // Train may say it is training, Runs how many there are: match the start of the name.
      const tab = page.getByRole('tab', { name: new RegExp(`^${name}`) });
      await tab.click();
      await tab.and(page.locator('[aria-selected="true"]')).waitFor({ timeout: 10_000 });
    },
    api: async <T>(method: string, input: unknown): Promise<T> => {
      const url = new URL(host.url);
      const response = await fetch(new URL(`/api/${method}`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${hostToken(host.url)}` },
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message);
      return body.value;
    },
    close: async () => {
      await browser.close();
      await app.host.stop();
    },
  };
  return app;
}
