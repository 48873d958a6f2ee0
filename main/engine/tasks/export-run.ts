import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ExportJobSpec } from '../../../shared/compute-protocol';
import { phaseProgress } from '../../../shared/progress';
import { TABLE_REPORT_SAMPLES } from '../../../shared/table-report';
import { folderEntries } from '../../files/folder-entries';
import { zipFolderToFile } from '../../files/zip-writer';
import { cancelledAt, type JobCallbacks, type TaskOutcome } from '../core/job-context';
import { datasetCard, datasetCardMarkdown } from '../table/writing/dataset-card';
import { serializeTable } from '../table/writing/export-table';
import { loadTabularRun } from '../table/model/run-files';
import { synthesizeRows } from '../table/model/synthesize';
import { fsyncDir, writeFileSynced } from '../core/atomic-files';
import { copyModelFiles, latestCheckpointStep } from '../core/model-files';
import { imageCard, imageCardMarkdown, tradeOffCharts } from '../image/image-card';
import { runImageGenerate } from './generate-images';
import { runTabularReport } from './report-table';

/** Rows scored by the quality report that goes with a table export. */
const reportSamples = TABLE_REPORT_SAMPLES;

const reasonOf = (error: unknown) => {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'ENOSPC') return 'the disk is full';
  if (e.code === 'ENOTDIR' || e.code === 'EEXIST') return 'a file is in the way of the folder';
  return e.message;
};

function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Unreachable (the error being reported): nothing was written there.
  }
}

/**
 * The 'export' job: generate and export. Everything is written into spec.stagingDir, then that folder is renamed
 * to spec.dir in one step: a crash, a cancel or an error never leaves a half-written export
 * under its final name.
 */
export async function runExport(spec: ExportJobSpec, callbacks: JobCallbacks): Promise<TaskOutcome<'export'>> {
  const staging = path.resolve(spec.stagingDir);
  const dir = path.resolve(spec.dir);
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
  } catch (error) {
    throw new Error(`Could not write the export into ${path.dirname(dir)}: ${reasonOf(error)}. Make sure that folder is writable and the disk has room, then export again.`);
  }
  try {
    const items = spec.format === 'png-folder' || spec.format === 'png-zip' ? await exportImages(spec, staging, callbacks) : await exportTable(spec, staging, callbacks);
    if (items === null || callbacks.isCancelled()) {
      rmSync(staging, { recursive: true, force: true });
      return cancelledAt(0);
    }
    if (spec.includeModel) copyModelFiles(spec.runDir, path.join(staging, 'model'));
    const entries = folderEntries(staging);
    const bytes = entries.reduce((sum, e) => sum + e.bytes, 0);
    if (existsSync(dir)) throw new Error(`${dir} already exists`);
    renameSync(staging, dir);
    fsyncDir(path.dirname(dir));
    return { result: { step: items, metrics: { items, bytes }, output: { dir, items, bytes, entries } }, cancelled: false };
  } catch (error) {
    removeQuietly(staging);
    const e = error as NodeJS.ErrnoException;
    if (e.code && e.syscall) throw new Error(`Could not write the export into ${path.dirname(dir)}: ${reasonOf(error)}. Make sure that folder is writable and the disk has room, then export again.`);
    throw error;
  }
}

/** PNG samples (the generate task), zipped when asked, plus the image card. Null when cancelled. */
async function exportImages(spec: ExportJobSpec, staging: string, callbacks: JobCallbacks): Promise<number | null> {
  const imagesDir = path.join(staging, 'images');
  const generated = await runImageGenerate({ kind: 'image-generate', runDir: spec.runDir, n: spec.n, fix: spec.fix, seed: spec.seed, outDir: imagesDir }, callbacks);
  if (generated.cancelled) return null;
  const { files, stage } = generated.result.output;
  if (spec.format === 'png-zip') {
    callbacks.onProgress(phaseProgress('package', 0, 1));
    const tmp = path.join(staging, '.images.zip.tmp');
    await zipFolderToFile(imagesDir, tmp);
    renameSync(tmp, path.join(staging, 'images.zip'));
    rmSync(imagesDir, { recursive: true, force: true });
  }
  if (spec.includeCard) {
    const card = imageCard(spec.runDir, {
      images: files.length,
      format: spec.format,
      step: latestCheckpointStep(spec.runDir),
      stage,
      seed: spec.seed,
      fix: spec.fix,
      metrics: spec.metrics ?? {},
      ...(spec.tradeOff ? { tradeOff: spec.tradeOff } : {}),
    });
    writeFileSynced(path.join(staging, 'card.json'), JSON.stringify(card, null, 2));
    writeFileSynced(path.join(staging, 'card.md'), imageCardMarkdown(card));
    for (const chart of card.tradeOff ? tradeOffCharts(card.tradeOff) : []) writeFileSynced(path.join(staging, chart.file), chart.svg);
  }
  return files.length;
}

/** Rows meeting the conditions in the chosen format, plus the dataset card and the quality report. Null when cancelled. */
async function exportTable(spec: ExportJobSpec, staging: string, callbacks: JobCallbacks): Promise<number | null> {
  const run = loadTabularRun(spec.runDir);
  const format = spec.format as 'csv' | 'parquet' | 'json';
  const file = `data.${format}`;
  let rows: number;
  try {
    for (const k of Object.keys(spec.fix).map(Number)) {
      if (k >= run.manifest.config.latents) throw new Error(`This model has factors c0..c${run.manifest.config.latents - 1}; c${k} does not exist`);
    }
    const table = await synthesizeRows(run, spec.n, spec.seed, {
      where: spec.where,
      fix: spec.fix,
      onProgress: (kept) => callbacks.onProgress(phaseProgress('generate', Math.min(kept, spec.n), spec.n)),
      isCancelled: callbacks.isCancelled,
    });
    if (callbacks.isCancelled()) return null;
    rows = table.rows.length;
    writeFileSynced(path.join(staging, file), serializeTable(table, run.manifest.schema, format));
  } finally {
    run.model.dispose();
  }
  if (spec.includeCard) {
    const report = await runTabularReport({ kind: 'tabular-report', runDir: spec.runDir, html: path.join(staging, 'report.html'), samples: reportSamples }, callbacks);
    const output = report.result.output;
    writeFileSynced(path.join(staging, 'report.json'), JSON.stringify(output, null, 1));
    const card = datasetCard(run, { file, rows, where: spec.where, fix: spec.fix, seed: spec.seed, metrics: output.headline, models: output.models });
    writeFileSynced(path.join(staging, 'card.json'), JSON.stringify(card, null, 2));
    writeFileSynced(path.join(staging, 'card.md'), datasetCardMarkdown(card));
  }
  return rows;
}
