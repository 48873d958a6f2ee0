import type { Database } from 'better-sqlite3';

export interface ExportRow {
  readonly id: string;
  readonly projectId: string;
  readonly runId: string | null;
  readonly format: string;
  readonly path: string;
  readonly itemCount: number | null;
  readonly bytes: number | null;
  readonly status: 'running' | 'completed' | 'failed';
  readonly createdAt: number;
}

export class ExportRepo {
  constructor(private readonly db: Database) {}

  insert(row: ExportRow): void {
    this.db
      .prepare(
        `INSERT INTO exports (id, project_id, run_id, format, path, item_count, bytes, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.projectId, row.runId, row.format, row.path, row.itemCount, row.bytes, row.status, row.createdAt);
  }

  listRecent(limit: number): ExportRow[] {
    return this.db
      .prepare(
        `SELECT id, project_id AS projectId, run_id AS runId, format, path, item_count AS itemCount, bytes, status,
           created_at AS createdAt
         FROM exports ORDER BY created_at DESC LIMIT ?`,
      )
      .all(limit) as ExportRow[];
  }
}
