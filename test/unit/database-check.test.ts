import BetterSqlite3 from 'better-sqlite3';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDatabase } from '../../main/store';
import { DatabaseCorruptError } from '../../main/store/database';
import { tempDir } from '../helpers/temp-dir';

/** A history file with enough projects to span many pages, written and closed (WAL folded in). */
function writeHistory(file: string, projects: number): void {
  const store = createStore(openDatabase({ file }));
  for (let i = 0; i < projects; i++) {
    store.projects.insert({ id: `p${i}`, name: `Project ${i} ${'x'.repeat(200)}`, kind: 'image', createdAt: i, updatedAt: i });
  }
  store.db.close();
}

/** The page numbers (1-based) that hold the projects table's rows: pages open never reads. */
function projectLeafPages(file: string): number[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT pageno FROM dbstat WHERE name = 'projects' AND pagetype = 'leaf'").all() as { pageno: number }[];
    return rows.map((r) => r.pageno);
  } catch {
    return [];
  } finally {
    db.close();
  }
}

describe('a damaged history database is found on open', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir.path, 'factor-studio.sqlite');
  });
  afterEach(() => dir.remove());

  it('fails with a message naming the file and saying to restore a backup, when a data page is overwritten', () => {
    writeHistory(file, 300);
    const pageSize = 4096;
    const pages = projectLeafPages(file);
    // dbstat may be missing from a build: then a page in the middle of the file is the projects' data.
    const victim = pages.length > 2 ? pages[Math.floor(pages.length / 2)]! : Math.floor(readFileSync(file).length / pageSize / 2) + 1;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (victim - 1) * pageSize);
    closeSync(fd);

    let thrown: unknown;
    try {
      openDatabase({ file }).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DatabaseCorruptError);
    expect((thrown as Error).message).toContain(file);
    expect((thrown as Error).message).toMatch(/damaged .*restore a backup or copy/);
  });

  it('fails the same way for a file that is not a database at all, and read-only opens check too', () => {
    writeFileSync(file, Buffer.alloc(64 * 1024, 0x37));
    expect(() => openDatabase({ file })).toThrow(DatabaseCorruptError);
    expect(() => openDatabase({ file, readonly: true })).toThrow(/factor-studio\.sqlite is damaged/);
  });

  it('opens a whole file as before', () => {
    writeHistory(file, 300);
    const store = createStore(openDatabase({ file }));
    expect(store.projects.list()).toHaveLength(300);
    store.db.close();
  });
});
