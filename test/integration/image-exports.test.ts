import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostServer, type HostServer } from '../../main/host/server';
import type { ExportProgress, ExportSummary } from '../../shared/exports';
import type { Project, RunSummary } from '../../shared/models';
import { rendererDir } from '../helpers/paths';
import { readZip } from '../helpers/read-zip';
import { callerOf, testServices } from '../helpers/services';

const tinyConfig = { data: 'dsprites', imageSize: 32, batch: 8, latents: 3, zDim: 4, stage2Width: 8, stage1Steps: 4, stage2Steps: 2, checkpointEvery: 3, previewEvery: 2 };
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const bytesUnder = (dir: string) => filesUnder(dir).reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);

function get(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** Polls a run until it leaves queued/running (expect.poll works inside tests only, this in hooks too). */
async function untilFinished(get: () => Promise<RunSummary>, timeoutMs = 90_000): Promise<RunSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await get();
    if ((run.status !== 'queued' && run.status !== 'running') || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('image exports (real services, real compute process, files on disk)', () => {
  let t: ReturnType<typeof testServices>;
  let project: Project;
  let run: RunSummary;
  let projectDir: string;
  const progress: ExportProgress[] = [];
  const updates: ExportSummary[] = [];
  const call = <T>(method: string, input: unknown): Promise<T> => callerOf(t.dispatch)<T>(method, input);
  const finished = async (id: string) => {
    await expect.poll(async () => (await call<ExportSummary>('exports.get', { id })).status, { timeout: 60_000 }).not.toBe('running');
    return call<ExportSummary>('exports.get', { id });
  };

  beforeAll(async () => {
    t = testServices();
    t.services.bus.subscribe((event, payload) => {
      if (event === 'export.progress') progress.push(payload as ExportProgress);
      if (event === 'export.updated') updates.push(payload as ExportSummary);
    });
    project = await call<Project>('projects.create', { name: 'Export sprites' });
    projectDir = path.join(t.dataDir, 'projects', project.id);
    const started = await call<RunSummary>('runs.startImage', { projectId: project.id, config: tinyConfig });
    run = await untilFinished(() => call<RunSummary>('runs.get', { id: started.id }));
    expect(run.status).toBe('completed');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('offers the run factors and the image formats', async () => {
    expect(await call('exports.options', { runId: run.id })).toMatchObject({ kind: 'image', factors: 3, formats: ['png-folder', 'png-zip'], columns: [] });
  });

  it('writes a PNG folder with the model and a card, and records the export', async () => {
    const started = await call<ExportSummary>('exports.start', {
      runId: run.id,
      n: 5,
      format: 'png-folder',
      fixed: [{ index: 0, value: 1.5 }],
      includeModel: true,
      includeCard: true,
      seed: 7,
    });
    expect(started).toMatchObject({ status: 'running', projectName: 'Export sprites', runId: run.id, format: 'png-folder', path: `exports/${started.id}` });
    const done = await finished(started.id);
    expect(done).toMatchObject({ status: 'completed', itemCount: 5, error: null });
    const dir = path.join(projectDir, 'exports', started.id);
    const images = readdirSync(path.join(dir, 'images')).sort();
    expect(images).toEqual(['sample-00001.png', 'sample-00002.png', 'sample-00003.png', 'sample-00004.png', 'sample-00005.png']);
    for (const name of images) expect(readFileSync(path.join(dir, 'images', name)).subarray(0, 8)).toEqual(pngSignature);
    expect(filesUnder(path.join(dir, 'model'))).toEqual(['model.json', 'run.json', 'weights.bin']);
    expect(JSON.parse(readFileSync(path.join(dir, 'model', 'model.json'), 'utf8'))).toHaveProperty('weightsManifest');
    const card = JSON.parse(readFileSync(path.join(dir, 'card.json'), 'utf8')) as Record<string, unknown>;
    expect(card).toMatchObject({ images: 5, generation: { seed: 7, fix: { 0: 1.5 } }, model: { step: 6, config: { latents: 3, imageSize: 32 } } });
    expect(Object.keys(card['trainingMetrics'] as object)).toEqual(expect.arrayContaining(['stage1.recon', 'stage2.recon']));
    expect(readFileSync(path.join(dir, 'card.md'), 'utf8')).toMatch(/fixed c0 = 1\.5/);
    expect(done.bytes).toBe(bytesUnder(dir));
    expect(done.entries.map((e) => [e.name, e.kind, e.files])).toEqual([
      ['card.json', 'file', 1],
      ['card.md', 'file', 1],
      ['images', 'folder', 5],
      ['model', 'folder', 3],
    ]);
    expect(progress.filter((p) => p.exportId === started.id && p.phase === 'generate').at(-1)).toMatchObject({ done: 5, total: 5 });
    expect(updates.filter((u) => u.id === started.id).map((u) => u.status)).toEqual(['running', 'completed']);
    // The row is what the database holds, so history survives a restart.
    expect(t.services.store.exports.get(started.id)).toMatchObject({ status: 'completed', itemCount: 5, bytes: done.bytes });
  });

  it('writes a zip of PNGs that an unzip reads back', async () => {
    const started = await call<ExportSummary>('exports.start', { runId: run.id, n: 4, format: 'png-zip', includeCard: false });
    const done = await finished(started.id);
    expect(done).toMatchObject({ status: 'completed', itemCount: 4 });
    const dir = path.join(projectDir, 'exports', started.id);
    expect(readdirSync(dir)).toEqual(['images.zip']);
    const zip = readFileSync(path.join(dir, 'images.zip'));
    const entries = readZip(zip);
    expect([...entries.keys()]).toEqual(['sample-00001.png', 'sample-00002.png', 'sample-00003.png', 'sample-00004.png']);
    for (const data of entries.values()) expect(data.subarray(0, 8)).toEqual(pngSignature);
    if (existsSync('/usr/bin/unzip')) expect(execFileSync('/usr/bin/unzip', ['-tq', path.join(dir, 'images.zip')]).toString()).toMatch(/No errors/);
    expect(done.bytes).toBe(zip.length);
  });

  it('refuses requests that do not fit the run, naming the field', async () => {
    const bad = async (input: object) => t.dispatch('exports.start', { runId: run.id, n: 2, format: 'png-folder', ...input });
    expect(await bad({ format: 'csv' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'format' } });
    expect(await bad({ fixed: [{ index: 3, value: 0 }] })).toMatchObject({ ok: false, error: { field: 'fixed.0.index', message: expect.stringMatching(/c0\.\.c2/) } });
    expect(await bad({ n: 0 })).toMatchObject({ ok: false, error: { field: 'n' } });
    expect(await bad({ n: 20_000 })).toMatchObject({ ok: false, error: { field: 'n', message: expect.stringMatching(/At most 10000/) } });
    expect(await bad({ conditions: [{ column: 'x', op: 'eq', value: '1' }] })).toMatchObject({ ok: false, error: { field: 'conditions' } });
  });

  it('fails cleanly when the exports folder cannot be written, leaving no partial folder', async () => {
    const exportsDir = path.join(projectDir, 'exports');
    // A read-only folder stops everyone but root; a file where the folder should be stops root too.
    const asRoot = process.getuid?.() === 0;
    const aside = `${exportsDir}-aside`;
    renameSync(exportsDir, aside);
    if (asRoot) writeFileSync(exportsDir, 'not a folder');
    else {
      mkdirSync(exportsDir);
      chmodSync(exportsDir, 0o500);
    }
    try {
      const started = await call<ExportSummary>('exports.start', { runId: run.id, n: 3, format: 'png-folder' });
      const done = await finished(started.id);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/Could not write the export into .*exports: (permission denied|a file is in the way of the folder)\. Make sure that folder is writable/);
      expect(done.itemCount).toBeNull();
      if (!asRoot) expect(readdirSync(exportsDir)).toEqual([]);
      expect(existsSync(path.join(exportsDir, started.id))).toBe(false);
      expect(readdirSync(projectDir).filter((name) => name.includes('partial'))).toEqual([]);
    } finally {
      if (!asRoot) chmodSync(exportsDir, 0o755);
      rmSync(exportsDir, { recursive: true, force: true });
      renameSync(aside, exportsDir);
    }
  });

  it('lists exports newest first, for a project and across projects', async () => {
    const all = await call<ExportSummary[]>('exports.list', {});
    expect(all.map((e) => e.status)).toEqual(['failed', 'completed', 'completed']);
    expect(all.every((e) => e.projectName === 'Export sprites')).toBe(true);
    expect((await call<ExportSummary[]>('exports.list', { projectId: project.id })).length).toBe(3);
  });

  it('serves finished exports in host mode behind the token, and nothing outside the export folder', async () => {
    const server: HostServer = await startHostServer({ dispatch: t.dispatch, bus: t.services.bus, rendererDir, port: 0, exportFiles: t.services.exports });
    try {
      const auth = { authorization: `Bearer ${server.token}` };
      const [failed, zipped, folder] = await call<ExportSummary[]>('exports.list', { projectId: project.id });
      if (!failed || !zipped || !folder) throw new Error('expected three exports');
      const saved = await call<{ kind: string; url: string }>('exports.saveAs', { id: folder.id });
      expect(saved).toEqual({ kind: 'download', url: `/downloads/${folder.id}` });

      expect((await get(server.port, saved.url)).status).toBe(401);
      expect((await get(server.port, saved.url, { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await get(server.port, saved.url, { ...auth, origin: 'http://evil.example' })).status).toBe(403);

      const whole = await get(server.port, saved.url, auth);
      expect(whole.status).toBe(200);
      expect(whole.headers['content-type']).toBe('application/zip');
      expect(whole.headers['content-disposition']).toMatch(/^attachment; filename="Export-sprites-png-folder-.*\.zip"/);
      const entries = readZip(whole.body);
      expect([...entries.keys()]).toEqual(expect.arrayContaining(['card.json', 'images/sample-00001.png', 'model/weights.bin']));
      expect(entries.get('images/sample-00005.png')?.subarray(0, 8)).toEqual(pngSignature);

      const one = await get(server.port, `/downloads/${folder.id}/images/sample-00002.png`, auth);
      expect(one.status).toBe(200);
      expect(one.headers['content-type']).toBe('image/png');
      expect(one.body).toEqual(readFileSync(path.join(projectDir, 'exports', folder.id, 'images', 'sample-00002.png')));
      const card = await get(server.port, `/downloads/${folder.id}/card.md`, auth);
      expect(card.body.toString()).toMatch(/^# Synthetic images/);
      expect((await get(server.port, `/downloads/${zipped.id}/images.zip`, auth)).body).toEqual(readFileSync(path.join(projectDir, 'exports', zipped.id, 'images.zip')));

      for (const escape of [
        `/downloads/${folder.id}/..%2F..%2F..%2F..%2Ffactor-studio.sqlite`,
        `/downloads/${folder.id}/..%2f${zipped.id}%2fimages.zip`,
        `/downloads/${folder.id}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/factor-studio.sqlite`,
        `/downloads/${folder.id}/../../factor-studio.sqlite`,
        `/downloads/${folder.id}/images%5C..%5C..%5Ccard.json`,
        `/downloads/${folder.id}/%2Fetc%2Fpasswd`,
        `/downloads/..%2F..%2Ffactor-studio.sqlite`,
        `/downloads/${folder.id}/no-such-file.png`,
        `/downloads/${failed.id}`,
        '/downloads/not-an-id',
        `/downloads/${folder.id}/%E0%A4%A`,
      ]) {
        const reply = await get(server.port, escape, auth);
        expect([400, 404], escape).toContain(reply.status);
        expect(reply.body.includes(Buffer.from('SQLite format'))).toBe(false);
      }
      expect(await t.dispatch('exports.saveAs', { id: failed.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    } finally {
      await server.close();
    }
  });

  it('cancels a running export: it ends failed as cancelled and leaves no files', async () => {
    const started = await call<ExportSummary>('exports.start', { runId: run.id, n: 5000, format: 'png-folder' });
    await expect.poll(() => progress.some((p) => p.exportId === started.id && p.done > 0), { timeout: 30_000, interval: 20 }).toBe(true);
    expect((await call<ExportSummary>('exports.cancel', { id: started.id })).id).toBe(started.id);
    const done = await finished(started.id);
    expect(done).toMatchObject({ status: 'failed', error: 'The export was cancelled.', itemCount: null });
    expect(readdirSync(path.join(projectDir, 'exports')).filter((name) => name.includes(started.id))).toEqual([]);
    expect(await t.dispatch('exports.cancel', { id: started.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
