import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import type { ExportJobSpec } from '../../shared/compute-protocol';
import {
  exportDownloadUrl,
  imageExportFormats,
  isImageExportFormat,
  maxExportImages,
  maxExportRows,
  tableExportFormats,
  type ExportColumn,
  type ExportEntry,
  type ExportOptions,
  type ExportRequest,
  type ExportSaveResult,
  type ExportSummary,
} from '../../shared/exports';
import type { SystemInfo } from '../../shared/models';
import type { ColumnSchema } from '../../shared/tabular-schema';
import type { JobRunner } from '../jobs/job-runner';
import type { Store } from '../store';
import type { ExportListRow } from '../store/export-repo';
import { notFound, StudioError } from './errors';
import type { EventBus } from './event-bus';
import type { ProjectFolders } from './project-folders';

/** Exports listed at most (Home and a project's history). */
const listLimit = 200;

/** Asks the user where to save a copy (the Electron save dialog); null when cancelled. */
export type SaveTargetChooser = (suggestedName: string) => Promise<string | null>;

/** A file or folder of a finished export, for host mode's download route. */
export interface ExportLocation {
  readonly path: string;
  readonly kind: 'file' | 'folder';
  /** The name to offer the browser (a folder is sent as <name>.zip). */
  readonly downloadName: string;
}

function parseJson<T>(text: string | undefined, fallback: T): T {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

const finished = (status: string) => status !== 'queued' && status !== 'running';

/** Best-effort removal of a half-written folder: a path that cannot even be reached holds nothing to remove. */
function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // ENOTDIR, EACCES: the export never got to write there.
  }
}

/**
 * Generate and export: checks the request against the run, records the export row, runs the
 * export job in the compute process (its own queue, so training and the inspector are not held
 * up) and turns its reports into the row's status and events. Files go to the project folder
 * under exports/<exportId>/; nothing is written elsewhere unless the user picks a target.
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
      removeQuietly(this.stagingDir(row.projectId, row.id));
    }
  }

  options(runId: string): ExportOptions {
    const { run, config } = this.exportableRun(runId);
    if (run.kind === 'image') {
      return { runId, kind: 'image', factors: config.latents, formats: imageExportFormats, maxItems: maxExportImages, columns: [] };
    }
    return { runId, kind: 'tabular', factors: config.latents, formats: tableExportFormats, maxItems: maxExportRows, columns: this.tableColumns(run.projectId, runId) };
  }

  start(request: ExportRequest): ExportSummary {
    const { run, config } = this.exportableRun(request.runId);
    const image = run.kind === 'image';
    if (image !== isImageExportFormat(request.format)) {
      const allowed = image ? imageExportFormats : tableExportFormats;
      throw new StudioError('invalid_input', `A ${image ? 'image' : 'table'} model exports as ${allowed.join(', ')}.`, 'format');
    }
    if (image && request.n > maxExportImages) throw new StudioError('invalid_input', `At most ${maxExportImages} images at once.`, 'n');
    if (image && request.conditions.length > 0) throw new StudioError('invalid_input', 'Column conditions apply to tables; fix factors for images.', 'conditions');
    request.fixed.forEach((f, i) => {
      if (f.index >= config.latents) throw new StudioError('invalid_input', `This model has factors c0..c${config.latents - 1}; c${f.index} does not exist.`, `fixed.${i}.index`);
    });
    if (!image) this.checkConditions(run.projectId, run.id, request.conditions);

    const id = randomUUID();
    const seed = request.seed ?? randomInt(0, 2 ** 31 - 1);
    const projectDir = this.folders.projectDir(run.projectId);
    const dir = this.exportDir(run.projectId, id);
    const spec: ExportJobSpec = {
      kind: 'export',
      runDir: this.folders.runDir(run.projectId, run.id),
      stagingDir: this.stagingDir(run.projectId, id),
      dir,
      format: request.format,
      n: request.n,
      fix: Object.fromEntries(request.fixed.map((f) => [f.index, f.value])),
      where: request.conditions,
      seed,
      includeModel: request.includeModel,
      includeCard: request.includeCard,
      metrics: image ? this.finalMetrics(run.id) : {},
    };
    const { runId: _runId, ...asked } = { ...request, seed };
    this.store.exports.insert({
      id,
      projectId: run.projectId,
      runId: run.id,
      format: request.format,
      path: path.relative(projectDir, dir),
      itemCount: null,
      bytes: null,
      status: 'running',
      createdAt: this.now(),
      requestJson: JSON.stringify(asked),
    });
    this.changed(id);
    this.jobs.submit(`export-${id}`, spec, {
      onProgress: (p) => this.bus.emit('export.progress', { exportId: id, phase: p.phase ?? 'generate', done: p.step, total: p.totalSteps }),
      onDone: (result) => {
        const out = result.output as { items: number; bytes: number; entries: ExportEntry[] };
        this.store.exports.complete(id, this.now(), out.items, out.bytes, JSON.stringify(out.entries));
        this.changed(id);
      },
      onCancelled: () => this.fail(id, spec, 'The export was cancelled.'),
      onFailed: (message) => this.fail(id, spec, message),
    });
    return this.get(id);
  }

  /** Stops a running export; it ends failed ("cancelled") and its partial folder is removed. */
  cancel(id: string): ExportSummary {
    const summary = this.get(id);
    if (summary.status !== 'running') throw new StudioError('conflict', `This export has already ${summary.status === 'completed' ? 'completed' : 'stopped'}.`);
    this.jobs.cancel(`export-${id}`);
    return this.get(id);
  }

  list(projectId?: string): ExportSummary[] {
    if (projectId !== undefined && !this.store.projects.get(projectId)) throw notFound('Project', projectId);
    return this.store.exports.list(listLimit, projectId).map((row) => this.summary(row));
  }

  get(id: string): ExportSummary {
    const row = this.store.exports.get(id);
    if (!row) throw notFound('Export', id);
    return this.summary(row);
  }

  /**
   * Under Electron: asks where to put a copy (the save dialog) and copies the export folder
   * there. In host mode: the address the browser downloads the export from, as a zip.
   */
  async saveAs(id: string, choose: SaveTargetChooser | undefined): Promise<ExportSaveResult> {
    const summary = this.get(id);
    if (summary.status !== 'completed') throw new StudioError('conflict', 'This export has not completed; there is nothing to save yet.');
    if (this.mode === 'host' || !choose) return { kind: 'download', url: exportDownloadUrl(id) };
    const target = await choose(this.suggestedName(summary));
    if (!target) return { kind: 'cancelled' };
    if (!path.isAbsolute(target)) throw new StudioError('invalid_input', `Choose a full path to save to, not "${target}".`);
    if (existsSync(target)) throw new StudioError('conflict', `${target} already exists; choose a new name.`);
    try {
      await cp(this.exportDir(summary.projectId, id), target, { recursive: true, errorOnExist: true, force: false });
    } catch (error) {
      removeQuietly(target);
      throw new StudioError('internal', `Could not copy the export to ${target}: ${(error as Error).message}. Choose a folder you can write to.`);
    }
    return { kind: 'saved', path: target };
  }

  /**
   * A file or folder inside a finished export, for the download route; null when the export
   * or the entry does not exist or the path would leave the export's folder.
   */
  locate(exportId: string, relative: readonly string[]): ExportLocation | null {
    const row = this.store.exports.get(exportId);
    if (!row || row.status !== 'completed') return null;
    if (relative.some((part) => part === '' || part === '.' || part === '..' || /[/\\\0]/.test(part))) return null;
    const root = this.exportDir(row.projectId, row.id);
    const target = path.resolve(root, ...relative);
    if (target !== root && !target.startsWith(root + path.sep)) return null;
    let stats;
    try {
      stats = statSync(target);
    } catch {
      return null;
    }
    const base = relative.length === 0 ? this.suggestedName(this.summary(row)) : (relative.at(-1) ?? 'export');
    if (stats.isDirectory()) return { path: target, kind: 'folder', downloadName: `${base}.zip` };
    return stats.isFile() ? { path: target, kind: 'file', downloadName: base } : null;
  }

  private fail(id: string, spec: ExportJobSpec, message: string): void {
    // The job cleans up after itself; a crashed compute process cannot, so check here too.
    removeQuietly(spec.stagingDir);
    this.store.exports.fail(id, this.now(), message);
    this.changed(id);
  }

  private changed(id: string): void {
    const row = this.store.exports.get(id);
    if (row) this.bus.emit('export.updated', this.summary(row));
  }

  private summary(row: ExportListRow): ExportSummary {
    const request = parseJson<Partial<ExportSummary['request']>>(row.requestJson, {});
    return {
      id: row.id,
      projectId: row.projectId,
      projectName: row.projectName,
      runId: row.runId,
      format: row.format as ExportSummary['format'],
      status: row.status,
      request: {
        n: request.n ?? 0,
        fixed: request.fixed ?? [],
        conditions: request.conditions ?? [],
        includeModel: request.includeModel ?? false,
        includeCard: request.includeCard ?? false,
        seed: request.seed ?? 0,
      },
      itemCount: row.itemCount,
      bytes: row.bytes,
      error: row.error ?? null,
      createdAt: row.createdAt,
      finishedAt: row.finishedAt ?? null,
      path: row.path,
      entries: parseJson<ExportEntry[]>(row.entriesJson, []),
    };
  }

  private suggestedName(summary: ExportSummary): string {
    const safe = summary.projectName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'export';
    const stamp = new Date(summary.createdAt).toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return `${safe}-${summary.format}-${stamp}`;
  }

  private exportDir(projectId: string, id: string): string {
    return this.folders.confine(this.folders.projectDir(projectId), path.join('exports', id));
  }

  /** Hidden beside the final folder, so a half-written export never shows under its name. */
  private stagingDir(projectId: string, id: string): string {
    return this.folders.confine(this.folders.projectDir(projectId), path.join('exports', `.${id}.partial`));
  }

  private exportableRun(runId: string) {
    const run = this.store.runs.get(runId);
    if (!run) throw notFound('Run', runId);
    if (run.kind !== 'image' && run.kind !== 'tabular') throw new StudioError('invalid_input', 'Only image and table models can generate data.', 'runId');
    if (!finished(run.status)) throw new StudioError('conflict', 'This run is still training; export once it has finished.');
    const runDir = this.folders.runDir(run.projectId, run.id);
    if (run.step === 0 || !existsSync(path.join(runDir, 'checkpoints', 'latest.json'))) {
      throw new StudioError('conflict', 'This run has no trained model to generate from; train it first.');
    }
    const spec = this.store.runs.config(run.id) as { config?: { latents?: number } } | undefined;
    const latents = spec?.config?.latents;
    if (typeof latents !== 'number') throw new StudioError('internal', 'This run has no model settings on record.');
    return { run, config: { latents } };
  }

  private tableSchema(projectId: string, runId: string): readonly ColumnSchema[] {
    const file = path.join(this.folders.runDir(projectId, runId), 'run.json');
    const manifest = parseJson<{ schema?: { columns?: ColumnSchema[] } }>(existsSync(file) ? readFileSync(file, 'utf8') : undefined, {});
    return manifest.schema?.columns ?? [];
  }

  private tableColumns(projectId: string, runId: string): ExportColumn[] {
    return this.tableSchema(projectId, runId)
      .filter((c) => c.role === 'feature')
      .map((c) => ({
        name: c.name,
        type: c.type,
        ...(c.type === 'boolean' ? { values: c.booleanLabels ?? ['true', 'false'] } : c.categories ? { values: c.categories } : {}),
        ...(c.min !== undefined ? { min: c.min } : {}),
        ...(c.max !== undefined ? { max: c.max } : {}),
      }));
  }

  /** The same checks the engine makes, up front, so the form shows them on the field at fault. */
  private checkConditions(projectId: string, runId: string, conditions: ExportRequest['conditions']): void {
    const columns = this.tableColumns(projectId, runId);
    conditions.forEach((condition, i) => {
      const column = columns.find((c) => c.name === condition.column);
      if (!column) throw new StudioError('invalid_input', `There is no modelled column "${condition.column}" (columns: ${columns.map((c) => c.name).join(', ')}).`, `conditions.${i}.column`);
      const numeric = column.type === 'integer' || column.type === 'float' || column.type === 'datetime';
      if (condition.op === 'range' && !numeric) {
        throw new StudioError('invalid_input', `Ranges apply to numeric columns; ${column.name} is ${column.type}.`, `conditions.${i}.op`);
      }
      if (condition.op === 'eq' && numeric && !Number.isFinite(Number(condition.value))) {
        throw new StudioError('invalid_input', `${column.name} is numeric: expected a number, got "${condition.value}".`, `conditions.${i}.value`);
      }
      if (condition.op !== 'eq' || numeric || !column.values) return;
      const same = (v: string) => (column.type === 'boolean' ? v.toLowerCase() === condition.value.toLowerCase() : v === condition.value);
      if (!column.values.some(same)) {
        throw new StudioError('invalid_input', `"${condition.value}" is not a value of ${column.name} (seen: ${column.values.slice(0, 12).join(', ')}).`, `conditions.${i}.value`);
      }
    });
  }

  private finalMetrics(runId: string): Record<string, number> {
    const last: Record<string, number> = {};
    for (const series of this.store.metrics.series(runId)) {
      const point = series.points.at(-1);
      if (point) last[series.name] = point.value;
    }
    return last;
  }
}
