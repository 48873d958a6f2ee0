import BetterSqlite3 from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project, RunSummary } from '../../shared/models';
import { forkComputeProcess } from '../../main/jobs/compute-process';
import { lockFileName } from '../../main/services/data-folder-lock';
import { createServices, databaseFileName } from '../../main/services';
import { DataFolderInUseError } from '../../main/services/errors';
import { cliEntry, hostEntry, workerPath } from '../helpers/paths';
import { testServicesAt } from '../helpers/services';
import { tempDir } from '../helpers/temp-dir';

interface Host {
  readonly process: ChildProcess;
  api<T>(method: string, input: unknown): Promise<{ ok: boolean; value: T; error?: { message: string } }>;
}

/** Host mode as a real process; resolves once it prints its address. */
async function startHost(dataDir: string): Promise<Host> {
  const child = spawn(process.execPath, [hostEntry, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  // The token rides in the query or the fragment, depending on the host's version.
  const [, base, token] = /^Factor Studio at (http:\/\/[^/]+\/)\S*?[?#]token=([^&\s]+)/.exec(line) ?? [];
  if (!base) throw new Error(`host printed: ${line}`);
  return {
    process: child,
    async api(method, input) {
      const response = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
      return (await response.json()) as never;
    },
  };
}

const readLock = (dataDir: string) => JSON.parse(readFileSync(path.join(dataDir, lockFileName), 'utf8')) as { pid: number; mode: string };

describe('one owner per data folder (host mode, a second host, the CLI: real processes)', () => {
  const data = tempDir();
  const dataDir = path.join(data.path, 'data');
  const cli = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 60_000 });
  let host: Host;
  let project: Project;
  let run: RunSummary;
  const runStatus = async () => (await host.api<RunSummary>('runs.get', { id: run.id })).value;
  const exportId = 'e-in-progress';
  let staging = '';

  beforeAll(async () => {
    host = await startHost(dataDir);
    project = (await host.api<Project>('projects.create', { name: 'Owned' })).value;
    run = (await host.api<RunSummary>('runs.startCheck', { projectId: project.id, steps: 1_000_000 })).value;
    for (const deadline = Date.now() + 30_000; (await runStatus()).step <= 20; ) {
      if (Date.now() > deadline) throw new Error('the run did not start training');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // An export the owner is writing: its row says running and its staging folder holds files.
    staging = path.join(dataDir, 'projects', project.id, 'exports', `.${exportId}.partial`);
    mkdirSync(staging, { recursive: true });
    writeFileSync(path.join(staging, 'part-0001.png'), 'half-written');
    const db = new BetterSqlite3(path.join(dataDir, databaseFileName));
    db.pragma('busy_timeout = 5000');
    db.prepare("INSERT INTO exports (id, project_id, run_id, format, path, status, created_at) VALUES (?, ?, NULL, 'png', ?, 'running', ?)").run(exportId, project.id, staging, Date.now());
    db.close();
  });
  afterAll(async () => {
    if (host.process.exitCode === null) {
      host.process.kill('SIGKILL');
      await new Promise((resolve) => host.process.once('exit', resolve));
    }
    data.remove();
  });

  it('host mode holds the folder: owner.lock names its pid and mode; the folder is private to its user', () => {
    expect(readLock(dataDir)).toMatchObject({ pid: host.process.pid, mode: 'host' });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('the CLI reads beside it (projects list) and changes nothing: the live run keeps running, the export keeps its folder', async () => {
    const before = (await runStatus()).step;
    const listed = cli('projects', 'list', '--json');
    expect(listed.status, listed.stderr).toBe(0);
    const projects = JSON.parse(listed.stdout) as Project[];
    expect(projects.map((p) => p.name)).toEqual(['Owned']);
    expect(projects[0]?.latestRun?.status).toBe('running');
    const text = cli('projects', 'list');
    expect(text.stdout).toContain('(last run: running)');

    const after = await runStatus();
    expect(after.status).toBe('running');
    expect(after.error).toBeNull();
    await expect.poll(async () => (await runStatus()).step, { timeout: 30_000 }).toBeGreaterThan(before);
    expect(existsSync(path.join(staging, 'part-0001.png'))).toBe(true);
    const exports = (await host.api<{ id: string; status: string }[]>('exports.list', { projectId: project.id })).value;
    expect(exports.find((e) => e.id === exportId)?.status).toBe('running');
    expect(readLock(dataDir).pid).toBe(host.process.pid);
  });

  it('a second host mode on the folder says in one line which process holds it, and exits non-zero', () => {
    const started = Date.now();
    const second = spawnSync(process.execPath, [hostEntry, '--port', '0', '--data-dir', dataDir], { encoding: 'utf8', timeout: 30_000 });
    expect(second.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    const lines = second.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`in use by host mode (pid ${host.process.pid})`);
    expect(second.stdout).toBe('');
    expect(readLock(dataDir).pid).toBe(host.process.pid);
  });

  it('CLI write commands refuse with that line and write nothing: projects create, train into the folder', async () => {
    const create = cli('projects', 'create', 'Sneaky');
    expect(create.status, create.stderr).toBe(1);
    expect(create.stderr.trim()).toMatch(new RegExp(`^error: The data folder .* is in use by host mode \\(pid ${host.process.pid}\\)[^\\n]*$`));
    expect((await host.api<Project[]>('projects.list', {})).value.map((p) => p.name)).toEqual(['Owned']);

    const runDir = path.join(dataDir, 'projects', project.id, 'runs', run.id);
    const train = cli('train', '--data', 'dsprites', '--stage1-steps', '2', '--stage2-steps', '0', '--out', runDir);
    expect(train.status, train.stderr).toBe(1);
    expect(train.stderr).toContain(`(pid ${host.process.pid})`);
    expect(existsSync(path.join(runDir, 'run.json'))).toBe(false);
    expect((await runStatus()).status).toBe('running');
  });

  it('deleting the project while its run trains is refused with a clear message; after a cancel it deletes whole', async () => {
    const refused = await host.api('projects.delete', { id: project.id });
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toMatch(/"Owned" has a run that is still in progress: pause or cancel it before deleting the project/);
    expect((await runStatus()).status).toBe('running');
    expect(existsSync(path.join(dataDir, 'projects', project.id))).toBe(true);

    await host.api('runs.cancel', { id: run.id });
    await expect.poll(async () => (await runStatus()).status, { timeout: 30_000 }).toBe('cancelled');
    // The export row the test planted still says running: that too holds the delete back.
    const stillExporting = await host.api('projects.delete', { id: project.id });
    expect(stillExporting.error?.message).toMatch(/export still being written/);
  });

  it('once host mode stops, the lock is gone and a CLI write command takes the folder for its duration only', async () => {
    host.process.kill('SIGTERM');
    await new Promise((resolve) => host.process.once('exit', resolve));
    expect(existsSync(path.join(dataDir, lockFileName))).toBe(false);
    const create = cli('projects', 'create', 'After', '--json');
    expect(create.status, create.stderr).toBe(0);
    expect(existsSync(path.join(dataDir, lockFileName))).toBe(false);
    // As owner it ran recovery: the export the stopped host left running is failed and its folder removed.
    expect(existsSync(staging)).toBe(false);
    const listed = JSON.parse(cli('projects', 'list', '--json').stdout) as Project[];
    expect(listed.map((p) => p.name).sort()).toEqual(['After', 'Owned']);
  });
});

describe('createServices: owner and reader in one process', () => {
  const reader = (dataDir: string) => createServices({ dataDir, access: 'reader', mode: 'host', version: 'test', spawn: forkComputeProcess, workerPath });

  it('a second owner is refused with DataFolderInUseError naming this pid; a reader sees the owner\'s rows', async () => {
    const data = tempDir();
    const owner = testServicesAt(data.path);
    try {
      owner.services.projects.create('Mine', 'image');
      let thrown: unknown;
      try {
        testServicesAt(data.path);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DataFolderInUseError);
      expect((thrown as Error).message).toContain(`(pid ${process.pid})`);
      const beside = reader(data.path);
      expect(beside.projects.list().map((p) => p.name)).toEqual(['Mine']);
      await beside.close();
    } finally {
      await owner.dispose();
      data.remove();
    }
  });

  it('a reader on a folder that does not exist yet creates nothing and reads as empty', async () => {
    const data = tempDir();
    const missing = path.join(data.path, 'not-yet');
    const services = reader(missing);
    expect(services.projects.list()).toEqual([]);
    await services.close();
    expect(existsSync(missing)).toBe(false);
    data.remove();
  });
});
