/** Real tables that ship with the app: vega-datasets penguins (JSON) and seattle-weather (CSV). */
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { TableEncoder } from '../../../main/engine/table/encoding/encoder';
import { readTableSource } from '../../../main/engine/table/reading/read-table';
import type { TableSchema } from '../../../shared/tabular-schema';
import { repoRoot } from '../../helpers/paths';

const data = join(repoRoot, 'node_modules', 'vega-datasets', 'data');
const col = (schema: TableSchema, name: string) => schema.columns.find((c) => c.name === name);

describe('vega-datasets', () => {
  it('penguins.json: species categorical, measurements numeric with missing values', async () => {
    const { schema, table } = await readTableSource(join(data, 'penguins.json'));
    expect(schema.rowCount).toBe(344);
    expect(col(schema, 'Species')).toMatchObject({ type: 'categorical', role: 'feature', categories: ['Adelie', 'Gentoo', 'Chinstrap'] });
    expect(col(schema, 'Island')).toMatchObject({ type: 'categorical', distinct: 3 });
    expect(col(schema, 'Beak Length (mm)')).toMatchObject({ type: 'float', role: 'feature', missing: 2, decimals: 1, min: 32.1, max: 59.6 });
    expect(col(schema, 'Flipper Length (mm)')).toMatchObject({ type: 'integer', missing: 2 });
    expect(col(schema, 'Body Mass (g)')).toMatchObject({ type: 'integer', missing: 2 });
    expect(col(schema, 'Sex')?.type).toBe('categorical');
    expect(col(schema, 'Sex')!.missing).toBeGreaterThan(0);
    const enc = new TableEncoder(schema, table);
    expect(enc.decode(enc.encode(table), table.rows.length)).toEqual(table);
  });

  it('seattle-weather.csv: date datetime, measurements float, weather categorical', async () => {
    const { schema, table } = await readTableSource(join(data, 'seattle-weather.csv'));
    expect(schema.rowCount).toBe(1461);
    expect(schema.format).toBe(',');
    expect(col(schema, 'date')).toMatchObject({ type: 'datetime', datetimeFormat: 'YYYY-MM-DD', min: Date.UTC(2012, 0, 1), max: Date.UTC(2015, 11, 31) });
    for (const name of ['precipitation', 'temp_max', 'temp_min', 'wind']) expect(col(schema, name)).toMatchObject({ type: 'float', role: 'feature', missing: 0 });
    expect(col(schema, 'weather')).toMatchObject({ type: 'categorical', distinct: 5 });
    expect(schema.issues).toEqual([]);
    for (const numeric of ['auto', 'quantile'] as const) {
      const enc = new TableEncoder(schema, table, { numeric });
      expect(enc.decode(enc.encode(table), table.rows.length)).toEqual(table);
    }
  });
});
