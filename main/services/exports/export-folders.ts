import { rmSync } from 'node:fs';
import path from 'node:path';
import type { ExportSummary } from '../../../shared/exports';
import type { ProjectFolders } from '../project-folders';

/** Where an export lives in its project (exports/<exportId>/), and what a copy of it is called outside. */

export function exportDir(folders: ProjectFolders, projectId: string, id: string): string {
  return folders.confine(folders.projectDir(projectId), path.join('exports', id));
}

/** Hidden beside the final folder, so a half-written export never shows under its name. */
export function stagingDir(folders: ProjectFolders, projectId: string, id: string): string {
  return folders.confine(folders.projectDir(projectId), path.join('exports', `.${id}.partial`));
}

/** Best-effort removal of a half-written folder: a path that cannot even be reached holds nothing to remove. */
export function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // ENOTDIR, EACCES: the export never got to write there.
  }
}

/** The name offered for a copy or a download: the project, the format and when, safe in any file system. */
export function suggestedExportName(summary: ExportSummary): string {
  const safe = summary.projectName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'export';
  const stamp = new Date(summary.createdAt).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `${safe}-${summary.format}-${stamp}`;
}
