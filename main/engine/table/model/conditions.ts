import type { RowCondition } from '../../../../shared/tabular-config';
import { isNumericType, type CellValue, type ColumnSchema, type TableSchema } from '../../../../shared/tabular-schema';

/**
 * Conditions on generated rows: a column fixed to a value, or a numeric column kept within a
 * range (SDV can only fix exact values). Rows are drawn until enough satisfy every condition.
 */
export type { RowCondition } from '../../../../shared/tabular-config';

export interface CompiledCondition {
  readonly describe: string;
  /** True when the row meets the condition (and, for exact numeric values, writes the exact value in). */
  test(row: CellValue[]): boolean;
}

function numericTarget(column: ColumnSchema, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--where ${column.name}=${value}: ${column.name} is numeric, expected a number`);
  return n;
}

/** Checks each condition against the schema and turns it into a row test; errors name the column and what it accepts. */
export function compileConditions(conditions: readonly RowCondition[], schema: TableSchema): CompiledCondition[] {
  return conditions.map((condition) => {
    const index = schema.columns.findIndex((c) => c.name === condition.column);
    const column = schema.columns[index];
    if (!column) throw new Error(`--where: there is no column "${condition.column}" (columns: ${schema.columns.map((c) => c.name).join(', ')})`);
    if (column.role === 'excluded') throw new Error(`--where: column "${column.name}" is excluded from the model (${column.excludedReason ?? 'by choice'})`);
    const numeric = isNumericType(column.type);
    if (condition.op === 'range') {
      if (!numeric) throw new Error(`--where ${column.name}: ranges apply to numeric columns; ${column.name} is ${column.type}`);
      return {
        describe: `${column.name} in ${condition.min}..${condition.max}`,
        test: (row) => typeof row[index] === 'number' && (row[index] as number) >= condition.min && (row[index] as number) <= condition.max,
      };
    }
    if (numeric) {
      const target = numericTarget(column, condition.value);
      // Accept values near the target (a tenth of the column's spread, or 0.5 for integers), then set it exactly.
      const tolerance = column.type === 'integer' ? 0.5 : Math.max(1e-9, (column.std ?? 1) / 10);
      return {
        describe: `${column.name} = ${target}`,
        test: (row) => {
          const v = row[index];
          if (typeof v !== 'number' || Math.abs(v - target) > tolerance) return false;
          row[index] = target;
          return true;
        },
      };
    }
    if (column.type === 'boolean') {
      const labels = column.booleanLabels ?? ['true', 'false'];
      const wanted = labels.map((l) => l.toLowerCase()).indexOf(condition.value.toLowerCase());
      if (wanted < 0 && !['true', 'false'].includes(condition.value.toLowerCase())) {
        throw new Error(`--where ${column.name}=${condition.value}: expected ${labels.join(' or ')}`);
      }
      const truth = wanted >= 0 ? wanted === 0 : condition.value.toLowerCase() === 'true';
      return { describe: `${column.name} = ${condition.value}`, test: (row) => row[index] === truth };
    }
    const categories = column.categories ?? [];
    if (!categories.includes(condition.value)) {
      throw new Error(`--where ${column.name}=${condition.value}: not a value seen in ${column.name} (seen: ${categories.slice(0, 12).join(', ')}${categories.length > 12 ? ', ...' : ''})`);
    }
    return { describe: `${column.name} = ${condition.value}`, test: (row) => row[index] === condition.value };
  });
}
