/**
 * Writing a typed table (real or synthetic) the way its source looked: datetimes in the input's
 * format, booleans with the input's labels, floats rounded to the column's decimals (no float
 * noise like 0.30000000000000004), missing cells as the input's own token (CSV: '?', 'NA', '' ...)
 * or null (JSON, Parquet: typed formats have a missing value of their own). Parquet is elsewhere.
 */
import type { CellValue, ColumnSchema, Table, TableSchema } from '../../../../shared/tabular-schema';
import { cellToText } from '../reading/type-cells';

export interface CsvWriteOptions {
  /** Default ','. */
  readonly delimiter?: string;
  /** Default '\n'. */
  readonly newline?: string;
}

function columnsOf(table: Table, schema: TableSchema): ColumnSchema[] {
  const byName = new Map(schema.columns.map((c) => [c.name, c]));
  return table.columns.map((name) => {
    const col = byName.get(name);
    if (col === undefined) throw new Error(`the schema has no column '${name}'`);
    return col;
  });
}

/**
 * Quotes a field when a reader would otherwise split or change it: delimiter, quote or line
 * break inside, or surrounding spaces (which many readers, ours included, trim).
 */
function csvField(text: string, delimiter: string): string {
  const needs = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return needs ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableToCsv(table: Table, schema: TableSchema, options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const newline = options.newline ?? '\n';
  const cols = columnsOf(table, schema);
  const lines = [table.columns.map((name) => csvField(name, delimiter)).join(delimiter)];
  for (const row of table.rows) {
    lines.push(cols.map((col, j) => csvField(cellToText(row[j] ?? null, col), delimiter)).join(delimiter));
  }
  return lines.join(newline) + newline;
}

export type JsonCell = string | number | boolean | null;

const CANONICAL_INTEGER = /^-?(?:0|[1-9]\d*)$/;

/** How one column's values go into JSON, following what the source most likely held. */
function jsonWriter(col: ColumnSchema): (value: CellValue) => JsonCell {
  switch (col.type) {
    case 'integer':
    case 'float':
      return (v) => (typeof v === 'number' ? Number(cellToText(v, col)) : null);
    case 'datetime':
      return (v) => (v === null ? null : cellToText(v, col));
    case 'boolean': {
      const [t, f] = (col.booleanLabels ?? ['true', 'false']).map((s) => s.toLowerCase());
      if (t === 'true' && f === 'false') return (v) => (v === null ? null : v === true);
      if (t === '1' && f === '0') return (v) => (v === null ? null : v === true ? 1 : 0);
      return (v) => (v === null ? null : cellToText(v, col));
    }
    case 'categorical': {
      // Low-cardinality integer columns became categories: give them back as numbers.
      const numeric = col.categories !== undefined && col.categories.length > 0 && col.categories.every((c) => CANONICAL_INTEGER.test(c));
      return (v) => (v === null ? null : numeric ? Number(v) : String(v));
    }
  }
}

/** Records ([{column: value}, ...]) ready for JSON.stringify. */
export function tableToJsonRecords(table: Table, schema: TableSchema): Record<string, JsonCell>[] {
  const writers = columnsOf(table, schema).map(jsonWriter);
  return table.rows.map((row) => {
    const record: Record<string, JsonCell> = {};
    table.columns.forEach((name, j) => {
      record[name] = writers[j]!(row[j] ?? null);
    });
    return record;
  });
}
