/**
 * Host mode's access token in a real browser: it arrives in the address's fragment, the page
 * keeps it in sessionStorage and drops it from the address bar, and it travels only as
 * `Authorization: Bearer` (HTTP) and a WebSocket subprotocol. No cookie, no token in any URL.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { hostToken, openApp, type OpenApp } from './host-app';

describe('host mode access in a real browser', () => {
  const data = tempDir();
  let app: OpenApp;
  let page: Page;
  let token: string;
  const requests: Request[] = [];
  const socketUrls: string[] = [];

  beforeAll(async () => {
    app = await openApp(data.path);
    page = app.page;
    token = hostToken(app.host.url);
    page.on('request', (r) => requests.push(r));
    page.on('websocket', (ws) => socketUrls.push(ws.url()));
  });
  afterAll(async () => {
    await app?.close();
    data.remove();
  });

  it('reads the token from the fragment, keeps it in sessionStorage and takes it out of the address', async () => {
    await page.goto(app.host.url);
    await expect.poll(() => page.getByText('Welcome to Factor Studio').isVisible()).toBe(true);
    expect(page.url()).not.toContain(token);
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate("window.sessionStorage.getItem('factor-studio-token')")).toBe(token);
    // The history entry was replaced, not added: Back does not bring the token back.
    expect(await page.evaluate('window.history.length')).toBe(2);
  });

  it('sets no cookie, and sends the token only as a bearer header', async () => {
    expect(await page.context().cookies()).toEqual([]);
    expect(await page.evaluate('document.cookie')).toBe('');
    const api = requests.filter((r) => new URL(r.url()).pathname.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(0);
    for (const r of api) expect(await r.headerValue('authorization'), r.url()).toBe(`Bearer ${token}`);
    for (const r of requests) expect(r.url(), r.url()).not.toContain(token);
    expect(socketUrls.length).toBeGreaterThan(0);
    for (const url of socketUrls) expect(url).not.toContain(token);
  });

  it('receives events over the WebSocket (token in its subprotocol): a project made elsewhere appears', async () => {
    await app.api('projects.create', { name: 'Made over the API' });
    await expect.poll(() => page.getByRole('button', { name: /^Made over the API/ }).isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('still works after a reload (sessionStorage), and a fresh tab without the fragment gets nothing', async () => {
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: /^Made over the API/ }).isVisible()).toBe(true);
    const other = await app.browser.newPage();
    try {
      await other.goto(new URL('/', app.host.url).toString());
      const result = await other.evaluate("window.studio.invoke('projects.list', {})");
      expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/printed at start/) } });
    } finally {
      await other.close();
    }
  });
});
