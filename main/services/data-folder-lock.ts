import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isProcessAlive } from '../engine/core/process-alive';

/**
 * One owner per data folder. The first app, host mode or CLI write command creates
 * <dataDir>/owner.lock with O_EXCL and holds it for its life; only the owner runs recovery
 * (marking unfinished runs interrupted, failing unfinished exports and removing their folders;
 * checkpoint leftovers are swept by their writer's pid instead). A lock whose process is gone (killed,
 * crashed) is stale and taken over; one from another machine (a shared folder) is never taken
 * over, since its process cannot be checked from here.
 */

export type OwnerMode = 'app' | 'host' | 'cli';

export interface LockRecord {
  readonly pid: number;
  readonly mode: OwnerMode;
  readonly startedAt: number;
  readonly hostname: string;
}

export type LockResult = { readonly acquired: true; readonly lock: DataFolderLock } | { readonly acquired: false; readonly holder: LockRecord; readonly file: string };

export const lockFileName = 'owner.lock';

/** Locks this process holds, by file: a record with our own pid that is not here is a stale one (the pid was reused). */
const heldHere = new Set<string>();

export class DataFolderLock {
  private released = false;
  private readonly onExit = () => this.release();

  constructor(
    readonly file: string,
    readonly record: LockRecord,
  ) {
    heldHere.add(file);
    // A normal exit without close() (process.exit in an error path) still frees the folder.
    process.on('exit', this.onExit);
  }

  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.file);
    process.off('exit', this.onExit);
    const current = readRecord(this.file);
    if (current && current.pid === this.record.pid && current.startedAt === this.record.startedAt) unlinkQuietly(this.file);
  }
}

/** Tries once to take the data folder (which must exist); says who holds it when another live process does. */
export function acquireDataFolderLock(dataDir: string, mode: OwnerMode, now: () => number = Date.now): LockResult {
  const file = path.join(dataDir, lockFileName);
  // A few rounds: each stale lock removed, or a takeover seen under way, is followed by a fresh try.
  for (let attempt = 0; attempt < 20; attempt++) {
    const record: LockRecord = { pid: process.pid, mode, startedAt: now(), hostname: os.hostname() };
    if (createExclusive(file, record)) return { acquired: true, lock: new DataFolderLock(file, record) };
    const holder = readRecord(file);
    if (holder === undefined) continue; // removed between our create and read: try again
    if (holder.pid === -1) {
      pause(50); // a lock being written: read it again shortly
      continue;
    }
    if (!isStale(file, holder)) return { acquired: false, holder, file };
    removeStale(file, holder);
  }
  const holder = readRecord(file);
  return { acquired: false, holder: holder ?? { pid: 0, mode: 'app', startedAt: 0, hostname: os.hostname() }, file };
}

/** A short synchronous wait: acquiring runs once at start-up, before anything else is under way. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Who holds the folder now, or null when it is free (or its lock is stale): for the CLI's read commands. */
export function dataFolderOwner(dataDir: string): LockRecord | null {
  const file = path.join(dataDir, lockFileName);
  const holder = readRecord(file);
  return holder && !isStale(file, holder) ? holder : null;
}

const modeNames: Record<OwnerMode, string> = { app: 'the Factor Studio app', host: 'host mode', cli: 'a CLI command' };

/** The one line a second process prints: who holds the folder, since when, and what to do. */
export function heldMessage(dataDir: string, holder: LockRecord): string {
  const since = holder.startedAt > 0 ? ` since ${new Date(holder.startedAt).toISOString()}` : '';
  const where = holder.hostname === os.hostname() ? '' : ` on ${holder.hostname}`;
  return (
    `The data folder ${dataDir} is in use by ${modeNames[holder.mode] ?? holder.mode} (pid ${holder.pid}${where})${since}; ` +
    `close it first, or use another --data-dir (if that process is gone, delete ${path.join(dataDir, lockFileName)}).`
  );
}

/**
 * Creates the file with its whole record or not at all: the record is written to a private
 * temporary file, then hard-linked to the lock's name (link fails if the name exists, like
 * O_EXCL). An O_EXCL create followed by a write would let a racer read the empty file in between.
 */
function createExclusive(file: string, record: LockRecord): boolean {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: O_EXCL, with the short empty window readRecord allows for.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createWithExcl(file, record);
    throw error;
  } finally {
    unlinkQuietly(tmp);
  }
}

function createWithExcl(file: string, record: LockRecord): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** How long an unreadable lock file is taken for one still being written (the O_EXCL fallback) before it counts as stale. */
const unreadableGraceMs = 5000;

/**
 * The record in a lock file; undefined when there is none. A file that does not parse is a
 * writer killed mid-write once it is a few seconds old (read as pid 0: stale), and until then a
 * lock being written (pid -1: held, try again).
 */
function readRecord(file: string): LockRecord | undefined {
  let text: string;
  let age: number;
  try {
    text = readFileSync(file, 'utf8');
    age = Date.now() - statSync(file).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (typeof value.pid === 'number' && typeof value.hostname === 'string') {
      return { pid: value.pid, mode: value.mode ?? 'app', startedAt: value.startedAt ?? 0, hostname: value.hostname };
    }
  } catch {
    // fall through: unreadable
  }
  return { pid: age > unreadableGraceMs ? 0 : -1, mode: 'app', startedAt: 0, hostname: os.hostname() };
}

function isStale(file: string, holder: LockRecord): boolean {
  if (holder.hostname !== os.hostname()) return false;
  if (holder.pid === -1) return false;
  if (holder.pid === 0) return true;
  if (holder.pid === process.pid) return !heldHere.has(file);
  return !isProcessAlive(holder.pid);
}

/**
 * Deletes a stale lock under a short-lived guard file (also O_EXCL), and only if it still holds
 * the stale record: two processes starting at once after a crash cannot both delete and take it
 * (the second re-reads the first one's fresh lock under the guard and leaves it).
 */
function removeStale(file: string, stale: LockRecord): void {
  const guard = `${file}.takeover`;
  const mine: LockRecord = { pid: process.pid, mode: stale.mode, startedAt: Date.now(), hostname: os.hostname() };
  if (!createExclusive(guard, mine)) {
    const other = readRecord(guard);
    // A guard left by a process killed mid-takeover is itself stale.
    if (other && isStale(guard, other)) unlinkQuietly(guard);
    return;
  }
  try {
    const current = readRecord(file);
    if (current && current.pid === stale.pid && current.startedAt === stale.startedAt && isStale(file, current)) unlinkQuietly(file);
  } finally {
    unlinkQuietly(guard);
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
