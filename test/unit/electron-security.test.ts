/**
 * Electron cannot start on the test machines, so the Electron security checklist is checked on
 * the sources: the window's webPreferences, the navigation, window, webview and permission
 * handlers, the IPC sender check, the renderer's Content-Security-Policy (source and build) and
 * the fuses electron-builder flips in the packaged app. A change that loosens any of them fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, rendererDir } from '../helpers/paths';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const mainSource = read('main/electron/main.ts');
const ipcSource = read('main/electron/ipc.ts');
const preloadSource = read('preload/index.ts');

/** The object literal passed as webPreferences, braces balanced. */
function webPreferences(source: string): string {
  const start = source.indexOf('webPreferences: {');
  expect(start, 'main/electron/main.ts sets webPreferences').toBeGreaterThan(0);
  let depth = 0;
  for (let i = start + 'webPreferences: '.length; i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  throw new Error('unbalanced webPreferences');
}

/** The directives of a CSP string, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function metaCsp(html: string): string {
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  expect(match, 'index.html carries a CSP meta tag').not.toBeNull();
  return match![1]!;
}

function expectStrictCsp(csp: string): void {
  const d = directives(csp);
  expect(d.get('default-src')).toSatisfy((v: string[] | undefined) => v?.length === 1 && ["'self'", "'none'"].includes(v[0]!));
  const scripts = d.get('script-src') ?? d.get('default-src') ?? [];
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'none'"]);
  // No remote content: no host, scheme or wildcard source anywhere but local blobs, data: images and our WebSocket.
  for (const [name, values] of d) {
    for (const value of values) {
      expect(value, `${name} ${value}`).not.toMatch(/^(https?:|\*|http:\/\/|https:\/\/)/);
      if (name !== 'connect-src') expect(value, `${name} ${value}`).not.toMatch(/^wss?:/);
    }
  }
}

describe('the Electron window is locked down (main/electron/main.ts)', () => {
  const prefs = webPreferences(mainSource);

  it.each([
    ['contextIsolation', 'true'],
    ['sandbox', 'true'],
    ['nodeIntegration', 'false'],
    ['webSecurity', 'true'],
    ['allowRunningInsecureContent', 'false'],
  ])('webPreferences.%s is %s', (key, value) => {
    expect(prefs).toMatch(new RegExp(`\\b${key}: ${value},`));
  });

  it('turns on nothing that loosens the sandbox', () => {
    for (const risky of ['nodeIntegrationInWorker: true', 'nodeIntegrationInSubFrames: true', 'webviewTag: true', 'experimentalFeatures', 'enableBlinkFeatures', 'webSecurity: false']) {
      expect(mainSource).not.toContain(risky);
    }
    // Only our own page is loaded: from the app's files, never a URL from elsewhere.
    expect(mainSource).toMatch(/window\.loadURL\(appIndexUrl\)/);
    expect(mainSource).not.toMatch(/loadFile\(|['"`]file:/);
    expect(mainSource).not.toMatch(/loadURL\(\s*['"`]https?:/);
  });

  it('blocks navigation, redirects, new windows and webviews for every web contents', () => {
    expect(mainSource).toMatch(/app\.on\('web-contents-created', \(_event, contents\) => lockDown\(contents\)\)/);
    const lockDown = mainSource.slice(mainSource.indexOf('function lockDown'), mainSource.indexOf('function createWindow'));
    expect(lockDown).toMatch(/'will-navigate'[\s\S]*?if \(!isOurPage\(url\)\) event\.preventDefault\(\)/);
    expect(lockDown).toMatch(/'will-redirect'[\s\S]*?if \(!isOurPage\(url\)\) event\.preventDefault\(\)/);
    expect(lockDown).toMatch(/'will-attach-webview', \(event\) => event\.preventDefault\(\)/);
    expect(lockDown).toMatch(/setWindowOpenHandler\([\s\S]*?return \{ action: 'deny' \}/);
    // Links leave only for https, in the system browser.
    expect(lockDown).toMatch(/if \(url\.startsWith\('https:\/\/'\)\) void shell\.openExternal\(url\)/);
  });

  it('denies every permission request and check', () => {
    expect(mainSource).toMatch(/setPermissionRequestHandler\(\(_contents, _permission, callback\) => callback\(false\)\)/);
    expect(mainSource).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
  });

  it('hides the menu (no devtools or reload shortcuts in the shipped app) and allows one instance', () => {
    expect(mainSource).toContain('Menu.setApplicationMenu(null)');
    expect(mainSource).toContain('app.requestSingleInstanceLock()');
  });
});

describe('IPC: one validated channel, callable from our window only', () => {
  it('accepts calls only from our window, its main frame, showing our page', () => {
    expect(mainSource).toMatch(/registerIpc\([\s\S]*?\(sender, frameUrl\) => sender === mainWindow\?\.webContents && isOurPage\(frameUrl\)\)/);
    const handler = ipcSource.slice(ipcSource.indexOf('ipcMain.handle('));
    // The sender check comes before dispatch, and refuses subframes.
    expect(handler.indexOf('isTrustedSender(')).toBeLessThan(handler.indexOf('dispatch(method, input)'));
    expect(handler).toMatch(/if \(!frame \|\| frame\.parent !== null \|\| !isTrustedSender\(event\.sender, frame\.url\)\)/);
    // isOurPage is the app:// index page check (tested in app-protocol.test.ts).
    expect(mainSource).toMatch(/function isOurPage\(url: string\): boolean \{\s*return isAppPage\(url\);/);
  });

  it('every payload goes through the shared schemas (the dispatch), and electron stays out of other files', () => {
    expect(ipcSource).toMatch(/return dispatch\(method, input\);/);
    expect(read('main/api-handlers.ts')).toMatch(/apiMethods\[method\]\.input\.safeParse\(input \?\? \{\}\)/);
    // Lint keeps electron (so ipcMain and ipcRenderer) out of every file but the thin Electron layer.
    expect(read('eslint.config.js')).toMatch(/const electronOnly = \{\s+group: \['electron'\]/);
  });

  it('the preload exposes one object with checked method and event names, never ipcRenderer itself', () => {
    expect(preloadSource.match(/contextBridge\.exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preloadSource).toContain("contextBridge.exposeInMainWorld('studio', bridge)");
    expect(preloadSource).toMatch(/if \(!isApiMethodName\(method\)\)/);
    expect(preloadSource).toMatch(/if \(!isApiEventName\(event\)\)/);
    expect(preloadSource).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });
});

describe('the Content-Security-Policy is strict', () => {
  it('in the renderer source', () => {
    expectStrictCsp(metaCsp(read('renderer/index.html')));
  });

  it('in the built renderer the app loads', () => {
    expectStrictCsp(metaCsp(readFileSync(path.join(rendererDir, 'index.html'), 'utf8')));
  });

  it('in host mode, sent as a header', () => {
    const server = read('main/host/server.ts');
    const block = server.slice(server.indexOf('function contentSecurityPolicy'), server.indexOf("].join('; ')"));
    const csp = [...block.matchAll(/^\s*[`"](.+)[`"],?$/gm)].map((m) => m[1]!.replace(/\$\{port\}/g, '1234')).join('; ');
    expect(csp).toMatch(/^default-src 'self'/);
    expectStrictCsp(csp);
  });
});

describe('packaging flips the Electron fuses (electron-builder.yml)', () => {
  const yml = read('electron-builder.yml');
  const fuses = yml.slice(yml.indexOf('electronFuses:'));
  const fuse = (name: string) => new RegExp(`^\\s+${name}:\\s*(true|false)\\s*$`, 'm').exec(fuses)?.[1];

  it.each([
    ['runAsNode', 'false'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['onlyLoadAppFromAsar', 'true'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['enableCookieEncryption', 'true'],
  ])('%s: %s', (name, value) => {
    expect(fuses.length).toBeLessThan(yml.length);
    expect(fuse(name)).toBe(value);
  });

  it('packs the app into an asar archive', () => {
    expect(yml).toMatch(/^asar: true$/m);
  });
});
