/**
 * Host mode's downloads as a browser gets them: a single-use link minted through the API (the
 * token never in a URL), files and zips streamed (yazl) and read back with every CRC checked,
 * bounded memory for a big export, and a download that fails after its 200 aborted, not ended.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFiles } from '../../main/host/export-download';
import { startHostServer, type HostServer } from '../../main/host/server';
import { readZip } from '../helpers/read-zip';
import { rendererDir } from '../helpers/paths';
import { testServices } from '../helpers/services';
import { tempDir } from '../helpers/temp-dir';

const exportId = '11111111-2222-4333-8444-555555555555';

/** Exports as plain folders under root/<id>, resolved the way the export service does (confined, files or folders). */
function folderExports(root: string): ExportFiles {
  return {
    locate(id, relative) {
      if (relative.some((part) => part === '' || part === '.' || part === '..' || /[/\\\0]/.test(part))) return null;
      const target = path.join(root, id, ...relative);
      try {
        const stats = statSync(target);
        const base = relative.at(-1) ?? `export-${id.slice(0, 8)}`;
        if (stats.isDirectory()) return { path: target, kind: 'folder', downloadName: `${base}.zip` };
        return stats.isFile() ? { path: target, kind: 'file', downloadName: base } : null;
      } catch {
        return null;
      }
    },
  };
}

interface Download {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** 'end' when the response finished normally, 'aborted' when the server cut it. */
  outcome: 'end' | 'aborted';
}

/** A GET as a browser following a link sends it: no Authorization header, no cookie. */
function get(port: number, urlPath: string, headers: Record<string, string> = {}, onFirstChunk?: () => Promise<void>): Promise<Download> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      let first = true;
      const done = (outcome: Download['outcome']) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), outcome });
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        if (first && onFirstChunk) {
          first = false;
          res.pause();
          void onFirstChunk().then(() => res.resume());
        }
      });
      res.on('end', () => done('end'));
      res.on('aborted', () => done('aborted'));
      res.on('error', () => done('aborted'));
    });
    req.on('error', reject);
  });
}

describe('host mode downloads', () => {
  let t: ReturnType<typeof testServices>;
  let server: HostServer;
  let data: ReturnType<typeof tempDir>;
  let dir: string;

  const mint = async (input: unknown) => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/exports.downloadLink`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify(input),
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; value: { url: string; expiresAt: string } } };
  };

  beforeAll(async () => {
    t = testServices();
    data = tempDir();
    dir = path.join(data.path, exportId);
    mkdirSync(path.join(dir, 'images'), { recursive: true });
    writeFileSync(path.join(dir, 'card.md'), '# Synthetic rows\n');
    writeFileSync(path.join(dir, 'rows.csv'), 'a,b\n'.repeat(50_000));
    for (let i = 0; i < 5; i++) writeFileSync(path.join(dir, 'images', `sample-${i}.png`), randomBytes(10_000 + i));
    writeFileSync(path.join(dir, 'images', 'ünïcode name.txt'), 'names stay UTF-8');
    server = await startHostServer({ dispatch: t.dispatch, bus: t.services.bus, rendererDir, port: 0, exportFiles: folderExports(data.path) });
  });
  afterAll(async () => {
    await server.close();
    await t.dispose();
    data.remove();
  });

  it('mints a single-use link for one address; the token appears in no URL', async () => {
    const before = Date.now();
    const { status, body } = await mint({ id: exportId, entry: 'card.md' });
    expect(status).toBe(200);
    expect(body.value.url).toMatch(new RegExp(`^/downloads/${exportId}/card\\.md\\?link=[\\w-]{32}$`));
    expect(body.value.url).not.toContain(server.token);
    const expires = Date.parse(body.value.expiresAt);
    expect(expires - before).toBeGreaterThan(30_000);
    expect(expires - before).toBeLessThanOrEqual(61_000);

    const first = await get(server.port, body.value.url);
    expect(first.status).toBe(200);
    expect(first.body.toString()).toBe('# Synthetic rows\n');
    expect(first.headers['content-length']).toBe(String('# Synthetic rows\n'.length));
    // Spent: the same link (history, a log) opens nothing, nor does its key on another address.
    expect((await get(server.port, body.value.url)).status).toBe(401);
    const other = await mint({ id: exportId, entry: 'card.md' });
    const key = other.body.value.url.split('?link=')[1];
    expect((await get(server.port, `/downloads/${exportId}/rows.csv?link=${key}`)).status).toBe(401);
    expect((await get(server.port, other.body.value.url)).status).toBe(401);
  });

  it('mints links only with the token, for exports that exist', async () => {
    const noToken = await fetch(`http://127.0.0.1:${server.port}/api/exports.downloadLink`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: exportId }),
    });
    expect(noToken.status).toBe(401);
    expect((await mint({ id: exportId, entry: 'nope.csv' })).status).toBe(404);
    expect((await mint({ id: exportId, entry: '..' })).status).toBe(404);
    expect((await mint({ id: '99999999-2222-4333-8444-555555555555' })).status).toBe(404);
    expect((await mint({ id: '../etc' })).status).toBe(400);
  });

  it('streams a folder as a zip that reads back whole, names and CRCs intact', async () => {
    const { body } = await mint({ id: exportId });
    const zip = await get(server.port, body.value.url);
    expect(zip.outcome).toBe('end');
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toMatch(/^attachment; filename="export-11111111\.zip"/);
    const files = readZip(zip.body);
    expect([...files.keys()].sort()).toEqual(['card.md', 'images/sample-0.png', 'images/sample-1.png', 'images/sample-2.png', 'images/sample-3.png', 'images/sample-4.png', 'images/ünïcode name.txt', 'rows.csv']);
    for (const [name, content] of files) expect(content.equals(readFileSync(path.join(dir, ...name.split('/')))), name).toBe(true);
    // Text is deflated; PNGs are stored as they are.
    expect(zip.body.length).toBeLessThan(statSync(path.join(dir, 'rows.csv')).size);
  });

  it('aborts a download that fails after its 200: the browser never gets a short zip that ended normally', async () => {
    const broken = path.join(data.path, '22222222-2222-4333-8444-555555555555');
    mkdirSync(broken);
    // Bigger than the socket buffers, so the server is still sending it when the next file goes.
    writeFileSync(path.join(broken, 'a-big.bin'), randomBytes(32 * 1024 * 1024));
    writeFileSync(path.join(broken, 'b-next.csv'), 'x\n'.repeat(1000));
    const headers = { authorization: `Bearer ${server.token}` };
    const download = await get(server.port, `/downloads/${path.basename(broken)}`, headers, async () => {
      rmSync(path.join(broken, 'b-next.csv'));
    });
    expect(download.status).toBe(200);
    expect(download.outcome).toBe('aborted');
    expect(() => readZip(download.body)).toThrow();
    // The server is fine afterwards.
    expect((await get(server.port, `/downloads/${exportId}/card.md`, headers)).status).toBe(200);
  });

  it('zips a 256 MB export in bounded memory (streamed, never held whole)', async () => {
    const big = path.join(data.path, '33333333-2222-4333-8444-555555555555');
    mkdirSync(big);
    const chunk = randomBytes(1024 * 1024);
    const out = createWriteStream(path.join(big, 'weights.bin'));
    for (let i = 0; i < 256; i++) if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    await new Promise<void>((resolve) => out.end(() => resolve()));
    const headers = { authorization: `Bearer ${server.token}` };
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    let bytes = 0;
    const outcome = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: server.port, path: `/downloads/${path.basename(big)}`, headers }, (res) => {
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            peak = Math.max(peak, process.memoryUsage().rss);
          });
          res.on('end', () => resolve('end'));
          res.on('aborted', () => resolve('aborted'));
        })
        .on('error', reject);
    });
    expect(outcome).toBe('end');
    expect(bytes).toBeGreaterThan(256 * 1024 * 1024);
    // The old writer read each file whole (256 MB here); streaming keeps the growth to buffers.
    expect(peak - rssBefore).toBeLessThan(96 * 1024 * 1024);
  });
});
