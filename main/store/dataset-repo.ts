import type { Database } from 'better-sqlite3';

export interface DatasetRow {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  /** 'builtin', 'folder' or 'file'. */
  readonly sourceKind: string;
  /** A built-in dataset's name, or an absolute path. */
  readonly source: string;
  readonly schemaJson: string | null;
  readonly fingerprint: string | null;
  readonly itemCount: number | null;
  readonly createdAt: number;
}

export class DatasetRepo {
  constructor(private readonly db: Database) {}

  insert(row: DatasetRow): void {
    this.db
      .prepare(
        `INSERT INTO datasets (id, project_id, name, source_kind, source, schema_json, fingerprint, item_count, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.projectId, row.name, row.sourceKind, row.source, row.schemaJson, row.fingerprint, row.itemCount, row.createdAt);
  }

  listByProject(projectId: string): DatasetRow[] {
    return this.db
      .prepare(
        `SELECT id, project_id AS projectId, name, source_kind AS sourceKind, source, schema_json AS schemaJson,
           fingerprint, item_count AS itemCount, created_at AS createdAt
         FROM datasets WHERE project_id = ? ORDER BY created_at`,
      )
      .all(projectId) as DatasetRow[];
  }
}
