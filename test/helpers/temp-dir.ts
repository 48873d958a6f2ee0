import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder; remove() deletes it and everything in it. */
export function tempDir(prefix = 'factor-studio-test-'): { path: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Many temporary folders for one suite: make() hands out a new one, removeAll() deletes them (afterEach). */
export function tempDirs(): { make(): string; removeAll(): void } {
  const dirs: ReturnType<typeof tempDir>[] = [];
  return {
    make() {
      const d = tempDir();
      dirs.push(d);
      return d.path;
    },
    removeAll: () => dirs.splice(0).forEach((d) => d.remove()),
  };
}
