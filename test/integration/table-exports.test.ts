import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportOptions, ExportSummary } from '../../shared/exports';
import type { Project, RunDetails, RunSummary } from '../../shared/models';
import { callerOf, testServices } from '../helpers/services';
import { tempDir } from '../helpers/temp-dir';
import { plantsRows } from '../helpers/plants-csv';

async function until<T>(get: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('table exports (real services, real compute process, files on disk)', () => {
  let t: ReturnType<typeof testServices>;
  const files = tempDir();
  let project: Project;
  let run: RunSummary;
  let projectDir: string;
  const call = <T>(method: string, input: unknown): Promise<T> => callerOf(t.dispatch)<T>(method, input);
  const finished = (id: string) => until(() => call<ExportSummary>('exports.get', { id }), (e) => e.status !== 'running');

  beforeAll(async () => {
    t = testServices();
    const csv = path.join(files.path, 'plants.csv');
    const rows = plantsRows();
    writeFileSync(csv, `${rows.join('\n')}\n`);
    project = await call<Project>('projects.create', { name: 'Plants export', kind: 'tabular' });
    projectDir = path.join(t.dataDir, 'projects', project.id);
    const started = await call<RunSummary>('runs.startTabular', { projectId: project.id, config: { data: csv, stage1Steps: 20, stage2Steps: 10, batch: 32 } });
    run = await until(() => call<RunSummary>('runs.get', { id: started.id }), (r) => r.status !== 'queued' && r.status !== 'running');
    expect(run.status).toBe('completed');
  });
  afterAll(async () => {
    await t.dispose();
    files.remove();
  });

  it('offers the modelled columns with their values and ranges', async () => {
    const options = await call<ExportOptions>('exports.options', { runId: run.id });
    expect(options).toMatchObject({ kind: 'tabular', formats: ['csv', 'parquet', 'json'] });
    expect(options.columns.map((c) => [c.name, c.type])).toEqual([
      ['height', 'float'],
      ['kind', 'categorical'],
      ['leaves', 'categorical'],
    ]);
    expect(options.columns[0]).toMatchObject({ min: 10, max: 19 });
    expect([...(options.columns[1]?.values ?? [])].sort()).toEqual(['fern', 'ivy', 'moss']);
  });

  it('writes CSV rows that meet a fixed value and a numeric range, with the dataset card and quality report', async () => {
    const started = await call<ExportSummary>('exports.start', {
      runId: run.id,
      n: 40,
      format: 'csv',
      conditions: [
        { column: 'kind', op: 'eq', value: 'fern' },
        { column: 'height', op: 'range', min: 10, max: 15 },
      ],
      includeModel: true,
      includeCard: true,
      seed: 3,
    });
    const done = await finished(started.id);
    expect(done).toMatchObject({ status: 'completed', itemCount: 40, error: null });
    const dir = path.join(projectDir, 'exports', started.id);
    expect(readdirSync(dir).sort()).toEqual(['card.json', 'card.md', 'data.csv', 'model', 'report.html', 'report.json']);
    const lines = readFileSync(path.join(dir, 'data.csv'), 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('height,kind,leaves');
    expect(lines).toHaveLength(41);
    for (const line of lines.slice(1)) {
      const [height, kind] = line.split(',');
      expect(kind).toBe('fern');
      expect(Number(height)).toBeGreaterThanOrEqual(10);
      expect(Number(height)).toBeLessThanOrEqual(15);
    }
    const card = JSON.parse(readFileSync(path.join(dir, 'card.json'), 'utf8')) as Record<string, unknown>;
    expect(card).toMatchObject({ file: 'data.csv', rows: 40, generation: { seed: 3, where: [{ column: 'kind', value: 'fern' }, { column: 'height', min: 10, max: 15 }] } });
    expect(card['metrics']).toBeTruthy();
    // The card sets MS-VAE beside the Gaussian copula fitted on the same rows and stage 1.
    expect(card['models']).toMatchObject({ copula_trained: true, headline: { overall: { ms_vae: expect.any(Number), copula: expect.any(Number), stage1: expect.any(Number) } } });
    expect(readFileSync(path.join(dir, 'card.md'), 'utf8')).toMatch(/\| overall quality vs hold-out \| \d\.\d{3} \| \d\.\d{3} \| \d\.\d{3} \|/);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))).toHaveProperty('stage2');
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toMatch(/<html/i);
    expect(readdirSync(path.join(dir, 'model')).sort()).toEqual(['model.json', 'run.json', 'weights.bin']);
    expect(done.entries.find((e) => e.name === 'data.csv')?.bytes).toBe(readFileSync(path.join(dir, 'data.csv')).length);
  });

  it('stores the run’s quality for MS-VAE, the Gaussian copula and stage 1 side by side (the compare view reads them)', async () => {
    const names = ['eval.overall', 'eval.baseline.overall', 'eval.stage1.overall', 'eval.baseline.ml_efficacy_ratio', 'eval.stage1.exact_copies', 'eval.baseline.fit_seconds'];
    await expect
      .poll(async () => Object.keys((await call<RunDetails>('runs.details', { id: run.id })).finalMetrics), { timeout: 90_000, interval: 200 })
      .toEqual(expect.arrayContaining(names));
  });

  it('writes Parquet that hyparquet reads back, and JSON records', async () => {
    const parquet = await finished((await call<ExportSummary>('exports.start', { runId: run.id, n: 25, format: 'parquet', includeCard: false, conditions: [{ column: 'kind', op: 'eq', value: 'moss' }] })).id);
    expect(parquet).toMatchObject({ status: 'completed', itemCount: 25 });
    const buffer = readFileSync(path.join(projectDir, 'exports', parquet.id, 'data.parquet'));
    expect(parquet.bytes).toBe(buffer.length);
    const rows = (await parquetReadObjects({ file: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) })) as Record<string, unknown>[];
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => r['kind'] === 'moss' && typeof r['height'] === 'number')).toBe(true);

    const json = await finished((await call<ExportSummary>('exports.start', { runId: run.id, n: 10, format: 'json', includeCard: false })).id);
    const records = JSON.parse(readFileSync(path.join(projectDir, 'exports', json.id, 'data.json'), 'utf8')) as Record<string, unknown>[];
    expect(records).toHaveLength(10);
    expect(Object.keys(records[0] ?? {})).toEqual(['height', 'kind', 'leaves']);
  });

  it('refuses conditions the table cannot meet, naming the field', async () => {
    const bad = (conditions: unknown[], format = 'csv') => t.dispatch('exports.start', { runId: run.id, n: 5, format, conditions });
    expect(await bad([{ column: 'colour', op: 'eq', value: 'red' }])).toMatchObject({ ok: false, error: { field: 'conditions.0.column', message: expect.stringMatching(/height, kind, leaves/) } });
    expect(await bad([{ column: 'kind', op: 'range', min: 1, max: 2 }])).toMatchObject({ ok: false, error: { field: 'conditions.0.op' } });
    expect(await bad([{ column: 'kind', op: 'eq', value: 'cactus' }])).toMatchObject({ ok: false, error: { field: 'conditions.0.value', message: expect.stringMatching(/fern/) } });
    expect(await bad([{ column: 'height', op: 'eq', value: 'tall' }])).toMatchObject({ ok: false, error: { field: 'conditions.0.value' } });
    expect(await bad([{ column: 'height', op: 'range', min: 5, max: 1 }])).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'conditions.0.max' } });
    expect(await bad([], 'png-zip')).toMatchObject({ ok: false, error: { field: 'format' } });
  });

  it('ends failed with the reason when no generated row can meet the conditions', async () => {
    const started = await call<ExportSummary>('exports.start', { runId: run.id, n: 5, format: 'csv', includeCard: false, conditions: [{ column: 'height', op: 'range', min: 1000, max: 2000 }] });
    const done = await finished(started.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/met height in 1000\.\.2000.*widen the condition/);
    expect(readdirSync(path.join(projectDir, 'exports')).filter((name) => name.includes(started.id))).toEqual([]);
  });
});
