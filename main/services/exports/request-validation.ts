import { exportFormatsFor, isImageExportFormat, isNumberText, isNumericColumn, maxExportImages, type ExportColumn, type ExportRequest } from '../../../shared/exports';
import { isActiveRun, type RunSummary } from '../../../shared/models';
// Node-only (no TF.js): a damaged latest.json still finds the newest whole checkpoint, as loading does.
import { latestCheckpointDir } from '../../engine/core/checkpoint-folders';
import type { Store } from '../../store';
import { notFound, StudioError } from '../errors';
import type { ProjectFolders } from '../project-folders';

/**
 * The checks an export request gets before anything is recorded or started. The schema (shared/
 * exports.ts) has already checked its shape; these need the run: its kind, its factors, its
 * columns. Errors name the field at fault so the form shows them there.
 */

export interface ExportableRun {
  readonly run: RunSummary;
  readonly config: { readonly latents: number };
}

/** A finished image or table run with a trained model on disk, and its factor count. */
export function findExportableRun(store: Store, folders: ProjectFolders, runId: string): ExportableRun {
  const run = store.runs.get(runId);
  if (!run) throw notFound('Run', runId);
  if (run.kind !== 'image' && run.kind !== 'tabular') throw new StudioError('invalid_input', 'Only image and table models can generate data.', 'runId');
  if (isActiveRun(run)) throw new StudioError('conflict', 'This run is still training; export once it has finished.');
  const runDir = folders.runDir(run.projectId, run.id);
  if (run.step === 0 || !latestCheckpointDir(runDir)) {
    throw new StudioError('conflict', 'This run has no trained model to generate from; train it first.');
  }
  const spec = store.runs.config(run.id) as { config?: { latents?: number } } | undefined;
  const latents = spec?.config?.latents;
  if (typeof latents !== 'number') throw new StudioError('internal', 'This run has no model settings on record.');
  return { run, config: { latents } };
}

/** Checks the request against the run; `columns` reads a table run's columns (only tables need them). */
export function checkExportRequest({ run, config }: ExportableRun, request: ExportRequest, columns: () => readonly ExportColumn[]): void {
  const image = run.kind === 'image';
  if (image !== isImageExportFormat(request.format)) {
    const allowed = exportFormatsFor(image ? 'image' : 'tabular');
    throw new StudioError('invalid_input', `A ${image ? 'image' : 'table'} model exports as ${allowed.join(', ')}.`, 'format');
  }
  // The schema's limit is the table one (the larger); images have their own.
  if (image && request.n > maxExportImages) throw new StudioError('invalid_input', `At most ${maxExportImages} images at once.`, 'n');
  if (image && request.conditions.length > 0) throw new StudioError('invalid_input', 'Column conditions apply to tables; fix factors for images.', 'conditions');
  request.fixed.forEach((f, i) => {
    if (f.index >= config.latents) throw new StudioError('invalid_input', `This model has factors c0..c${config.latents - 1}; c${f.index} does not exist.`, `fixed.${i}.index`);
  });
  if (!image) checkConditions(columns(), request.conditions);
}

/** The same checks the engine makes, up front, so the form shows them on the field at fault. */
function checkConditions(columns: readonly ExportColumn[], conditions: ExportRequest['conditions']): void {
  conditions.forEach((condition, i) => {
    const column = columns.find((c) => c.name === condition.column);
    if (!column) throw new StudioError('invalid_input', `There is no modelled column "${condition.column}" (columns: ${columns.map((c) => c.name).join(', ')}).`, `conditions.${i}.column`);
    const numeric = isNumericColumn(column);
    if (condition.op === 'range' && !numeric) {
      throw new StudioError('invalid_input', `Ranges apply to numeric columns; ${column.name} is ${column.type}.`, `conditions.${i}.op`);
    }
    if (condition.op === 'eq' && numeric && !isNumberText(condition.value)) {
      throw new StudioError('invalid_input', `${column.name} is numeric: expected a number, got "${condition.value}".`, `conditions.${i}.value`);
    }
    if (condition.op !== 'eq' || numeric || !column.values) return;
    // Boolean labels match in any case, as the engine reads them; categories match exactly.
    const same = (v: string) => (column.type === 'boolean' ? v.toLowerCase() === condition.value.toLowerCase() : v === condition.value);
    if (!column.values.some(same)) {
      throw new StudioError('invalid_input', `"${condition.value}" is not a value of ${column.name} (seen: ${column.values.slice(0, 12).join(', ')}).`, `conditions.${i}.value`);
    }
  });
}
