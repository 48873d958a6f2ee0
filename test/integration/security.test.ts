/**
 * Security proofs for what the renderer, a web page or a local process can reach: host mode's
 * token, Origin and Host checks on HTTP and the WebSocket, its loopback-only address, schema
 * validation of every API method, and confinement of every path built from API input.
 * (The host-server suite covers the happy path; this one tries the ways in.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiMethodNames } from '../../shared/api-names';
import { latestCheckpointDir } from '../../main/engine/core/checkpoint';
import { startHostServer, type HostServer } from '../../main/host/server';
import { ProjectFolders } from '../../main/services/project-folders';
import { rendererDir } from '../helpers/paths';
import { testServices } from '../helpers/services';
import { tempDir } from '../helpers/temp-dir';

function post(port: number, path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** 'open', or the HTTP status the upgrade was refused with. */
function wsOutcome(url: string, headers: Record<string, string>, protocols: string[] = []): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('error', () => resolve('error'));
  });
}

/** Whether a TCP connection to host:port is accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('host mode: nothing without the token, from another origin, or from another address', () => {
  let t: ReturnType<typeof testServices>;
  let server: HostServer;
  let auth: Record<string, string>;
  let events: string;

  beforeAll(async () => {
    t = testServices();
    server = await startHostServer({ dispatch: t.dispatch, bus: t.services.bus, rendererDir, port: 0 });
    auth = { authorization: `Bearer ${server.token}` };
    events = `ws://127.0.0.1:${server.port}/events`;
  });
  afterAll(async () => {
    await server.close();
    await t.dispose();
  });

  it('the WebSocket needs the token, our Origin and our Host', async () => {
    expect(await wsOutcome(events, {})).toBe('401');
    expect(await wsOutcome(events, { authorization: 'Bearer not-the-token' })).toBe('401');
    expect(await wsOutcome(`${events}?token=${'x'.repeat(server.token.length)}`, {})).toBe('401');
    expect(await wsOutcome(events, { cookie: 'fs_token=wrong' })).toBe('401');
    // The right token is refused everywhere but the header and the subprotocol: no cookie, no query.
    expect(await wsOutcome(events, { cookie: `fs_token=${server.token}` })).toBe('401');
    expect(await wsOutcome(`${events}?token=${server.token}`, {})).toBe('401');
    expect(await wsOutcome(events, {}, ['factor-studio', `fs-token.${server.token}x`])).toBe('401');
    expect(await wsOutcome(events, {}, ['factor-studio', `fs-token.${server.token}`])).toBe('open');
    expect(await wsOutcome(events, { origin: 'http://evil.example' }, ['factor-studio', `fs-token.${server.token}`])).toBe('401');
    expect(await wsOutcome(events, { ...auth, origin: 'http://evil.example' })).toBe('401');
    expect(await wsOutcome(events, { ...auth, origin: `http://127.0.0.1:${server.port + 1}` })).toBe('401');
    expect(await wsOutcome(events, { ...auth, host: `evil.example:${server.port}` })).toBe('401');
    expect(await wsOutcome(`ws://127.0.0.1:${server.port}/other`, auth)).toBe('401');
    // The same socket with everything right opens: the refusals above are about the checks.
    expect(await wsOutcome(events, { ...auth, origin: `http://127.0.0.1:${server.port}` })).toBe('open');
    expect(await wsOutcome(events, { origin: `http://127.0.0.1:${server.port}` }, ['factor-studio', `fs-token.${server.token}`])).toBe('open');
  });

  it('every API method needs the token, in the bearer header only', async () => {
    for (const method of apiMethodNames) {
      expect(await post(server.port, `/api/${method}`, { cookie: `fs_token=${server.token}` }, '{}'), method).toBe(401);
      expect(await post(server.port, `/api/${method}?token=${server.token}`, {}, '{}'), method).toBe(401);
      expect(await post(server.port, `/api/${method}`, {}, '{}'), method).toBe(401);
      expect(await post(server.port, `/api/${method}`, { authorization: `Bearer ${server.token}x` }, '{}'), method).toBe(401);
      expect(await post(server.port, `/api/${method}`, { authorization: server.token }, '{}'), method).toBe(401);
    }
  });

  it('a token-holding request from another Origin or to another Host name is refused (CSRF, DNS rebinding)', async () => {
    expect(await post(server.port, '/api/projects.create', { ...auth, origin: 'null' }, '{"name":"x"}')).toBe(403);
    expect(await post(server.port, '/api/projects.create', { ...auth, origin: 'http://localhost.evil.example' }, '{"name":"x"}')).toBe(403);
    expect(await post(server.port, '/api/projects.create', { ...auth, host: `attacker.example:${server.port}` }, '{"name":"x"}')).toBe(421);
    expect(await post(server.port, '/api/projects.create', { ...auth, host: '127.0.0.1' }, '{"name":"x"}')).toBe(421);
    expect(t.services.projects.list()).toEqual([]);
  });

  it('no response sets a cookie, and downloads need the bearer header or a minted link', async () => {
    const replies = await Promise.all(
      ['/', `/?token=${server.token}`, '/index.html', `/downloads/00000000-0000-4000-8000-000000000000?token=${server.token}`].map(
        (p) => new Promise<http.IncomingMessage>((resolve, reject) => http.get({ host: '127.0.0.1', port: server.port, path: p }, (res) => (res.resume(), resolve(res))).on('error', reject)),
      ),
    );
    for (const reply of replies) expect(reply.headers['set-cookie']).toBeUndefined();
    expect(replies[3]?.statusCode).toBe(401);
    const bogusLink = await new Promise<number>((resolve, reject) =>
      http.get({ host: '127.0.0.1', port: server.port, path: '/downloads/00000000-0000-4000-8000-000000000000?link=guessed' }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject),
    );
    expect(bogusLink).toBe(401);
  });

  it('a 10 MB body is refused and the server keeps answering', async () => {
    expect(await post(server.port, '/api/projects.create', auth, JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) }))).toBe(413);
    expect(await post(server.port, '/api/projects.list', auth, '{}')).toBe(200);
  });

  it('listens on 127.0.0.1 only: no other address of this machine accepts a connection', async () => {
    expect(await connects('127.0.0.1', server.port)).toBe(true);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => a !== undefined && a.address !== '127.0.0.1')
      .map((a) => a.address);
    // ::1 is always tried: a server bound to every address would accept it where IPv6 is on.
    for (const address of new Set(['::1', ...others])) expect(await connects(address, server.port), address).toBe(false);
  });
});

describe('every API method validates its payload and confines its paths', () => {
  let t: ReturnType<typeof testServices>;
  beforeAll(() => {
    t = testServices();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('refuses a payload failing its schema with invalid_input, for every method', async () => {
    for (const method of apiMethodNames) {
      for (const input of [{ unexpected: true }, 'text', 42, [1, 2]]) {
        const result = await t.dispatch(method, input);
        expect(result, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    }
  });

  it('refuses ids that try to leave the data folder, for every method that takes one', async () => {
    const escapes = ['../../etc/passwd', '..', '/etc', 'C:\\Windows', '00000000-0000-4000-8000-000000000000/../../x'];
    let checked = 0;
    for (const method of apiMethodNames) {
      for (const field of ['id', 'projectId', 'runId']) {
        for (const value of escapes) {
          const result = await t.dispatch(method, { [field]: value });
          expect(result.ok, `${method} ${field}=${value}`).toBe(false);
          if (!result.ok && result.error.field === field) {
            expect(result.error.message).toMatch(/UUID/);
            checked++;
          }
        }
      }
    }
    // Most methods take an id: the UUID check, not some other error, refused them.
    expect(checked).toBeGreaterThan(10 * escapes.length);
  });

  it('project and run folders are built from ids and refuse anything that escapes', () => {
    const data = tempDir();
    try {
      const folders = new ProjectFolders(data.path);
      const root = path.join(data.path, 'projects');
      expect(folders.projectDir('00000000-0000-4000-8000-000000000000')).toBe(path.join(root, '00000000-0000-4000-8000-000000000000'));
      for (const bad of ['..', '../x', '../../etc', '/etc', 'a/../../b', '']) {
        expect(() => folders.projectDir(bad), bad).toThrow(/outside the project folder/);
        expect(() => folders.confine(path.join(root, 'p'), bad), bad).toThrow(/outside the project folder/);
      }
      expect(() => folders.runDir('p', '../../q')).toThrow(/outside the project folder/);
    } finally {
      data.remove();
    }
  });

  it('a checkpoint pointer that names another folder stays inside the run', () => {
    const data = tempDir();
    try {
      const runDir = path.join(data.path, 'run');
      const outside = path.join(data.path, 'outside');
      mkdirSync(path.join(runDir, 'checkpoints'), { recursive: true });
      mkdirSync(outside);
      for (const dir of ['../../outside', outside, '..', '../checkpoints/../../outside']) {
        writeFileSync(path.join(runDir, 'checkpoints', 'latest.json'), JSON.stringify({ dir, step: 1 }));
        const resolved = latestCheckpointDir(runDir);
        if (resolved !== null) expect(path.dirname(resolved), dir).toBe(path.join(runDir, 'checkpoints'));
      }
    } finally {
      data.remove();
    }
  });
});
