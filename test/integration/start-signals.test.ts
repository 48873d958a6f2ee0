/**
 * `npm start` under a service manager or `timeout`: SIGTERM goes to npm (or to the launcher)
 * only, and host mode must stop with it, not run on orphaned. Real processes: npm, its shell,
 * scripts/start.mjs and host mode (Electron's runtime is absent here, so the launcher falls back
 * to host mode; FACTOR_STUDIO_HOST_MODE makes that explicit).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths';
import { tempDirs } from '../helpers/temp-dir';

/** Pids of live processes whose command line mentions `needle` (here: the test's own data folder). */
function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      const state = /^State:\s+(\w)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1];
      if (cmdline.includes(needle) && state !== 'Z') pids.push(Number(name));
    } catch {
      // Gone while we looked.
    }
  }
  return pids;
}

/** Starts `command` (the launcher, by some route) over dataDir and waits for host mode's address. */
async function launch(command: string, args: string[], dataDir: string): Promise<{ child: ChildProcess; url: string; exited: Promise<{ code: number | null; signal: string | null }> }> {
  const env = { ...process.env, FACTOR_STUDIO_HOST_MODE: '1', DISPLAY: '', WAYLAND_DISPLAY: '' };
  const child = spawn(command, [...args, '--port', '0', '--data-dir', dataDir], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Factor Studio at (\S+)$/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(({ code }) => reject(new Error(`the launcher exited (${code}) before host mode printed its address`)));
  });
  return { child, url, exited };
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(new URL('/', url), { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(process.platform !== 'linux')('npm start stops host mode when it is told to stop', () => {
  const dirs = tempDirs();
  afterEach(() => {
    dirs.removeAll();
  });

  it('SIGTERM to the launcher reaches host mode; the launcher exits with it', async () => {
    const dataDir = dirs.make();
    const { child, url, exited } = await launch(process.execPath, ['scripts/start.mjs'], dataDir);
    try {
      expect(await answers(url)).toBe(true);
      expect(processesWith(dataDir).length).toBeGreaterThanOrEqual(2);
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      await expect.poll(() => processesWith(dataDir), { timeout: 10_000 }).toEqual([]);
      expect(await answers(url)).toBe(false);
    } finally {
      for (const pid of processesWith(dataDir)) process.kill(pid, 'SIGKILL');
    }
  }, 90_000);

  it('SIGTERM to npm (which its shell does not pass on) still stops the launcher and host mode', async () => {
    const dataDir = dirs.make();
    const { child, url, exited } = await launch('npm', ['start', '--'], dataDir);
    try {
      expect(await answers(url)).toBe(true);
      child.kill('SIGTERM');
      await exited;
      // Before the fix both the launcher and host mode ran on here, re-parented to init.
      await expect.poll(() => processesWith(dataDir), { timeout: 10_000 }).toEqual([]);
      expect(await answers(url)).toBe(false);
    } finally {
      for (const pid of processesWith(dataDir)) process.kill(pid, 'SIGKILL');
    }
  }, 90_000);
});
