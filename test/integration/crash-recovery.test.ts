import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import type { Project, RunSummary } from '../../shared/models';
import { databaseFileName } from '../../main/services';
import { hostEntry } from '../helpers/paths';
import { testServicesAt } from '../helpers/services';
import { tempDir } from '../helpers/temp-dir';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Host mode as a real process on a data folder, with a token-holding API caller. */
async function startHost(dataDir: string) {
  const process_ = spawn(process.execPath, [hostEntry, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'ignore'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: process_.stdout! }).once('line', resolve));
  const [, base, token] = /^Factor Studio at (http:\/\/[^/]+\/)#token=(\S+)$/.exec(line) ?? [];
  const api = async <T>(method: string, input: unknown): Promise<T> => {
    const response = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
    const body = (await response.json()) as { ok: boolean; value: T };
    return body.value;
  };
  return { process: process_, api };
}

describe('kill -9 of host mode while a run is writing', () => {
  const data = tempDir();
  afterAll(() => data.remove());

  it('leaves a database that passes integrity_check, marks the run interrupted, and lets its compute process go', async () => {
    const host = spawn(process.execPath, [hostEntry, '--port', '0', '--data-dir', data.path], { stdio: ['ignore', 'pipe', 'ignore'] });
    const line = await new Promise<string>((resolve) => createInterface({ input: host.stdout! }).once('line', resolve));
    const [, base, token] = /^Factor Studio at (http:\/\/[^/]+\/)#token=(\S+)$/.exec(line) ?? [];
    const api = async <T>(method: string, input: unknown): Promise<T> => {
      const response = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
      const body = (await response.json()) as { ok: boolean; value: T };
      return body.value;
    };
    const project = await api<Project>('projects.create', { name: 'Overnight' });
    const run = await api<RunSummary>('runs.startCheck', { projectId: project.id, steps: 1_000_000 });
    // Wait until the run is writing progress and metrics to the database.
    await expect.poll(async () => (await api<RunSummary>('runs.get', { id: run.id })).step, { timeout: 30_000 }).toBeGreaterThan(50);
    host.kill('SIGKILL');
    await new Promise((resolve) => host.once('exit', resolve));

    const db = new BetterSqlite3(path.join(data.path, databaseFileName));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    const restarted = testServicesAt(data.path);
    try {
      const after = restarted.services.runs.get(run.id);
      expect(after.status).toBe('interrupted');
      expect(after.error).toMatch(/stopped while this run was in progress/);
      expect(after.step).toBeGreaterThan(50);
      expect(restarted.services.projects.list().map((p) => p.name)).toEqual(['Overnight']);
    } finally {
      await restarted.dispose();
    }
  });

  it('repeated at seeded random moments of a run and a burst of writes, every restart finds the database whole', async () => {
    const repeated = tempDir();
    let seed = 6;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const confirmed: string[] = [];
    const runs: string[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const host = await startHost(repeated.path);
        const project = await host.api<Project>('projects.create', { name: `Night ${i}` });
        confirmed.push(project.name);
        const run = await host.api<RunSummary>('runs.startCheck', { projectId: project.id, steps: 1_000_000 });
        runs.push(run.id);
        await expect.poll(async () => (await host.api<RunSummary>('runs.get', { id: run.id })).step, { timeout: 30_000 }).toBeGreaterThan(5);
        // Writes in flight when the kill lands: creates and renames the test does not wait for.
        for (let j = 0; j < 20; j++) void host.api('projects.create', { name: `Burst ${i}-${j}` }).catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, Math.round(random() * 300)));
        host.process.kill('SIGKILL');
        await new Promise((resolve) => host.process.once('exit', resolve));
        const db = new BetterSqlite3(path.join(repeated.path, databaseFileName));
        expect(db.pragma('integrity_check', { simple: true }), `after kill ${i + 1}`).toBe('ok');
        db.close();
      }
      const restarted = testServicesAt(repeated.path);
      try {
        const names = restarted.services.projects.list().map((p) => p.name);
        expect(names).toEqual(expect.arrayContaining(confirmed));
        // A write either happened whole or not at all: no half-made project.
        expect(names.every((n) => /^(Night|Burst) \d/.test(n))).toBe(true);
        for (const id of runs) expect(restarted.services.runs.get(id).status).toBe('interrupted');
      } finally {
        await restarted.dispose();
      }
    } finally {
      repeated.remove();
    }
  });

  it('the orphaned compute process exits by itself when its parent dies', async () => {
    // A worker started by a parent we kill: the IPC channel closes and the worker exits.
    const parent = spawn(process.execPath, ['-e', `
      const { fork } = require('node:child_process');
      const child = fork(${JSON.stringify(path.join(path.dirname(hostEntry), 'worker.cjs'))}, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      child.send({ type: 'start', jobId: 'orphan', spec: { kind: 'check', steps: 1000000, seed: 1 } });
      child.on('message', (m) => { if (m.type === 'progress') { console.log(child.pid); } });
    `], { stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = Number(await new Promise<string>((resolve) => createInterface({ input: parent.stdout! }).once('line', resolve)));
    expect(isAlive(pid)).toBe(true);
    parent.kill('SIGKILL');
    await expect.poll(() => isAlive(pid), { timeout: 10_000 }).toBe(false);
  });
});
