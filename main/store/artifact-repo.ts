import type { Database } from 'better-sqlite3';

export interface ArtifactRow {
  readonly id: string;
  readonly runId: string;
  readonly kind: string;
  /** Relative to the project's folder. */
  readonly path: string;
  readonly bytes: number;
  readonly createdAt: number;
}

export class ArtifactRepo {
  constructor(private readonly db: Database) {}

  insert(row: ArtifactRow): void {
    this.db
      .prepare('INSERT INTO artifacts (id, run_id, kind, path, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.id, row.runId, row.kind, row.path, row.bytes, row.createdAt);
  }

  listByRun(runId: string): ArtifactRow[] {
    return this.db
      .prepare(
        'SELECT id, run_id AS runId, kind, path, bytes, created_at AS createdAt FROM artifacts WHERE run_id = ? ORDER BY created_at',
      )
      .all(runId) as ArtifactRow[];
  }
}
