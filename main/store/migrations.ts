import type { Database } from 'better-sqlite3';

/**
 * Schema migrations, one upgrade step per version. PRAGMA user_version holds the version
 * reached; each step runs in its own transaction. Never edit a step that has shipped: add one.
 */
export const migrations: readonly ((db: Database) => void)[] = [
  // 1: the history of projects, datasets, runs, metrics, artifacts and exports.
  (db) => {
    db.exec(`
      CREATE TABLE projects (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('image', 'tabular')),
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX projects_name ON projects (name COLLATE NOCASE);

      CREATE TABLE datasets (
        id           TEXT PRIMARY KEY,
        project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name         TEXT NOT NULL,
        source_kind  TEXT NOT NULL,
        source       TEXT NOT NULL,
        schema_json  TEXT,
        fingerprint  TEXT,
        item_count   INTEGER,
        created_at   INTEGER NOT NULL
      );
      CREATE INDEX datasets_project ON datasets (project_id);

      CREATE TABLE runs (
        id           TEXT PRIMARY KEY,
        project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        dataset_id   TEXT REFERENCES datasets (id) ON DELETE SET NULL,
        kind         TEXT NOT NULL,
        config_json  TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN
                       ('queued', 'running', 'completed', 'cancelled', 'failed', 'interrupted')),
        step         INTEGER NOT NULL DEFAULT 0,
        total_steps  INTEGER NOT NULL,
        backend      TEXT,
        last_loss    REAL,
        error        TEXT,
        created_at   INTEGER NOT NULL,
        started_at   INTEGER,
        finished_at  INTEGER
      );
      CREATE INDEX runs_project ON runs (project_id, created_at);
      CREATE INDEX runs_status ON runs (status);

      CREATE TABLE metrics (
        run_id  TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        name    TEXT NOT NULL,
        step    INTEGER NOT NULL,
        value   REAL NOT NULL,
        PRIMARY KEY (run_id, name, step)
      ) WITHOUT ROWID;

      CREATE TABLE artifacts (
        id          TEXT PRIMARY KEY,
        run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,
        path        TEXT NOT NULL,
        bytes       INTEGER NOT NULL,
        created_at  INTEGER NOT NULL
      );
      CREATE INDEX artifacts_run ON artifacts (run_id);

      CREATE TABLE exports (
        id          TEXT PRIMARY KEY,
        project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        run_id      TEXT REFERENCES runs (id) ON DELETE SET NULL,
        format      TEXT NOT NULL,
        path        TEXT NOT NULL,
        item_count  INTEGER,
        bytes       INTEGER,
        status      TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        created_at  INTEGER NOT NULL
      );
      CREATE INDEX exports_project ON exports (project_id, created_at);
    `);
  },
  // 2: runs can be 'paused' (SQLite cannot alter a CHECK, so the table is rebuilt; migrate()
  // turns foreign keys off meanwhile so metrics and artifacts keep their rows), and factor names.
  (db) => {
    db.exec(`
      CREATE TABLE runs_v2 (
        id           TEXT PRIMARY KEY,
        project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        dataset_id   TEXT REFERENCES datasets (id) ON DELETE SET NULL,
        kind         TEXT NOT NULL,
        config_json  TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN
                       ('queued', 'running', 'paused', 'completed', 'cancelled', 'failed', 'interrupted')),
        step         INTEGER NOT NULL DEFAULT 0,
        total_steps  INTEGER NOT NULL,
        backend      TEXT,
        last_loss    REAL,
        error        TEXT,
        created_at   INTEGER NOT NULL,
        started_at   INTEGER,
        finished_at  INTEGER
      );
      INSERT INTO runs_v2 SELECT id, project_id, dataset_id, kind, config_json, status, step, total_steps, backend,
        last_loss, error, created_at, started_at, finished_at FROM runs;
      DROP TABLE runs;
      ALTER TABLE runs_v2 RENAME TO runs;
      CREATE INDEX runs_project ON runs (project_id, created_at);
      CREATE INDEX runs_status ON runs (status);

      CREATE TABLE factor_names (
        run_id  TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        factor  INTEGER NOT NULL CHECK (factor >= 0),
        name    TEXT NOT NULL,
        PRIMARY KEY (run_id, factor)
      ) WITHOUT ROWID;
    `);
  },
  // 3: exports keep what was asked, why one failed, when it finished and its files.
  (db) => {
    db.exec(`
      ALTER TABLE exports ADD COLUMN request_json TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE exports ADD COLUMN error TEXT;
      ALTER TABLE exports ADD COLUMN finished_at INTEGER;
      ALTER TABLE exports ADD COLUMN entries_json TEXT NOT NULL DEFAULT '[]';
      CREATE INDEX exports_created ON exports (created_at);
    `);
  },
  // 4: the GPU a webgpu run computed on (one line: vendor, architecture, description).
  (db) => {
    db.exec('ALTER TABLE runs ADD COLUMN backend_adapter TEXT;');
  },
  // 5: baselines (issue 19): a single-stage run trained beside an MS-VAE run, tagged with its kind; deleted with it.
  (db) => {
    db.exec(`
      ALTER TABLE runs ADD COLUMN baseline_of TEXT REFERENCES runs (id) ON DELETE CASCADE;
      ALTER TABLE runs ADD COLUMN baseline_kind TEXT;
      CREATE INDEX runs_baseline_of ON runs (baseline_of);
    `);
  },
];

export const latestSchemaVersion = migrations.length;
