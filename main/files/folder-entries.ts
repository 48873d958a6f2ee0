import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ExportEntry } from '../../shared/exports';

function folderTotals(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    bytes += statSync(path.join(e.parentPath, e.name)).size;
    files += 1;
  }
  return { bytes, files };
}

/** The top-level files and folders of a folder, each with its total size and file count, by name. */
export function folderEntries(dir: string): ExportEntry[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() || e.isDirectory())
    .map((e): ExportEntry => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? { name: e.name, kind: 'folder', ...folderTotals(full) } : { name: e.name, kind: 'file', bytes: statSync(full).size, files: 1 };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
