import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Table, TableSchema } from '../../../../shared/tabular-schema';
import { tableToCsv, tableToJsonRecords } from './write-table';
import { formatDatetime } from '../schema/datetime';

export type TableFormat = 'csv' | 'parquet' | 'json';

export function formatOf(file: string): TableFormat {
  const ext = file.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'parquet' || ext === 'json') return ext;
  throw new Error(`${file}: the output must end in .csv, .parquet or .json`);
}

/**
 * Parquet: integers as INT32 (DOUBLE past 32 bits), floats as DOUBLE, booleans as BOOLEAN,
 * categories as STRING, datetimes as STRING in the input's own format (as in the CSV).
 */
function toParquet(table: Table, schema: TableSchema): Uint8Array {
  const columnData = schema.columns.map((column, j) => {
    const values = table.rows.map((row) => row[j] ?? null);
    switch (column.type) {
      case 'integer': {
        const fits = values.every((v) => v === null || (typeof v === 'number' && Math.abs(v) < 2 ** 31));
        return { name: column.name, data: values, type: fits ? ('INT32' as const) : ('DOUBLE' as const) };
      }
      case 'float':
        return { name: column.name, data: values, type: 'DOUBLE' as const };
      case 'boolean':
        return { name: column.name, data: values, type: 'BOOLEAN' as const };
      case 'datetime':
        return { name: column.name, data: values.map((v) => (typeof v === 'number' ? formatDatetime(v, column.datetimeFormat ?? 'YYYY-MM-DD') : null)), type: 'STRING' as const };
      default:
        return { name: column.name, data: values.map((v) => (v === null ? null : String(v))), type: 'STRING' as const };
    }
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}

export function serializeTable(table: Table, schema: TableSchema, format: TableFormat): Uint8Array | string {
  switch (format) {
    case 'csv':
      return tableToCsv(table, schema);
    case 'json':
      return JSON.stringify(tableToJsonRecords(table, schema), null, 1);
    case 'parquet':
      return toParquet(table, schema);
  }
}
