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
import type { ColumnSchema, ColumnType, TableSchema } from '../../../../shared/tabular-schema';
import { BOOLEAN_PAIRS, parseNumber } from '../reading/cells';
import type { CellExample, ColumnProfile } from './column-profile';
import { DISTINCT_CAP } from './column-profile';
import { formatPrecision } from './datetime';
import type { IssueLog } from '../reading/issues';

export const MAJORITY = 0.95;
export const IDENTIFIER_MIN_ROWS = 50;
export const LOW_CARDINALITY_INTEGER = 10;

export interface ColumnOverride {
  readonly column: string;
  readonly type?: ColumnType;
  readonly role?: 'feature' | 'excluded';
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
/** A cell quoted in a message: enough to find it, never a whole 5 MB value. */
const clip = (value: string): string => (value.length > 60 ? `${value.slice(0, 57)}...` : value);

/** Categories (valid for the type), most frequent first; ties keep first-seen order. */
function categoriesOf(profile: ColumnProfile, keep: (value: string) => boolean = () => true): string[] {
  return [...profile.distinct.counts.entries()]
    .filter(([value]) => keep(value))
    .sort((a, b) => b[1] - a[1])
    .map(([value]) => value);
}

/** [true label, false label] when the two values spell a known boolean pair. */
function booleanLabels(values: readonly string[]): [string, string] | null {
  if (values.length !== 2) return null;
  const [a, b] = values as [string, string];
  for (const [t, f] of BOOLEAN_PAIRS) {
    const exact = t === '1'; // '1'/'0' only as written, not '1.0'
    const la = exact ? a : a.toLowerCase();
    const lb = exact ? b : b.toLowerCase();
    if (la === t && lb === f) return [a, b];
    if (la === f && lb === t) return [b, a];
  }
  return null;
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

function reportOddCells(
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

/** Infers (or, with override.type, forces) one column's schema from its profile. */
export function decideColumn(profile: ColumnProfile, issues: IssueLog, override?: ColumnOverride): ColumnSchema {
  const name = profile.name;
  const n = profile.nonMissing;
  const distinct = profile.distinct;
  // Sketched counts can overshoot; strictly increasing numbers are all distinct, exactly.
  const exactlyDistinct = profile.increasing && profile.numbers.count === n;
  const base = { name, missing: profile.missing, distinct: exactlyDistinct ? n : Math.min(distinct.estimate(), n) };
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

/** The type the rules above pick; integers with few distinct values are told apart (-> categorical). */
function inferType(profile: ColumnProfile): ColumnType | 'low-cardinality-integer' {
  const n = profile.nonMissing;
  const distinct = profile.distinct;
  if (n === 0) return 'categorical';
  if (!distinct.overflowed && booleanLabels([...distinct.counts.keys()]) !== null) return 'boolean';
  if (profile.numbers.count >= MAJORITY * n) {
    if (profile.integers !== profile.numbers.count) return 'float';
    const keys = distinct.overflowed ? Infinity : [...distinct.counts.keys()].filter((v) => parseNumber(v) !== null).length;
    return keys <= LOW_CARDINALITY_INTEGER ? 'low-cardinality-integer' : 'integer';
  }
  if (profile.dates.count >= MAJORITY * n) return 'datetime';
  return 'categorical';
}

/** Auto exclusions (each with a warning); a forced type is the user's choice, so only empty / constant apply. */
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
