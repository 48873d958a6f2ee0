/**
 * The Electron main process: lifecycle, the one window (locked down), IPC. Everything else
 * lives in services, which know nothing of Electron.
 */
import { app, BrowserWindow, dialog, Menu, net, protocol, session, shell, type WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDispatch } from '../api-handlers';
import { appFileFor, appIndexUrl, appScheme, isAppPage } from '../app-protocol';
import { resolveDataDir } from '../app-paths';
import { electronDialogs, forwardEvents, registerIpc } from './ipc';
import { spawnUtilityProcess } from './utility-process';
import { createServices, type Services } from '../services';
import { appVersion } from '../version';

const rendererRoot = path.join(__dirname, '..', 'renderer');

// The renderer is served from app://factor-studio/ (a standard, secure origin), not file://.
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let services: Services | undefined;
let mainWindow: BrowserWindow | undefined;

function isOurPage(url: string): boolean {
  return isAppPage(url);
}

/** Serves the built renderer's files, and nothing outside its folder, on app://. */
function serveRenderer(): void {
  protocol.handle(appScheme, (request) => {
    const file = appFileFor(request.url, rendererRoot);
    return file ? net.fetch(pathToFileURL(file).href) : new Response('Not found', { status: 404 });
  });
}

function lockDown(contents: WebContents): void {
  // No navigation away from our page, no new windows; web links open in the system browser.
  contents.on('will-navigate', (event, url) => {
    if (!isOurPage(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOurPage(url)) event.preventDefault();
  });
  // No <webview>: it would run content outside these settings.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Factor Studio',
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  lockDown(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appIndexUrl);
  return window;
}

async function start(): Promise<void> {
  // Better-sqlite3 built for Electron's ABI sits in its own folder (see scripts/electron-sqlite.mjs).
  // Development only: a packaged app loads the binding it ships, never a path from the environment.
  const sqliteBinding = app.isPackaged ? undefined : process.env['FACTOR_STUDIO_SQLITE_BINDING'] || undefined;
  services = createServices({
    dataDir: resolveDataDir(process.argv),
    mode: 'electron',
    version: appVersion,
    spawn: spawnUtilityProcess,
    workerPath: path.join(__dirname, 'worker.cjs'),
    sqliteBinding,
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  registerIpc(createDispatch(services, console.error, electronDialogs(() => mainWindow)), (sender, frameUrl) => sender === mainWindow?.webContents && isOurPage(frameUrl));
  Menu.setApplicationMenu(null);
  serveRenderer();
  mainWindow = createWindow();
  forwardEvents(services.bus, mainWindow.webContents);
  mainWindow.on('closed', () => (mainWindow = undefined));
  // scripts/start.mjs waits for this line to know Electron really started.
  process.stdout.write('FACTOR_STUDIO_READY\n');
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));
app.on('window-all-closed', () => app.quit());
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !services) return;
  event.preventDefault();
  quitting = true;
  void services.close().finally(() => app.quit());
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => mainWindow?.focus());
  app.setName('Factor Studio');
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // A data folder held by host mode (or a damaged database) ends here: one line, and a box for
      // users who started the app without a terminal.
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Factor Studio ${appVersion} could not start: ${message}`);
      if (app.isReady()) dialog.showErrorBox('Factor Studio could not start', message);
      app.exit(1);
    });
}
