import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { ApiErrorCode } from '../../shared/api';
import { zipFolderStream } from '../files/zip-writer';
import type { ExportLocation } from '../services/exports/export-service';

export const downloadsPrefix = '/downloads/';

/** What the route needs of the export service: a finished export's file or folder, confined to its folder. */
export interface ExportFiles {
  locate(exportId: string, relative: readonly string[]): ExportLocation | null;
}

type Fail = (status: number, code: ApiErrorCode, message: string) => void;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const contentTypes: Record<string, string> = {
  png: 'image/png',
  zip: 'application/zip',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The export and the path inside it that a /downloads/ address names; null when it is not a valid address. */
export function downloadTarget(pathname: string): { exportId: string; relative: string[] } | null {
  try {
    const [exportId = '', ...relative] = pathname.slice(downloadsPrefix.length).split('/').map(decodeURIComponent);
    return uuid.test(exportId) ? { exportId, relative } : null;
  } catch {
    return null;
  }
}

/**
 * GET /downloads/<exportId>[/<path inside the export>]: a file as it is, a folder (or the
 * whole export) as a zip streamed on the fly. Every segment is decoded and checked, and the
 * service resolves the path inside the export's folder only: nothing else can be reached.
 * An error once the 200 is sent rejects after `pipeline` has destroyed the response, so the
 * browser sees a failed download, never a short file that ended normally.
 */
export async function serveExportDownload(req: IncomingMessage, res: ServerResponse, pathname: string, files: ExportFiles, fail: Fail): Promise<void> {
  if (req.method !== 'GET') return fail(405, 'invalid_input', 'Downloads use GET.');
  const target = downloadTarget(pathname);
  const location = target ? files.locate(target.exportId, target.relative) : null;
  if (!location) return fail(404, 'not_found', 'No such export file: it may have been deleted, or the export has not finished.');
  const headers = { 'content-disposition': attachment(location.downloadName), 'cache-control': 'no-store' };
  if (location.kind === 'file') {
    const ext = location.downloadName.split('.').pop()?.toLowerCase() ?? '';
    // The length lets the browser tell a cut-off download from a finished one.
    const { size } = await stat(location.path);
    res.writeHead(200, { ...headers, 'content-type': contentTypes[ext] ?? 'application/octet-stream', 'content-length': size });
    await pipeline(createReadStream(location.path), res);
    return;
  }
  // Listed before the 200, so a folder that vanished is still a plain 404/500.
  const zip = await zipFolderStream(location.path);
  res.writeHead(200, { ...headers, 'content-type': 'application/zip' });
  await pipeline(zip, res);
}
