import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { exportDownloadUrl, type ExportSaveResult, type ExportSummary } from '../../../shared/exports';
import type { SystemInfo } from '../../../shared/models';
import { StudioError } from '../errors';
import { removeQuietly, suggestedExportName } from './export-folders';

/** Asks the user where to save a copy (the Electron save dialog); null when cancelled. */
export type SaveTargetChooser = (suggestedName: string) => Promise<string | null>;

/**
 * Under Electron: asks where to put a copy (the save dialog) and copies the export folder
 * (`source`) there. In host mode the browser is on another machine, so it gets the address to
 * download the export from, as a zip.
 */
export async function saveExportAs(summary: ExportSummary, source: () => string, mode: SystemInfo['mode'], choose: SaveTargetChooser | undefined): Promise<ExportSaveResult> {
  if (summary.status !== 'completed') throw new StudioError('conflict', 'This export has not completed; there is nothing to save yet.');
  if (mode === 'host' || !choose) return { kind: 'download', url: exportDownloadUrl(summary.id) };
  const target = await choose(suggestedExportName(summary));
  if (!target) return { kind: 'cancelled' };
  if (!path.isAbsolute(target)) throw new StudioError('invalid_input', `Choose a full path to save to, not "${target}".`);
  // Never merge into or overwrite what the user already has there.
  if (existsSync(target)) throw new StudioError('conflict', `${target} already exists; choose a new name.`);
  try {
    await cp(source(), target, { recursive: true, errorOnExist: true, force: false });
  } catch (error) {
    // A half-made copy would look like a whole one.
    removeQuietly(target);
    throw new StudioError('internal', `Could not copy the export to ${target}: ${(error as Error).message}. Choose a folder you can write to.`);
  }
  return { kind: 'saved', path: target };
}
