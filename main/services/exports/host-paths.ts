import { statSync } from 'node:fs';
import path from 'node:path';
import type { ExportListRow } from '../../store/export-repo';
import type { ProjectFolders } from '../project-folders';
import { exportDir, suggestedExportName } from './export-folders';
import { exportSummary } from './export-rows';

/** A file or folder of a finished export, for host mode's download route. */
export interface ExportLocation {
  readonly path: string;
  readonly kind: 'file' | 'folder';
  /** The name to offer the browser (a folder is sent as <name>.zip). */
  readonly downloadName: string;
}

/**
 * A file or folder inside a finished export, for the download route; null when the entry does
 * not exist or the path would leave the export's folder. The path parts come from a URL anyone
 * on the network can send, so each is checked on its own and the result is confined again.
 */
export function locateInExport(folders: ProjectFolders, row: ExportListRow, relative: readonly string[]): ExportLocation | null {
  if (row.status !== 'completed') return null;
  if (relative.some((part) => part === '' || part === '.' || part === '..' || /[/\\\0]/.test(part))) return null;
  const root = exportDir(folders, row.projectId, row.id);
  const target = path.resolve(root, ...relative);
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  let stats;
  try {
    stats = statSync(target);
  } catch {
    return null;
  }
  const base = relative.length === 0 ? suggestedExportName(exportSummary(row)) : (relative.at(-1) ?? 'export');
  if (stats.isDirectory()) return { path: target, kind: 'folder', downloadName: `${base}.zip` };
  return stats.isFile() ? { path: target, kind: 'file', downloadName: base } : null;
}
