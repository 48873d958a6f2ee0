import BetterSqlite3, { type Database } from 'better-sqlite3';
import { latestSchemaVersion, migrations } from './migrations';

export interface OpenDatabaseOptions {
  /** Path of the database file; ':memory:' for a throwaway one. */
  readonly file: string;
  /**
   * Path of a better_sqlite3.node built for this runtime. Electron passes its own build
   * (its ABI differs from Node's); Node uses the package's default.
   */
  readonly nativeBinding?: string;
}

/** Opens (creating if needed) the history database: WAL, foreign keys, migrated to the latest version. */
export function openDatabase(options: OpenDatabaseOptions): Database {
  const db = new BetterSqlite3(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies each missing migration step in its own transaction, with foreign keys off (a step may
 * rebuild a table, SQLite's way to change a constraint) and checked before they come back on.
 */
export function migrate(db: Database): void {
  const current = schemaVersion(db);
  if (current > latestSchemaVersion) {
    throw new Error(
      `The history database is version ${current}, newer than this app understands (${latestSchemaVersion}). ` +
        'Update Factor Studio to open it.',
    );
  }
  if (current === latestSchemaVersion) return;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (let version = current; version < latestSchemaVersion; version++) {
      const step = migrations[version];
      if (!step) throw new Error(`missing migration step ${version + 1}`);
      db.transaction(() => {
        step(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration step ${version + 1} left ${broken.length} broken reference(s)`);
        db.pragma(`user_version = ${version + 1}`);
      })();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
