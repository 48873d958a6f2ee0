/** The type a column's profile reads as, before any override (rules: infer-schema.ts). */
import type { ColumnType } from '../../../../shared/tabular-schema';
import { BOOLEAN_PAIRS, parseNumber } from '../reading/cells';
import type { ColumnProfile } from './column-profile';

export const MAJORITY = 0.95;
export const LOW_CARDINALITY_INTEGER = 10;

export /** [true label, false label] when the two values spell a known boolean pair. */
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

export /** The type the rules above pick; integers with few distinct values are told apart (-> categorical). */
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
