import type { Database } from 'better-sqlite3';
import type { ProjectKind } from '../../shared/models';

export interface ProjectRow {
  readonly id: string;
  readonly name: string;
  readonly kind: ProjectKind;
  readonly createdAt: number;
  readonly updatedAt: number;
}

const columns = 'id, name, kind, created_at AS createdAt, updated_at AS updatedAt';

export class ProjectRepo {
  constructor(private readonly db: Database) {}

  list(): ProjectRow[] {
    return this.db.prepare(`SELECT ${columns} FROM projects ORDER BY updated_at DESC, name`).all() as ProjectRow[];
  }

  get(id: string): ProjectRow | undefined {
    return this.db.prepare(`SELECT ${columns} FROM projects WHERE id = ?`).get(id) as ProjectRow | undefined;
  }

  findByName(name: string): ProjectRow | undefined {
    return this.db
      .prepare(`SELECT ${columns} FROM projects WHERE name = ? COLLATE NOCASE`)
      .get(name) as ProjectRow | undefined;
  }

  insert(row: ProjectRow): void {
    this.db
      .prepare('INSERT INTO projects (id, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(row.id, row.name, row.kind, row.createdAt, row.updatedAt);
  }

  rename(id: string, name: string, updatedAt: number): boolean {
    return this.db.prepare('UPDATE projects SET name = ?, updated_at = ? WHERE id = ?').run(name, updatedAt, id).changes > 0;
  }

  touch(id: string, updatedAt: number): void {
    this.db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(updatedAt, id);
  }

  /** Deletes the project; its datasets, runs, metrics, artifacts and exports go with it (ON DELETE CASCADE). */
  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM projects WHERE id = ?').run(id).changes > 0;
  }
}
