import type { Database } from 'better-sqlite3';
import type { BaselineKind } from '../../shared/baselines';
import type { RunKind, RunStatus, RunSummary } from '../../shared/models';

export interface NewRunRow {
  readonly id: string;
  readonly projectId: string;
  readonly kind: RunKind;
  readonly config: unknown;
  readonly totalSteps: number;
  readonly createdAt: number;
  /** For a baseline: the MS-VAE run it is trained beside, and which baseline it is. */
  readonly baseline?: { readonly of: string; readonly kind: BaselineKind };
}

const columns = `id, project_id AS projectId, kind, status, step, total_steps AS totalSteps, backend, backend_adapter AS backendAdapter,
  last_loss AS lastLoss, error, created_at AS createdAt, started_at AS startedAt, finished_at AS finishedAt,
  baseline_of AS baselineOf, baseline_kind AS baselineKind`;

export class RunRepo {
  constructor(private readonly db: Database) {}

  insert(row: NewRunRow): void {
    this.db
      .prepare(
        `INSERT INTO runs (id, project_id, kind, config_json, status, total_steps, created_at, baseline_of, baseline_kind)
         VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
      )
      .run(row.id, row.projectId, row.kind, JSON.stringify(row.config), row.totalSteps, row.createdAt, row.baseline?.of ?? null, row.baseline?.kind ?? null);
  }

  get(id: string): RunSummary | undefined {
    return this.db.prepare(`SELECT ${columns} FROM runs WHERE id = ?`).get(id) as RunSummary | undefined;
  }

  config(id: string): unknown {
    const row = this.db.prepare('SELECT config_json AS json FROM runs WHERE id = ?').get(id) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as unknown) : undefined;
  }

  listByProject(projectId: string): RunSummary[] {
    return this.db
      .prepare(`SELECT ${columns} FROM runs WHERE project_id = ? ORDER BY created_at DESC, rowid DESC`)
      .all(projectId) as RunSummary[];
  }

  /** Runs tagged as baselines of this one, oldest first. */
  baselinesOf(id: string): RunSummary[] {
    return this.db.prepare(`SELECT ${columns} FROM runs WHERE baseline_of = ? ORDER BY created_at, rowid`).all(id) as RunSummary[];
  }

  latestByProject(projectId: string): RunSummary | undefined {
    return this.db
      .prepare(`SELECT ${columns} FROM runs WHERE project_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`)
      .get(projectId) as RunSummary | undefined;
  }

  /** `adapter`: the webgpu adapter's one-line description, null on other backends. */
  markRunning(id: string, backend: string, startedAt: number, adapter: string | null = null): void {
    this.db
      .prepare(`UPDATE runs SET status = 'running', backend = ?, backend_adapter = ?, started_at = ? WHERE id = ? AND status = 'queued'`)
      .run(backend, adapter, startedAt, id);
  }

  recordProgress(id: string, step: number, lastLoss: number | null): void {
    this.db.prepare('UPDATE runs SET step = ?, last_loss = ? WHERE id = ?').run(step, lastLoss, id);
  }

  finish(id: string, status: RunStatus, finishedAt: number, error: string | null = null, step?: number): void {
    this.db
      .prepare('UPDATE runs SET status = ?, finished_at = ?, error = ?, step = COALESCE(?, step) WHERE id = ?')
      .run(status, finishedAt, error, step ?? null, id);
  }

  /** A paused or interrupted run goes back in the queue, to resume from its last checkpoint. */
  requeue(id: string): void {
    this.db.prepare(`UPDATE runs SET status = 'queued', finished_at = NULL, error = NULL WHERE id = ?`).run(id);
  }

  /** Deletes the run's row; its metrics, artifacts and factor names go with it (cascade), exports keep a null run. */
  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0;
  }

  /** Runs a previous app session left queued or running cannot still be alive: mark them interrupted. */
  interruptUnfinished(finishedAt: number): number {
    return this.db
      .prepare(
        `UPDATE runs SET status = 'interrupted', finished_at = ?,
           error = COALESCE(error, 'The app stopped while this run was in progress.')
         WHERE status IN ('queued', 'running')`,
      )
      .run(finishedAt).changes;
  }
}
