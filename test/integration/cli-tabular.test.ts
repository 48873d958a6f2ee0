import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEntry } from '../helpers/paths';
import { tempDir } from '../helpers/temp-dir';

/** A small mixed table: numbers with a relation, categories, booleans, dates, missing values, an id. */
function writeCsv(file: string, rows: number): void {
  const lines = ['id,species,length,mass,adult,seen,notes'];
  let state = 7;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < rows; i++) {
    const species = ['fox', 'owl', 'elk'][i % 3] ?? 'fox';
    const length = (species === 'elk' ? 200 : species === 'fox' ? 60 : 30) + Math.round(rand() * 200) / 10;
    const mass = i % 17 === 0 ? '' : String(Math.round(length * (species === 'elk' ? 2 : 0.1) + rand() * 3));
    const date = `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push(`${1000 + i},${species},${length.toFixed(1)},${mass},${i % 4 === 0 ? 'yes' : 'no'},${date},constant`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

interface Report {
  headline: { overall: number; column_shapes: number; exact_copies: number };
  stage1: { headline: { overall: number } };
  comparison: { summary: string };
  baseline: { status: string; fit_seconds?: number; train_rows?: number; report?: { headline: { overall: number; ml_efficacy_ratio: number | null } }; reason?: string };
  models: { copula_trained: boolean; summary: string; headline: Record<string, { ms_vae: number | null; copula: number | null; stage1: number | null; margin_over_copula: number | null }> };
}

describe('CLI: tabular train, generate, report (real compute process)', () => {
  const dir = tempDir();
  const csv = path.join(dir.path, 'animals.csv');
  const runDir = path.join(dir.path, 'run');
  const cli = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args, '--data-dir', path.join(dir.path, 'data')], { encoding: 'utf8', timeout: 120_000 });

  beforeAll(() => {
    writeCsv(csv, 240);
    const train = cli('train', '--data', csv, '--stage1-steps', '150', '--stage2-steps', '100', '--batch', '64', '--out', runDir, '--json');
    expect(train.status, train.stderr).toBe(0);
  });
  afterAll(() => dir.remove());

  it('infers the kind and the schema from the file, and trains both stages', () => {
    const manifest = JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { kind: string; schema: { columns: { name: string; type: string; role: string; excludedReason?: string }[] }; split: { trainRows: number; holdoutRows: number; validationRows: number } };
    expect(manifest.kind).toBe('tabular');
    const byName = Object.fromEntries(manifest.schema.columns.map((c) => [c.name, c]));
    expect(byName['species']).toMatchObject({ type: 'categorical', role: 'feature' });
    expect(byName['length']).toMatchObject({ type: 'float', role: 'feature' });
    expect(byName['mass']).toMatchObject({ type: 'integer', role: 'feature' });
    expect(byName['adult']).toMatchObject({ type: 'boolean' });
    expect(byName['seen']).toMatchObject({ type: 'datetime' });
    expect(byName['id']).toMatchObject({ role: 'excluded', excludedReason: 'identifier' });
    expect(byName['notes']).toMatchObject({ role: 'excluded', excludedReason: 'constant' });
    // 240 rows: 48 held out for the report, 19 for early stopping, 173 trained on.
    expect(manifest.split).toEqual({ trainRows: 173, holdoutRows: 48, validationRows: 19 });
  });

  it('generates rows that respect the schema and the conditions, as CSV with a dataset card', () => {
    const out = path.join(dir.path, 'synth.csv');
    const result = cli('generate', '--run', runDir, '--n', '50', '--where', 'species=elk', '--where', 'length=200..215', '--out', out, '--json');
    expect(result.status, result.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,species,length,mass,adult,seen,notes');
    expect(lines).toHaveLength(51);
    for (const line of lines.slice(1)) {
      const [id, species, length, mass, adult, seen, notes] = line.split(',');
      expect(species).toBe('elk');
      expect(Number(length)).toBeGreaterThanOrEqual(200);
      expect(Number(length)).toBeLessThanOrEqual(215);
      expect(length).toMatch(/^\d+\.\d$/);
      if (mass !== '') expect(Number.isInteger(Number(mass))).toBe(true);
      expect(['yes', 'no']).toContain(adult);
      expect(seen).toMatch(/^2024-\d\d-\d\d$/);
      expect(notes).toBe('constant');
      expect(Number(id)).toBeGreaterThan(0);
    }
    const card = JSON.parse(readFileSync(`${out}.card.json`, 'utf8')) as { rows: number; source: { fingerprint: string } };
    expect(card.rows).toBe(50);
    expect(card.source.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(`${out}.card.md`, 'utf8')).toMatch(/\| species \| categorical \| feature \|/);
  });

  it('writes Parquet and JSON that read back with their types', async () => {
    const parquet = path.join(dir.path, 'synth.parquet');
    expect(cli('generate', '--run', runDir, '--n', '20', '--out', parquet, '--no-card').status).toBe(0);
    const buffer = readFileSync(parquet);
    const rows = (await parquetReadObjects({ file: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) })) as Record<string, unknown>[];
    expect(rows).toHaveLength(20);
    expect(typeof rows[0]?.['length']).toBe('number');
    expect(typeof rows[0]?.['adult']).toBe('boolean');
    expect(typeof rows[0]?.['species']).toBe('string');
    expect(existsSync(`${parquet}.card.json`)).toBe(false);
    const json = path.join(dir.path, 'synth.json');
    expect(cli('generate', '--run', runDir, '--n', '5', '--out', json).status).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toHaveLength(5);
  });

  it('report prints the headline numbers and writes a self-contained HTML page', () => {
    const html = path.join(dir.path, 'report.html');
    const result = cli('report', '--run', runDir, '--json', '--html', html, '--samples', '200');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.headline.overall).toBeGreaterThan(0.5);
    expect(report.headline.overall).toBeLessThanOrEqual(1);
    expect(report.stage1.headline.overall).toBeGreaterThan(0);
    expect(report.comparison.summary).toMatch(/stage 1 to stage 2/);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).not.toMatch(/<script[^>]+src=|https?:\/\//);
    expect(page).toContain('species');
    // MS-VAE beside the Gaussian copula fitted on the same 173 training rows, and beside stage 1.
    expect(report.baseline).toMatchObject({ status: 'ok', train_rows: 173 });
    expect(report.baseline.fit_seconds).toBeLessThan(5);
    expect(report.baseline.report!.headline.overall).toBeGreaterThan(0.5);
    const overall = report.models.headline['overall']!;
    expect(overall).toMatchObject({ ms_vae: report.headline.overall, copula: report.baseline.report!.headline.overall, stage1: report.stage1.headline.overall });
    expect(overall.margin_over_copula).toBeCloseTo(overall.ms_vae! - overall.copula!, 12);
    expect(report.models.headline['ml_efficacy_ratio']!.copula).toBe(report.baseline.report!.headline.ml_efficacy_ratio);
    expect(report.models.summary).toMatch(/Gaussian copula \d/);
    expect(page).toContain('MS-VAE beside a Gaussian copula and stage 1 alone');
  });

  it('reports a run without a copula file (trained before the baseline) with the copula as not trained', () => {
    const older = path.join(dir.path, 'older-run');
    cpSync(runDir, older, { recursive: true });
    rmSync(path.join(older, 'copula.json'));
    const result = cli('report', '--run', older, '--json', '--samples', '100');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.baseline.status).toBe('not-trained');
    expect(report.models.copula_trained).toBe(false);
    expect(report.models.headline['overall']).toMatchObject({ copula: null, margin_over_copula: null });
    expect(report.models.headline['overall']!.ms_vae).toBeGreaterThan(0.5);
  });

  it.each([
    [['generate', '--run', 'RUN', '--n', '5', '--where', 'species=zebra', '--out', 'x.csv'], /not a value seen in species/],
    [['generate', '--run', 'RUN', '--n', '5', '--where', 'colour=red', '--out', 'x.csv'], /there is no column "colour"/],
    [['generate', '--run', 'RUN', '--n', '5', '--where', 'species=1..2', '--out', 'x.csv'], /ranges apply to numeric columns/],
    [['generate', '--run', 'RUN', '--n', '5', '--out', 'x.xlsx'], /must end in \.csv, \.parquet or \.json/],
    [['train', '--data', 'CSV', '--kind', 'tabular', '--stage2', 'gan', '--out', 'OUT'], /--stage2: .*"flow"/],
  ])('refuses %j with one clear line', (args, message) => {
    const real = args.map((a) => (a === 'RUN' ? runDir : a === 'CSV' ? csv : a === 'OUT' ? path.join(dir.path, 'other') : a === 'x.csv' || a === 'x.xlsx' ? path.join(dir.path, a) : a));
    const result = cli(...real);
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(message);
  });
});
