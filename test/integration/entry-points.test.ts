import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { cliEntry, hostEntry } from '../helpers/paths';
import { tempDir } from '../helpers/temp-dir';

describe('entry points', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const dataDir = () => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };

  it('host mode prints exactly its address as the first stdout line and answers there', async () => {
    const child = spawn(process.execPath, [hostEntry, '--port', '0', '--data-dir', dataDir()], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
      });
      const match = /^Factor Studio at (http:\/\/127\.0\.0\.1:(\d+)\/)#token=([\w-]+)$/.exec(firstLine);
      expect(match, firstLine).not.toBeNull();
      const [, base, , token] = match ?? [];
      const reply = await fetch(`${base}api/projects.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      });
      expect(await reply.json()).toEqual({ ok: true, value: [] });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('host mode honours --port and explains a bad one', () => {
    const result = spawnSync(process.execPath, [hostEntry, '--port', 'eighty', '--data-dir', dataDir()], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--port expects a number/);
  });

  it('the CLI creates and lists projects as JSON in the data folder it is given', () => {
    const dir = dataDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args, '--data-dir', dir], { encoding: 'utf8' });
    expect(run('projects', 'create', 'From CLI', '--kind', 'tabular', '--json').status).toBe(0);
    const listed = run('projects', 'list', '--json');
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'From CLI', kind: 'tabular', latestRun: null })]);
    const dup = run('projects', 'create', 'from cli');
    expect(dup.status).toBe(1);
    expect(dup.stderr).toMatch(/^error: A project named "From CLI" already exists/);
    expect(dup.stderr).not.toMatch(/at .*\.cjs/);
  });

  it('FACTOR_STUDIO_DATA chooses the data folder when --data-dir is absent', () => {
    const dir = dataDir();
    const env = { ...process.env, FACTOR_STUDIO_DATA: dir };
    spawnSync(process.execPath, [cliEntry, 'projects', 'create', 'Env'], { env });
    const listed = spawnSync(process.execPath, [cliEntry, 'projects', 'list', '--json'], { env, encoding: 'utf8' });
    expect(JSON.parse(listed.stdout)).toHaveLength(1);
  });

  it('the CLI prints help and rejects unknown commands clearly', () => {
    expect(spawnSync(process.execPath, [cliEntry, '--help'], { encoding: 'utf8' }).stdout).toMatch(/projects list/);
    const bad = spawnSync(process.execPath, [cliEntry, 'frobnicate', '--data-dir', dataDir()], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});

describe('npm start where Electron cannot start', () => {
  it('says so in one line, then runs host mode and prints its address', async () => {
    const data = tempDir();
    const noElectron = tempDir();
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noElectron.path, DISPLAY: '', WAYLAND_DISPLAY: '' };
    const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--data-dir', data.path], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const lines: string[] = [];
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (lines.length === 3) resolve();
        });
        child.once('exit', (code) => reject(new Error(`start exited with ${code}: ${lines.join(' | ')}`)));
      });
      expect(lines[0]).toMatch(/^Electron cannot start here \(.+\); running Factor Studio in host mode instead\.$/);
      expect(lines[1]).toMatch(/^Factor Studio at http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+$/);
      expect(lines[2]).toMatch(/Open the address above in your browser/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      data.remove();
      noElectron.remove();
    }
  });
});
