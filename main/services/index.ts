import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { SystemInfo } from '../../shared/models';
import type { ComputeLauncher } from '../jobs/compute-process';
import { InferencePool } from '../jobs/inference-pool';
import { JobRunner } from '../jobs/job-runner';
import { createStore, openDatabase, type Store } from '../store';
import { acquireDataFolderLock, heldMessage, type DataFolderLock, type OwnerMode } from './data-folder-lock';
import { DatasetService } from './dataset-service';
import { DataFolderInUseError } from './errors';
import { EventBus } from './event-bus';
import { ExportService } from './exports/export-service';
import { InspectService } from './inspect-service';
import { ProjectFolders } from './project-folders';
import { ProjectService } from './project-service';
import { RunEvaluations } from './run-evaluations';
import { RunService } from './run-service';
import { TimeCalibrationService } from './time-calibration-service';

export interface ServicesOptions {
  readonly dataDir: string;
  readonly mode: SystemInfo['mode'];
  readonly version: string;
  /** How compute processes are started: utilityProcess in Electron, fork elsewhere. */
  readonly spawn: ComputeLauncher;
  readonly workerPath: string;
  /** A better_sqlite3.node built for this runtime's ABI (Electron's own build). */
  readonly sqliteBinding?: string;
  /** Images per image evaluate; default FACTOR_STUDIO_EVALUATE_SAMPLES, else IMAGE_EVALUATE_SAMPLES (10,000). The tests' services use fewer. */
  readonly imageEvaluateSamples?: number;
  /**
   * 'owner' (the default): takes the data folder's lock for the services' life (throws
   * DataFolderInUseError, naming the holder, when another live process has it) and alone runs
   * recovery. 'reader': for the CLI's read commands beside an owner; no lock, no recovery, and
   * nothing written: the database is opened read-only (an empty one in memory when the folder
   * has none yet).
   */
  readonly access?: 'owner' | 'reader';
  /** What the lock says holds the folder; default from mode (electron: app, else host). */
  readonly ownerMode?: OwnerMode;
}

/**
 * FACTOR_STUDIO_EVALUATE_SAMPLES: images for the final metrics, for a slow machine or a quick
 * look (fewer than disentanglement_lib's 10,000 make MIG and SAP noisier). Ignored unless a
 * whole number from 2 to 100,000.
 */
function evaluateSamplesFromEnv(): number | undefined {
  const value = Number(process.env['FACTOR_STUDIO_EVALUATE_SAMPLES']);
  return Number.isInteger(value) && value >= 2 && value <= 100_000 ? value : undefined;
}

/** Everything the API calls, wired over one database. Plain TypeScript: no electron anywhere below. */
export interface Services {
  readonly store: Store;
  readonly bus: EventBus;
  readonly projects: ProjectService;
  readonly runs: RunService;
  readonly jobs: JobRunner;
  readonly datasets: DatasetService;
  readonly inspect: InspectService;
  /** The image inspector's long-lived compute process (decode, traversal, KL bars). */
  readonly inference: InferencePool;
  /** Final metrics: computed when a model run completes, and on request (shares one under way). */
  readonly evaluations: RunEvaluations;
  readonly exports: ExportService;
  /** This computer's training speed, from its finished runs: what the wizard's time estimate is scaled by. */
  readonly timing: TimeCalibrationService;
  systemInfo(): SystemInfo;
  close(): Promise<void>;
}

export const databaseFileName = 'factor-studio.sqlite';

/** Takes the folder for this process, or says who has it. The folder is private to its user (0700). */
function takeDataFolder(dataDir: string, mode: OwnerMode): DataFolderLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const result = acquireDataFolderLock(dataDir, mode);
  if (!result.acquired) throw new DataFolderInUseError(heldMessage(dataDir, result.holder), result.holder.pid);
  return result.lock;
}

/** The database for a reader: the folder's file read-only, or an empty one in memory when there is none yet. */
function openForReading(file: string, nativeBinding: string | undefined) {
  return existsSync(file) ? openDatabase({ file, nativeBinding, readonly: true }) : openDatabase({ file: ':memory:', nativeBinding });
}

export function createServices(options: ServicesOptions): Services {
  const owner = (options.access ?? 'owner') === 'owner';
  const lock = owner ? takeDataFolder(options.dataDir, options.ownerMode ?? (options.mode === 'electron' ? 'app' : 'host')) : undefined;
  const file = path.join(options.dataDir, databaseFileName);
  let db: ReturnType<typeof openDatabase>;
  try {
    db = owner ? openDatabase({ file, nativeBinding: options.sqliteBinding }) : openForReading(file, options.sqliteBinding);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const store = createStore(db);
  // A run the last session left queued or running died with that session. Only the owner may
  // say so: beside a live owner, its runs are alive.
  if (owner) store.runs.interruptUnfinished(Date.now());
  const bus = new EventBus();
  const jobs = new JobRunner({ spawn: options.spawn, workerPath: options.workerPath });
  const folders = new ProjectFolders(options.dataDir);
  const projects = new ProjectService(store, folders, bus);
  const runs = new RunService(store, jobs, bus, folders);
  // A second queue for quick, interactive jobs (reading a table's schema), beside training.
  const quickJobs = new JobRunner({ spawn: options.spawn, workerPath: options.workerPath });
  const datasets = new DatasetService(quickJobs);
  // The image inspector's own process, kept alive between requests: sliders redraw live.
  const inference = new InferencePool({ spawn: options.spawn, workerPath: options.workerPath });
  const evaluationJobs = new JobRunner({ spawn: options.spawn, workerPath: options.workerPath });
  const inspect = new InspectService(store, folders, quickJobs, inference, evaluationJobs, options.imageEvaluateSamples ?? evaluateSamplesFromEnv());
  const evaluations = new RunEvaluations((runId) => inspect.evaluate(runId), store, bus, (message) => console.warn(message));
  runs.onModelCompleted((run) => evaluations.afterCompleted(run));
  // Exports get their own queue: a long export holds up neither training nor the inspector.
  const exportJobs = new JobRunner({ spawn: options.spawn, workerPath: options.workerPath });
  const exportService = new ExportService(store, folders, exportJobs, bus, options.mode);
  // The same for exports: only the owner knows that no export is under way.
  if (owner) exportService.recoverInterrupted();
  let closed = false;
  return {
    store,
    bus,
    projects,
    runs,
    jobs,
    datasets,
    inspect,
    inference,
    evaluations,
    exports: exportService,
    timing: new TimeCalibrationService(store),
    systemInfo: () => ({
      version: options.version,
      mode: options.mode,
      dataDir: options.dataDir,
      platform: `${process.platform}-${process.arch}`,
      lastBackend: jobs.backendUsedLast,
    }),
    async close() {
      if (closed) return;
      closed = true;
      // No evaluation starts once closing has begun; the ones under way end with their job runner.
      evaluations.close();
      await Promise.all([jobs.shutdown(), quickJobs.shutdown(), evaluationJobs.shutdown(), exportJobs.shutdown(), inference.shutdown()]);
      db.close();
      lock?.release();
    },
  };
}
