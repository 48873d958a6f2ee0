import type { Database } from 'better-sqlite3';
import { ArtifactRepo } from './artifact-repo';
import { DatasetRepo } from './dataset-repo';
import { ExportRepo } from './export-repo';
import { FactorNameRepo } from './factor-name-repo';
import { MetricRepo } from './metric-repo';
import { ProjectRepo } from './project-repo';
import { RunRepo } from './run-repo';

/** The repositories over one open database. */
export interface Store {
  readonly db: Database;
  readonly projects: ProjectRepo;
  readonly datasets: DatasetRepo;
  readonly runs: RunRepo;
  readonly metrics: MetricRepo;
  readonly artifacts: ArtifactRepo;
  readonly exports: ExportRepo;
  readonly factorNames: FactorNameRepo;
}

export function createStore(db: Database): Store {
  return {
    db,
    projects: new ProjectRepo(db),
    datasets: new DatasetRepo(db),
    runs: new RunRepo(db),
    metrics: new MetricRepo(db),
    artifacts: new ArtifactRepo(db),
    exports: new ExportRepo(db),
    factorNames: new FactorNameRepo(db),
  };
}

export { openDatabase } from './database';
