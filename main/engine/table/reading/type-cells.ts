/**
 * Turning raw cells into typed values per the schema (number, string, boolean, epoch ms, or null
 * for missing), and back to text. The same rules as inference: a cell that does not fit its
 * column's type is missing (inference already warned about it, naming the row).
 */
import { missingTokenOf, type CellValue, type ColumnSchema, type Table, type TableSchema } from '../../../../shared/tabular-schema';
import { cleanCell, isMissing, parseNumber } from './cells';
import { formatDatetime, parseDatetime } from '../schema/datetime';

export type CellTyper = (raw: string) => CellValue;

export function makeCellTyper(column: ColumnSchema): CellTyper {
  const read = (raw: string): string | null => {
    const cell = cleanCell(raw);
    return isMissing(cell) ? null : cell;
  };
  switch (column.type) {
    case 'integer':
      // Math.round: a float column overridden to integer rounds its values.
      return (raw) => {
        const cell = read(raw);
        const num = cell === null ? null : parseNumber(cell);
        return num === null ? null : Math.round(num.value);
      };
    case 'float':
      return (raw) => {
        const cell = read(raw);
        return cell === null ? null : (parseNumber(cell)?.value ?? null);
      };
    case 'datetime':
      return (raw) => {
        const cell = read(raw);
        return cell === null ? null : (parseDatetime(cell)?.ms ?? null);
      };
    case 'boolean': {
      const [t, f] = column.booleanLabels ?? ['true', 'false'];
      const lt = t.toLowerCase();
      const lf = f.toLowerCase();
      return (raw) => {
        const cell = read(raw)?.toLowerCase();
        return cell === lt ? true : cell === lf ? false : null;
      };
    }
    case 'categorical': {
      const known = column.categories === undefined ? null : new Set(column.categories);
      return (raw) => {
        const cell = read(raw);
        return cell === null || (known !== null && !known.has(cell)) ? null : cell;
      };
    }
  }
}

/**
 * A typed value as its column writes it: datetimes in their format, booleans with their labels,
 * missing as the input's own token ('?', 'NA', '' ...; a reader takes every one back as missing).
 */
export function cellToText(value: CellValue, column: ColumnSchema): string {
  if (value === null) return missingTokenOf(column);
  if (typeof value === 'boolean') {
    const [t, f] = column.booleanLabels ?? ['true', 'false'];
    return value ? t : f;
  }
  if (typeof value === 'number') {
    if (column.type === 'datetime') return formatDatetime(value, column.datetimeFormat ?? 'YYYY-MM-DDTHH:mm:ss.SSSZ');
    // Floats with exactly the column's decimals (162.0 stays 162.0, as fixed-format CSVs write it).
    if (column.type === 'float' && column.decimals !== undefined) return roundTo(value, column.decimals).toFixed(column.decimals);
    return String(value);
  }
  return value;
}

/** Rounds to d decimals without float noise (integer / 10^d is the nearest double to the decimal). */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/**
 * Re-types an in-memory table from one schema to another (after applySchemaOverrides): each cell
 * is written as text under its old column and read under the new one. Columns match by name.
 */
export function retypeTable(table: Table, from: TableSchema, to: TableSchema): Table {
  const fromCols = new Map(from.columns.map((c) => [c.name, c]));
  const index = new Map(table.columns.map((name, i) => [name, i]));
  const plans = to.columns.map((col) => {
    const i = index.get(col.name);
    const old = fromCols.get(col.name);
    if (i === undefined || old === undefined) throw new Error(`retypeTable: column '${col.name}' is not in the table`);
    return { i, old, typer: makeCellTyper(col) };
  });
  const rows = table.rows.map((row) => plans.map(({ i, old, typer }) => typer(cellToText(row[i] ?? null, old))));
  return { columns: to.columns.map((c) => c.name), rows };
}
