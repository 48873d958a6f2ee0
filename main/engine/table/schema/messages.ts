/** How schema issues quote a column's cells and rates. */
import type { CellExample, ColumnProfile } from './column-profile';
import type { IssueLog } from '../reading/issues';

export const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
/** A cell quoted in a message: enough to find it, never a whole 5 MB value. */
export const clip = (value: string): string => (value.length > 60 ? `${value.slice(0, 57)}...` : value);

/** One warning per odd cell kept in the profile, then one for the rest: all are read as missing. */
export function reportOddCells(
  issues: IssueLog,
  profile: ColumnProfile,
  examples: readonly CellExample[],
  total: number,
  expected: string,
): void {
  const kind = `odd:${profile.name}`;
  for (const { row, value } of examples) {
    issues.add(kind, {
      severity: 'warning',
      row,
      column: profile.name,
      message: `column '${profile.name}' row ${row}: expected ${expected}, got '${clip(value)}'; the cell is read as missing`,
    });
  }
  if (total > examples.length) {
    issues.add(kind, {
      severity: 'warning',
      column: profile.name,
      message: `column '${profile.name}': ${total - examples.length} more cells that are not ${expected} were read as missing`,
    });
  }
}
