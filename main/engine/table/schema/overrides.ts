/** The user's type / role choices per column, and applying them to a schema without the data. */
import type { ColumnSchema, ColumnType, TableSchema } from '../../../../shared/tabular-schema';
import { DISTINCT_CAP } from './column-profile';

export interface ColumnOverride {
  readonly column: string;
  readonly type?: ColumnType;
  readonly role?: 'feature' | 'excluded';
}

/**
 * Overrides on an existing schema, without the data: role changes always; type changes only
 * where the schema holds all that is needed (integer <-> float, boolean -> categorical, same type).
 * Other type changes throw: re-read with readTableSource(file, { overrides }), which rebuilds the
 * column from the full statistics. Retype an in-memory table with retypeTable (type-cells.ts).
 */
export function applySchemaOverrides(schema: TableSchema, overrides: readonly ColumnOverride[]): TableSchema {
  const byName = new Map(overrides.map((o) => [o.column, o]));
  for (const o of overrides) {
    if (!schema.columns.some((c) => c.name === o.column)) throw new Error(`override for unknown column '${o.column}'`);
  }
  const columns = schema.columns.map((c): ColumnSchema => {
    const o = byName.get(c.name);
    if (o === undefined) return c;
    let col: ColumnSchema = c;
    if (o.type !== undefined && o.type !== c.type) {
      if (c.type === 'integer' && o.type === 'float') col = { ...c, type: 'float', decimals: 0 };
      else if (c.type === 'float' && o.type === 'integer') {
        const { decimals: _d, ...rest } = c;
        col = { ...rest, type: 'integer', min: Math.round(c.min ?? 0), max: Math.round(c.max ?? 0) };
      } else if (c.type === 'boolean' && o.type === 'categorical') {
        const { booleanLabels: _b, ...rest } = c;
        col = { ...rest, type: 'categorical' };
      } else {
        throw new Error(
          `column '${c.name}': changing type from ${c.type} to ${o.type} needs the data; re-read the file with readTableSource(file, { overrides })`,
        );
      }
    }
    if (o.role === 'excluded') return { ...col, role: 'excluded', excludedReason: 'user' };
    if (o.role === 'feature') {
      if (col.type === 'categorical' && col.categories === undefined) {
        throw new Error(`column '${c.name}' has more than ${DISTINCT_CAP} distinct values; it cannot be a categorical feature`);
      }
      const { excludedReason: _r, ...rest } = col;
      return { ...rest, role: 'feature' };
    }
    return col;
  });
  return { ...schema, columns };
}
