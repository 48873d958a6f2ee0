import type { Database } from 'better-sqlite3';

/** The names a user gave a run's factors (c0, c1, ...); an unnamed factor has no row. */
export class FactorNameRepo {
  constructor(private readonly db: Database) {}

  /** Names by factor index, '' where unnamed, as long as the highest named index + 1. */
  list(runId: string): string[] {
    const rows = this.db.prepare('SELECT factor, name FROM factor_names WHERE run_id = ? ORDER BY factor').all(runId) as { factor: number; name: string }[];
    const names: string[] = [];
    for (const row of rows) {
      while (names.length < row.factor) names.push('');
      names[row.factor] = row.name;
    }
    return names;
  }

  /** Replaces every name of the run in one transaction; blank names are removed. */
  replace(runId: string, names: readonly string[]): void {
    const insert = this.db.prepare('INSERT INTO factor_names (run_id, factor, name) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM factor_names WHERE run_id = ?').run(runId);
      names.forEach((name, factor) => {
        if (name.trim() !== '') insert.run(runId, factor, name.trim());
      });
    })();
  }
}
