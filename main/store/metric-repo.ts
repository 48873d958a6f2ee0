import type { Database } from 'better-sqlite3';
import type { MetricSeries } from '../../shared/models';

export class MetricRepo {
  constructor(private readonly db: Database) {}

  /** Records every named value at one step in one transaction; a repeated step overwrites. */
  record(runId: string, step: number, values: Readonly<Record<string, number>>): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO metrics (run_id, name, step, value) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const [name, value] of Object.entries(values)) {
        if (Number.isFinite(value)) insert.run(runId, name, step, value);
      }
    })();
  }

  series(runId: string): MetricSeries[] {
    const rows = this.db
      .prepare('SELECT name, step, value FROM metrics WHERE run_id = ? ORDER BY name, step')
      .all(runId) as { name: string; step: number; value: number }[];
    const byName = new Map<string, { step: number; value: number }[]>();
    for (const row of rows) {
      let points = byName.get(row.name);
      if (!points) byName.set(row.name, (points = []));
      points.push({ step: row.step, value: row.value });
    }
    return [...byName].map(([name, points]) => ({ name, points }));
  }
}
