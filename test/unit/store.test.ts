import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDatabase } from '../../main/store';
import { schemaVersion } from '../../main/store/database';
import { latestSchemaVersion, migrations } from '../../main/store/migrations';
import { tempDir } from '../helpers/temp-dir';

describe('history database', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir.path, 'history.sqlite');
  });
  afterEach(() => dir.remove());

  it('creates a fresh file at the latest schema version, in WAL mode with foreign keys on', () => {
    const db = openDatabase({ file });
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['artifacts', 'datasets', 'exports', 'factor_names', 'metrics', 'projects', 'runs']);
    db.close();
  });

  it('reopens an existing file without re-running migrations and keeps its rows', () => {
    const first = createStore(openDatabase({ file }));
    first.projects.insert({ id: 'p1', name: 'Kept', kind: 'image', createdAt: 1, updatedAt: 1 });
    first.db.close();
    const second = createStore(openDatabase({ file }));
    expect(schemaVersion(second.db)).toBe(latestSchemaVersion);
    expect(second.projects.list().map((p) => p.name)).toEqual(['Kept']);
    second.db.close();
  });

  it('upgrades a version-1 file: runs keep their metrics and artifacts, and can be paused and given factor names', () => {
    const raw = new BetterSqlite3(file);
    migrations[0]!(raw);
    raw.pragma('user_version = 1');
    raw.exec(`INSERT INTO projects VALUES ('p1', 'Old', 'image', 1, 1);
      INSERT INTO runs (id, project_id, kind, config_json, status, step, total_steps, created_at) VALUES ('r1', 'p1', 'image', '{}', 'completed', 9, 9, 2);
      INSERT INTO metrics VALUES ('r1', 'loss', 9, 0.5);
      INSERT INTO artifacts VALUES ('a1', 'r1', 'checkpoint', 'runs/r1/ckpt', 10, 3);`);
    raw.close();
    const store = createStore(openDatabase({ file }));
    expect(schemaVersion(store.db)).toBe(latestSchemaVersion);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.runs.get('r1')).toMatchObject({ status: 'completed', step: 9 });
    expect(store.metrics.series('r1')).toEqual([{ name: 'loss', points: [{ step: 9, value: 0.5 }] }]);
    expect(store.artifacts.listByRun('r1')).toHaveLength(1);
    store.runs.finish('r1', 'paused', 4);
    expect(store.runs.get('r1')?.status).toBe('paused');
    store.factorNames.replace('r1', ['shape']);
    // The rebuilt runs table still cascades: deleting the run removes its rows.
    expect(store.runs.delete('r1')).toBe(true);
    const count = (table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('metrics'), count('artifacts'), count('factor_names')]).toEqual([0, 0, 0]);
    store.db.close();
  });

  it('refuses a database written by a newer version of the app, and leaves it untouched', () => {
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.close();
    expect(() => openDatabase({ file })).toThrow(/newer than this app understands/);
    const check = new BetterSqlite3(file);
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 5);
    check.close();
  });

  it('deleting a project cascades to its runs, metrics and artifacts', () => {
    const store = createStore(openDatabase({ file }));
    store.projects.insert({ id: 'p1', name: 'A', kind: 'image', createdAt: 1, updatedAt: 1 });
    store.projects.insert({ id: 'p2', name: 'B', kind: 'tabular', createdAt: 1, updatedAt: 1 });
    store.runs.insert({ id: 'r1', projectId: 'p1', kind: 'check', config: { steps: 5 }, totalSteps: 5, createdAt: 2 });
    store.runs.insert({ id: 'r2', projectId: 'p2', kind: 'check', config: { steps: 5 }, totalSteps: 5, createdAt: 2 });
    store.metrics.record('r1', 1, { loss: 0.5 });
    store.metrics.record('r2', 1, { loss: 0.7 });
    store.artifacts.insert({ id: 'a1', runId: 'r1', kind: 'checkpoint', path: 'runs/r1/ckpt', bytes: 10, createdAt: 3 });
    expect(store.projects.delete('p1')).toBe(true);
    const count = (table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('runs')).toBe(1);
    expect(count('metrics')).toBe(1);
    expect(count('artifacts')).toBe(0);
    expect(store.runs.get('r2')?.projectId).toBe('p2');
    store.db.close();
  });

  it('rejects a run for a project that does not exist (foreign key)', () => {
    const store = createStore(openDatabase({ file }));
    expect(() => store.runs.insert({ id: 'r1', projectId: 'missing', kind: 'check', config: {}, totalSteps: 1, createdAt: 1 })).toThrow(
      /FOREIGN KEY/,
    );
    store.db.close();
  });

  it('groups metrics into series and overwrites a repeated step', () => {
    const store = createStore(openDatabase({ file }));
    store.projects.insert({ id: 'p1', name: 'A', kind: 'image', createdAt: 1, updatedAt: 1 });
    store.runs.insert({ id: 'r1', projectId: 'p1', kind: 'check', config: {}, totalSteps: 3, createdAt: 1 });
    store.metrics.record('r1', 1, { loss: 3, kl: 1 });
    store.metrics.record('r1', 2, { loss: 2, kl: Number.NaN });
    store.metrics.record('r1', 2, { loss: 1.5 });
    expect(store.metrics.series('r1')).toEqual([
      { name: 'kl', points: [{ step: 1, value: 1 }] },
      { name: 'loss', points: [{ step: 1, value: 3 }, { step: 2, value: 1.5 }] },
    ]);
    store.db.close();
  });

  it('marks runs left queued or running by a previous session as interrupted', () => {
    const store = createStore(openDatabase({ file }));
    store.projects.insert({ id: 'p1', name: 'A', kind: 'image', createdAt: 1, updatedAt: 1 });
    store.runs.insert({ id: 'queued', projectId: 'p1', kind: 'check', config: {}, totalSteps: 3, createdAt: 1 });
    store.runs.insert({ id: 'running', projectId: 'p1', kind: 'check', config: {}, totalSteps: 3, createdAt: 2 });
    store.runs.insert({ id: 'done', projectId: 'p1', kind: 'check', config: {}, totalSteps: 3, createdAt: 3 });
    store.runs.markRunning('running', 'wasm', 5);
    store.runs.finish('done', 'completed', 6, null, 3);
    expect(store.runs.interruptUnfinished(10)).toBe(2);
    expect(store.runs.get('queued')?.status).toBe('interrupted');
    expect(store.runs.get('running')?.error).toMatch(/stopped while this run was in progress/);
    expect(store.runs.get('done')?.status).toBe('completed');
    store.db.close();
  });
});
