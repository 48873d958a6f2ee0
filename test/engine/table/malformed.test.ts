/** Bad input: every case gets an error or a warning naming the file, the row and the column. */
import { afterAll, describe, expect, it } from 'vitest';

import { readTableSource } from '../../../main/engine/table/reading/read-table';
import { tabularTempDir } from './helpers';

const dir = tabularTempDir();
afterAll(() => dir.remove());

describe('files that cannot be read', () => {
  it('an empty file, or only whitespace', async () => {
    const file = dir.write('empty.csv', '');
    await expect(readTableSource(file)).rejects.toThrow(`${file}: the file is empty`);
    const blank = dir.write('blank.csv', '\uFEFF\n\n  \n');
    await expect(readTableSource(blank)).rejects.toThrow(`${blank}: the file is empty`);
  });

  it('a header without data rows', async () => {
    const file = dir.write('header-only.csv', 'a,b,c\n');
    await expect(readTableSource(file)).rejects.toThrow(`${file}: the file has a header but no data rows`);
  });

  it('a header with a duplicate name, naming it and both positions', async () => {
    const file = dir.write('dup.csv', 'a,b,a\n1,2,3\n');
    await expect(readTableSource(file)).rejects.toThrow(`${file}: the header names column 'a' twice (positions 1 and 3)`);
  });

  it('a header with an empty name, naming its position', async () => {
    const file = dir.write('empty-name.csv', 'a,,c\n1,2,3\n');
    await expect(readTableSource(file)).rejects.toThrow(`${file}: the header has an empty column name at position 2 (after 'a')`);
  });

  it('binary junk: NUL bytes, invalid UTF-8, UTF-16', async () => {
    const zip = dir.write('junk.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x61]));
    await expect(readTableSource(zip)).rejects.toThrow(`${zip}: not a text CSV: binary data (a NUL byte at byte 5)`);
    const latin = dir.write('latin1.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xe9, 0xe8, 0xff, 0x2c, 0x31, 0x0a]));
    await expect(readTableSource(latin)).rejects.toThrow(/latin1\.csv: not a text CSV: the first 10 bytes are not valid UTF-8/);
    const utf16 = dir.write('utf16.csv', Buffer.from('\uFEFFa,b\n1,2\n', 'utf16le'));
    await expect(readTableSource(utf16)).rejects.toThrow(/utf16\.csv: not a text CSV in UTF-8: it is UTF-16/);
  });

  it('a Latin-1 byte after the first kilobyte: a warning naming its row and column, the rest read', async () => {
    const lines = ['id,city,n'];
    for (let i = 1; i <= 200; i++) lines.push(`${i},town${i % 7},${i * 3}`);
    const text = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    // Row 120's city becomes "town1\xe9" (Latin-1 e-acute), well past the 1 KB checked up front.
    const at = text.indexOf('120,town1,') + '120,town1'.length;
    const file = dir.write('late-latin1.csv', Buffer.concat([text.subarray(0, at), Buffer.from([0xe9]), text.subarray(at)]));
    const { schema } = await readTableSource(file);
    expect(at).toBeGreaterThan(1024);
    expect(schema.rowCount).toBe(200);
    expect(schema.issues).toContainEqual({ file, severity: 'warning', row: 120, column: 'city', message: "bytes that are not valid UTF-8 (first at row 120, column 'city') were replaced by '\uFFFD'; save the file as UTF-8" });
  });

  it('JSON that is not an array of records, or too big', async () => {
    const obj = dir.write('obj.json', '{"a": 1}');
    await expect(readTableSource(obj)).rejects.toThrow(`${obj}: expected a JSON array of records`);
    const bad = dir.write('bad.json', '[{"a": 1},');
    await expect(readTableSource(bad)).rejects.toThrow(`${bad}: not valid JSON`);
    const none = dir.write('none.json', '[]');
    await expect(readTableSource(none)).rejects.toThrow(`${none}: the JSON array is empty`);
    const big = dir.write('big.json', JSON.stringify([{ a: 1 }, { a: 2 }]));
    await expect(readTableSource(big, { maxJsonBytes: 10 })).rejects.toThrow(/big\.json: the JSON file is 0\.0 MB; JSON is read whole and is limited to/);
  });
});

describe('rows and cells that are skipped or read as missing, reported', () => {
  it('ragged rows are skipped, counted and reported with file, row and the expected width', async () => {
    const lines = ['a,b,c'];
    for (let i = 1; i <= 100; i++) lines.push(i % 4 === 0 ? `${i},x` : i === 50 ? `${i},x,y,z` : `${i},${i % 3},${i * 2}`);
    const file = dir.write('ragged.csv', lines.join('\n'));
    const { schema, table } = await readTableSource(file);
    expect(schema.skippedRows).toBe(26);
    expect(schema.rowCount).toBe(74);
    expect(table.rows).toHaveLength(74);
    expect(schema.issues[0]).toEqual({ file, severity: 'warning', row: 4, message: 'row 4 has 2 fields, expected 3 as in the header; the row is skipped' });
    expect(schema.issues.find((i) => i.row === 50)?.message).toBe('row 50 has 4 fields, expected 3 as in the header; the row is skipped');
    // 20 kept per kind, then one summary: nothing hidden, the list stays short.
    const ragged = schema.issues.filter((i) => /expected 3 as in the header/.test(i.message));
    expect(ragged).toHaveLength(20);
    expect(schema.issues.some((i) => i.message === '... and 6 more row-width issues like the above')).toBe(true);
  });

  it('every row ragged is an error naming the file', async () => {
    const file = dir.write('all-ragged.csv', 'a,b\n1\n2\n');
    await expect(readTableSource(file)).rejects.toThrow(`${file}: none of the 2 data rows could be read (row 1 has 1 field, expected 2`);
  });

  it('a few text cells in a numeric column are read as missing, each named', async () => {
    const lines = ['x,y'];
    for (let i = 1; i <= 100; i++) lines.push(`${i === 30 ? 'abc' : i === 70 ? '12,5' : (i * 1.5).toFixed(1)},${i % 3}`);
    // '12,5' is quoted so it stays one field (a decimal comma).
    const file = dir.write('text-in-numeric.csv', lines.join('\n').replace('12,5', '"12,5"'));
    const { schema, table } = await readTableSource(file);
    const x = schema.columns[0]!;
    expect(x).toMatchObject({ name: 'x', type: 'float', missing: 2 });
    expect(schema.issues).toContainEqual({
      file,
      severity: 'warning',
      row: 30,
      column: 'x',
      message: "column 'x' row 30: expected a number, got 'abc'; the cell is read as missing",
    });
    expect(schema.issues.some((i) => i.row === 70 && i.column === 'x' && i.message.includes("'12,5'"))).toBe(true);
    expect(table.rows[29]![0]).toBeNull();
  });

  it('a column with many text cells becomes categorical, with a warning on how to override', async () => {
    const lines = ['x'];
    for (let i = 1; i <= 40; i++) lines.push(i % 4 === 0 ? 'low' : String(i % 7));
    const file = dir.write('mostly-numeric.csv', lines.join('\n'));
    const { schema } = await readTableSource(file);
    expect(schema.columns[0]!.type).toBe('categorical');
    const warning = schema.issues.find((i) => i.column === 'x');
    expect(warning).toMatchObject({ file, row: 4, severity: 'warning' });
    expect(warning?.message).toMatch(/column 'x' is 75\.0% numbers but has 10 text cells \(first: 'low' at row 4\)/);
  });

  it('an odd cell in a datetime column is read as missing, named', async () => {
    const lines = ['when,v'];
    for (let i = 1; i <= 40; i++) lines.push(`${i === 12 ? '2021-02-30' : `2021-01-${String((i % 28) + 1).padStart(2, '0')}`},${i}`);
    const file = dir.write('odd-date.csv', lines.join('\n'));
    const { schema } = await readTableSource(file);
    expect(schema.columns[0]).toMatchObject({ type: 'datetime', missing: 1 });
    expect(schema.issues).toContainEqual(expect.objectContaining({ file, row: 12, column: 'when', message: expect.stringContaining("got '2021-02-30'") }));
  });

  it('100,000 distinct strings: warned about and excluded, in bounded memory', async () => {
    const parts: string[] = ['key,value,n\n'];
    for (let i = 0; i < 150_000; i++) parts.push(`k${(i * 7919) % 100_000}-${'x'.repeat(8)},${i % 10},${i % 3}\n`);
    const file = dir.write('distinct.csv', parts.join(''));
    const { schema } = await readTableSource(file, { maxRows: 1000 });
    const key = schema.columns[0]!;
    expect(key).toMatchObject({ name: 'key', role: 'excluded', excludedReason: 'high-cardinality' });
    expect(key.categories).toBeUndefined();
    expect(Math.abs(key.distinct - 100_000)).toBeLessThan(5000); // sketched, ~1.6% error
    const warning = schema.issues.find((i) => i.column === 'key');
    expect(warning?.file).toBe(file);
    expect(warning?.message).toMatch(/column 'key' has about \d+ distinct text values, too many to model as categories; excluded \(suggest leaving it out\)/);
    // The same column all distinct is an identifier.
    const ids: string[] = ['key,n\n'];
    for (let i = 0; i < 100_000; i++) ids.push(`id-${i.toString(36)}-abcdef,${i % 3}\n`);
    const idSchema = (await readTableSource(dir.write('ids.csv', ids.join('')), { maxRows: 100 })).schema;
    expect(idSchema.columns[0]).toMatchObject({ role: 'excluded', excludedReason: 'identifier' });
  });

  it('blank lines are ignored with a warning; an unterminated quote ends the read naming its row', async () => {
    const file = dir.write('blank-lines.csv', 'a,b\n1,2\n\n3,4\n5,6\n7,8\n\n\n');
    const { schema } = await readTableSource(file);
    expect(schema.issues.some((i) => i.message === '1 blank lines were ignored')).toBe(true);
    const open = dir.write('open-quote.csv', 'a,b\n1,2\n\n3,4\n5,"6\n7,8\n\n\n');
    await expect(readTableSource(open)).rejects.toThrow('unterminated quote starting near row 4');
  });

  it('JSON elements that are not records are skipped and reported', async () => {
    const file = dir.write('mixed.json', JSON.stringify([{ a: 1 }, 5, { a: 2 }, null, { a: 3, b: 'x' }]));
    const { schema, table } = await readTableSource(file);
    expect(schema.skippedRows).toBe(2);
    expect(schema.issues).toContainEqual({ file, severity: 'warning', row: 2, message: 'record 2 is number, expected an object with fields; the record is skipped' });
    expect(table.rows).toHaveLength(3);
  });
});
