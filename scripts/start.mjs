// `npm start`: build if needed, then the Electron app. Where Electron cannot start (no runtime
// and no way to download it, no display...), say so in one line and run host mode instead,
// opened in a Chromium --app window when one is installed, else print its address.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { exitLikeChild, forwardSignals } from './child-signals.mjs';

const args = process.argv.slice(2);
const run = (file, extra = []) => spawnSync(process.execPath, [file, ...extra], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

if (spawnSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1);

/** The Electron binary, downloading it on first use (needs internet once); or the reason there is none. */
function electronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 300_000,
  });
  const binary = probe.stdout.trim();
  if (probe.status === 0 && binary && existsSync(binary)) return { binary };
  return { reason: 'its runtime is not installed and could not be downloaded' };
}

function startElectron(binary) {
  const sqlite = run('scripts/electron-sqlite.mjs');
  if (sqlite.status !== 0) return Promise.resolve('better-sqlite3 could not be built for it');
  const env = { ...process.env, FACTOR_STUDIO_SQLITE_BINDING: sqlite.stdout.trim() };
  const child = spawn(binary, ['.', ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const signalled = forwardSignals(child);
  return new Promise((resolve) => {
    let ready = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'FACTOR_STUDIO_READY') ready = true;
      else process.stdout.write(`${line}\n`);
    });
    child.on('error', (error) => resolve(error.message));
    child.on('exit', (code, signal) => {
      // Told to stop (or the app ran and closed): end with it, no fallback to host mode.
      if (ready || signalled()) return exitLikeChild(code, signal);
      resolve(`it exited before its window opened (${signal ?? `code ${code}`})`);
    });
  });
}

function findChromium() {
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function startHostMode(reason) {
  process.stdout.write(`Electron cannot start here (${reason}); running Factor Studio in host mode instead.\n`);
  const host = spawn(process.execPath, ['out/main/host.cjs', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  forwardSignals(host);
  let window;
  createInterface({ input: host.stdout }).once('line', (line) => {
    process.stdout.write(`${line}\n`);
    const url = /^Factor Studio at (\S+)$/.exec(line)?.[1];
    const chromium = findChromium();
    const display = process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
    if (url && chromium && display) {
      const profile = mkdtempSync(path.join(os.tmpdir(), 'factor-studio-window-'));
      window = spawn(chromium, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking'], {
        stdio: 'ignore',
        detached: true,
      });
      window.unref();
      process.stdout.write('Opened in a Chromium window. Press Ctrl+C here to stop.\n');
    } else {
      process.stdout.write('Open the address above in your browser. Press Ctrl+C here to stop.\n');
    }
  });
  host.on('exit', (code, signal) => {
    // The window would only show a dead page.
    if (window && window.exitCode === null) window.kill();
    exitLikeChild(code, signal);
  });
}

const electron = process.env.FACTOR_STUDIO_HOST_MODE ? { reason: 'FACTOR_STUDIO_HOST_MODE is set' } : electronBinary();
if (electron.binary) {
  const failure = await startElectron(electron.binary);
  startHostMode(failure);
} else {
  startHostMode(electron.reason);
}
