import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricSeries, Project, RunSummary } from '../../shared/models';
import type { TableSchema } from '../../shared/tabular-schema';
import { callerOf, testServices } from '../helpers/services';
import { plantsRows } from '../helpers/plants-csv';
import { tempDir } from '../helpers/temp-dir';

describe('tables through the API: inspect with overrides, train (real compute processes)', () => {
  let t: ReturnType<typeof testServices>;
  const files = tempDir();
  const csv = path.join(files.path, 'plants.csv');
  let project: Project;
  const call = <T>(method: string, input: unknown): Promise<T> => callerOf(t.dispatch)<T>(method, input);

  beforeAll(async () => {
    t = testServices();
    const rows = plantsRows();
    rows.splice(5, 0, '1.0,fern'); // a ragged row
    writeFileSync(csv, `${rows.join('\n')}\n`);
    project = await call<Project>('projects.create', { name: 'Plants', kind: 'tabular' });
  });
  afterAll(async () => {
    await t.dispose();
    files.remove();
  });

  it('infers the schema, lists the ragged row it skipped, and applies overrides', async () => {
    const schema = await call<TableSchema>('datasets.inspectTable', { path: csv });
    expect(schema.columns.map((c) => [c.name, c.type])).toEqual([
      ['height', 'float'],
      ['kind', 'categorical'],
      ['leaves', 'categorical'],
    ]);
    expect(schema.skippedRows).toBe(1);
    expect(schema.issues.some((i) => i.row === 5 && /expected 3/.test(i.message) && i.file.endsWith('plants.csv'))).toBe(true);
    const overridden = await call<TableSchema>('datasets.inspectTable', { path: csv, overrides: [{ column: 'leaves', type: 'integer' }, { column: 'kind', role: 'excluded' }] });
    expect(overridden.columns.find((c) => c.name === 'leaves')?.type).toBe('integer');
    expect(overridden.columns.find((c) => c.name === 'kind')).toMatchObject({ role: 'excluded', excludedReason: 'user' });
  });

  it.each([
    [{ path: 'plants.csv' }, /must be an absolute path/],
    [{ path: '/no/such/table.csv' }, /does not exist/],
    [{ path: '/etc/hostname' }, /expected a \.csv/],
  ])('refuses %j naming the path field', async (input, message) => {
    const result = await t.dispatch('datasets.inspectTable', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'path', message: expect.stringMatching(message) } });
  });

  it('reports a header-only file with its name', async () => {
    const empty = path.join(files.path, 'header-only.csv');
    writeFileSync(empty, 'a,b,c\n');
    const result = await t.dispatch('datasets.inspectTable', { path: empty });
    expect(result).toMatchObject({ ok: false, error: { field: 'path', message: expect.stringMatching(/header-only\.csv/) } });
  });

  it('trains a tabular run with overrides and records per-stage metrics', async () => {
    const started = await call<RunSummary>('runs.startTabular', {
      projectId: project.id,
      config: { data: csv, stage1Steps: 20, stage2Steps: 10, batch: 32 },
      overrides: [{ column: 'leaves', type: 'integer' }],
    });
    expect(started).toMatchObject({ kind: 'tabular', totalSteps: 30 });
    await expect.poll(async () => (await call<RunSummary>('runs.get', { id: started.id })).status, { timeout: 60_000 }).toBe('completed');
    const names = (await call<MetricSeries[]>('runs.metrics', { id: started.id })).map((m) => m.name);
    // The default stage 2 for tables is the coupling flow: its one term is the residual's NLL.
    expect(names).toEqual(expect.arrayContaining(['stage1.recon', 'stage1.tc', 'stage2.nll']));
  });
});
