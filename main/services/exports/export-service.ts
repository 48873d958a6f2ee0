import { randomInt, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ExportJobSpec } from '../../../shared/compute-protocol';
import { exportFormatsFor, maxExportItems, type ExportOptions, type ExportRequest, type ExportSaveResult, type ExportSummary } from '../../../shared/exports';
import type { SystemInfo } from '../../../shared/models';
import type { JobRunner } from '../../jobs/job-runner';
import type { Store } from '../../store';
import { notFound, StudioError } from '../errors';
import type { EventBus } from '../event-bus';
import type { ProjectFolders } from '../project-folders';
import { exportDir, removeQuietly, stagingDir } from './export-folders';
import { cancelExportJob, exportJobSpec, submitExportJob, type ExportOutcome } from './export-job';
import { exportSummary } from './export-rows';
import { locateInExport, type ExportLocation } from './host-paths';
import { checkExportRequest, findExportableRun } from './request-validation';
import { modelledColumns } from './run-manifest';
import { saveExportAs, type SaveTargetChooser } from './save-as';

export type { ExportLocation } from './host-paths';
export type { SaveTargetChooser } from './save-as';

/** Exports listed at most (Home and a project's history). */
const listLimit = 200;

/**
 * Generate and export: checks the request against the run, records the export row, runs the
 * export job in the compute process (its own queue, so training and the inspector are not held
 * up) and turns its reports into the row's status and events. Files go to the project folder
 * under exports/<exportId>/; nothing is written elsewhere unless the user picks a target.
 * Each step lives in its own file in this folder; this class holds the store and the events.
 */
export class ExportService {
  constructor(
    private readonly store: Store,
    private readonly folders: ProjectFolders,
    private readonly jobs: JobRunner,
    private readonly bus: EventBus,
    private readonly mode: SystemInfo['mode'],
    private readonly now: () => number = Date.now,
  ) {}

  /** Marks exports a previous session left running as failed and removes their half-written folders. */
  recoverInterrupted(): void {
    for (const row of this.store.exports.failUnfinished(this.now())) {
      removeQuietly(stagingDir(this.folders, row.projectId, row.id));
    }
  }

  options(runId: string): ExportOptions {
    const { run, config } = findExportableRun(this.store, this.folders, runId);
    const kind = run.kind === 'image' ? 'image' : 'tabular';
    const columns = kind === 'image' ? [] : modelledColumns(this.folders.runDir(run.projectId, runId));
    return { runId, kind, factors: config.latents, formats: exportFormatsFor(kind), maxItems: maxExportItems(kind), columns };
  }

  start(request: ExportRequest): ExportSummary {
    const exportable = findExportableRun(this.store, this.folders, request.runId);
    const { run } = exportable;
    const runDir = this.folders.runDir(run.projectId, run.id);
    checkExportRequest(exportable, request, () => modelledColumns(runDir));

    const id = randomUUID();
    const seed = request.seed ?? randomInt(0, 2 ** 31 - 1);
    const dir = exportDir(this.folders, run.projectId, id);
    const spec = exportJobSpec(this.store, run.id, run.kind === 'image', { runDir, stagingDir: stagingDir(this.folders, run.projectId, id), dir }, request, seed);
    const { runId: _runId, ...asked } = { ...request, seed };
    this.store.exports.insert({
      id,
      projectId: run.projectId,
      runId: run.id,
      format: request.format,
      path: path.relative(this.folders.projectDir(run.projectId), dir),
      itemCount: null,
      bytes: null,
      status: 'running',
      createdAt: this.now(),
      requestJson: JSON.stringify(asked),
    });
    this.changed(id);
    submitExportJob(this.jobs, id, spec, this.outcome(id, spec));
    return this.get(id);
  }

  /** Stops a running export; it ends failed ("cancelled") and its partial folder is removed. */
  cancel(id: string): ExportSummary {
    const summary = this.get(id);
    if (summary.status !== 'running') throw new StudioError('conflict', `This export has already ${summary.status === 'completed' ? 'completed' : 'stopped'}.`);
    cancelExportJob(this.jobs, id);
    return this.get(id);
  }

  list(projectId?: string): ExportSummary[] {
    if (projectId !== undefined && !this.store.projects.get(projectId)) throw notFound('Project', projectId);
    return this.store.exports.list(listLimit, projectId).map(exportSummary);
  }

  get(id: string): ExportSummary {
    const row = this.store.exports.get(id);
    if (!row) throw notFound('Export', id);
    return exportSummary(row);
  }

  /** A copy where the user chooses (Electron), or the download address (host mode); see save-as.ts. */
  async saveAs(id: string, choose: SaveTargetChooser | undefined): Promise<ExportSaveResult> {
    const summary = this.get(id);
    return saveExportAs(summary, () => exportDir(this.folders, summary.projectId, id), this.mode, choose);
  }

  /** A file or folder inside a finished export, for the download route; null when absent or outside it. */
  locate(exportId: string, relative: readonly string[]): ExportLocation | null {
    const row = this.store.exports.get(exportId);
    return row ? locateInExport(this.folders, row, relative) : null;
  }

  /** What the job's reports do to the export's row and events. */
  private outcome(id: string, spec: ExportJobSpec): ExportOutcome {
    return {
      progress: (progress) => this.bus.emit('export.progress', progress),
      completed: (out) => {
        this.store.exports.complete(id, this.now(), out.items, out.bytes, JSON.stringify(out.entries));
        this.changed(id);
      },
      failed: (message) => {
        // The job cleans up after itself; a crashed compute process cannot, so check here too.
        removeQuietly(spec.stagingDir);
        this.store.exports.fail(id, this.now(), message);
        this.changed(id);
      },
    };
  }

  private changed(id: string): void {
    const row = this.store.exports.get(id);
    if (row) this.bus.emit('export.updated', exportSummary(row));
  }
}
