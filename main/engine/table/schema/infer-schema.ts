/**
 * Deciding each column's schema from its streaming profile. Rules (in order):
 *
 * - all cells missing -> excluded 'empty'.
 * - boolean: exactly two distinct values spelling one pair, case-insensitive: true/false, yes/no,
 *   y/n, t/f, or exactly '1'/'0' (so 0/1 flag columns are booleans, written back as 1/0).
 * - numeric: >= 95% of non-missing cells are numbers -> 'integer' if every number is written as
 *   an integer, else 'float'. The other cells (at most 5%) are read as missing, with a warning per
 *   cell (row, column, value). Below 95% the column is text, with a warning if >= 50% were numbers.
 * - datetime: >= 95% of cells parse as ISO-like dates (see datetime.ts); odd cells as for numbers.
 *   Format: the most precise one seen (ties: most frequent), so nothing is lost when writing back.
 * - integer columns with <= 10 distinct values -> 'categorical' (ratings, counts, years: the model
 *   then reproduces exactly the seen values and their frequencies).
 * - text -> 'categorical' when distinct <= max(50, 5% of non-missing), and never above 1000.
 * Roles (auto exclusions, each with a warning; any can be overridden):
 * - one distinct value -> 'constant';
 * - more than 50 non-missing cells, all distinct, and text or an integer id sequence (strictly
 *   increasing, or exactly the integers min..max) -> 'identifier';
 * - text above the categorical limit -> 'high-cardinality'.
 * Overrides (ColumnOverride): a type other than the inferred one is forced (cells that don't fit
 * become missing, with warnings; a forced boolean on any two values takes the more frequent as
 * true; categorical needs <= 1000 distinct values) and then only 'empty' / 'constant' exclude
 * automatically. role 'feature' keeps any column; role 'excluded' gives reason 'user' unless the
 * column was excluded anyway. Replaying a saved schema as overrides reproduces it.
 */
import type { ColumnSchema, ColumnType } from '../../../../shared/tabular-schema';
import { parseNumber } from '../reading/cells';
import type { IssueLog } from '../reading/issues';
import { autoRole } from './auto-role';
import type { ColumnProfile } from './column-profile';
import { DISTINCT_CAP } from './column-profile';
import { formatPrecision } from './datetime';
import { booleanLabels, inferType } from './infer-type';
import { clip, pct, reportOddCells } from './messages';
import type { ColumnOverride } from './overrides';

/** Categories (valid for the type), most frequent first; ties keep first-seen order. */
function categoriesOf(profile: ColumnProfile, keep: (value: string) => boolean = () => true): string[] {
  return [...profile.distinct.counts.entries()]
    .filter(([value]) => keep(value))
    .sort((a, b) => b[1] - a[1])
    .map(([value]) => value);
}

function chooseFormat(formats: ReadonlyMap<string, number>): string {
  let best = '';
  let bestKey = [-1, -1];
  for (const [format, count] of formats) {
    const key = [formatPrecision(format), count];
    if (key[0]! > bestKey[0]! || (key[0] === bestKey[0] && key[1]! > bestKey[1]!)) {
      best = format;
      bestKey = key;
    }
  }
  return best;
}

/** Infers (or, with override.type, forces) one column's schema from its profile. */
export function decideColumn(profile: ColumnProfile, issues: IssueLog, override?: ColumnOverride): ColumnSchema {
  const name = profile.name;
  const n = profile.nonMissing;
  const distinct = profile.distinct;
  // Sketched counts can overshoot; strictly increasing numbers are all distinct, exactly.
  const exactlyDistinct = profile.increasing && profile.numbers.count === n;
  const base = {
    name,
    missing: profile.missing,
    ...(profile.missingTokens.size > 0 ? { missingTokens: Object.fromEntries(profile.missingTokens) } : {}),
    distinct: exactlyDistinct ? n : Math.min(distinct.estimate(), n),
  };
  const inferred = inferType(profile);
  // Overriding with the type inference would pick anyway changes nothing (a saved schema replayed).
  const inferredType: ColumnType = inferred === 'low-cardinality-integer' ? 'categorical' : inferred;
  const forced = override?.type !== undefined && override.type !== inferredType ? override.type : undefined;
  const type: ColumnType = forced ?? (inferred === 'low-cardinality-integer' ? 'integer' : inferred);

  if (forced === undefined && type === 'categorical' && n > 0 && profile.numbers.count >= 0.5 * n) {
    const odd = profile.nonNumeric[0];
    issues.add(`mostly-numeric:${name}`, {
      severity: 'warning',
      column: name,
      row: odd?.row,
      message:
        `column '${name}' is ${pct(profile.numbers.count / n)} numbers but has ${profile.nonNumericCount} text cells` +
        (odd === undefined ? '' : ` (first: '${clip(odd.value)}' at row ${odd.row})`) +
        `; read as categorical. Override its type to 'float' to read those cells as missing instead`,
    });
  }

  let column: ColumnSchema;
  let missing = profile.missing;
  switch (type) {
    case 'integer':
    case 'float': {
      if (profile.numbers.count === 0) throw new Error(`column '${name}' has no numeric values; it cannot be ${type}`);
      missing += profile.nonNumericCount;
      if (profile.nonNumericCount > 0) reportOddCells(issues, profile, profile.nonNumeric, profile.nonNumericCount, 'a number');
      const s = profile.numbers;
      const numericKeys = distinct.overflowed ? null : categoriesOf(profile, (v) => parseNumber(v) !== null);
      const round = type === 'integer' ? Math.round : (x: number) => x;
      column = {
        ...base,
        type,
        role: 'feature',
        missing,
        distinct: numericKeys?.length ?? base.distinct,
        min: round(s.min),
        max: round(s.max),
        mean: s.mean,
        std: s.std,
        ...(type === 'float' ? { decimals: Math.min(6, profile.maxDecimals) } : {}),
      };
      // Few distinct integers: categorical keeps exactly the seen values and their frequencies.
      if (inferred === 'low-cardinality-integer' && forced === undefined && numericKeys !== null) {
        column = { ...base, type: 'categorical', role: 'feature', missing, distinct: numericKeys.length, categories: numericKeys };
      }
      break;
    }
    case 'datetime': {
      if (profile.dates.count === 0) throw new Error(`column '${name}' has no dates (expected e.g. 2024-01-31); it cannot be datetime`);
      missing += profile.nonDateCount;
      if (profile.nonDateCount > 0) reportOddCells(issues, profile, profile.nonDate, profile.nonDateCount, 'a date like 2024-01-31');
      const s = profile.dates;
      column = {
        ...base,
        type,
        role: 'feature',
        missing,
        distinct: distinct.overflowed ? base.distinct : profile.dates.count === n ? distinct.counts.size : base.distinct,
        min: s.min,
        max: s.max,
        mean: s.mean,
        std: s.std,
        datetimeFormat: chooseFormat(profile.dateFormats),
      };
      break;
    }
    case 'boolean': {
      const values = distinct.overflowed ? [] : categoriesOf(profile);
      const labels = booleanLabels(values) ?? (values.length === 2 ? ([values[0], values[1]] as [string, string]) : null);
      if (labels === null) throw new Error(`column '${name}' has ${base.distinct} distinct values; a boolean column needs exactly two`);
      column = { ...base, type, role: 'feature', categories: values, booleanLabels: labels, distinct: 2 };
      break;
    }
    case 'categorical': {
      if (distinct.overflowed && forced !== undefined && override?.role !== 'excluded') {
        throw new Error(`column '${name}' has more than ${DISTINCT_CAP} distinct values; it cannot be categorical (exclude it instead)`);
      }
      column = { ...base, type, role: 'feature', ...(distinct.overflowed ? {} : { categories: categoriesOf(profile) }) };
      break;
    }
  }
  if (override?.role === 'feature') {
    if (column.type === 'categorical' && column.categories === undefined) {
      throw new Error(`column '${name}' has more than ${DISTINCT_CAP} distinct values; it cannot be a categorical feature`);
    }
    return column;
  }
  const auto = autoRole(column, profile, issues, forced !== undefined);
  if (override?.role !== 'excluded') return auto;
  // Excluding a column that is excluded anyway keeps the more telling reason (and its decode fill).
  return auto.role === 'excluded' ? auto : { ...column, role: 'excluded', excludedReason: 'user' };
}
