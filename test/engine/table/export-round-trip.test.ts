/**
 * Synthetic rows written through the real export path (schema -> encoder -> decode -> CSV / JSON)
 * look like the input: each column's own missing token, categories from the real set, integers
 * without decimals, values inside the real bounds, dates in the input's format. The encoded rows
 * decoded here are wild on purpose (far outside every range, noisy one-hots), as an untrained or
 * badly fitted model's would be: decoding, not the model, must keep these promises.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { seededRandom } from '../../../main/engine/core/random';
import { TableEncoder } from '../../../main/engine/table/encoding/encoder';
import { readTableSource } from '../../../main/engine/table/reading/read-table';
import { serializeTable } from '../../../main/engine/table/writing/export-table';
import { missingTokenOf } from '../../../shared/tabular-schema';
import { tabularTempDir } from './helpers';

const dir = tabularTempDir();
afterAll(() => dir.remove());

/** 120 rows: every column has missing cells, some spelled two ways (the most common one wins). */
function sourceCsv(): string {
  const lines = ['age,income,job,country,joined,stamp'];
  for (let i = 0; i < 120; i++) {
    const age = i % 10 === 0 ? (i % 30 === 0 ? 'NA' : '?') : String(20 + (i % 45));
    const income = i % 12 === 0 ? 'N/A' : (1000 + ((i * 37) % 900) + 0.25 * (i % 4)).toFixed(2);
    const job = i % 8 === 0 ? '?' : ['clerk', 'nurse', 'farmer', 'pilot'][i % 4]!;
    const country = i % 15 === 0 ? '' : ['NZ', 'FR', 'JP'][i % 3]!;
    const joined = i % 9 === 0 ? 'null' : `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    const stamp = i % 20 === 0 ? '?' : `2023/05/${String((i % 28) + 1).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
    lines.push([age, income, job, country, joined, stamp].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Encoded rows far from any real one: big Gaussian noise on every position, flags included. */
function wildRows(width: number, n: number): Float32Array {
  const random = seededRandom(5);
  const out = new Float32Array(n * width);
  for (let i = 0; i < out.length; i++) out[i] = (random() - 0.5) * 40;
  return out;
}

let exported: ReturnType<typeof exportWild> | undefined;
/** One export shared by the tests (reading and decoding it again would only cost time). */
const exportedWild = () => (exported ??= exportWild());

async function exportWild() {
  const { schema, table } = await readTableSource(dir.write('source.csv', sourceCsv()));
  const encoder = new TableEncoder(schema, table, { numeric: 'auto' });
  const n = 2000;
  const synthetic = encoder.decode(wildRows(encoder.width, n), n, { sample: true, random: seededRandom(9) });
  const csv = serializeTable(synthetic, schema, 'csv') as string;
  const cells = csv.trimEnd().split('\n').slice(1).map((line) => line.split(','));
  const column = (name: string) => cells.map((row) => row[schema.columns.findIndex((c) => c.name === name)]!);
  return { schema, table, synthetic, csv, column, n };
}

describe('exported tables look like the input', () => {
  it('remembers each column\'s missing tokens and writes the most common one', async () => {
    const { schema, column } = await exportedWild();
    const byName = Object.fromEntries(schema.columns.map((c) => [c.name, c]));
    expect(byName['age']!.missingTokens).toEqual({ '?': 8, NA: 4 });
    expect(byName['income']!.missingTokens).toEqual({ 'N/A': 10 });
    expect(byName['country']!.missingTokens).toEqual({ '': 8 });
    const tokens = { age: '?', income: 'N/A', job: '?', country: '', joined: 'null', stamp: '?' };
    for (const [name, token] of Object.entries(tokens)) {
      expect(missingTokenOf(byName[name]!)).toBe(token);
      const written = column(name);
      // Wild flags make about half the cells missing: each written with the column's token, never another.
      expect(written.filter((v) => v === token).length).toBeGreaterThan(200);
      for (const other of ['?', 'NA', 'N/A', 'null', '']) if (other !== token) expect(written).not.toContain(other);
    }
  });

  it('reads its own export back with the same missing cells (every token is a missing token)', async () => {
    const { synthetic, csv, schema } = await exportedWild();
    const back = await readTableSource(dir.write('back.csv', csv), { overrides: schema.columns.map((c) => ({ column: c.name, type: c.type })) });
    for (let j = 0; j < schema.columns.length; j++) {
      const nulls = (rows: readonly (readonly unknown[])[]) => rows.filter((r) => r[j] === null).length;
      expect(nulls(back.table.rows)).toBe(nulls(synthetic.rows));
    }
  });

  it('writes only the real categories', async () => {
    const { column } = await exportedWild();
    expect(new Set(column('job'))).toEqual(new Set(['?', 'clerk', 'nurse', 'farmer', 'pilot']));
    expect(new Set(column('country'))).toEqual(new Set(['', 'NZ', 'FR', 'JP']));
  });

  it('writes integers without decimals and numbers within the real min and max', async () => {
    const { column, table } = await exportedWild();
    const ages = column('age').filter((v) => v !== '?');
    for (const v of ages) expect(v).toMatch(/^\d+$/);
    expect(Math.min(...ages.map(Number))).toBeGreaterThanOrEqual(20);
    expect(Math.max(...ages.map(Number))).toBeLessThanOrEqual(64);
    const incomes = column('income').filter((v) => v !== 'N/A');
    for (const v of incomes) expect(v).toMatch(/^\d+\.\d{2}$/);
    const real = table.rows.map((r) => r[1]).filter((v): v is number => typeof v === 'number');
    expect(Math.min(...incomes.map(Number))).toBeGreaterThanOrEqual(Math.min(...real));
    expect(Math.max(...incomes.map(Number))).toBeLessThanOrEqual(Math.max(...real));
  });

  it('writes dates and datetimes in the input\'s format, within its range', async () => {
    const { column } = await exportedWild();
    const joined = column('joined').filter((v) => v !== 'null');
    for (const v of joined) expect(v).toMatch(/^2024-\d{2}-\d{2}$/);
    expect(joined.sort()[0]! >= '2024-01-01').toBe(true);
    const stamps = column('stamp').filter((v) => v !== '?');
    for (const v of stamps) expect(v).toMatch(/^2023\/05\/\d{2} \d{2}:\d{2}$/);
  });

  it('JSON keeps null for missing cells (a typed format has its own missing value)', async () => {
    const { synthetic, schema } = await exportedWild();
    const records = JSON.parse(serializeTable(synthetic, schema, 'json') as string) as Record<string, unknown>[];
    const ages = records.map((r) => r['age']);
    expect(ages).toContain(null);
    expect(ages).not.toContain('?');
  });
});
