import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file and flushes it to disk through the same handle (Windows refuses to flush a
 * read-only one), so a later rename never exposes data still in the page cache.
 */
export function writeFileSynced(file: string, data: string | Uint8Array): void {
  const fd = openSync(file, 'w');
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (renames) to disk; a no-op where the OS does not allow it. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open folders for fsync; rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes to a temporary name beside the target, flushes, then renames over it: all or nothing. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSynced(tmp, data);
    renameSync(tmp, file);
    fsyncDir(path.dirname(file));
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
