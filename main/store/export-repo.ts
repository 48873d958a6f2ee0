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
  /** What was asked for, as JSON (n, fixed factors, conditions, includes, seed). */
  readonly requestJson?: string;
  readonly error?: string | null;
  readonly finishedAt?: number | null;
  /** The finished export's top-level files and folders, as JSON. */
  readonly entriesJson?: string;
}

/** An export row with the name of its project, for lists that span projects (Home). */
export interface ExportListRow extends ExportRow {
  readonly projectName: string;
}

const columns = `e.id, e.project_id AS projectId, e.run_id AS runId, e.format, e.path, e.item_count AS itemCount, e.bytes,
  e.status, e.created_at AS createdAt, e.request_json AS requestJson, e.error, e.finished_at AS finishedAt,
  e.entries_json AS entriesJson, p.name AS projectName`;

export class ExportRepo {
  constructor(private readonly db: Database) {}

  insert(row: ExportRow): void {
    this.db
      .prepare(
        `INSERT INTO exports (id, project_id, run_id, format, path, item_count, bytes, status, created_at, request_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.projectId, row.runId, row.format, row.path, row.itemCount, row.bytes, row.status, row.createdAt, row.requestJson ?? '{}');
  }

  get(id: string): ExportListRow | undefined {
    return this.db.prepare(`SELECT ${columns} FROM exports e JOIN projects p ON p.id = e.project_id WHERE e.id = ?`).get(id) as ExportListRow | undefined;
  }

  /** Newest first, across projects or for one. */
  list(limit: number, projectId?: string): ExportListRow[] {
    const where = projectId === undefined ? '' : 'WHERE e.project_id = ?';
    const args = projectId === undefined ? [limit] : [projectId, limit];
    return this.db
      .prepare(`SELECT ${columns} FROM exports e JOIN projects p ON p.id = e.project_id ${where} ORDER BY e.created_at DESC, e.rowid DESC LIMIT ?`)
      .all(...args) as ExportListRow[];
  }

  complete(id: string, finishedAt: number, itemCount: number, bytes: number, entriesJson: string): void {
    this.db
      .prepare(`UPDATE exports SET status = 'completed', finished_at = ?, item_count = ?, bytes = ?, entries_json = ?, error = NULL WHERE id = ?`)
      .run(finishedAt, itemCount, bytes, entriesJson, id);
  }

  fail(id: string, finishedAt: number, error: string): void {
    this.db.prepare(`UPDATE exports SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`).run(finishedAt, error, id);
  }

  /** Exports a previous app session left running died with it: mark them failed; returns them. */
  failUnfinished(finishedAt: number): ExportRow[] {
    const rows = this.db.prepare(`SELECT ${columns} FROM exports e JOIN projects p ON p.id = e.project_id WHERE e.status = 'running'`).all() as ExportRow[];
    this.db
      .prepare(`UPDATE exports SET status = 'failed', finished_at = ?, error = 'The app stopped while this export was running; export again.' WHERE status = 'running'`)
      .run(finishedAt);
    return rows;
  }
}
