/** A training table's cells by column, for fitting codecs. */
import type { CellValue, Table } from '../../../../shared/tabular-schema';

export function columnValues(table: Table, name: string): CellValue[] {
  const j = table.columns.indexOf(name);
  if (j < 0) throw new Error(`the table has no column '${name}'`);
  return table.rows.map((row) => row[j] ?? null);
}

/** Min (sign -1) or max (sign 1) without spreading a long array into arguments; 0 when empty. */
export function extreme(xs: readonly number[], sign: 1 | -1): number {
  let best = xs.length > 0 ? xs[0]! : 0;
  for (const x of xs) if (sign * x > sign * best) best = x;
  return best;
}

export const numbersOf = (values: readonly CellValue[]): number[] => values.filter((v): v is number => typeof v === 'number');
