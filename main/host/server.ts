import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiErrorCode, ApiResult } from '../../shared/api';
import type { Dispatch } from '../api-handlers';
import type { EventBus } from '../services/event-bus';
import { HostAccess } from './access';
import { downloadsPrefix, serveExportDownload, type ExportFiles } from './export-download';
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
  /** The address to open, token included. */
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
 * WebSocket (/events), plus the built renderer, on 127.0.0.1 only, behind a per-start token.
 */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const access = new HostAccess(options.token ?? randomBytes(24).toString('base64url'));
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
    const result = await options.dispatch(method, input);
    sendJson(res, result.ok ? 200 : statusOf[result.error.code], result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (!access.hostAllowed(req)) return sendError(res, 421, 'invalid_input', 'Wrong Host header.');
    if (!access.originAllowed(req)) return sendError(res, 403, 'invalid_input', 'Requests from other origins are refused.');
    if (!access.authorized(req, url)) {
      return sendError(res, 401, 'invalid_input', 'Open the address Factor Studio printed at start: it carries the access token.');
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (url.pathname.startsWith(downloadsPrefix) && options.exportFiles) {
      return serveExportDownload(req, res, url.pathname, options.exportFiles, (status, code, message) => sendError(res, status, code, message));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'invalid_input', 'Only GET here.');
    if (access.queryToken(url)) {
      // Trade the token in the URL for an HttpOnly cookie, and take it out of the address bar.
      url.searchParams.delete('token');
      res.writeHead(303, { 'set-cookie': access.cookieHeader(), location: url.pathname + url.search });
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
      else res.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/events' || !access.hostAllowed(req) || !access.originAllowed(req) || !access.authorized(req, url)) {
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
    url: `http://127.0.0.1:${port}/?token=${access.token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
