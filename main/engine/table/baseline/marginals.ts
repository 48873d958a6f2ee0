/**
 * The copula's per-column marginals, fitted on the training rows: a numeric column (integer,
 * float, datetime as epoch ms) as its empirical quantile function with linear interpolation
 * between knots, or, with few distinct values that repeat, as those values and their frequencies; a
 * categorical or boolean column by frequency. Each maps a present cell to a uniform score in
 * (0, 1) for fitting and a uniform draw back to a cell for sampling. Missing cells are left to
 * the column's missing rate (gaussian-copula.ts).
 */
import { isNumericType, type CellValue, type ColumnSchema } from '../../../../shared/tabular-schema';
import { quantileOfSorted } from '../encoding/quantile-transform';

/** Quantile knots kept for a continuous column: enough for a smooth CDF, small in the JSON. */
const KNOTS = 257;
/** A numeric column with at most this many distinct values, each repeated, is kept exactly (values and frequencies). */
const MAX_DISCRETE = 256;

/** A continuous numeric column: values at probabilities k / (knots - 1); `step` rounds sampled values (1 for integers, 10^-decimals for floats, the finest time unit seen for datetimes). */
export interface ContinuousMarginal {
  readonly kind: 'continuous';
  readonly knots: number[];
  readonly step: number | null;
}

/** Distinct values (numbers, strings or booleans as the cells hold them) with their cumulative probabilities, most frequent first for categories, ascending for numbers. */
export interface DiscreteMarginal {
  readonly kind: 'discrete';
  readonly values: (number | string | boolean)[];
  /** cumulative[i] = P(cell <= values[i]) in the list's order; the last is 1. */
  readonly cumulative: number[];
}

export type Marginal = ContinuousMarginal | DiscreteMarginal;

/** A column with no present training cell: every synthetic cell is missing. */
export interface EmptyMarginal {
  readonly kind: 'empty';
}

const timeUnits = [86_400_000, 3_600_000, 60_000, 1000, 1];

/** The unit a sampled value is rounded to, so integer columns stay integers and dates land on the granularity the data has. */
function roundingStep(column: ColumnSchema, values: readonly number[]): number | null {
  if (column.type === 'integer') return 1;
  if (column.type === 'datetime') return timeUnits.find((u) => values.every((v) => v % u === 0)) ?? 1;
  return column.decimals !== undefined ? 10 ** -column.decimals : null;
}

/** The present cells' values of one column (numbers for numeric columns, the cell itself otherwise). */
function presentValues(column: ColumnSchema, cells: readonly CellValue[]): (number | string | boolean)[] {
  const numeric = isNumericType(column.type);
  const out: (number | string | boolean)[] = [];
  for (const cell of cells) {
    if (cell === null || cell === undefined) continue;
    if (numeric && !(typeof cell === 'number' && Number.isFinite(cell))) continue;
    out.push(cell);
  }
  return out;
}

/** Fits one column's marginal on its training cells. */
export function fitMarginal(column: ColumnSchema, cells: readonly CellValue[]): Marginal | EmptyMarginal {
  const values = presentValues(column, cells);
  if (values.length === 0) return { kind: 'empty' };
  const counts = new Map<number | string | boolean, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const numeric = isNumericType(column.type);
  // Numbers that repeat (each value seen twice or more on average) are kept exactly; mostly unique
  // ones are interpolated, else every sampled value would be a training value (copies on small tables).
  if (!numeric || (counts.size <= MAX_DISCRETE && counts.size * 2 <= values.length)) {
    const entries = [...counts.entries()];
    // Numbers ascending (so ranks follow the order); categories most frequent first, as SDV's frequency encoder does.
    entries.sort(numeric ? (x, y) => (x[0] as number) - (y[0] as number) : (x, y) => y[1] - x[1] || String(x[0]).localeCompare(String(y[0])));
    let running = 0;
    const cumulative = entries.map(([, c]) => (running += c) / values.length);
    cumulative[cumulative.length - 1] = 1;
    return { kind: 'discrete', values: entries.map(([v]) => v), cumulative };
  }
  const sorted = Float64Array.from(values as number[]).sort();
  const knots: number[] = [];
  for (let k = 0; k < KNOTS; k++) knots.push(quantileOfSorted(sorted, k / (KNOTS - 1)));
  return { kind: 'continuous', knots, step: roundingStep(column, values as number[]) };
}

/** The first index i with cumulative[i] > u (binary search), clamped to the last. */
function discreteIndex(cumulative: readonly number[], u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The uniform scores of a column's cells for fitting the correlation (NaN for missing cells).
 * Numbers get their mid-rank (ties share one score); a discrete value a draw from its interval of
 * the CDF (`random`), so categories carry no made-up order beyond their frequencies.
 */
export function uniformScores(marginal: Marginal, column: ColumnSchema, cells: readonly CellValue[], random: () => number): Float64Array {
  const n = cells.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const numeric = isNumericType(column.type);
  const present = (cell: CellValue | undefined): boolean => cell !== null && cell !== undefined && (!numeric || (typeof cell === 'number' && Number.isFinite(cell)));
  if (marginal.kind === 'discrete') {
    const where = new Map(marginal.values.map((v, i) => [v, i] as const));
    for (let i = 0; i < n; i++) {
      const cell = cells[i];
      if (!present(cell)) continue;
      const k = where.get(cell as number | string | boolean);
      if (k === undefined) continue;
      const from = k === 0 ? 0 : marginal.cumulative[k - 1]!;
      out[i] = from + (marginal.cumulative[k]! - from) * (0.001 + 0.998 * random());
    }
    return out;
  }
  const index: number[] = [];
  for (let i = 0; i < n; i++) if (present(cells[i])) index.push(i);
  index.sort((x, y) => (cells[x] as number) - (cells[y] as number));
  const m = index.length;
  for (let start = 0; start < m; ) {
    let end = start + 1;
    while (end < m && cells[index[end]!] === cells[index[start]!]) end++;
    const midRank = (start + end - 1) / 2;
    for (let k = start; k < end; k++) out[index[k]!] = (midRank + 0.5) / m;
    start = end;
  }
  return out;
}

/** A uniform draw u in [0, 1) as a cell of the column: the inverse of its marginal CDF. */
export function inverseMarginal(marginal: Marginal | EmptyMarginal, u: number): CellValue {
  if (marginal.kind === 'empty') return null;
  if (marginal.kind === 'discrete') return marginal.values[discreteIndex(marginal.cumulative, u)]!;
  const knots = marginal.knots;
  const h = u * (knots.length - 1);
  const lo = Math.min(knots.length - 2, Math.floor(h));
  const value = knots[lo]! + (h - lo) * (knots[lo + 1]! - knots[lo]!);
  if (marginal.step === null) return value;
  // Rounding stays inside the real range: the knots' ends are its minimum and maximum.
  const rounded = Math.round(value / marginal.step) * marginal.step;
  const clamped = Math.min(knots[knots.length - 1]!, Math.max(knots[0]!, rounded));
  return marginal.step < 1 ? Number(clamped.toFixed(Math.round(-Math.log10(marginal.step)))) : clamped;
}
