/** Automatic exclusions: empty, constant, identifier and high-cardinality columns (rules: infer-schema.ts). */
import type { ColumnSchema } from '../../../../shared/tabular-schema';
import type { IssueLog } from '../reading/issues';
import type { ColumnProfile } from './column-profile';
import { DISTINCT_CAP } from './column-profile';
import { MAJORITY } from './infer-type';
import { clip } from './messages';

export const IDENTIFIER_MIN_ROWS = 50;

export /** Auto exclusions (each with a warning); a forced type is the user's choice, so only empty / constant apply. */
function autoRole(column: ColumnSchema, profile: ColumnProfile, issues: IssueLog, typeForced: boolean): ColumnSchema {
  const name = column.name;
  const n = profile.nonMissing;
  const exclude = (reason: NonNullable<ColumnSchema['excludedReason']>, message: string): ColumnSchema => {
    issues.add(`excluded:${name}`, { severity: 'warning', column: name, message });
    return { ...column, role: 'excluded', excludedReason: reason };
  };
  if (n === 0) return exclude('empty', `column '${name}' is empty (every cell missing); excluded`);
  if (column.distinct === 1 && !profile.distinct.overflowed) {
    return exclude('constant', `column '${name}' has a single value ('${clip(column.categories?.[0] ?? [...profile.distinct.counts.keys()][0] ?? '')}'); excluded as constant`);
  }
  if (typeForced) return column;

  const text = column.type === 'categorical' && profile.numbers.count < MAJORITY * n;
  const allDistinct = profile.distinct.overflowed ? profile.distinct.estimate() >= 0.97 * n : profile.distinct.counts.size === n;
  const idSequence =
    profile.integers === n &&
    (profile.increasing || (allDistinct && profile.numbers.max - profile.numbers.min + 1 === n));
  if (n > IDENTIFIER_MIN_ROWS && ((text && allDistinct) || idSequence)) {
    const how = profile.distinct.overflowed && !idSequence ? `about ${column.distinct} distinct values in ${n}` : `all ${n} values distinct`;
    return exclude('identifier', `column '${name}' looks like an identifier (${how}); excluded. Override its role to use it`);
  }
  if (text && column.categories === undefined) {
    return exclude(
      'high-cardinality',
      `column '${name}' has about ${column.distinct} distinct text values, too many to model as categories; excluded (suggest leaving it out)`,
    );
  }
  const limit = Math.min(DISTINCT_CAP, Math.max(50, Math.floor(0.05 * n)));
  if (text && column.categories !== undefined && column.categories.length > limit) {
    issues.add(`excluded:${name}`, {
      severity: 'warning',
      column: name,
      message: `column '${name}' has ${column.categories.length} distinct text values (more than ${limit} for ${n} rows); excluded as high-cardinality (suggest leaving it out, or override its role to 'feature')`,
    });
    // The categories stay: an override to 'feature' then needs no re-read.
    return { ...column, role: 'excluded', excludedReason: 'high-cardinality' };
  }
  return column;
}
