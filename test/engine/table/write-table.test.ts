/** Writing tables back as CSV / JSON records in the source's own spellings, and reading them again. */
import { readFileSync } from 'node:fs';

import { afterAll, describe, expect, it } from 'vitest';

import { TableEncoder } from '../../../main/engine/table/encoding/encoder';
import { readTableSource } from '../../../main/engine/table/reading/read-table';
import { tableToCsv, tableToJsonRecords } from '../../../main/engine/table/writing/write-table';
import type { TableSchema } from '../../../shared/tabular-schema';
import { everyTypeCsv, tabularTempDir } from './helpers';

const dir = tabularTempDir();
afterAll(() => dir.remove());

describe('tableToCsv', () => {
  it('writes the crafted file back byte for byte (after decode(encode(table)))', async () => {
    const text = everyTypeCsv();
    const { schema, table } = await readTableSource(dir.write('every.csv', text));
    const enc = new TableEncoder(schema, table);
    const decoded = enc.decode(enc.encode(table), table.rows.length);
    // Each column's missing spelling (NA, '', null, ?, N/A) comes back as it was written, as does everything else.
    expect(tableToCsv(decoded, schema)).toBe(text);
  });

  it('quotes fields that need it, writes floats without noise and datetimes in their format', () => {
    const schema: TableSchema = {
      columns: [
        { name: 'name, full', type: 'categorical', role: 'feature', missing: 0, distinct: 2, categories: ['a "b"', 'x\ny'] },
        { name: 'f', type: 'float', role: 'feature', missing: 1, distinct: 2, decimals: 1 },
        { name: 't', type: 'datetime', role: 'feature', missing: 0, distinct: 2, datetimeFormat: 'YYYY/MM/DD' },
        { name: 'b', type: 'boolean', role: 'feature', missing: 0, distinct: 2, booleanLabels: ['Y', 'N'] },
      ],
      rowCount: 2,
      skippedRows: 0,
      issues: [],
      format: ',',
      fingerprint: '',
    };
    const table = {
      columns: ['name, full', 'f', 't', 'b'],
      rows: [
        ['a "b"', 0.1 + 0.2, Date.UTC(2020, 1, 29), true],
        ['x\ny', null, Date.UTC(1999, 11, 31), false],
      ],
    };
    expect(tableToCsv(table, schema)).toBe('"name, full",f,t,b\n"a ""b""",0.3,2020/02/29,Y\n"x\ny",,1999/12/31,N\n');
    expect(tableToCsv(table, schema, { delimiter: ';' })).toBe('name, full;f;t;b\n"a ""b""";0.3;2020/02/29;Y\n"x\ny";;1999/12/31;N\n');
    expect(tableToJsonRecords(table, schema)).toEqual([
      { 'name, full': 'a "b"', f: 0.3, t: '2020/02/29', b: 'Y' },
      { 'name, full': 'x\ny', f: null, t: '1999/12/31', b: 'N' },
    ]);
  });

  it('JSON records keep numbers, JSON booleans and integer categories as numbers', async () => {
    const records = Array.from({ length: 40 }, (_, i) => ({ k: i % 3, ok: i % 2 === 0, v: i + 0.5, s: `s${i % 4}` }));
    const file = dir.write('r.json', JSON.stringify(records));
    const { schema, table } = await readTableSource(file);
    expect(schema.columns[0]).toMatchObject({ name: 'k', type: 'categorical' });
    expect(tableToJsonRecords(table, schema)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});
