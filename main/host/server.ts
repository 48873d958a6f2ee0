import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { apiMethods, type ApiErrorCode, type ApiOutput, type ApiResult } from '../../shared/api';
import { exportDownloadUrl } from '../../shared/exports';
import type { Dispatch } from '../api-handlers';
import type { EventBus } from '../services/event-bus';
import { eventsProtocol, HostAccess } from './access';
import { DownloadLinks } from './download-links';
import { downloadsPrefix, downloadTarget, serveExportDownload, type ExportFiles } from './export-download';
import { readStaticFile } from './static-files';

export interface HostServerOptions {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Defaults to a fresh random token. */
  readonly token?: string;
  /** Finished exports, served under /downloads/ (host mode's stand-in for a save dialog). */
  readonly exportFiles?: ExportFiles;
}

export interface HostServer {
  readonly port: number;
  readonly token: string;
  /** The address to open, the token in its fragment (which browsers never send to a server). */
  readonly url: string;
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;

const statusOf: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, code: ApiErrorCode, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } } satisfies ApiResult<never>);
}

class BodyTooLarge extends Error {}

/** Reads the body; past the limit it keeps draining (so the reply can still be sent) and then rejects. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBodyBytes) reject(new BodyTooLarge(`The request body is larger than ${maxBodyBytes} bytes.`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/**
 * Host mode: the same API as the Electron preload, over HTTP (POST /api/<method>) and a
 * WebSocket (/events), plus the built renderer, on 127.0.0.1 only. The API, the events and the
 * downloads sit behind a per-start token (access.ts); the renderer's own files do not, since
 * the page must load before it can read the token from its URL fragment, and they hold no data.
 */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const access = new HostAccess(options.token ?? randomBytes(24).toString('base64url'));
  const links = new DownloadLinks();
  const sockets = new Set<WebSocket>();
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 'invalid_input', 'API calls use POST.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(res, 415, 'invalid_input', 'API calls send JSON (content-type: application/json).');
    }
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.length === 0 ? {} : (JSON.parse(body) as unknown);
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendError(res, 413, 'invalid_input', error.message);
      return sendError(res, 400, 'invalid_input', `The request body is not valid JSON: ${(error as Error).message}`);
    }
    const result = method === 'exports.downloadLink' ? mintDownloadLink(input) : await options.dispatch(method, input);
    sendJson(res, result.ok ? 200 : statusOf[result.error.code], result);
  }

  /** exports.downloadLink: only the server holds the links, so it answers this method itself. */
  function mintDownloadLink(input: unknown): ApiResult<ApiOutput<'exports.downloadLink'>> {
    const parsed = apiMethods['exports.downloadLink'].input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { code: 'invalid_input', message: issue?.message ?? 'invalid input', ...(issue?.path.length ? { field: issue.path.join('.') } : {}) } };
    }
    const { id, entry } = parsed.data;
    const pathname = exportDownloadUrl(id, entry);
    const target = downloadTarget(pathname);
    if (!target || !options.exportFiles?.locate(target.exportId, target.relative)) {
      return { ok: false, error: { code: 'not_found', message: 'No such export file: it may have been deleted, or the export has not finished.' } };
    }
    const { key, expiresAt } = links.mint(pathname);
    return { ok: true, value: { url: `${pathname}?link=${key}`, expiresAt: new Date(expiresAt).toISOString() } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (!access.hostAllowed(req)) return sendError(res, 421, 'invalid_input', 'Wrong Host header.');
    if (!access.originAllowed(req)) return sendError(res, 403, 'invalid_input', 'Requests from other origins are refused.');
    const refuse = () => sendError(res, 401, 'invalid_input', 'Open the address Factor Studio printed at start: it carries the access token.');
    if (url.pathname.startsWith('/api/')) {
      if (!access.bearer(req)) return refuse();
      return handleApi(req, res, url.pathname.slice('/api/'.length));
    }
    if (url.pathname.startsWith(downloadsPrefix)) {
      // The bearer header (API clients) or a link minted by exports.downloadLink (the browser), spent here.
      const link = url.searchParams.get('link');
      if (!access.bearer(req) && !(link !== null && links.take(link, url.pathname))) return refuse();
      if (!options.exportFiles) return sendError(res, 404, 'not_found', 'This server serves no exports.');
      return serveExportDownload(req, res, url.pathname, options.exportFiles, (status, code, message) => sendError(res, status, code, message));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'invalid_input', 'Only GET here.');
    const query = access.takeQueryToken(url);
    if (query === 'refused') return refuse();
    if (query === 'accepted') {
      // An old-style ?token= address, once: move the token into the fragment, where the page
      // reads it and the server never sees it again; the query string leaves the address bar.
      url.searchParams.delete('token');
      res.writeHead(303, { location: `${url.pathname}${url.search}#token=${access.token}`, 'cache-control': 'no-store' });
      return void res.end();
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) return sendError(res, 404, 'not_found', `No such file: ${url.pathname}`);
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': contentSecurityPolicy(port),
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'internal', (error as Error).message);
      // Past the 200 (a download cut by a read error): abort, so the browser sees a failed transfer, not a short file.
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    // Answer with the plain protocol name, never the one carrying the token.
    handleProtocols: (protocols) => (protocols.has(eventsProtocol) ? eventsProtocol : false),
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/events' || !access.hostAllowed(req) || !access.originAllowed(req) || !access.socketAuthorized(req)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // The socket only pushes events; anything the page sends is ignored.
    });
  });

  const unsubscribe = options.bus.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  access.setPort(port);

  return {
    port,
    token: access.token,
    url: `http://127.0.0.1:${port}/#token=${access.token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
