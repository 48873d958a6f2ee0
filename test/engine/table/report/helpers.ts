/** Crafted tables and schemas for the quality-report tests. */
import { mulberry32, seededNormal } from '../../../../main/engine/core/seeded-rng';
import type { CellValue, ColumnSchema, ColumnType, Table, TableSchema } from '../../../../shared/tabular-schema';

/** A schema of feature columns (plus excluded ones when given), with only the fields the report reads. */
export function schemaOf(columns: readonly (readonly [string, ColumnType])[], excluded: readonly string[] = []): TableSchema {
  const cols: ColumnSchema[] = columns.map(([name, type]) => ({ name, type, role: 'feature', missing: 0, distinct: 0 }));
  for (const name of excluded) cols.push({ name, type: 'categorical', role: 'excluded', excludedReason: 'identifier', missing: 0, distinct: 0 });
  return { columns: cols, rowCount: 0, skippedRows: 0, issues: [], format: ',', fingerprint: 'test' };
}

export function tableOf(columns: readonly string[], rows: readonly (readonly CellValue[])[]): Table {
  return { columns: [...columns], rows: rows.map((r) => [...r]) };
}

/**
 * A mixed table: x (float, normal), y = 0.8 x + noise (float), n (integer 0..9), c (categorical
 * a/b/c/d, depends on x), flag (boolean), and a class label `label` (3 classes by x + y).
 * Some cells of y and c are missing.
 */
export function mixedTable(n: number, seed: number): { schema: TableSchema; table: Table } {
  const normal = seededNormal(seed);
  const random = mulberry32(seed + 1);
  const names = ['x', 'y', 'n', 'c', 'flag', 'label'] as const;
  const schema = schemaOf([
    ['x', 'float'],
    ['y', 'float'],
    ['n', 'integer'],
    ['c', 'categorical'],
    ['flag', 'boolean'],
    ['label', 'categorical'],
  ]);
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const x = normal();
    const y = 0.8 * x + 0.6 * normal();
    const k = Math.floor(random() * 10);
    const c = x < -0.7 ? 'a' : x < 0 ? 'b' : x < 0.7 ? 'c' : 'd';
    const s = x + y;
    const label = s < -0.8 ? 'low' : s < 0.8 ? 'mid' : 'high';
    rows.push([x, random() < 0.05 ? null : y, k, random() < 0.05 ? null : c, random() < 0.3, label]);
  }
  return { schema, table: tableOf(names, rows) };
}

/** Random rows for the same columns as mixedTable, independent of each other (noise). */
export function noiseLike(n: number, seed: number): Table {
  const normal = seededNormal(seed);
  const random = mulberry32(seed + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([normal(), normal(), Math.floor(random() * 10), pick(['a', 'b', 'c', 'd']), random() < 0.5, pick(['low', 'mid', 'high'])]);
  }
  return tableOf(['x', 'y', 'n', 'c', 'flag', 'label'], rows);
}
