import { buildSync } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataFolderLock, dataFolderOwner, heldMessage, lockFileName, type LockResult } from '../../main/services/data-folder-lock';
import { repoRoot } from '../helpers/paths';
import { tempDir, tempDirs } from '../helpers/temp-dir';

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

const writeLock = (dir: string, record: object | string) => writeFileSync(path.join(dir, lockFileName), typeof record === 'string' ? record : JSON.stringify(record));
const acquired = (result: LockResult) => {
  if (!result.acquired) throw new Error(`expected the lock, held by ${result.holder.pid}`);
  return result.lock;
};

describe('data folder lock', () => {
  const dirs = tempDirs();
  afterEach(() => dirs.removeAll());

  it('is exclusive while held, says who holds it, and is free again once released', () => {
    const dir = dirs.make();
    const lock = acquired(acquireDataFolderLock(dir, 'host'));
    const record = JSON.parse(readFileSync(path.join(dir, lockFileName), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ pid: process.pid, mode: 'host', hostname: os.hostname() });
    const second = acquireDataFolderLock(dir, 'cli');
    expect(second.acquired).toBe(false);
    if (!second.acquired) {
      expect(second.holder).toMatchObject({ pid: process.pid, mode: 'host' });
      const line = heldMessage(dir, second.holder);
      expect(line).not.toContain('\n');
      expect(line).toContain(`host mode (pid ${process.pid})`);
    }
    expect(dataFolderOwner(dir)?.pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path.join(dir, lockFileName))).toBe(false);
    expect(dataFolderOwner(dir)).toBeNull();
    acquired(acquireDataFolderLock(dir, 'cli')).release();
  });

  it('takes over a stale lock: a dead pid, an unreadable file left a while ago, or our own pid left by an earlier process', () => {
    for (const stale of [{ pid: deadPid(), mode: 'host', startedAt: 1, hostname: os.hostname() }, '{"pid": 12', { pid: process.pid, mode: 'app', startedAt: 1, hostname: os.hostname() }]) {
      const dir = dirs.make();
      writeLock(dir, stale);
      const minuteAgo = new Date(Date.now() - 60_000);
      utimesSync(path.join(dir, lockFileName), minuteAgo, minuteAgo);
      expect(dataFolderOwner(dir)).toBeNull();
      const lock = acquired(acquireDataFolderLock(dir, 'app'));
      expect(JSON.parse(readFileSync(path.join(dir, lockFileName), 'utf8'))).toMatchObject({ pid: process.pid, mode: 'app' });
      lock.release();
    }
  });

  it('an unreadable lock written just now is one being written: not taken over', () => {
    const dir = dirs.make();
    writeLock(dir, '');
    expect(acquireDataFolderLock(dir, 'host').acquired).toBe(false);
    expect(readFileSync(path.join(dir, lockFileName), 'utf8')).toBe('');
  });

  it('never takes over a lock written on another machine (its process cannot be checked from here)', () => {
    const dir = dirs.make();
    writeLock(dir, { pid: deadPid(), mode: 'app', startedAt: Date.UTC(2026, 0, 2), hostname: 'other-laptop' });
    const result = acquireDataFolderLock(dir, 'host');
    expect(result.acquired).toBe(false);
    if (!result.acquired) expect(heldMessage(dir, result.holder)).toMatch(/the Factor Studio app \(pid \d+ on other-laptop\) since 2026-01-02T00:00:00.000Z.*delete .*owner\.lock/);
  });

  it('does not remove a lock that a later owner took (release checks the record is still its own)', () => {
    const dir = dirs.make();
    const lock = acquired(acquireDataFolderLock(dir, 'host'));
    const someoneElse = { pid: process.ppid, mode: 'app', startedAt: 7, hostname: os.hostname() };
    writeLock(dir, someoneElse);
    lock.release();
    expect(JSON.parse(readFileSync(path.join(dir, lockFileName), 'utf8'))).toEqual(someoneElse);
  });
});

describe('data folder lock across real processes', () => {
  const build = tempDir();
  const bundle = path.join(build.path, 'lock.cjs');
  beforeAll(() => {
    buildSync({ entryPoints: [path.join(repoRoot, 'main/services/data-folder-lock.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent' });
  });
  afterAll(() => build.remove());

  /**
   * A process that tries for the lock at `at` (ms since epoch) and prints the outcome; a winner
   * holds the lock until its stdin closes, so a slow starter cannot win after it let go.
   */
  function contender(dir: string, at: number) {
    const script = `
      const { acquireDataFolderLock } = require(${JSON.stringify(bundle)});
      setTimeout(() => {
        const r = acquireDataFolderLock(${JSON.stringify(dir)}, 'host');
        process.stdout.write(JSON.stringify(r.acquired ? { won: true, pid: process.pid } : { won: false, holder: r.holder.pid }));
        process.stdin.resume();
        process.stdin.on('end', () => { if (r.acquired) r.lock.release(); process.exit(0); });
      }, Math.max(0, ${at} - Date.now()));`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    const report = new Promise<{ won: boolean; pid?: number; holder?: number }>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as { won: boolean })));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    return { report, finish: () => (child.stdin.end(), exited) };
  }

  it('six processes racing for a folder with a stale lock: exactly one wins, the rest name it', async () => {
    const dirs = tempDirs();
    try {
      for (let round = 0; round < 3; round++) {
        const dir = dirs.make();
        writeLock(dir, { pid: deadPid(), mode: 'host', startedAt: 1, hostname: os.hostname() });
        const at = Date.now() + 700;
        const contenders = Array.from({ length: 6 }, () => contender(dir, at));
        const results = await Promise.all(contenders.map((c) => c.report));
        await Promise.all(contenders.map((c) => c.finish()));
        const winners = results.filter((r) => r.won);
        expect(winners, JSON.stringify(results)).toHaveLength(1);
        for (const loser of results.filter((r) => !r.won)) expect(loser.holder).toBe(winners[0]?.pid);
        // The winner released on its way out: the folder is free again.
        expect(existsSync(path.join(dir, lockFileName))).toBe(false);
      }
    } finally {
      dirs.removeAll();
    }
  });

  it('a process that exits without releasing (process.exit) still frees the folder; one killed leaves a stale lock that is taken over', async () => {
    const dir = tempDir();
    try {
      const exited = spawnSync(process.execPath, ['-e', `const { acquireDataFolderLock } = require(${JSON.stringify(bundle)}); acquireDataFolderLock(${JSON.stringify(dir.path)}, 'cli'); process.exit(3);`]);
      expect(exited.status).toBe(3);
      expect(existsSync(path.join(dir.path, lockFileName))).toBe(false);

      const killed = spawn(process.execPath, ['-e', `const { acquireDataFolderLock } = require(${JSON.stringify(bundle)}); acquireDataFolderLock(${JSON.stringify(dir.path)}, 'host'); console.log('held'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((resolve) => killed.stdout.once('data', resolve));
      expect(dataFolderOwner(dir.path)).toMatchObject({ pid: killed.pid, mode: 'host' });
      expect(acquireDataFolderLock(dir.path, 'app').acquired).toBe(false);
      killed.kill('SIGKILL');
      await new Promise((resolve) => killed.once('exit', resolve));
      expect(existsSync(path.join(dir.path, lockFileName))).toBe(true);
      acquired(acquireDataFolderLock(dir.path, 'app')).release();
    } finally {
      dir.remove();
    }
  });
});
