import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { ApiErrorCode } from '../../shared/api';
import { zipFolder } from '../files/zip-writer';
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

/**
 * GET /downloads/<exportId>[/<path inside the export>]: a file as it is, a folder (or the
 * whole export) as a zip made on the fly. Every segment is decoded and checked, and the
 * service resolves the path inside the export's folder only: nothing else can be reached.
 */
export async function serveExportDownload(req: IncomingMessage, res: ServerResponse, pathname: string, files: ExportFiles, fail: Fail): Promise<void> {
  if (req.method !== 'GET') return fail(405, 'invalid_input', 'Downloads use GET.');
  let segments: string[];
  try {
    segments = pathname.slice(downloadsPrefix.length).split('/').map(decodeURIComponent);
  } catch {
    return fail(400, 'invalid_input', 'The download address is not valid.');
  }
  const [exportId = '', ...relative] = segments;
  const location = uuid.test(exportId) ? files.locate(exportId, relative) : null;
  if (!location) return fail(404, 'not_found', 'No such export file: it may have been deleted, or the export has not finished.');
  const headers = { 'content-disposition': attachment(location.downloadName), 'cache-control': 'no-store' };
  if (location.kind === 'file') {
    const ext = location.downloadName.split('.').pop()?.toLowerCase() ?? '';
    res.writeHead(200, { ...headers, 'content-type': contentTypes[ext] ?? 'application/octet-stream' });
    await pipeline(createReadStream(location.path), res);
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': 'application/zip' });
  const write = (chunk: Buffer) =>
    new Promise<void>((resolve, reject) => {
      if (res.destroyed) return reject(new Error('the browser stopped the download'));
      if (res.write(chunk)) return resolve();
      const onDrain = () => {
        res.off('close', onClose);
        resolve();
      };
      const onClose = () => {
        res.off('drain', onDrain);
        reject(new Error('the browser stopped the download'));
      };
      res.once('drain', onDrain);
      res.once('close', onClose);
    });
  await zipFolder(location.path, write);
  res.end();
}
