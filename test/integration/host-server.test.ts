import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHostServer, type HostServer } from '../../main/host/server';
import type { Project, RunSummary } from '../../shared/models';
import { rendererDir } from '../helpers/paths';
import { testServices } from '../helpers/services';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request, so Host, Origin and Cookie headers are exactly what the test says. */
function request(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('host mode server', () => {
  let t: ReturnType<typeof testServices>;
  let server: HostServer;
  let auth: Record<string, string>;
  const api = (method: string, body: unknown, headers: Record<string, string> = auth) =>
    request(server.port, `/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    t = testServices();
    server = await startHostServer({ dispatch: t.dispatch, bus: t.services.bus, rendererDir, port: 0 });
    auth = { authorization: `Bearer ${server.token}` };
  });
  afterAll(async () => {
    await server.close();
    await t.dispose();
  });

  it('listens on 127.0.0.1 with a long random token in its URL fragment (never sent to a server)', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
  });

  it('refuses API calls without the token, whatever else carries it', async () => {
    expect((await api('projects.list', {}, {})).status).toBe(401);
    expect((await api('projects.list', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await request(server.port, '/index.html?token=nope')).status).toBe(401);
    // No cookie and no query token opens the API: only the bearer header does.
    expect((await api('projects.list', {}, { cookie: `fs_token=${server.token}` })).status).toBe(401);
    const inQuery = await request(server.port, `/api/projects.list?token=${server.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(inQuery.status).toBe(401);
    expect((await api('projects.list', {})).status).toBe(200);
  });

  it('refuses other origins and other Host names even with the token', async () => {
    expect((await api('projects.list', {}, { ...auth, origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('projects.list', {}, { ...auth, host: 'evil.example' })).status).toBe(421);
  });

  it('serves the renderer (no data in it) without the token, with a strict CSP and no cookie', async () => {
    const page = await request(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('accepts ?token= on the first page load only: moved into the fragment, then refused', async () => {
    const first = await request(server.port, `/?token=${server.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/#token=${server.token}`);
    expect(first.headers['set-cookie']).toBeUndefined();
    // The same address again (history, a log, another local user) opens nothing.
    expect((await request(server.port, `/?token=${server.token}`)).status).toBe(401);
    expect((await request(server.port, `/index.html?token=${server.token}`)).status).toBe(401);
  });

  it('refuses paths that escape the renderer folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/assets/../../main/index.cjs']) {
      const reply = await request(server.port, path, { headers: auth });
      expect(reply.status, path).toBe(404);
    }
  });

  it('serves the API with status codes that match the envelope', async () => {
    const created = await api('projects.create', { name: 'Over HTTP' });
    expect(created.status).toBe(200);
    expect((JSON.parse(created.body) as { value: Project }).value.name).toBe('Over HTTP');
    const bad = await api('projects.create', { name: 7 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });
    const notJson = await request(server.port, '/api/projects.list', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    const tooBig = await api('projects.create', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatch(/larger than/);
  });

  it("answers the wizard's time calibration over HTTP, validated like every method", async () => {
    const timed = await api('runs.timeCalibration', { kind: 'image', backend: 'wasm' });
    expect(timed.status).toBe(200);
    expect(JSON.parse(timed.body)).toEqual({ ok: true, value: { kind: 'image', backend: 'wasm', factor: null, runs: 0 } });
    const bad = await api('runs.timeCalibration', { kind: 'image', backend: 'abacus' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'backend' } });
  });

  it('pushes run events over the WebSocket to token holders only', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${server.port}/events`);
    const refusal = await new Promise<string>((resolve) => {
      refused.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      refused.on('open', () => resolve('open'));
      refused.on('error', () => resolve('error'));
    });
    expect(refusal).toBe('401');

    // As the page does it: the token in a subprotocol (browsers cannot set headers on a WebSocket).
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`, ['factor-studio', `fs-token.${server.token}`]);
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    // The server answers with the plain protocol, never echoing the one that carries the token.
    expect(ws.protocol).toBe('factor-studio');
    const events: { event: string; payload: RunSummary }[] = [];
    ws.on('message', (data) => events.push(JSON.parse(String(data)) as { event: string; payload: RunSummary }));

    const project = (JSON.parse((await api('projects.create', { name: 'Events' })).body) as { value: Project }).value;
    const started = (JSON.parse((await api('runs.startCheck', { projectId: project.id, steps: 60 })).body) as { value: RunSummary }).value;
    await expect.poll(() => events.some((e) => e.event === 'run.updated' && e.payload.status === 'completed'), { timeout: 20_000 }).toBe(true);
    ws.close();
    expect(events.some((e) => e.event === 'run.progress')).toBe(true);
    const run = (JSON.parse((await api('runs.get', { id: started.id })).body) as { value: RunSummary }).value;
    expect(run).toMatchObject({ status: 'completed', step: 60, backend: 'wasm' });
    expect(run.lastLoss).toBeGreaterThan(0);
    const metrics = JSON.parse((await api('runs.metrics', { id: started.id })).body) as { value: { name: string }[] };
    expect(metrics.value.map((m) => m.name)).toContain('loss');
  });
});
