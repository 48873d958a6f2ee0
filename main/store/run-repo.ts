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

/** A completed run with what its training time needs (TimeCalibrationService turns it into a RunTiming). */
export interface TimingRow {
  readonly kind: string;
  readonly backend: string;
  readonly status: RunStatus;
  readonly configJson: string;
  readonly step: number;
  readonly totalSteps: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly baselineOf: string | null;
  /** 1 when it has checkpoints from before its started_at: resumed, so started_at is its last sitting's. */
  readonly resumed: 0 | 1;
  /** A table's early stops (global steps), from its final metrics; null where the stage ran its count. */
  readonly stage1StoppedAt: number | null;
  readonly stage2StoppedAt: number | null;
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

  /**
   * The latest `limit` completed runs of `kind`, newest finish first, for timing. Resumes leave
   * no mark on the row (requeue and markRunning just set started_at again), but the checkpoints
   * of an earlier sitting are artifacts created before it: that tells a resumed run, old rows too.
   */
  timingHistory(kind: RunKind, limit: number): TimingRow[] {
    const stoppedAt = (stage: string) =>
      `(SELECT m.value FROM metrics m WHERE m.run_id = r.id AND m.name = '${stage}.stopped_early_at' ORDER BY m.step DESC LIMIT 1)`;
    return this.db
      .prepare(
        `SELECT r.kind, r.backend, r.status, r.config_json AS configJson, r.step, r.total_steps AS totalSteps,
           r.started_at AS startedAt, r.finished_at AS finishedAt, r.baseline_of AS baselineOf,
           EXISTS (SELECT 1 FROM artifacts a WHERE a.run_id = r.id AND a.created_at < r.started_at) AS resumed,
           ${stoppedAt('stage1')} AS stage1StoppedAt, ${stoppedAt('stage2')} AS stage2StoppedAt
         FROM runs r
         WHERE r.kind = ? AND r.status = 'completed' AND r.backend IS NOT NULL AND r.started_at IS NOT NULL AND r.finished_at IS NOT NULL
         ORDER BY r.finished_at DESC, r.rowid DESC LIMIT ?`,
      )
      .all(kind, limit) as TimingRow[];
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
