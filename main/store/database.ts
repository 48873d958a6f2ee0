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
  /**
   * Open without writing anything: no migration, no pragmas that change the file. For a CLI read
   * command beside the folder's owner; the file must exist and be at this app's schema version.
   */
  readonly readonly?: boolean;
}

/** The database file is damaged: SQLite's quick_check failed, or the file is not a database at all. */
export class DatabaseCorruptError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `The history database ${file} is damaged (${detail}). Close Factor Studio, keep this file aside, ` +
        'and restore a backup or copy of it (the project folders beside it are untouched).',
    );
    this.name = 'DatabaseCorruptError';
  }
}

/**
 * Opens (creating if needed) the history database: checked (quick_check), WAL, foreign keys,
 * migrated to the latest version. Read-only: checked and version-matched, nothing written.
 */
export function openDatabase(options: OpenDatabaseOptions): Database {
  const db = openFile(options);
  try {
    checkIntact(db, options.file);
    if (options.readonly) {
      db.pragma('busy_timeout = 5000');
      const version = schemaVersion(db);
      if (version !== latestSchemaVersion) {
        throw new Error(`The history database ${options.file} is version ${version}, this app reads version ${latestSchemaVersion}; open it with the app first.`);
      }
      return db;
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw isCorruption(error) ? new DatabaseCorruptError(options.file, (error as Error).message) : error;
  }
}

function openFile(options: OpenDatabaseOptions): Database {
  const settings = { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(options.readonly ? { readonly: true, fileMustExist: true } : {}) };
  try {
    return new BetterSqlite3(options.file, settings);
  } catch (error) {
    throw isCorruption(error) ? new DatabaseCorruptError(options.file, (error as Error).message) : error;
  }
}

/**
 * A damaged file is found on open, not half-way through a user's action: quick_check reads every
 * page (cheaper than integrity_check, which also checks indexes against tables).
 */
function checkIntact(db: Database, file: string): void {
  if (file === ':memory:') return;
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) throw new DatabaseCorruptError(file, problems.slice(0, 3).join('; '));
}

/** SQLite's codes for a damaged or foreign file. */
function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT_'));
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
