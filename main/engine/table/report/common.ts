/**
 * Shared helpers for the tabular quality report: aligning a Table to the schema's feature
 * columns, reading typed cells, seeded subsets, and small statistics.
 *
 * Cell conventions (shared/tabular-schema.ts): integer, float and datetime (epoch ms) cells are
 * numbers; categorical cells are strings; boolean cells are booleans; null is missing. Here a
 * numeric column's cell counts as present only when it is a finite number, and a categorical or
 * boolean cell is compared by its string form (String(true) === 'true'), so a low-cardinality
 * integer column typed categorical works too.
 */
import { isNumericType, type CellValue, type ColumnSchema, type ColumnType, type Table, type TableSchema } from '../../../../shared/tabular-schema';
import { mulberry32, sampleWithoutReplacement } from '../../core/seeded-rng';

/** A table restricted to the schema's feature columns, in schema order (cell j = columns[j]). */
export interface FeatureTable {
  readonly columns: readonly ColumnSchema[];
  readonly rows: readonly (readonly CellValue[])[];
}

/** One synthetic table or several draws from the same model, as a non-empty list. */
export function asDraws(synthetic: FeatureTable | readonly FeatureTable[]): readonly FeatureTable[] {
  const draws = 'rows' in synthetic ? [synthetic] : synthetic;
  if (draws.length === 0) throw new Error('the report needs at least one synthetic table');
  return draws;
}

export { isNumericType };

export function featureColumns(schema: TableSchema): ColumnSchema[] {
  return schema.columns.filter((c) => c.role === 'feature');
}

/**
 * The table's feature columns in schema order, matched by name. Throws when a feature column is
 * absent, naming the table (`label`). Rows are reused without copying when already aligned.
 */
export function featureTable(schema: TableSchema, table: Table, label: string): FeatureTable {
  const columns = featureColumns(schema);
  const where = new Map<string, number>();
  table.columns.forEach((name, i) => {
    if (!where.has(name)) where.set(name, i);
  });
  const index = columns.map((c) => {
    const i = where.get(c.name);
    if (i === undefined) throw new Error(`the ${label} table has no column "${c.name}" (a feature column of the schema)`);
    return i;
  });
  const aligned = index.length === table.columns.length && index.every((v, i) => v === i);
  if (aligned) return { columns, rows: table.rows };
  return { columns, rows: table.rows.map((row) => index.map((i) => row[i] ?? null)) };
}

/** A numeric cell's value, or null when missing (null, non-number, NaN or infinite). */
export function numericCell(cell: CellValue | undefined): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}

/** A categorical / boolean cell as its category label, or null when missing. */
export function categoryCell(cell: CellValue | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number' && Number.isNaN(cell)) return null;
  return String(cell);
}

/** Whether a cell is missing for its column type. */
export function isMissing(cell: CellValue | undefined, type: ColumnType): boolean {
  return isNumericType(type) ? numericCell(cell) === null : categoryCell(cell) === null;
}

/** Column j as a Float64Array with NaN for missing cells (numeric columns). */
export function numericColumn(rows: readonly (readonly CellValue[])[], j: number): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = numericCell(rows[i]![j]) ?? Number.NaN;
  return out;
}

/** The present values of numeric column j. */
export function presentNumbers(rows: readonly (readonly CellValue[])[], j: number): number[] {
  const out: number[] = [];
  for (const row of rows) {
    const v = numericCell(row[j]);
    if (v !== null) out.push(v);
  }
  return out;
}

/** The present labels of categorical / boolean column j. */
export function presentCategories(rows: readonly (readonly CellValue[])[], j: number): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const v = categoryCell(row[j]);
    if (v !== null) out.push(v);
  }
  return out;
}

/** Relative frequencies of labels (empty input: an empty map). */
export function frequencies(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const n = labels.length;
  if (n > 0) for (const [k, v] of counts) counts.set(k, v / n);
  return counts;
}

/**
 * At most `cap` rows, drawn without replacement by a seeded partial Fisher-Yates and kept in
 * their original order; all rows (same array) when there are no more than `cap`.
 */
export function capRows<T>(rows: readonly T[], cap: number, seed: number): { rows: readonly T[]; sampled: boolean } {
  if (rows.length <= cap) return { rows, sampled: false };
  const picked = Array.from(sampleWithoutReplacement(rows.length, cap, mulberry32(seed))).sort((a, b) => a - b);
  return { rows: picked.map((i) => rows[i]!), sampled: true };
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Median (mean of the two middle values for an even count); null for no values. */
export function median(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const h = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}
