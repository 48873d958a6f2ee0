/** Reading CSV / JSON tables: type inference, delimiters, quoting, BOM, overrides, sampling. */
import { afterAll, describe, expect, it } from 'vitest';

import { applySchemaOverrides, inferSchemaOnly, readTableSource, retypeTable } from '../../../main/engine/table/reading/read-table';
import type { ColumnSchema, TableSchema } from '../../../shared/tabular-schema';
import { everyTypeCsv, tabularTempDir } from './helpers';

const dir = tabularTempDir();
afterAll(() => dir.remove());

const col = (schema: TableSchema, name: string): ColumnSchema => {
  const c = schema.columns.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no column ${name}`);
  return c;
};

describe('readTableSource: type inference', () => {
  it('infers every type, counts missing values and excludes identifier, constant and empty columns', async () => {
    const file = dir.write('every.csv', everyTypeCsv());
    const { schema, table } = await readTableSource(file);
    expect(schema.format).toBe(',');
    expect(schema.rowCount).toBe(80);
    expect(schema.skippedRows).toBe(0);
    expect(schema.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    expect(col(schema, 'id')).toMatchObject({ type: 'integer', role: 'excluded', excludedReason: 'identifier', min: 1, max: 80 });
    expect(col(schema, 'age')).toMatchObject({ type: 'integer', role: 'feature', missing: 8 });
    expect(col(schema, 'height')).toMatchObject({ type: 'float', role: 'feature', missing: 7, decimals: 1 });
    expect(col(schema, 'colour')).toMatchObject({ type: 'categorical', role: 'feature', missing: 6, distinct: 3 });
    expect([...(col(schema, 'colour').categories ?? [])].sort()).toEqual(['blue', 'green', 'red']);
    expect(col(schema, 'member')).toMatchObject({ type: 'boolean', missing: 4, booleanLabels: ['Yes', 'No'] });
    expect(col(schema, 'joined')).toMatchObject({ type: 'datetime', missing: 4, datetimeFormat: 'YYYY-MM-DD' });
    expect(col(schema, 'seen_at')).toMatchObject({ type: 'datetime', missing: 0, datetimeFormat: 'YYYY-MM-DD HH:mm:ss' });
    expect(col(schema, 'country')).toMatchObject({ role: 'excluded', excludedReason: 'constant', distinct: 1 });
    expect(col(schema, 'flag01')).toMatchObject({ type: 'boolean', booleanLabels: ['1', '0'] });
    expect(col(schema, 'empty')).toMatchObject({ role: 'excluded', excludedReason: 'empty', missing: 80 });

    // Auto exclusions are reported, naming file and column.
    for (const name of ['id', 'country', 'empty']) {
      expect(schema.issues.some((i) => i.column === name && i.file === file && i.severity === 'warning')).toBe(true);
    }

    // The table: every column, typed.
    expect(table.columns).toEqual(schema.columns.map((c) => c.name));
    expect(table.rows).toHaveLength(80);
    const row9 = table.rows[8]!; // i = 9: age NA
    expect(row9[0]).toBe(9);
    expect(row9[1]).toBeNull();
    const row1 = table.rows[0]!;
    expect(row1).toEqual([1, 25, 151.3, 'green', false, Date.UTC(2021, 2, 2), Date.UTC(2022, 10, 2, 1, 7, 11), 'NZ', false, null]);
  });

  it('reads integers with few distinct values as categorical, and codes with leading zeros as text', async () => {
    const lines = ['rating,zip,score'];
    for (let i = 0; i < 60; i++) lines.push(`${(i % 5) + 1},0${2100 + (i % 7)},${i * 3}`);
    const { schema, table } = await readTableSource(dir.write('lowcard.csv', lines.join('\n')));
    expect(col(schema, 'rating')).toMatchObject({ type: 'categorical', categories: ['1', '2', '3', '4', '5'] });
    expect(col(schema, 'zip')).toMatchObject({ type: 'categorical', distinct: 7 });
    expect(table.rows[0]).toEqual(['1', '02100', 0]);
    // 0, 3, 6, ... strictly increasing integers but not a contiguous range: still increasing -> identifier.
    expect(col(schema, 'score')).toMatchObject({ type: 'integer', excludedReason: 'identifier' });
  });

  it('detects semicolon and tab delimiters and keeps the same types', async () => {
    for (const [name, delimiter] of [
      ['semi.csv', ';'],
      ['tab.tsv', '\t'],
      ['pipe.txt', '|'],
    ] as const) {
      const { schema } = await readTableSource(dir.write(name, everyTypeCsv(delimiter)));
      expect(schema.format).toBe(delimiter);
      expect(schema.columns).toHaveLength(10);
      expect(col(schema, 'height').type).toBe('float');
      expect(col(schema, 'member').type).toBe('boolean');
    }
  });

  it('reads quoted fields with delimiters, quotes and newlines, CRLF lines and a UTF-8 BOM', async () => {
    const text = '\uFEFFname,comment,n\r\n"Smith, J.","said ""hi""\r\nthen left",1\r\nLee,plain,2\r\n"Ngā",,3\r\n';
    const { schema, table } = await readTableSource(dir.write('quoted.csv', text));
    expect(schema.columns.map((c) => c.name)).toEqual(['name', 'comment', 'n']); // no BOM in the first name
    expect(schema.skippedRows).toBe(0);
    expect(table.rows).toEqual([
      ['Smith, J.', 'said "hi"\r\nthen left', '1'], // 3 distinct integers: categorical
      ['Lee', 'plain', '2'],
      ['Ngā', null, '3'],
    ]);
  });

  it('reads a JSON array of records, with absent keys and nulls as missing', async () => {
    const records = Array.from({ length: 30 }, (_, i) => ({
      species: ['a', 'b', 'c'][i % 3],
      mass: i % 10 === 0 ? null : 3000 + i * 25.5,
      ok: i % 4 === 0,
      ...(i % 7 === 0 ? {} : { note: `n${i % 4}` }),
    }));
    const { schema, table } = await readTableSource(dir.write('records.json', JSON.stringify(records)));
    expect(schema.format).toBe('json');
    expect(schema.columns.map((c) => c.name)).toEqual(['species', 'mass', 'ok', 'note']);
    expect(col(schema, 'mass')).toMatchObject({ type: 'float', missing: 3, decimals: 1 });
    expect(col(schema, 'ok')).toMatchObject({ type: 'boolean', booleanLabels: ['true', 'false'] });
    expect(col(schema, 'note')).toMatchObject({ type: 'categorical', missing: 5 });
    expect(table.rows[1]).toEqual(['b', 3025.5, false, 'n1']);
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await readTableSource(dir.write('progress.csv', everyTypeCsv()), { onProgress: (n) => seen.push(n) });
    expect(seen.at(-1)).toBe(80);
  });
});

describe('overrides', () => {
  it('change type and role while reading, rebuilt from the full statistics', async () => {
    const file = dir.write('override.csv', everyTypeCsv());
    const { schema, table } = await readTableSource(file, {
      overrides: [
        { column: 'age', type: 'categorical' },
        { column: 'id', role: 'feature' },
        { column: 'height', role: 'excluded' },
        { column: 'flag01', type: 'integer' },
        { column: 'member', type: 'categorical' },
      ],
    });
    expect(col(schema, 'age')).toMatchObject({ type: 'categorical', role: 'feature' });
    expect(col(schema, 'age').categories).toHaveLength(new Set(table.rows.map((r) => r[1]).filter((v) => v !== null)).size);
    expect(col(schema, 'id')).toMatchObject({ type: 'integer', role: 'feature' });
    expect(col(schema, 'id').excludedReason).toBeUndefined();
    expect(col(schema, 'height')).toMatchObject({ role: 'excluded', excludedReason: 'user' });
    expect(col(schema, 'flag01')).toMatchObject({ type: 'integer', min: 0, max: 1 });
    expect(table.rows[0]![1]).toBe('25');
    expect(table.rows[0]![4]).toBe('No');
    expect(table.rows[0]![8]).toBe(0);
  });

  it('replaying a schema as overrides (type and role of every column) gives the same schema and table', async () => {
    const lines = ['code,n,k'];
    for (let i = 0; i < 3000; i++) lines.push(`c${(i * 37) % 1500},${i % 4},${i % 2 === 0 ? 'x' : 'y'}`);
    for (const file of [dir.write('replay1.csv', everyTypeCsv()), dir.write('replay2.csv', lines.join('\n'))]) {
      const first = await readTableSource(file);
      const overrides = first.schema.columns.map((c) => ({ column: c.name, type: c.type, role: c.role }));
      const again = await readTableSource(file, { overrides });
      expect(again.schema.columns).toEqual(first.schema.columns);
      expect(again.table).toEqual(first.table);
    }
  });

  it('applySchemaOverrides changes roles and simple types; retypeTable follows', async () => {
    const { schema, table } = await readTableSource(dir.write('override2.csv', everyTypeCsv()));
    const next = applySchemaOverrides(schema, [
      { column: 'height', type: 'integer' },
      { column: 'colour', role: 'excluded' },
      { column: 'id', role: 'feature' },
    ]);
    expect(col(next, 'height')).toMatchObject({ type: 'integer', role: 'feature' });
    expect(col(next, 'colour')).toMatchObject({ role: 'excluded', excludedReason: 'user' });
    expect(col(next, 'id').role).toBe('feature');
    const retyped = retypeTable(table, schema, next);
    expect(retyped.rows[0]![2]).toBe(151); // 151.3 rounded
    expect(() => applySchemaOverrides(schema, [{ column: 'colour', type: 'integer' }])).toThrow(/re-read the file/);
    expect(() => applySchemaOverrides(schema, [{ column: 'nope', role: 'excluded' }])).toThrow(/unknown column 'nope'/);
  });

  it('refuses impossible overrides with the column named', async () => {
    const file = dir.write('override3.csv', everyTypeCsv());
    await expect(readTableSource(file, { overrides: [{ column: 'colour', type: 'float' }] })).rejects.toThrow(/column 'colour' has no numeric values/);
    await expect(readTableSource(file, { overrides: [{ column: 'missing_col', role: 'excluded' }] })).rejects.toThrow(/unknown column 'missing_col'/);
  });
});

describe('reservoir sampling', () => {
  const lines = ['x,g'];
  for (let i = 0; i < 5000; i++) lines.push(`${i},${'abc'[i % 3]}`);
  const text = lines.join('\n');

  it('keeps at most maxRows rows, uniformly, and the schema still sees every row', async () => {
    const file = dir.write('sample.csv', text);
    const { schema, table } = await readTableSource(file, { maxRows: 500, seed: 1, overrides: [{ column: 'x', role: 'feature' }] });
    expect(schema.rowCount).toBe(5000);
    expect(col(schema, 'x')).toMatchObject({ min: 0, max: 4999 });
    expect(table.rows).toHaveLength(500);
    const xs = table.rows.map((r) => r[0] as number);
    expect(xs).toEqual([...xs].sort((a, b) => a - b)); // file order
    expect(new Set(xs).size).toBe(500);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 2499.5)).toBeLessThan(250); // ~3.5 standard errors
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const file = dir.write('sample2.csv', text);
    const a = await readTableSource(file, { maxRows: 100, seed: 7 });
    const b = await readTableSource(file, { maxRows: 100, seed: 7 });
    const c = await readTableSource(file, { maxRows: 100, seed: 8 });
    expect(a.table.rows).toEqual(b.table.rows);
    expect(a.table.rows).not.toEqual(c.table.rows);
  });

  it('inferSchemaOnly keeps no rows', async () => {
    const schema = await inferSchemaOnly(dir.write('sample3.csv', text));
    expect(schema.rowCount).toBe(5000);
    expect(col(schema, 'g').categories).toEqual(['a', 'b', 'c']);
  });
});
