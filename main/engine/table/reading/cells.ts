/**
 * Reading one raw cell (a string from the CSV or a JSON value turned into one): what counts as
 * missing, what is a number, what spells a boolean. Shared by schema inference and by typing the
 * training table, so both agree on every cell.
 */

/**
 * Cells read as missing (after trimming surrounding whitespace). Case-sensitive on purpose:
 * 'None' or 'na' may be a real category, these spellings almost never are.
 */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['', 'NA', 'N/A', 'null', 'NULL', 'NaN', 'nan', '?']);

/** Case-insensitive boolean spellings, as [true, false] pairs; a column must use exactly one pair. */
export const BOOLEAN_PAIRS: readonly (readonly [string, string])[] = [
  ['true', 'false'],
  ['yes', 'no'],
  ['y', 'n'],
  ['t', 'f'],
  ['1', '0'],
];

/** Leading/trailing whitespace is never part of a value (', ' separated exports are common). */
export function cleanCell(raw: string): string {
  const n = raw.length;
  if (n === 0) return raw;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(n - 1);
  return first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0 ? raw.trim() : raw;
}

export function isMissing(cell: string): boolean {
  return MISSING_TOKENS.has(cell);
}

/**
 * Decimal numbers: optional sign, no leading zeros ('007' and '02139' are codes, kept as text),
 * optional fraction and exponent. 'Infinity', hex and thousands separators are not numbers.
 */
const NUMBER_RE = /^[+-]?(?:(?:0|[1-9]\d*)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const INTEGER_RE = /^[+-]?(?:0|[1-9]\d*)$/;

export interface ParsedNumber {
  readonly value: number;
  /** Written without fraction or exponent and within the safe integer range. */
  readonly integer: boolean;
  /** Decimals needed to write the value (fraction digits minus exponent), at least 0. */
  readonly decimals: number;
}

/** The number a cell spells, or null. Integers past 2^53 are not numbers (they'd lose digits). */
export function parseNumber(cell: string): ParsedNumber | null {
  const m = NUMBER_RE.exec(cell);
  if (m === null) return null;
  const value = Number(cell);
  if (!Number.isFinite(value)) return null;
  if (INTEGER_RE.test(cell)) {
    return Number.isSafeInteger(value) ? { value, integer: true, decimals: 0 } : null;
  }
  const fraction = (m[1] ?? m[2] ?? '').length;
  const exponent = m[3] === undefined ? 0 : Number(m[3]);
  return { value, integer: false, decimals: Math.max(0, fraction - exponent) };
}

/**
 * A copy of a string that shares no memory with the chunk it was sliced from: V8 keeps the whole
 * parent string alive behind a substring, so values we keep (distinct sets, the sample) are copied.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
